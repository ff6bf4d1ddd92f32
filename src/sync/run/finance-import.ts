import { systemClock, type Clock } from '../../clock.js';
import { ConfigError } from '../../errors/config-error.js';
import { TwoWaySyncError } from '../../errors/two-way-sync-error.js';
import type { Storage } from '../../storage/storage.js';
import { ambiguousWrite, failureReason, MANDATORY_TITLE, RecordRefusal } from '../report/failure-reasons.js';
import { ImportLease } from '../state/import-lease.js';
import { linkResolver, loadTaxPairs, type TaxIdSource } from './link-resolver.js';
import { LinkIndex } from '../state/link-store.js';
import type { RecordSource, SourceRecord, WriteResult } from '../sources/record-source.js';
import { listAll } from '../state/storage-scan.js';
import type { SyncConverter, SyncMapper } from '../merge/sync-mapper.js';
import { SYNC_ENTITIES, type SyncEntity, type SyncUnit, syncUnits } from './sync-units.js';
import { TWO_WAY_SYNC_KEY_PREFIX } from '../state/two-way-state.js';
import { checkRequired, CompanyEmailIndex } from './validation.js';

/** Options of {@link importFromFinance}. */
export interface ImportFromFinanceOptions {
  /** Where the import ledger and the two-way sync lifecycle live: the syncer's Storage. */
  storage: Storage;
  /** The field mapper: records are converted with its finance → FSM mapping (its sync type decides the modules). */
  mapper: SyncMapper;
  /** The FSM side records are created in: `zohoFsmSource(client)` or your backend's RecordSource. */
  fsm: RecordSource;
  /** The finance side records are copied from: `zohoFinanceSource(client)`. */
  finance: RecordSource;
  /** What to import, in this order. Default: companies, contacts, items (customers and items). */
  entities?: readonly SyncEntity[] | undefined;
  /** TaxSync (or anything with `idMap()`): finance tax ids → FSM tax ids in the copied records. */
  taxes?: TaxIdSource | undefined;
  /** Storage namespace of the integration, as `OrgSelector`'s `keyPrefix`. Default `'integration/'`. */
  keyPrefix?: string | undefined;
  /** Time source. Default: the system clock. */
  clock?: Clock | undefined;
  /** The import's "in progress" lease lasts this long unless renewed (it is renewed as the import goes). Default 10 minutes. */
  leaseMs?: number | undefined;
  /** Stops the import between records; it then rejects with the signal's reason. Run it again to finish. */
  signal?: AbortSignal | undefined;
  /** Called after each record. A listener that throws does not stop the import. */
  onProgress?: ((progress: ImportProgress) => void) | undefined;
}

/** Where an import stands, after each record. */
export interface ImportProgress {
  readonly entity: SyncEntity;
  readonly module: SyncUnit['module'];
  /** Finance records of this module handled so far. */
  readonly done: number;
  readonly created: number;
  readonly failed: number;
}

/** One finance record and the FSM record it is in FSM as. */
export interface ImportedRecord {
  readonly entity: SyncEntity;
  readonly module: SyncUnit['module'];
  readonly financeId: string;
  readonly fsmId: string;
  /** Its match value (Company Name, Email, Item Name). */
  readonly name: string;
}

/** A finance record the import could not copy. */
export interface ImportFailure {
  readonly entity: SyncEntity;
  readonly module: SyncUnit['module'];
  readonly financeId: string;
  readonly name?: string | undefined;
  /** Stable reason code, as in the sync report (`MANDATORY_FIELDS_EMPTY`, `UNRESOLVED_REFERENCE`...). */
  readonly reason: string;
  readonly message: string;
}

/** What {@link importFromFinance} did. */
export interface FinanceImportReport {
  readonly importId: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Records this import created in FSM (including a create an interrupted earlier attempt had sent). */
  readonly created: readonly ImportedRecord[];
  /** Records FSM already had under the same match key: not created again. */
  readonly existing: readonly ImportedRecord[];
  /** Records an earlier import already copied (skipped). */
  readonly alreadyImported: number;
  readonly failed: readonly ImportFailure[];
}

/** The import ledger row of one finance record. */
interface LedgerEntry {
  /** `pending`: written before the create, so a re-run looks for the record before creating it again. */
  status: 'pending' | 'created' | 'existing';
  fsmId?: string;
  at: number;
  importId: string;
}

let importCounter = 0;

/**
 * Copies the finance org's customers and items into FSM once, through the field mapping — the
 * "import from Books" of the integration set-up, available only before two-way sync is enabled.
 * The copies are not linked: later changes on either side do not reach the other, until two-way
 * sync is enabled and its first run pairs records by match key.
 *
 * Safe to run again: a ledger in Storage remembers each record copied, an intent is written before
 * each create, and a record FSM already has (same Company Name, Email or Item Name) is never
 * created twice, so an import that crashed or was cancelled finishes where it stopped. While it
 * runs it holds an "import in progress" lease: two-way sync cannot be enabled meanwhile.
 *
 * @throws {TwoWaySyncError} `IMPORT_UNAVAILABLE` once two-way sync is enabled; `IMPORT_IN_PROGRESS` while another import runs.
 * @throws the signal's reason when cancelled.
 * @example
 * ```ts
 * const report = await importFromFinance({ storage, mapper, fsm: zohoFsmSource(client), finance: zohoFinanceSource(client),
 *   onProgress: ({ module, done }) => console.log(module, done) });
 * console.log(`${report.created.length} created, ${report.existing.length} already in FSM, ${report.failed.length} failed`);
 * ```
 */
export async function importFromFinance(options: ImportFromFinanceOptions): Promise<FinanceImportReport> {
  checkOptions(options);
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();
  const importId = `import-${startedAt.toString(36)}-${(++importCounter).toString(36)}`;
  const lease = new ImportLease({ storage: options.storage, keyPrefix: options.keyPrefix, clock, ttlMs: options.leaseMs ?? 600_000 });
  await lease.acquire(importId);
  const report = { created: [] as ImportedRecord[], existing: [] as ImportedRecord[], alreadyImported: 0, failed: [] as ImportFailure[] };
  let status: 'completed' | 'aborted' | 'failed' = 'failed';
  try {
    const taxes = await loadTaxPairs(options.taxes);
    // The import's own pairs: a contact person's company is the FSM company its customer became.
    const links = new Map<string, LinkIndex>();
    const run: ImportRun = { options, clock, importId, lease, report, links, resolve: linkResolver(links, taxes) };
    for (const unit of syncUnits(options.mapper.syncType, options.entities ?? SYNC_ENTITIES)) await importUnit(run, unit);
    status = 'completed';
  } catch (error) {
    if (options.signal?.aborted) status = 'aborted';
    throw error;
  } finally {
    await lease.release({ importId, finishedAt: clock.now(), created: report.created.length, status });
  }
  return { importId, startedAt: new Date(startedAt).toISOString(), finishedAt: new Date(clock.now()).toISOString(), ...report };
}

interface ImportRun {
  options: ImportFromFinanceOptions;
  clock: Clock;
  importId: string;
  lease: ImportLease;
  report: { created: ImportedRecord[]; existing: ImportedRecord[]; alreadyImported: number; failed: ImportFailure[] };
  links: Map<string, LinkIndex>;
  resolve: ReturnType<typeof linkResolver>;
}

/** Everything one module's import works with. */
interface UnitImport {
  unit: SyncUnit;
  converter: SyncConverter;
  required: readonly string[];
  ledger: Map<string, LedgerEntry>;
  /** FSM records by match key (scoped to the company for contact persons). */
  fsmByKey: Map<string, string>;
  pairs: LinkIndex;
  counts: { done: number; created: number; failed: number };
}

const ledgerPrefix = (run: ImportRun, unit: SyncUnit): string => `${run.options.keyPrefix ?? TWO_WAY_SYNC_KEY_PREFIX}import/${unit.module}/`;

async function importUnit(run: ImportRun, unit: SyncUnit): Promise<void> {
  const { options } = run;
  const caps = options.fsm.capabilities(unit.fsmCollection);
  if (caps === undefined) throw new ConfigError(`The FSM source (${options.fsm.id}) does not hold ${unit.fsmCollection}: it cannot receive the import.`);
  const ledger = new Map<string, LedgerEntry>();
  for (const { key, value } of await listAll<LedgerEntry>(options.storage, ledgerPrefix(run, unit))) ledger.set(decodeURIComponent(key.slice(key.lastIndexOf('/') + 1)), value);
  const pairs = new LinkIndex();
  for (const [financeId, entry] of ledger) if (entry.fsmId !== undefined && entry.status !== 'pending') pair(pairs, financeId, entry.fsmId, entry.at);
  run.links.set(unit.module, pairs);
  const state: UnitImport = { unit, converter: await options.mapper.converter(unit.module), required: caps.requiredOnCreate, ledger, fsmByKey: new Map(), pairs, counts: { done: 0, created: 0, failed: 0 } };
  // One read of FSM: a record it already has (or that an interrupted create made) is found by key, not created again.
  for await (const page of options.fsm.read(unit.fsmCollection, { signal: options.signal })) {
    for (const record of page.records) {
      const key = fsmKeyOf(run, unit, record.data);
      if (key !== undefined && !state.fsmByKey.has(key)) state.fsmByKey.set(key, record.id);
    }
  }
  for await (const page of options.finance.read(unit.financeCollection, { signal: options.signal })) {
    for (const record of page.records) {
      options.signal?.throwIfAborted();
      await run.lease.renewIfDue();
      await importRecord(run, state, record);
      state.counts.done++;
      try {
        options.onProgress?.({ entity: unit.entity, module: unit.module, ...state.counts });
      } catch {
        // An observer must never change what is observed.
      }
    }
  }
}

async function importRecord(run: ImportRun, state: UnitImport, record: SourceRecord): Promise<void> {
  const { options, report } = run;
  const { unit } = state;
  const entry = state.ledger.get(record.id);
  if (entry !== undefined && entry.status !== 'pending') {
    report.alreadyImported++;
    return;
  }
  let name: string | undefined;
  try {
    let data = record.data;
    if (record.partial) {
      const full = await options.finance.get(unit.financeCollection, record.id, { parentId: record.parentId, signal: options.signal });
      if (full === undefined) return;
      data = full.data;
    }
    name = options.mapper.matchValue(unit.module, 'finance', data);
    const parentFsmId = unit.parent && record.parentId !== undefined ? run.links.get('companies')?.byFinance.get(record.parentId) : undefined;
    if (unit.parent && parentFsmId === undefined) {
      throw refusal('UNRESOLVED_REFERENCE', 'its customer is not in FSM (import companies first, or fix the customer\'s own failure)');
    }
    const key = unit.parent ? CompanyEmailIndex.key(parentFsmId, name) : name;
    if (key === undefined || name === undefined) throw refusal('MANDATORY_FIELDS_EMPTY', 'it has no match value (Company Name, Email or Item Name)');
    const found = state.fsmByKey.get(key);
    if (found !== undefined) {
      // A pending intent means the record found is the one an interrupted attempt created.
      await settle(run, state, record.id, found, entry?.status === 'pending' ? 'created' : 'existing', name);
      return;
    }
    const payload = state.converter.toFsm(data, { resolve: run.resolve });
    checkRequired(payload, state.required);
    await putLedger(run, unit, record.id, { status: 'pending', at: run.clock.now(), importId: run.importId });
    let result: WriteResult;
    try {
      // No signal: a cancel stops the import between records, never inside a create.
      result = await options.fsm.create(unit.fsmCollection, payload, {});
    } catch (error) {
      const created = ambiguousWrite(error) ? await lookUp(run, state, name, parentFsmId) : undefined;
      if (created === undefined) {
        // The pending row stays after an ambiguous failure: the next import looks for the record first.
        if (!ambiguousWrite(error)) await options.storage.batch([{ type: 'delete', key: ledgerKey(run, unit, record.id) }]);
        throw error;
      }
      result = { id: created };
    }
    await settle(run, state, record.id, result.id, 'created', name);
  } catch (error) {
    if (options.signal?.aborted || error instanceof TwoWaySyncError) throw error;
    const { reason, message } = failureReason(error);
    state.counts.failed++;
    report.failed.push({ entity: unit.entity, module: unit.module, financeId: record.id, ...(name === undefined ? {} : { name }), reason, message });
  }
}

/** Records a finance record as in FSM: ledger row, pair, key, report. */
async function settle(run: ImportRun, state: UnitImport, financeId: string, fsmId: string, status: 'created' | 'existing', name: string): Promise<void> {
  const at = run.clock.now();
  await putLedger(run, state.unit, financeId, { status, fsmId, at, importId: run.importId });
  state.ledger.set(financeId, { status, fsmId, at, importId: run.importId });
  pair(state.pairs, financeId, fsmId, at);
  const imported: ImportedRecord = { entity: state.unit.entity, module: state.unit.module, financeId, fsmId, name };
  if (status === 'created') {
    state.counts.created++;
    run.report.created.push(imported);
  } else run.report.existing.push(imported);
}

/** After a lost reply: the record the create may have made, found by its match value. */
async function lookUp(run: ImportRun, state: UnitImport, name: string, parentFsmId: string | undefined): Promise<string | undefined> {
  const { fsm, signal } = run.options;
  if (!fsm.findByKey) return undefined;
  const known = new Set(state.fsmByKey.values());
  const rows = await fsm.findByKey(state.unit.fsmCollection, name, { signal });
  return rows.find((r) => !known.has(r.id) && (parentFsmId === undefined || fsmKeyOf(run, state.unit, r.data)?.startsWith(`${parentFsmId}|`) === true))?.id;
}

function fsmKeyOf(run: ImportRun, unit: SyncUnit, data: Record<string, unknown>): string | undefined {
  return unit.parent ? CompanyEmailIndex.key(data.Company, data.Email) : run.options.mapper.matchValue(unit.module, 'fsm', data);
}

function pair(index: LinkIndex, financeId: string, fsmId: string, at: number): void {
  index.link(fsmId, { financeId, linkedAt: at });
}

const ledgerKey = (run: ImportRun, unit: SyncUnit, financeId: string): string => `${ledgerPrefix(run, unit)}${encodeURIComponent(financeId)}`;

async function putLedger(run: ImportRun, unit: SyncUnit, financeId: string, entry: LedgerEntry): Promise<void> {
  await run.options.storage.batch([{ type: 'put', key: ledgerKey(run, unit, financeId), value: entry }]);
}

function refusal(reason: 'UNRESOLVED_REFERENCE' | 'MANDATORY_FIELDS_EMPTY', why: string): RecordRefusal {
  return new RecordRefusal(reason, reason === 'MANDATORY_FIELDS_EMPTY' ? MANDATORY_TITLE : 'A referenced record has no counterpart in FSM', `Not imported: ${why}.`);
}

function checkOptions(options: ImportFromFinanceOptions): void {
  if (typeof options !== 'object' || options === null) throw new ConfigError('importFromFinance needs options { storage, mapper, fsm, finance }.');
  for (const name of ['storage', 'mapper', 'fsm', 'finance'] as const) {
    if (typeof options[name] !== 'object' || options[name] === null) throw new ConfigError(`importFromFinance option "${name}" is required.`, { details: { option: name } });
  }
  for (const entity of options.entities ?? []) {
    if (!SYNC_ENTITIES.includes(entity)) throw new ConfigError(`importFromFinance option "entities" takes ${SYNC_ENTITIES.join(', ')}; got ${JSON.stringify(entity)}.`, { details: { option: 'entities' } });
  }
  if (options.leaseMs !== undefined && !(options.leaseMs > 0)) throw new ConfigError('importFromFinance option "leaseMs" must be > 0 (milliseconds).', { details: { option: 'leaseMs' } });
}
