import { systemClock, type Clock } from '../../clock.js';
import { ConfigError } from '../../errors/config-error.js';
import { TwoWaySyncError } from '../../errors/two-way-sync-error.js';
import { ValidationError } from '../../errors/validation-error.js';
import { isDailyLimitError, type RateLimitError } from '../../errors/rate-limit-error.js';
import { TypedEmitter, type Listener } from '../../events.js';
import type { Storage } from '../../storage/storage.js';
import { BaseStore } from '../state/base-store.js';
import type { ConflictPolicy } from '../merge/conflict-policies.js';
import { ConflictStore } from '../state/conflict-store.js';
import { CursorStore } from '../state/cursor-store.js';
import { IntentStore } from '../state/intent-store.js';
import { linkResolver, loadTaxPairs, type TaxIdSource } from './link-resolver.js';
import { markLinksChanging, recordLinkCounts } from '../state/linked-records.js';
import { type LinkIndex, LinkStore } from '../state/link-store.js';
import type { RecordSource } from '../sources/record-source.js';
import { ReportBuilder, type SyncReport } from '../report/report.js';
import { type DeletePolicy, type DuplicatePolicy, FatalRunError, type RunContext, type SyncEvents } from './run-context.js';
import { fencedStorage, verifyFencing } from '../state/fenced-storage.js';
import { acquireLease, RunLease } from '../../storage/run-lease.js';
import { RunMemo } from '../state/run-memo.js';
import { type GuardedSource, guardSource } from '../sources/source-guard.js';
import { SyncKeys, type SyncSide } from '../state/sync-keys.js';
import { SyncLog } from '../report/sync-log.js';
import type { SyncMapper } from '../merge/sync-mapper.js';
import { type SyncOneOutcome, syncOneRecord } from './sync-one.js';
import { observeSync, type SyncOneOptions, type SyncOneResult, syncOneResult } from './sync-one-result.js';
import { SYNC_ENTITIES, type SyncEntity, type SyncUnit, syncUnits } from './sync-units.js';
import { enableTwoWaySync, twoWaySyncState } from '../state/two-way-state.js';
import { checkEstimateLimits, estimateFromDryRun, ReadCounter, type ReadTally, type SyncEstimate, type SyncEstimateOptions, warmLimits } from './estimate.js';
import { runUnit, type RunUnitOptions } from './unit-run.js';
import { ReadAhead } from './read-ahead.js';

/** Options of {@link BidirectionalSyncer}. */
export interface BidirectionalSyncerOptions {
  /** Where links, base snapshots, intents, cursors, conflicts, the lease and the sync log live. */
  storage: Storage;
  /** The field mapper (its sync type decides the units). */
  mapper: SyncMapper;
  /** The FSM side: `zohoFsmSource(client)` or your own backend's RecordSource. */
  fsm: RecordSource;
  /** The finance side: `zohoFinanceSource(client)`. */
  finance: RecordSource;
  /** What to sync, run in this order. Default: companies, contacts, items. */
  entities?: readonly SyncEntity[];
  /** How a field changed differently on both sides is settled. Default `'latest-wins'`. */
  conflicts?: ConflictPolicy;
  /** First run, same match key on both sides: `'overwrite'` pairs them (latest modified wins), `'clone'` copies each. Default `'overwrite'`. */
  duplicates?: DuplicatePolicy;
  /** What a delete on one side does to the other. Default `'unlink'`. */
  deletes?: DeletePolicy;
  /** TaxSync (or anything with `idMap()`): FSM tax ids ↔ finance tax ids. Without it tax ids pass through unchanged. */
  taxes?: TaxIdSource;
  /** Time source. Default: the system clock. */
  clock?: Clock;
  /** Names this binding in storage keys. Default: `<fsm source id>~<finance source id>`. */
  binding?: string;
  /** Storage namespace of the integration's two-way sync lifecycle, as `OrgSelector`'s `keyPrefix`. Default `'integration/'`. */
  integrationKeyPrefix?: string;
  /**
   * A run's lease lasts this long unless renewed. A live run renews it as it goes, waits for the API
   * included, so this only bounds how long a killed or frozen run blocks the next one. Default 10 minutes.
   */
  leaseMs?: number;
  /** Cursor-fed sides are read in full this often, to see deletes. Default 24 hours. */
  fullScanIntervalMs?: number;
  /** A record the other side refused (bad data, duplicate name) is sent again once it changes, or after this long. Default 24 hours. */
  retryRefusedAfterMs?: number;
  /** Makes run ids (default: time and a counter). */
  runId?: () => string;
  /**
   * Records of a unit synced at once (default 4), so both organisations' API quotas are used at
   * the same time. Two records that share a record, a match key or (contact persons) a customer
   * never run together. 1 syncs one record at a time. Items are synced beside companies and
   * contacts (they depend on nothing else). Dry runs go one record and one unit at a time.
   */
  concurrency?: number;
  /**
   * Records of each side a unit's read holds whole in memory (default 1,000). Past them, a record
   * no link knows yet (a first run lists nothing but those) waits in the sync's storage until the
   * unit matches or copies it, filed by its match key, and memory holds no more of it than a hash
   * of its id: a first run's memory does not grow with such records. 0 stages every such record; `Infinity` keeps
   * every record in memory (fastest, for small data sets, and what to use over a storage that is
   * itself in memory, such as `MemoryStorage`, where staging saves nothing).
   */
  recordsInMemory?: number;
}

/** How often `syncOne({ waitMs })` tries the lease again while a run holds it. */
const LEASE_RETRY_MS = 1_000;

/** Options of one run. */
export interface SyncRunOptions {
  /** Stops the run between records; `run()` then rejects with the signal's reason and the partial report is in the sync log. */
  signal?: AbortSignal;
  /** Read and plan only: nothing is written to either side or to storage. The report's `plan` lists the writes. */
  dryRun?: boolean;
  /** Read every record of both sides (delete detection, recovery). */
  fullScan?: boolean;
}

const CONFLICT_POLICIES = ['latest-wins', 'fsm-wins', 'finance-wins', 'manual'];

/**
 * Runs the units: companies and contacts in order (contacts need their company's link), items
 * beside them — items depend on nothing else, and running them at the same time keeps both
 * organisations' quotas busy while the other chain waits on one. Companies write mostly to Books
 * (new and matched customers) and contacts mostly to FSM, so the items that go to FSM start beside
 * the companies and those that go to Books (the items' FSM pass) wait for the contacts. Both
 * chains are settled before this returns (nothing commits after the run ends); the first failure
 * is then thrown.
 */
async function runChains(ctx: RunContext, units: readonly SyncUnit[], signal: AbortSignal | undefined): Promise<void> {
  let companiesDone = () => {};
  const afterCompanies = new Promise<void>((resolve) => (companiesDone = resolve));
  // Settled as the chain reaches a unit after companies, or ends in any way (a stop, a failure).
  const untilContacts = (unit: SyncUnit) => {
    if (unit.module !== 'companies') companiesDone();
  };
  const chains = ctx.dryRun
    // A dry run goes one unit and one record at a time: its reads are counted per collection (estimate()).
    ? [runChain(ctx, units, signal)]
    : [
      runChain(ctx, units.filter((u) => u.module !== 'items'), signal, { before: untilContacts }).finally(companiesDone),
      runChain(ctx, units.filter((u) => u.module === 'items'), signal, { unit: { fsmPassAfter: afterCompanies } }),
    ];
  const results = await Promise.allSettled(chains);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Runs a chain's units in order until one stops; a failure also stops the other chain. */
async function runChain(ctx: RunContext, chain: readonly SyncUnit[], signal: AbortSignal | undefined, options: { before?: (unit: SyncUnit) => void; unit?: RunUnitOptions } = {}): Promise<void> {
  try {
    for (const unit of chain) {
      signal?.throwIfAborted();
      options.before?.(unit);
      if (!(await runUnit(ctx, unit, options.unit))) return;
    }
  } catch (error) {
    // The other chain stops at its next record instead of going on alone.
    const cause = error instanceof FatalRunError ? error.cause : error;
    ctx.stoppedReason ??= cause instanceof Error ? cause.message : String(cause);
    throw error;
  }
}

let runCounter = 0;

/**
 * Keeps Companies, Contacts and Services & Parts in sync both ways between an FSM side and Zoho
 * Books/Invoice: first-run pairing by Company Name / Email / Item Name,
 * field-by-field three-way merge against the last synced state, conflict policies, delete
 * policies, and the guarantees of docs/sync.md — no duplicate after a crash or a lost reply, no
 * echo of its own writes, no overlapping runs, no record blocking the others.
 *
 * @example
 * ```ts
 * const syncer = new BidirectionalSyncer({
 *   storage, mapper,
 *   fsm: zohoFsmSource(client), finance: zohoFinanceSource(client),
 *   conflicts: 'latest-wins', duplicates: 'overwrite', deletes: 'unlink',
 * });
 * syncer.on('progress', ({ entity, done, total }) => console.log(entity, done, '/', total));
 * const report = await syncer.run();
 * console.log(report.toFinance.created, report.failures.map((f) => `${f.reason}: ${f.count}`));
 * ```
 */
export class BidirectionalSyncer {
  /** Conflicts left for a person (`conflicts: 'manual'`): `list()` and `resolve(id, 'fsm' | 'finance')`. */
  readonly conflicts: ConflictStore;
  /** The sync log: every run's report, six months. */
  readonly log: SyncLog;
  readonly #options: Required<Pick<BidirectionalSyncerOptions, 'conflicts' | 'duplicates' | 'deletes' | 'leaseMs' | 'fullScanIntervalMs'>> & BidirectionalSyncerOptions;
  readonly #entities: readonly SyncEntity[];
  readonly #keys: SyncKeys;
  readonly #clock: Clock;
  readonly #events = new TypedEmitter<SyncEvents>();
  readonly #sources: { readonly fsm: GuardedSource; readonly finance: GuardedSource };
  /** Reads per collection and side: what a dry run's estimate counts. */
  readonly #reads: { readonly fsm: ReadCounter; readonly finance: ReadCounter };

  /** @throws ConfigError on a missing or unknown option. */
  constructor(options: BidirectionalSyncerOptions) {
    if (typeof options !== 'object' || options === null) throw new ConfigError('BidirectionalSyncer needs options { storage, mapper, fsm, finance }.');
    for (const name of ['storage', 'mapper', 'fsm', 'finance'] as const) {
      if (typeof options[name] !== 'object' || options[name] === null) throw new ConfigError(`BidirectionalSyncer option "${name}" is required.`, { details: { option: name } });
    }
    const conflicts = options.conflicts ?? 'latest-wins';
    if (typeof conflicts !== 'function' && !CONFLICT_POLICIES.includes(conflicts)) {
      throw new ConfigError(`BidirectionalSyncer option "conflicts" must be ${CONFLICT_POLICIES.join(', ')} or a function; got ${JSON.stringify(conflicts)}.`, { details: { option: 'conflicts' } });
    }
    const duplicates = options.duplicates ?? 'overwrite';
    if (duplicates !== 'clone' && duplicates !== 'overwrite') throw new ConfigError(`BidirectionalSyncer option "duplicates" must be 'clone' or 'overwrite'.`, { details: { option: 'duplicates' } });
    const deletes = options.deletes ?? 'unlink';
    if (!['unlink', 'deactivate', 'propagate'].includes(deletes)) throw new ConfigError(`BidirectionalSyncer option "deletes" must be 'unlink', 'deactivate' or 'propagate'.`, { details: { option: 'deletes' } });
    const entities = options.entities ?? SYNC_ENTITIES;
    for (const entity of entities) {
      if (!SYNC_ENTITIES.includes(entity)) throw new ConfigError(`BidirectionalSyncer option "entities" takes ${SYNC_ENTITIES.join(', ')}; got ${JSON.stringify(entity)}.`, { details: { option: 'entities' } });
    }
    if (options.concurrency !== undefined && !(Number.isInteger(options.concurrency) && options.concurrency >= 1 && options.concurrency <= 32)) {
      throw new ConfigError(`BidirectionalSyncer option "concurrency" is a whole number from 1 to 32; got ${JSON.stringify(options.concurrency)}.`, { details: { option: 'concurrency' } });
    }
    if (options.recordsInMemory !== undefined && !(options.recordsInMemory === Infinity || (Number.isInteger(options.recordsInMemory) && options.recordsInMemory >= 0))) {
      throw new ConfigError(`BidirectionalSyncer option "recordsInMemory" is a whole number ≥ 0 or Infinity; got ${JSON.stringify(options.recordsInMemory)}.`, { details: { option: 'recordsInMemory' } });
    }
    const leaseMs = options.leaseMs ?? 600_000;
    const fullScanIntervalMs = options.fullScanIntervalMs ?? 86_400_000;
    if (!(leaseMs > 0) || !(fullScanIntervalMs >= 0)) throw new ConfigError('BidirectionalSyncer options "leaseMs" (> 0) and "fullScanIntervalMs" (≥ 0) are milliseconds.');
    this.#options = { ...options, conflicts, duplicates, deletes, leaseMs, fullScanIntervalMs };
    this.#entities = entities;
    this.#clock = options.clock ?? systemClock;
    this.#keys = new SyncKeys(options.binding ?? `${options.fsm.id}~${options.finance.id}`);
    // Nothing a source answers reaches the syncer unchecked: a bad record fails alone (docs/custom-source.md).
    this.#reads = { fsm: new ReadCounter(options.fsm), finance: new ReadCounter(options.finance) };
    this.#sources = { fsm: guardSource(this.#reads.fsm.source, `FSM source ${options.fsm.id}`), finance: guardSource(this.#reads.finance.source, `finance source ${options.finance.id}`) };
    this.conflicts = new ConflictStore(options.storage, this.#keys, this.#clock);
    this.log = new SyncLog(options.storage, this.#keys, this.#clock);
  }

  /** Listens to an event; returns a function that stops listening. */
  on<E extends keyof SyncEvents & string>(event: E, listener: Listener<SyncEvents[E]>): () => void {
    return this.#events.on(event, listener);
  }

  /** Stops a listener. */
  off<E extends keyof SyncEvents & string>(event: E, listener: Listener<SyncEvents[E]>): void {
    this.#events.off(event, listener);
  }

  /**
   * The id a record is linked to on the other side, from storage alone (no call): `undefined`
   * when the record is not linked. `module` is the mapping module the link lives in (`contacts`
   * for individual customers, `contact_persons` for persons of a company's customer).
   *
   * @example
   * ```ts
   * const customerId = await syncer.linkedId('companies', 'fsm', companyId);
   * ```
   */
  async linkedId(module: 'companies' | 'contacts' | 'contact_persons' | 'items', side: SyncSide, id: string): Promise<string | undefined> {
    const value = await this.#options.storage.get<{ financeId?: string; fsmId?: string; detached?: boolean }>(this.#keys.link(module, side, id));
    if (!value || value.detached === true) return undefined;
    return side === 'fsm' ? value.financeId : value.fsmId;
  }

  /** What one run (or one `syncOne`) shares: stores, policies, link indexes, the report, the lease. */
  async #context(run: { runId: string; report: ReportBuilder; lease: RunLease | undefined; signal: AbortSignal | undefined; fullScan: boolean; dryRun: boolean; events?: TypedEmitter<SyncEvents>; onWrite?: RunContext['onWrite']; fsm?: GuardedSource | undefined }): Promise<RunContext> {
    const o = this.#options;
    const links = new Map<string, LinkIndex>();
    const taxes = await loadTaxPairs(o.taxes);
    return {
      // Every commit of the run checks, in its own batch, that the run still holds its lease.
      runId: run.runId, startedAt: this.#clock.now(), storage: run.lease ? fencedStorage(o.storage, run.lease) : o.storage, keys: this.#keys, clock: this.#clock, mapper: o.mapper,
      sources: run.fsm ? { fsm: run.fsm, finance: this.#sources.finance } : this.#sources,
      stores: {
        links: new LinkStore(o.storage, this.#keys),
        bases: new BaseStore(o.storage, this.#keys),
        intents: new IntentStore(o.storage, this.#keys),
        cursors: new CursorStore(o.storage, this.#keys),
        conflicts: this.conflicts,
      },
      policy: { conflicts: o.conflicts, duplicates: o.duplicates, deletes: o.deletes },
      fullScanIntervalMs: o.fullScanIntervalMs, retryRefusedAfterMs: o.retryRefusedAfterMs ?? 86_400_000, fullScan: run.fullScan, dryRun: run.dryRun,
      signal: run.signal, links, resolver: linkResolver(links, taxes), report: run.report, events: run.events ?? this.#events, lease: run.lease,
      onWrite: run.onWrite, units: syncUnits(o.mapper.syncType, this.#entities), linkedThisRun: new Map(), concurrency: run.dryRun ? 1 : (o.concurrency ?? 4), recordsInMemory: o.recordsInMemory ?? 1_000, transientInARow: 0, stoppedReason: undefined,
      memo: run.dryRun ? undefined : new RunMemo(run.lease ? fencedStorage(o.storage, run.lease) : o.storage, this.#keys, o.finance.id, this.#clock),
    };
  }

  /**
   * One sync pass over every entity; safe to run again at any time, and after a crash.
   *
   * The first run that is not a dry run enables two-way sync (`enableTwoWaySync()` with this
   * syncer's `duplicates`) if it is not on yet: a one-time step with no way back, after which the
   * finance org can no longer be switched and importing from it is no longer offered.
   *
   * @throws TwoWaySyncError `IMPORT_IN_PROGRESS` while an import from the finance org runs (nothing is synced).
   * @throws SyncLeaseError `SYNC_ALREADY_RUNNING` when another run of this binding is in progress;
   *   `SYNC_LEASE_LOST` when this run stalled past `leaseMs` and another took over (nothing was committed since).
   * @throws ConfigError when the storage does not enforce `check` batch ops (docs/storage.md).
   * @throws the signal's reason when aborted (the partial report is in the sync log).
   */
  async run(options: SyncRunOptions = {}): Promise<SyncReport> {
    const o = this.#options;
    const dryRun = options.dryRun === true;
    const startedAt = this.#clock.now();
    const runId = o.runId?.() ?? `${startedAt.toString(36)}-${(++runCounter).toString(36)}`;
    const lease = dryRun ? undefined : new RunLease({ storage: o.storage, key: this.#keys.lease(), clock: this.#clock, ttlMs: o.leaseMs });
    if (!dryRun) await enableTwoWaySync({ storage: o.storage, duplicates: o.duplicates, clock: this.#clock, keyPrefix: o.integrationKeyPrefix, by: runId });
    if (lease) await verifyFencing(o.storage, `${this.#keys.lease()}-probe`);
    await lease?.acquire(runId);
    const stopKeepAlive = lease?.keepAlive();
    const report = new ReportBuilder(syncUnits(o.mapper.syncType, this.#entities).map((u) => u.module));
    const callsBefore = { fsm: o.fsm.callCount?.() ?? 0, finance: o.finance.callCount?.() ?? 0 };
    const readsBefore = this.#readSnapshot();
    let failure: unknown;
    let status: SyncReport['status'] = 'completed';
    let ctx: RunContext | undefined;
    let ahead: ReadAhead | undefined;
    let dailyLimit: RateLimitError | undefined;
    try {
      // Until the run ends cleanly, readers of the link counts (switch()) count this binding's links themselves.
      const runStorage = lease ? fencedStorage(o.storage, lease) : o.storage;
      const countsBefore = lease ? await markLinksChanging(runStorage, this.#keys, runId) : undefined;
      ahead = dryRun ? undefined : new ReadAhead(runStorage, this.#keys, this.#sources.fsm);
      ctx = await this.#context({ runId, report, lease, signal: options.signal, fullScan: options.fullScan === true, dryRun, fsm: ahead?.source });
      await ahead?.begin(ctx);
      const { links, stores, units } = ctx;
      // Contacts resolve their company through the companies links even when companies are not synced this run.
      if (units.some((u) => u.parent) && !units.some((u) => u.module === 'companies')) links.set('companies', await stores.links.load('companies'));
      await runChains(ctx, units, options.signal);
      options.signal?.throwIfAborted();
      if (ctx.stoppedReason !== undefined) status = 'stopped';
      if (!dryRun) await recordLinkCounts(ctx.storage, this.#keys, ctx.links, countsBefore);
    } catch (error) {
      failure = error instanceof FatalRunError ? error.cause : error;
      status = options.signal?.aborted ? 'aborted' : 'stopped';
      // The organisation's daily API budget is spent: what was done is committed, the cursors of the
      // unfinished unit stay, and the report says when the next run can go on.
      if (status === 'stopped' && isDailyLimitError(failure)) {
        dailyLimit = failure;
        failure = undefined;
      }
    } finally {
      // What the finance source learned and no commit took along yet (a stop at the daily cap).
      await ctx?.memo?.close();
      await ahead?.close().catch(() => undefined);
      stopKeepAlive?.();
      await lease?.release();
    }
    const finishedAt = this.#clock.now();
    const calls = { fsm: (o.fsm.callCount?.() ?? 0) - callsBefore.fsm, finance: (o.finance.callCount?.() ?? 0) - callsBefore.finance };
    const built = report.build({
      runId,
      startedAt: new Date(startedAt).toISOString(),
      finishedAt: new Date(finishedAt).toISOString(),
      durationMs: finishedAt - startedAt,
      dryRun,
      status,
      apiCalls: { ...calls, total: calls.fsm + calls.finance },
      stoppedReason: ctx?.stoppedReason ?? dailyLimit?.message ?? (failure instanceof Error && status === 'stopped' ? failure.message : undefined),
      ...(dailyLimit ? { stopped: 'daily-limit' as const, ...(dailyLimit.resumeAt === undefined ? {} : { resumeAt: new Date(dailyLimit.resumeAt).toISOString() }) } : {}),
    });
    if (!dryRun) {
      try {
        await this.log.append(built);
      } catch (error) {
        // The run's own failure matters more than its log entry.
        failure ??= error;
      }
    }
    if (dryRun && failure === undefined) built.estimate = await this.#estimateOf(built, readsBefore, options.signal);
    if (failure !== undefined) throw failure;
    return built;
  }

  /**
   * A plan before a long run: a dry run (`run({ dryRun: true })`: it reads both sides and writes
   * nothing), and from its reads and planned writes the calls each side needs, per entity, and how
   * long they take at each organisation's limits — minutes at the per-minute limit, UTC days at the
   * daily cap (counting the calls already spent today, the dry run's own included), and when the
   * run would finish. A run that reaches a daily cap stops cleanly (`stopped: 'daily-limit'`,
   * `resumeAt`) and the next run goes on from there.
   *
   * Limits come from `options.limits` (number by number), else the source's `limits()` (the
   * built-in sources ask their client: `client.limitsFor()` for the finance organisation), else
   * Zoho's 100 calls a minute with no daily cap known, which `notes` says. The dry run's own
   * reads count against today's budget like any other calls. See "Planning a long run" in
   * docs/sync.md.
   *
   * @throws ConfigError on a `limits` option that is not a positive number (nothing is read).
   * @throws the signal's reason when aborted.
   * @example
   * ```ts
   * const plan = await syncer.estimate();
   * console.log(`${plan.finance.calls} Books calls, ${plan.minutes} min, over ${plan.days} day(s), done ${plan.finishesAt}`);
   * if (!plan.fitsToday) console.log(plan.notes.join('\n'));
   * const onFree = await syncer.estimate({ limits: { finance: { perDay: 1000 } } }); // what if: the free plan's cap
   * ```
   */
  async estimate(options: SyncEstimateOptions = {}): Promise<SyncEstimate> {
    checkEstimateLimits(options.limits);
    await warmLimits({ fsm: this.#options.fsm, finance: this.#options.finance }, options.signal);
    const before = this.#readSnapshot();
    const report = await this.run({ dryRun: true, ...(options.signal ? { signal: options.signal } : {}), ...(options.fullScan === undefined ? {} : { fullScan: options.fullScan }) });
    return this.#estimateOf(report, before, options.signal, options.limits);
  }

  #readSnapshot(): Record<SyncSide, ReadTally> {
    return { fsm: this.#reads.fsm.snapshot(), finance: this.#reads.finance.snapshot() };
  }

  #estimateOf(report: SyncReport, before: Record<SyncSide, ReadTally>, signal: AbortSignal | undefined, limits?: SyncEstimateOptions['limits']): Promise<SyncEstimate> {
    const reads = { fsm: this.#reads.fsm.since(before.fsm), finance: this.#reads.finance.since(before.finance) };
    return estimateFromDryRun({ report, reads, sources: { fsm: this.#options.fsm, finance: this.#options.finance }, clock: this.#clock, signal, limits });
  }

  /**
   * Pushes or pulls ONE record now: the record `id` of `entity`, living on `side`, with the links,
   * field mapping, merge, conflict, duplicate and delete policies, intents and lease of `run()`.
   *
   * - Linked: merged with its counterpart against the stored base, as a pair in a run (only what
   *   changed is written; conflicts per policy). A side found gone is settled by the delete policy.
   * - Not linked: an open create intent of it is settled first (the counterpart a lost reply made
   *   is found, not created again); then, under `duplicates: 'overwrite'`, an unlinked record of
   *   the other side with the same match key is paired with it, else the counterpart is created
   *   (intent first; link, base and intent removal in one storage batch). The next `run()` then
   *   writes nothing for the pair.
   * - A contact of a company under sync types III and IV is a contact person of the company's
   *   customer: an unlinked company (or, from the finance side, customer) is synced first and
   *   reported as `parent`. Under type IV a contact without company is an individual customer.
   *
   * It takes the binding's lease for its duration (so it never overlaps a `run()` or another
   * `syncOne()`), writes an entry to the sync log (`report.scope`), and does not enable two-way
   * sync: it creates the counterpart and the link only. No cursor moves.
   *
   * @throws NotFoundError `NOT_FOUND` when the record does not exist on `side` (and is not linked).
   * @throws ValidationError `INVALID_INPUT` for an entity this syncer does not sync, or a finance contact person without `options.parentId` that is not linked.
   * @throws SyncLeaseError `SYNC_ALREADY_RUNNING` when a run of this binding holds the lease past `options.waitMs`; `SYNC_LEASE_LOST` when it stalled past `leaseMs` and a run took over (nothing committed since).
   * @throws TwoWaySyncError `IMPORT_IN_PROGRESS` while an import from the finance org runs.
   * @throws the signal's reason when aborted; `RateLimitError` `DAILY_LIMIT_REACHED` when the day's API budget is spent.
   * @example
   * ```ts
   * const result = await syncer.syncOne('companies', 'fsm', workOrder.Company.id, { waitMs: 60_000 });
   * if (result.action === 'failed') throw new Error(`${result.failure?.reason}: ${result.failure?.message}`);
   * const customerId = result.counterpartId; // the Books customer, created or linked
   * ```
   */
  async syncOne(entity: SyncEntity, side: SyncSide, id: string, options: SyncOneOptions = {}): Promise<SyncOneResult> {
    if (!SYNC_ENTITIES.includes(entity)) throw new ValidationError(`syncOne: entity must be ${SYNC_ENTITIES.join(', ')}; got ${JSON.stringify(entity)}.`, [{ path: ['entity'], message: 'unknown entity' }]);
    if (side !== 'fsm' && side !== 'finance') throw new ValidationError(`syncOne: side must be 'fsm' or 'finance'; got ${JSON.stringify(side)}.`, [{ path: ['side'], message: 'unknown side' }]);
    if (typeof id !== 'string' || id === '') throw new ValidationError('syncOne: id must be the record\'s id on its side (a non-empty string).', [{ path: ['id'], message: 'empty id' }]);
    const waitMs = options.waitMs ?? 0;
    if (!(waitMs >= 0)) throw new ValidationError('syncOne: options.waitMs is milliseconds (≥ 0).', [{ path: ['waitMs'], message: 'not a duration' }]);
    options.signal?.throwIfAborted();
    const o = this.#options;
    const startedAt = this.#clock.now();
    const runId = o.runId?.() ?? `${startedAt.toString(36)}-${(++runCounter).toString(36)}`;
    const lifecycle = await twoWaySyncState(o.storage, { keyPrefix: o.integrationKeyPrefix, clock: this.#clock });
    if (lifecycle.importRunning) {
      const running = lifecycle.importRunning;
      throw new TwoWaySyncError('IMPORT_IN_PROGRESS', `syncOne cannot run while an import from the finance organisation is in progress (import ${running.importId}, lease until ${new Date(running.until).toISOString()}). Wait for the import to finish and try again.`, {
        details: { importId: running.importId, until: running.until },
      });
    }
    const lease = new RunLease({ storage: o.storage, key: this.#keys.lease(), clock: this.#clock, ttlMs: o.leaseMs });
    await verifyFencing(o.storage, `${this.#keys.lease()}-probe`);
    await acquireLease(lease, runId, { clock: this.#clock, waitMs, retryMs: LEASE_RETRY_MS, signal: options.signal });
    const stopKeepAlive = lease.keepAlive();
    const report = new ReportBuilder(syncUnits(o.mapper.syncType, this.#entities).map((u) => u.module));
    const callsBefore = { fsm: o.fsm.callCount?.() ?? 0, finance: o.finance.callCount?.() ?? 0 };
    const { observed, events, onWrite } = observeSync(this.#events);
    let outcome: SyncOneOutcome | undefined;
    let failure: unknown;
    try {
      const countsBefore = await markLinksChanging(fencedStorage(o.storage, lease), this.#keys, runId);
      const ctx = await this.#context({ runId, report, lease, signal: options.signal, fullScan: false, dryRun: false, events, onWrite });
      outcome = await syncOneRecord(ctx, ctx.units, { entity, side, id, parentId: options.parentId });
      options.signal?.throwIfAborted();
      await recordLinkCounts(ctx.storage, this.#keys, ctx.links, countsBefore);
    } catch (error) {
      failure = error instanceof FatalRunError ? error.cause : error;
    } finally {
      stopKeepAlive();
      await lease.release();
    }
    const finishedAt = this.#clock.now();
    const calls = { fsm: (o.fsm.callCount?.() ?? 0) - callsBefore.fsm, finance: (o.finance.callCount?.() ?? 0) - callsBefore.finance };
    const status: SyncReport['status'] = failure === undefined ? 'completed' : options.signal?.aborted ? 'aborted' : 'stopped';
    const built = report.build({
      runId, startedAt: new Date(startedAt).toISOString(), finishedAt: new Date(finishedAt).toISOString(), durationMs: finishedAt - startedAt,
      dryRun: false, status, apiCalls: { ...calls, total: calls.fsm + calls.finance },
      stoppedReason: failure instanceof Error && status === 'stopped' ? failure.message : undefined,
      scope: { kind: 'one', entity, side, id },
    });
    // A request refused before anything was synced (unknown record, bad input) leaves no log entry.
    if (outcome !== undefined || built.entities.length > 0) {
      try {
        await this.log.append(built);
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== undefined) throw failure;
    if (outcome === undefined) throw new TypeError('syncOne ended without an outcome');
    return syncOneResult(runId, { entity, side, id }, outcome, observed, new Map(built.failures.map((f) => [f.reason, f.title])));
  }
}
