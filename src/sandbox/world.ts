import type { Clock } from '../clock.js';
import type { Region } from '../regions.js';
import { CallLog } from './call-log.js';
import type { SandboxEdition } from './editions.js';
import { FaultInjector, type FaultOptions } from './faults.js';
import { PartySequence } from './generator/parties.js';
import { ProductSequence } from './generator/products.js';
import { IdSource } from './ids.js';
import { OrgLimiter, type LimitOptions } from './limits.js';
import type { FinanceOrgState, FsmOrgState, OrgState } from './org-state.js';
import { streamFor } from './random.js';
import { TokenRegistry } from './token-registry.js';
import type { SandboxClient, UndocumentedBehaviour } from './options.js';

/** A Zoho user of the sandbox. */
export interface UserState {
  readonly email: string;
  readonly name: string;
  readonly userId: string;
  readonly region: Region;
  readonly refreshToken: string;
  readonly clientId: string;
  /** Books and Invoice orgs, in creation order. */
  readonly financeOrgIds: string[];
  fsmOrgId: string | undefined;
}

/**
 * Everything the sandbox holds, shared by the handlers, the inspection API and the generator:
 * users, organisations and their records, tokens, limits, faults, the call log.
 */
export class SandboxWorld {
  readonly seed: number;
  readonly clock: Clock;
  readonly ids = new IdSource();
  readonly calls = new CallLog();
  readonly tokens: TokenRegistry;
  readonly limiter: OrgLimiter;
  readonly faults: FaultInjector;
  readonly clients: readonly SandboxClient[];
  readonly latencyMs: number;
  /** Behaviour beyond Zoho's published description, resolved (see `SandboxOptions.undocumented`). */
  readonly undocumented: Readonly<Required<UndocumentedBehaviour>>;
  readonly users = new Map<string, UserState>();
  readonly orgs = new Map<string, OrgState>();
  readonly #parties = new Map<SandboxEdition, PartySequence>();
  readonly #products = new Map<SandboxEdition, ProductSequence>();

  constructor(init: {
    seed: number;
    clock: Clock;
    clients: readonly SandboxClient[];
    limits: LimitOptions;
    faults: FaultOptions;
    latencyMs: number;
    undocumented?: UndocumentedBehaviour | undefined;
  }) {
    this.seed = init.seed;
    this.clock = init.clock;
    this.clients = init.clients;
    this.latencyMs = init.latencyMs;
    const params = init.undocumented?.params ?? 'honour';
    // Ignoring every undeclared parameter ignores sort_order, which is one of them.
    const sortOrder = params === 'ignore' ? 'ignore' : (init.undocumented?.sortOrder ?? 'honour');
    this.undocumented = Object.freeze({ sortOrder, itemTimestamps: init.undocumented?.itemTimestamps ?? 'include', params });
    this.tokens = new TokenRegistry(streamFor(init.seed, 'tokens'), init.clock);
    this.limiter = new OrgLimiter(init.limits, init.clock);
    this.faults = new FaultInjector(init.faults, init.seed);
  }

  now(): number {
    return this.clock.now();
  }

  /** The user with this email (case-insensitive). */
  user(email: string): UserState | undefined {
    return this.users.get(email.toLowerCase());
  }

  financeOrg(organizationId: string): FinanceOrgState | undefined {
    const org = this.orgs.get(organizationId);
    return org?.kind === 'finance' ? org : undefined;
  }

  fsmOrg(organizationId: string): FsmOrgState | undefined {
    const org = this.orgs.get(organizationId);
    return org?.kind === 'fsm' ? org : undefined;
  }

  /** The user's Books or Invoice orgs, deleted ones included. */
  financeOrgsOf(user: UserState, app: 'books' | 'invoice'): FinanceOrgState[] {
    return user.financeOrgIds.map((id) => this.financeOrg(id)).filter((o): o is FinanceOrgState => o?.app === app);
  }

  /** The shared customer sequence of an edition (same seed → same customers). */
  parties(edition: SandboxEdition): PartySequence {
    let sequence = this.#parties.get(edition);
    if (!sequence) {
      sequence = new PartySequence(streamFor(this.seed, `parties:${edition}`), edition);
      this.#parties.set(edition, sequence);
    }
    return sequence;
  }

  /** The shared product sequence of an edition. */
  products(edition: SandboxEdition): ProductSequence {
    let sequence = this.#products.get(edition);
    if (!sequence) {
      sequence = new ProductSequence(streamFor(this.seed, `products:${edition}`), edition);
      this.#products.set(edition, sequence);
    }
    return sequence;
  }
}
