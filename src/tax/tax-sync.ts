import type { IntegrationClient } from '../client/integration-client.js';
import { ConfigError } from '../errors/config-error.js';
import { TaxError } from '../errors/tax-error.js';
import { TypedEmitter, type Listener } from '../events.js';
import { isTaxEdition, type TaxEdition } from '../schemas/edition-codes.js';
import type { Storage } from '../storage/storage.js';
import { checkTaxConfig, defaultTaxConfig } from './check-tax-config.js';
import type { TaxEditionModel } from './edition-model.js';
import { taxEditionModel } from './editions/index.js';
import { checkTaxHealth, type TaxHealthOptions, type TaxHealthProblem } from './health.js';
import { lineTax } from './line-tax.js';
import type { LineTax, LineTaxInput } from './line-tax-types.js';
import { pullTaxes, type TaxContext } from './pull.js';
import { pushTaxes, type TaxPushItem, type TaxPushReport } from './push.js';
import { withTaxLease, type TaxOperation } from './tax-lease.js';
import type { TaxConfig, TaxConfigInput } from './tax-config.js';
import { TaxStore, type TaxIdMapEntry } from './tax-store.js';
import { computeTotals, type TotalsLine, type TotalsOptions, type TotalsResult } from './totals.js';
import { validateRegistration } from './validators/index.js';
import type { RegistrationCheck } from './validators/registration-check.js';

/** Options of {@link TaxSync}. */
export interface TaxSyncOptions {
  /** A client bound to the finance organisation (`finance: { app, organizationId }`). */
  client: IntegrationClient;
  /** Where the configuration and the id map live. Default: the client's storage. */
  storage?: Storage;
  /** The FSM org's tax edition. */
  edition: TaxEdition;
  /** Where the business is: India's state code (`'KA'`) for intra-/inter-state GST. Default: pulled from the org's GSTIN. */
  origin?: string;
  /**
   * How long the tax lease lasts without a renewal, in ms. Default 600 000 (ten minutes, as the syncer's lease: longer than one call waiting out Zoho's longest `Retry-After` the client accepts). One push
   * or pull per finance organisation runs at a time, across processes sharing `storage`; a running
   * one renews its lease as it goes. A process that crashes mid-way leaves its lease behind: it
   * blocks a new push or pull of that org (`TAX_OPERATION_RUNNING`) until it expires, at most
   * `leaseMs` later on the client's clock.
   */
  leaseMs?: number;
}

/** Events of {@link TaxSync}. */
export interface TaxSyncEvents {
  /** One configured object handled by `push()`: created, matched (already there) or existing (already mapped). */
  progress: TaxPushItem & { action: 'created' | 'matched' | 'existing' };
}

/** Options of `pull()` and `push()`. */
export interface TaxSyncCallOptions {
  signal?: AbortSignal;
}

/**
 * The FSM tax configuration of one finance organisation: pulled from an existing org, pushed into
 * a new one, checked, and used to prefill lines and compute totals.
 *
 * @example
 * ```ts
 * const taxes = new TaxSync({ client, edition: 'in', origin: 'KA' });
 * await taxes.pull();                                  // existing org → FSM configuration
 * const line = taxes.lineTax({ customer: { taxable: true, treatment: 'business_gst' }, item: { taxable: true, intraStateTaxId: 'group-1', interStateTaxId: 'tax-2' }, placeOfSupply: 'TN' });
 * taxes.totals([{ rate: 1000, quantity: 2, taxes: line.components }]).total;
 * await taxes.toFinanceTaxId(line.taxId!);            // the Books id, for the invoice
 * ```
 */
export class TaxSync {
  /** The tax edition. */
  readonly edition: TaxEdition;
  /** The edition's model: tax types, fields, treatments, defaults. */
  readonly model: TaxEditionModel;
  /** The finance organisation. */
  readonly organizationId: string;
  readonly #context: TaxContext;
  readonly #events = new TypedEmitter<TaxSyncEvents>();
  readonly #storage: Storage;
  readonly #leaseMs: number;
  #config: TaxConfig | undefined;

  constructor(options: TaxSyncOptions) {
    if (!isTaxEdition(options.edition)) throw new ConfigError(`TaxSync: edition must be one of the tax editions (us, ca, au, in, uk, de, ae, sa, kw, qa, za, global, bh, om); got ${JSON.stringify(options.edition)}.`, { details: { option: 'edition' } });
    const organizationId = options.client.finance.organizationId;
    if (organizationId === undefined) {
      throw new ConfigError('TaxSync needs a client bound to a finance organisation: new IntegrationClient({ finance: { app, organizationId }, ... }).', { details: { option: 'client.finance.organizationId' } });
    }
    const leaseMs = options.leaseMs ?? 600_000;
    if (!(Number.isFinite(leaseMs) && leaseMs > 0)) throw new ConfigError(`TaxSync: leaseMs must be a number of milliseconds > 0; got ${JSON.stringify(options.leaseMs)}.`, { details: { option: 'leaseMs' } });
    this.edition = options.edition;
    this.model = taxEditionModel(options.edition);
    this.organizationId = organizationId;
    this.#storage = options.storage ?? options.client.storage;
    this.#leaseMs = leaseMs;
    this.#context = {
      client: options.client,
      organizationId,
      store: new TaxStore(this.#storage, organizationId),
      model: this.model,
      clock: options.client.clock,
      origin: options.origin,
    };
  }

  /** Listens to an event; returns a function that stops listening. */
  on<E extends keyof TaxSyncEvents & string>(event: E, listener: Listener<TaxSyncEvents[E]>): () => void {
    return this.#events.on(event, listener);
  }

  /**
   * Reads the finance org's taxes, groups, authorities, exemptions and tax settings and stores them
   * as the FSM configuration, keeping FSM ids stable across pulls. An Avalara-integrated US org
   * gives `managedBy: 'avalara'` and only the items' Avalara tax codes. Runs under the org's tax
   * lease: never at the same time as another push or pull of the org.
   *
   * @throws TaxError `TAX_EDITION_MISMATCH` (another edition), `TAX_MANAGED_BY_AVALARA` (Avalara outside the US),
   *   `TAX_OPERATION_RUNNING` (another push or pull of the org is in progress), `TAX_LEASE_LOST`.
   */
  async pull(options: TaxSyncCallOptions = {}): Promise<TaxConfig> {
    return this.#leased('pull', async (renew) => {
      this.#config = await pullTaxes(this.#context, { signal: options.signal, renew });
      return this.#config;
    });
  }

  /**
   * Creates the configuration in the finance org (for a new org): authorities, taxes, groups after
   * their members, exemptions. Safe to run again, and after a crash: nothing is created twice.
   * Without a `config`: the stored one, else the edition's defaults. Runs under the org's tax
   * lease: never at the same time as another push or pull of the org.
   *
   * @throws TaxError `TAX_CONFIG_INVALID`, `TAX_EDITION_MISMATCH`, `TAX_DISABLED_IN_FINANCE`, `TAX_MANAGED_BY_AVALARA`,
   *   `TAX_OPERATION_RUNNING` (another push or pull of the org is in progress), `TAX_LEASE_LOST`.
   */
  async push(config?: TaxConfigInput, options: TaxSyncCallOptions = {}): Promise<TaxPushReport> {
    const input = config ?? (await this.#context.store.config()) ?? defaultTaxConfig(this.edition);
    const origin = input.origin ?? this.#context.origin;
    // A refused configuration needs no API call, so it is refused before the lease is taken.
    const checked = checkTaxConfig(origin === undefined ? input : { ...input, origin }, this.edition);
    return this.#leased('push', async (renew) => {
      const progress = (item: TaxSyncEvents['progress']) => this.#events.emit('progress', item);
      const report = await pushTaxes(this.#context, checked, { signal: options.signal, progress, renew });
      this.#config = (await this.#context.store.config()) ?? checked;
      return report;
    });
  }

  /** Runs a push or pull under the org's tax lease (tax-lease.ts). */
  #leased<T>(operation: TaxOperation, work: (renew: () => Promise<void>) => Promise<T>): Promise<T> {
    return withTaxLease({ storage: this.#storage, organizationId: this.organizationId, clock: this.#context.clock, leaseMs: this.#leaseMs, operation }, work);
  }

  /** Reads the stored configuration (after a restart) so `lineTax` can use it. */
  async load(): Promise<TaxConfig | undefined> {
    this.#config = await this.#context.store.config();
    return this.#config;
  }

  /** The configuration in use (after `pull`, `push` or `load`). */
  get config(): TaxConfig | undefined {
    return this.#config;
  }

  /** The whole id map: each FSM tax, group, authority and exemption id with its finance id. */
  idMap(): Promise<TaxIdMapEntry[]> {
    return this.#context.store.entries();
  }

  /** The finance id of an FSM tax or group (or authority, exemption), once created or matched. */
  async toFinanceTaxId(fsmId: string): Promise<string | undefined> {
    return (await this.#context.store.entry(fsmId))?.financeId;
  }

  /** The FSM id of a finance tax or group. */
  async toFsmTaxId(financeId: string): Promise<string | undefined> {
    return (await this.#context.store.fsmIdOf('tax', financeId)) ?? (await this.#context.store.fsmIdOf('group', financeId));
  }

  /** Tax problems of the integration: `TAX_DISABLED_IN_FINANCE`, `EDITION_MISMATCH`, `TAX_MISSING_IN_FINANCE`. */
  health(options: TaxHealthOptions = {}): Promise<TaxHealthProblem[]> {
    return checkTaxHealth(this.#context, options);
  }

  /**
   * Checks a registration number with an edition's validator: `validateRegistration('in', gstin)`,
   * or `validateRegistration(gstin)` for this TaxSync's edition.
   */
  validateRegistration(editionOrValue: TaxEdition | string, value?: string): RegistrationCheck {
    if (value === undefined) return validateRegistration(this.edition, editionOrValue);
    if (!isTaxEdition(editionOrValue)) throw new ConfigError(`Unknown tax edition ${JSON.stringify(editionOrValue)}.`);
    return validateRegistration(editionOrValue, value);
  }

  /**
   * The tax a new Estimate/Work Order line gets.
   *
   * @throws TaxError `TAX_CONFIG_INVALID` when no configuration is loaded yet.
   */
  lineTax(input: LineTaxInput): LineTax {
    if (this.#config === undefined) throw new TaxError('TAX_CONFIG_INVALID', 'No tax configuration is loaded: call pull(), push() or load() first.');
    return lineTax(this.#config, input);
  }

  /** The document's totals, in the edition currency's decimals unless `precision` says otherwise. */
  totals(lines: readonly TotalsLine[], options: TotalsOptions = {}): TotalsResult {
    return computeTotals(lines, { precision: this.model.currencyDecimals, ...options });
  }
}
