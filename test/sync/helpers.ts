import { IntegrationClient } from '../../src/client/integration-client.js';
import { FieldMapper, type SyncType } from '../../src/mapping/index.js';
import { ManualClock } from '../../src/manual-clock.js';
import type { Region } from '../../src/regions.js';
import { createSandbox, type FinanceOrgInit, type LimitOptions, type RecordCounts, type Sandbox, type SandboxEdition } from '../../src/sandbox/index.js';
import type { TaxEdition } from '../../src/schemas/edition-codes.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import type { Storage } from '../../src/storage/storage.js';
import { BidirectionalSyncer, type BidirectionalSyncerOptions, zohoFinanceSource, zohoFsmSource } from '../../src/sync/index.js';
import { createKyTransport } from '../../src/transport/ky-transport.js';

/** A sandbox with one Books org and one FSM org of an edition, a client on both, storage and a mapper. */
export interface SyncWorld {
  sandbox: Sandbox;
  clock: ManualClock;
  client: IntegrationClient;
  books: string;
  fsm: string;
  storage: Storage;
  mapper: FieldMapper;
  /** A syncer over the world's storage (a new one per call: like a new process). */
  syncer(options?: Partial<BidirectionalSyncerOptions>): BidirectionalSyncer;
}

export interface SyncWorldOptions {
  edition?: SandboxEdition & TaxEdition;
  syncType?: SyncType;
  /** FSM org records. Default: 4 customers, 3 items. */
  fsmRecords?: RecordCounts;
  /** Books org records. Default: the same parties as FSM shifted by `offset` 2 (two shared, two each). */
  booksRecords?: RecordCounts;
  books?: Omit<FinanceOrgInit, 'records' | 'edition'>;
  limits?: LimitOptions;
  seed?: number;
  storage?: Storage;
}

const REGION_OF: Partial<Record<TaxEdition, Region>> = { in: 'in', uk: 'uk', us: 'us', au: 'au', de: 'eu', ca: 'ca' };

export function syncWorld(options: SyncWorldOptions = {}): SyncWorld {
  const edition = options.edition ?? 'us';
  const region = REGION_OF[edition] ?? 'us';
  const clock = new ManualClock({ autoAdvance: true });
  const sandbox = createSandbox({
    seed: options.seed ?? 5,
    clock,
    ...(options.limits ? { limits: options.limits } : {}),
    users: [{
      email: 'sync@example.com',
      region,
      books: [{ edition, ...options.books, records: options.booksRecords ?? { customers: 4, items: 3, offset: 2 } }],
      fsm: { edition, records: options.fsmRecords ?? { customers: 4, items: 3 } },
    }],
  });
  const books = sandbox.orgs({ app: 'books' })[0]?.organizationId;
  const fsm = sandbox.orgs({ app: 'fsm' })[0]?.organizationId;
  if (books === undefined || fsm === undefined) throw new Error('sandbox orgs missing');
  const { clientId, clientSecret, refreshToken } = sandbox.credentials();
  const client = new IntegrationClient({
    region,
    finance: { app: 'books', organizationId: books },
    auth: { clientId, clientSecret, refreshToken },
    transport: createKyTransport({ fetch: sandbox.fetch }),
    clock,
    retry: { random: () => 0.5 },
  });
  const storage = options.storage ?? new MemoryStorage();
  const mapper = new FieldMapper({ storage, syncType: options.syncType ?? 'I', edition });
  const fsmSource = zohoFsmSource(client);
  const financeSource = zohoFinanceSource(client);
  return {
    sandbox, clock, client, books, fsm, storage, mapper,
    syncer: (extra = {}) => new BidirectionalSyncer({ storage, mapper, fsm: fsmSource, finance: financeSource, clock, ...extra }),
  };
}

/** Finance customers of a sub type, as the API shows them. */
export function customers(world: SyncWorld, subType: 'business' | 'individual' = 'business'): Array<Record<string, unknown>> {
  return world.sandbox.records(world.books, 'contacts').filter((c) => (c.customer_sub_type ?? 'business') === subType);
}

/** Writes (POST/PUT/DELETE) the sandbox received since `since` calls. */
export function writesSince(world: SyncWorld, since: number): string[] {
  return world.sandbox.calls.list().slice(since).filter((c) => c.method !== 'GET' && c.app !== 'accounts').map((c) => `${c.method} ${c.app} ${c.path}`);
}

/** Sorted names, for comparing both sides. */
export function names(records: Array<Record<string, unknown>>, field: string): string[] {
  return records.map((r) => String(r[field] ?? '')).sort();
}
