import type { StorageOp } from '../../storage/storage.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import type { MappingSide } from '../../mapping/catalogue/index.js';
import type { BaseIndex, SideSnapshot } from '../state/base-store.js';
import { type SideRead, readSide, fullReadDue } from './change-detection.js';
import type { UnitConflicts } from '../state/conflict-store.js';
import { contentHash } from '../merge/content-hash.js';
import type { UnitCursor } from '../state/cursor-store.js';
import { trustedParentTimes, trustedParentTimesOf } from './settled-parents.js';
import { type FieldPath, fieldPath, project } from '../merge/field-paths.js';
import type { CreateIntent } from '../state/intent-store.js';
import type { LinkIndex } from '../state/link-store.js';
import type { CollectionCapabilities, ReadOptions, RecordSource, SourceRecord, SyncCollection } from '../sources/record-source.js';
import { commit, failed, type RunContext } from './run-context.js';
import { listAll } from '../state/storage-scan.js';
import { keptFields } from '../merge/lean-records.js';
import type { SyncConverter } from '../merge/sync-mapper.js';
import { RecordRefusal } from '../report/failure-reasons.js';
import { otherSide, SyncKeys, type SyncSide } from '../state/sync-keys.js';
import type { SyncUnit } from './sync-units.js';
import type { MergeEntry } from '../merge/three-way-merge.js';
import { HeldCollisions } from './held-collisions.js';
import { IdHashSet } from '../collections/id-hash-set.js';
import { guardedIds, type SiftInput, UnchangedRecords } from '../state/unchanged-records.js';
import { RecordStage } from '../state/record-stage.js';
import { CompanyEmailIndex } from './validation.js';
import { UnitProgress } from './unit-progress.js';

/**
 * A record that failed: read again next run when its side reads from a cursor, and, when the other
 * side refused it (not a network or rate-limit failure), not sent again until it changes (its
 * `fingerprint` moves) or `retryRefusedAfterMs` has passed.
 */
export interface RetryMark {
  parentId?: string;
  at: number;
  fingerprint?: string;
  refused?: { reason: string; title: string; message: string };
  /** A create refused because another record holds one of these unique values (field → value). */
  collides?: Record<string, string>;
}

/** Whether an id is in a set of ids (kept as a lookup over the sets that hold them, not a copy). */
export interface IdLookup {
  has(id: string): boolean;
}

/** Everything one unit's run works on. */
export interface UnitState {
  readonly unit: SyncUnit;
  readonly converter: SyncConverter;
  readonly entries: readonly MergeEntry[];
  readonly paths: { readonly fsm: readonly FieldPath[]; readonly finance: readonly FieldPath[] };
  /** The computed fields of each side that the mapping reads (unknown right after we write that side). */
  readonly computed: { readonly fsm: readonly string[]; readonly finance: readonly string[] };
  readonly caps: { readonly fsm: CollectionCapabilities; readonly finance: CollectionCapabilities };
  readonly collections: { readonly fsm: SyncCollection; readonly finance: SyncCollection };
  readonly links: LinkIndex;
  readonly bases: BaseIndex;
  readonly intents: { fsm: Map<string, CreateIntent>; finance: Map<string, CreateIntent> };
  readonly conflicts: UnitConflicts;
  readonly retries: { fsm: Map<string, RetryMark>; finance: Map<string, RetryMark> };
  readonly cursor: UnitCursor;
  /** This unit's FSM records (after the Type IV filter) and every FSM record read. */
  readonly fsm: SideRead;
  readonly fsmAll: IdLookup;
  readonly finance: SideRead;
  /**
   * The reads hold only the records one `syncOne` needs, not a side's changes: nothing can be
   * concluded from a record's absence, nor from which other records changed.
   */
  readonly narrow: boolean;
  /** Backfill: entries without a base, per base mapping version. */
  readonly noBase: Map<number, ReadonlySet<string>>;
  /** FSM contacts by company and email (contacts units only). */
  readonly emails: CompanyEmailIndex | undefined;
  /**
   * FSM ids linked during this run, and those of pairs held because the source guard refused one
   * of their records: not in this run's reads, and not deleted. Hashes (`IdHashSet`): an id taken
   * for one of them by a shared hash only waits for a later run to be found deleted.
   */
  readonly fresh: { add(id: string): unknown; has(id: string): boolean };
  /**
   * Ids a write was told do not exist (Zoho's code 1002, FSM's record-not-found), or a re-read did
   * not find: deleted since the read, which did not show it (a read from a cursor cannot list
   * deletes). The delete pass settles their pairs as it does a tombstone's.
   */
  readonly gone: { fsm: Set<string>; finance: Set<string> };
  /** Unlinked records of each side by match key (filled by the unit run). */
  readonly unlinked: { fsm: Map<string, SourceRecord[]>; finance: Map<string, SourceRecord[]> };
  /** Records the reads left out as equal to their base, and which of their pairs were examined anyway. */
  readonly unchanged: UnchangedRecords;
  /** Contact persons: listed customers → the finance ids of their linked persons the listing lacks. */
  readonly missingChildren: ReadonlyMap<string, readonly string[]>;
  /** Creates refused for a unique value, held back until the delete pass (a run's reads only). */
  readonly collisions: HeldCollisions | undefined;
  /** Unlinked records the reads keep in storage rather than in `fsm`/`finance` records (their passes read them from there). */
  readonly stage: RecordStage | undefined;
}

/** A converter's entries as the merge reads them. */
export function entriesOf(converter: SyncConverter): MergeEntry[] {
  return converter.entries.map((e) => ({
    key: `${e.fsm}|${e.finance}`,
    fsm: fieldPath(e.fsm),
    finance: fieldPath(e.finance),
    toFinance: e.direction !== 'to_fsm',
    toFsm: e.direction !== 'to_finance',
  }));
}

function unique(paths: FieldPath[]): FieldPath[] {
  return [...new Map(paths.map((p) => [p.text, p])).values()];
}

/** The field paths each side's entries read, once each. */
export function pathsOf(entries: readonly MergeEntry[]): { fsm: FieldPath[]; finance: FieldPath[] } {
  return { fsm: unique(entries.map((e) => e.fsm)), finance: unique(entries.map((e) => e.finance)) };
}

/** Whether an FSM record is of the unit's kind (Type IV splits FSM contacts by whether they name a company). */
export function ofUnitKind(unit: SyncUnit, record: SourceRecord): boolean {
  return unit.fsmFilter === undefined || hasCompany(record) === (unit.fsmFilter === 'with_company');
}

/** Whether an FSM contact names a company (Type IV: a contact person, not an individual). */
export function hasCompany(record: SourceRecord): boolean {
  const company = record.data.Company;
  if (typeof company === 'string') return company !== '';
  return typeof company === 'object' && company !== null && typeof (company as { id?: unknown }).id === 'string';
}

async function loadRetries(ctx: RunContext, unit: string, side: SyncSide): Promise<Map<string, RetryMark>> {
  const entries = await listAll<RetryMark>(ctx.storage, ctx.keys.retry(unit, side));
  return new Map(entries.map((e) => [SyncKeys.idOf(e.key), e.value]));
}

// Records that failed on a cursor-fed side are fetched again, so a failure is retried even when
// the record does not change again (a bad record must not be silently skipped forever). One that
// no longer exists is deleted: a tombstone, so the delete pass settles its pair. Returns those ids.
async function addRetries(source: RecordSource, collection: SyncCollection, read: SideRead, retries: Map<string, RetryMark>, signal: AbortSignal | undefined): Promise<string[]> {
  const gone: string[] = [];
  for (const [id, mark] of retries) {
    if (read.records.has(id) || read.refusedIds.has(id)) continue;
    let record: SourceRecord | undefined;
    try {
      record = await source.get(collection, id, { parentId: mark.parentId, signal });
    } catch (error) {
      // The guard refused what get answered: a failure of this record, not of the run.
      if (!(error instanceof RecordRefusal)) throw error;
      read.refusedIds.add(id);
      read.refused.push({ id, error });
      continue;
    }
    if (record) read.records.set(id, record);
    else {
      read.deleted.add(id);
      gone.push(id);
    }
  }
  return gone;
}

/**
 * Runs one task per side at once; when one fails, the other is aborted and the first failure is
 * thrown (an abort of the run's own signal stays that abort).
 */
async function bothSides<T>(signal: AbortSignal | undefined, tasks: { fsm: (signal: AbortSignal) => Promise<T>; finance: (signal: AbortSignal) => Promise<T> }): Promise<{ fsm: T; finance: T }> {
  const stop = new AbortController();
  const onAbort = () => stop.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();
  const guarded = (task: (signal: AbortSignal) => Promise<T>) => task(stop.signal).catch((error: unknown) => {
    stop.abort(error);
    throw error;
  });
  try {
    const [fsm, finance] = await Promise.all([guarded(tasks.fsm), guarded(tasks.finance)]);
    return { fsm, finance };
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

// Every FSM contact of the unit's kind, as read: a new email is checked against the unchanged ones too.
function indexEmails(unit: SyncUnit, emails: CompanyEmailIndex): (records: readonly SourceRecord[]) => void {
  return (records) => {
    for (const record of records) if (ofUnitKind(unit, record)) emails.add(record.data);
  };
}

/** A unit's stored state, before any side is read. */
export interface StoredUnit {
  readonly converter: SyncConverter;
  readonly caps: { readonly fsm: CollectionCapabilities; readonly finance: CollectionCapabilities };
  readonly links: LinkIndex;
  readonly bases: BaseIndex;
  readonly intents: { fsm: Map<string, CreateIntent>; finance: Map<string, CreateIntent> };
  readonly conflicts: UnitConflicts;
  readonly cursor: UnitCursor;
  readonly retries: { fsm: Map<string, RetryMark>; finance: Map<string, RetryMark> };
  /**
   * Parent id → the time its children were all synced at, for the markers a read may rely on
   * (units whose finance records carry their parent's time).
   */
  readonly parentTimes: ReadonlyMap<string, string> | undefined;
  /** The same, a page of parents at a time, for sources that say `parentTimesByPage` (then `parentTimes` is undefined). */
  readonly parentTimesOf: ReadOptions['parentTimesOf'];
  /** Parents whose children the finance read lists afresh: an open create of a child under them (`ReadOptions.relistParents`). */
  readonly relistParents: ReadonlySet<string> | undefined;
  /** Records the reads leave out as equal to their base. */
  readonly unchanged: UnchangedRecords;
  /** FSM contacts by company and email (contacts units), filled as they are read. */
  readonly emails: CompanyEmailIndex | undefined;
  /** Where the reads keep the data of records no link knows (a run's reads; not a dry run's). */
  readonly stage: RecordStage | undefined;
}

/**
 * How a side's read stages the records it keeps (`RecordStage`): those no link knows and nothing
 * guards, of the unit's kind (type IV), and not held whole already (a walk may list a record
 * twice). List summaries are staged as such (a pass fetches the whole record when it needs it).
 */
function staging(unit: SyncUnit, stored: StoredUnit, guards: Pick<SiftInput, 'intents' | 'retries'>, side: SyncSide): ((records: readonly SourceRecord[], read: SideRead) => Promise<readonly SourceRecord[]>) | undefined {
  const { stage, links } = stored;
  if (stage === undefined) return undefined;
  const guarded = guardedIds(guards, side);
  const linked = side === 'fsm' ? links.byFsm : links.byFinance;
  return async (records, read) => {
    // Held whole (and counted) up to `recordsInMemory`.
    if (!stage.staging(side, records.length)) return stage.page(side, records, () => false);
    // The sift looked up the links of most; the rest (a read without one) are looked up here.
    await links.ensure({ [side]: records.map((r) => r.id) });
    const accept = (record: SourceRecord) => !(guarded.has(record.id) || linked.has(record.id) || links.detached[side].has(record.id) || read.records.has(record.id) || (side === 'fsm' && !ofUnitKind(unit, record)));
    const held = await stage.page(side, records, accept);
    // Staged records are looked up again when a pass reaches them.
    const kept = new Set(held);
    links.evictUnlinked(side, records.filter((r) => !kept.has(r)).map((r) => r.id));
    return held;
  };
}

/** How a side's read takes a record out of the stage when a later copy of it is refused. */
function unstaging(stored: StoredUnit, side: SyncSide): ((ids: readonly string[]) => Promise<void>) | undefined {
  const stage = stored.stage;
  return stage && ((ids) => stage.drop(side, ids));
}

// The mapping changed since the unit's last complete run: every record is read and backfilled.
function mappingChanged(cursor: UnitCursor, converter: SyncConverter): boolean {
  return cursor.mappingVersion !== undefined && cursor.mappingVersion !== converter.version;
}

/** What a unit works on from each side: a run reads its changes, `syncOne` gets the records it needs. */
export type UnitReader = (ctx: RunContext, unit: SyncUnit, stored: StoredUnit) => Promise<{ fsm: SideRead; finance: SideRead }>;

/** The reads of a run: each side from its cursor (or in full when due), plus the records that failed last time. */
export const readChanges: UnitReader = async (ctx, unit, stored) => {
  const { links, cursor, retries } = stored;
  const now = ctx.clock.now();
  const remap = mappingChanged(cursor, stored.converter);
  const reporter = new UnitProgress(ctx.events, unit);
  const staged = (side: SyncSide) => stored.stage?.count(side) ?? 0;
  const progress = (side: SyncSide) => (done: number) => reporter.reading(side, done + staged(side));
  const complete = (side: SyncSide) => (read: SideRead): SideRead => {
    reporter.read(side, read.records.size + staged(side));
    return read;
  };
  // A full read asked for (or a mapping change to backfill) reads every child; the periodic one
  // may leave out the children of parents whose time has not moved.
  const everything = ctx.fullScan || remap;
  const sifted = { parents: unit.parent ? ctx.links.get('companies') : undefined, linkedThisRun: ctx.linkedThisRun.get(unit.module), paths: pathsOf(entriesOf(stored.converter)), unit, version: stored.converter.version, links, bases: stored.bases, conflicts: stored.conflicts, intents: stored.intents, retries };
  const sift = (side: SyncSide) => (remap ? undefined : stored.unchanged.sifter(sifted, side));
  // The two sides are two organisations with a quota each: read both at once. A side that fails
  // stops the other's read.
  const { fsm, finance } = await bothSides(ctx.signal, {
    fsm: (signal) => readSide(ctx.sources.fsm, unit.fsmCollection, cursor.fsm, {
      full: everything || fullReadDue(cursor.fsm, now, ctx.fullScanIntervalMs),
      keep: keptFields(stored.converter, 'fsm', stored.caps.fsm),
      sift: sift('fsm'),
      stage: staging(unit, stored, sifted, 'fsm'),
      unstage: unstaging(stored, 'fsm'),
      ...(stored.emails ? { seen: indexEmails(unit, stored.emails) } : {}),
      signal,
      runId: ctx.runId,
      runStartedAt: ctx.startedAt,
      onPage: progress('fsm'),
    }).then(complete('fsm')),
    finance: (signal) => readSide(ctx.sources.finance, unit.financeCollection, cursor.finance, {
      full: everything || fullReadDue(cursor.finance, now, ctx.fullScanIntervalMs),
      keep: keptFields(stored.converter, 'finance', stored.caps.finance),
      sift: sift('finance'),
      stage: staging(unit, stored, sifted, 'finance'),
      unstage: unstaging(stored, 'finance'),
      signal,
      runId: ctx.runId,
      runStartedAt: ctx.startedAt,
      onPage: progress('finance'),
      ...(everything || stored.parentTimes === undefined ? {} : { parentTimes: stored.parentTimes }),
      ...(everything || stored.parentTimesOf === undefined ? {} : { parentTimesOf: stored.parentTimesOf }),
      ...(stored.relistParents === undefined ? {} : { relistParents: stored.relistParents }),
      memo: ctx.memo,
    }).then(complete('finance')),
  });
  const goneFsm = await addRetries(ctx.sources.fsm, unit.fsmCollection, fsm, retries.fsm, ctx.signal);
  const goneFinance = await addRetries(ctx.sources.finance, unit.financeCollection, finance, retries.finance, ctx.signal);
  await links.ensure({ fsm: goneFsm, finance: goneFinance });
  // A deleted record that is not linked has nothing left to retry (a linked one's mark goes with its pair).
  const forget = [
    ...goneFsm.filter((id) => !links.byFsm.has(id)).map((id) => ({ side: 'fsm' as const, id })),
    ...goneFinance.filter((id) => !links.byFinance.has(id)).map((id) => ({ side: 'finance' as const, id })),
  ];
  if (forget.length > 0 && !ctx.dryRun) {
    await commit(ctx, forget.map(({ side, id }) => ({ type: 'delete' as const, key: ctx.keys.retry(unit.module, side, id) })));
    for (const { side, id } of forget) retries[side].delete(id);
  }
  return { fsm, finance };
};

/** Loads a unit's mapping, links, bases, intents, conflicts and cursor, then its reads (a run's, unless told otherwise). */
export async function loadUnit(ctx: RunContext, unit: SyncUnit, reader: UnitReader = readChanges): Promise<UnitState> {
  const converter = await ctx.mapper.converter(unit.module);
  const entries = entriesOf(converter);
  const fsmCaps = ctx.sources.fsm.capabilities(unit.fsmCollection);
  const financeCaps = ctx.sources.finance.capabilities(unit.financeCollection);
  if (!fsmCaps || !financeCaps) throw new TypeError(`The ${!fsmCaps ? 'FSM' : 'finance'} source (${!fsmCaps ? ctx.sources.fsm.id : ctx.sources.finance.id}) does not hold ${!fsmCaps ? unit.fsmCollection : unit.financeCollection}.`);
  // The links and bases of the records a run works on are loaded once their ids are known; contact
  // persons' are also found by their customer (see `childrenMissing`).
  const links = unit.parent ? await parentedLinks(ctx, unit) : ctx.stores.links.window(unit.module);
  const bases = ctx.stores.bases.window(unit.module);
  const [intents, conflicts, cursor, fsmRetries, financeRetries] = await Promise.all([
    ctx.stores.intents.load(unit.module),
    ctx.stores.conflicts.loadUnit(unit.module),
    ctx.stores.cursors.load(unit.module),
    loadRetries(ctx, unit.module, 'fsm'),
    loadRetries(ctx, unit.module, 'finance'),
  ]);
  ctx.links.set(unit.module, links);
  // Only a run's read of changes gives parent times: a full scan or a mapping change reads every
  // child, and `syncOne` reads the records it needs.
  const relistParents = unit.parent ? openChildCreates(intents) : undefined;
  const timesDue = reader === readChanges && unit.parent && financeCaps.parentTime === true && !ctx.fullScan && !mappingChanged(cursor, converter);
  // A source that takes parents a page at a time looks their times up per page: no map of every one.
  const byPage = timesDue && financeCaps.parentTimesByPage === true;
  const parentTimes = timesDue && !byPage ? await trustedParentTimes(ctx, unit.module, relistParents) : undefined;
  const parentTimesOf = byPage ? (ids: readonly string[]) => trustedParentTimesOf(ctx, unit.module, relistParents, ids) : undefined;
  const stage = reader === readChanges && !ctx.dryRun ? new RecordStage(ctx.storage, ctx.keys, unit.module, ctx.recordsInMemory) : undefined;
  // A stage a killed run left behind.
  await stage?.clear();
  const stored: StoredUnit = { converter, caps: { fsm: fsmCaps, finance: financeCaps }, links, bases, intents, conflicts, cursor, retries: { fsm: fsmRetries, finance: financeRetries }, parentTimes, parentTimesOf, relistParents, unchanged: new UnchangedRecords(), emails: unit.fsmCollection === 'contacts' ? new CompanyEmailIndex() : undefined, stage };
  const { fsm, finance } = await reader(ctx, unit, stored);
  await loadInPlay(ctx, unit, stored, { fsm, finance });
  await indexStage(ctx, unit, stage);
  const held = holdRefused(ctx, unit, links, { fsm, finance }, stored.unchanged);
  // Linked by an earlier unit of this run (persons created with their customer): not in this unit's reads.
  const linkedEarlier = ctx.linkedThisRun.get(unit.module);
  const freshIds = new IdHashSet();
  for (const id of held) freshIds.add(id);
  const fresh = { add: (id: string) => freshIds.add(id), has: (id: string) => freshIds.has(id) || linkedEarlier?.has(id) === true };
  const missingChildren = unit.parent ? await childrenMissing(ctx, unit, links, finance, stage) : new Map<string, string[]>();
  // Every FSM id the read listed: this unit's records, those left out as unchanged, and (Type IV)
  // those of the other kind, taken out of this unit's records below. Looked up, not copied.
  const otherKind = new IdHashSet();
  const fsmAll: IdLookup = { has: (id) => fsm.records.has(id) || fsm.unchanged.has(id) || otherKind.has(id) || stage?.has('fsm', id) === true };
  if (unit.fsmFilter) {
    for (const [id, record] of fsm.records) {
      if (ofUnitKind(unit, record)) continue;
      fsm.records.delete(id);
      otherKind.add(id);
    }
  }
  // Records the read left out as unchanged were indexed as they were read.
  const emails = stored.emails;
  if (emails) for (const record of fsm.records.values()) emails.add(record.data);
  const paths = pathsOf(entries);
  const computedOf = (side: SyncSide, caps: CollectionCapabilities) => {
    const computed = new Set(caps.computed ?? []);
    return paths[side].map((p) => p.text).filter((text) => computed.has(text));
  };
  return {
    unit,
    converter,
    entries,
    paths,
    computed: { fsm: computedOf('fsm', fsmCaps), finance: computedOf('finance', financeCaps) },
    caps: { fsm: fsmCaps, finance: financeCaps },
    collections: { fsm: unit.fsmCollection, finance: unit.financeCollection },
    links,
    bases,
    intents,
    conflicts,
    retries: stored.retries,
    cursor,
    fsm,
    fsmAll,
    finance,
    narrow: reader !== readChanges,
    noBase: new Map(),
    emails,
    fresh,
    gone: { fsm: new Set(), finance: new Set() },
    unlinked: { fsm: new Map(), finance: new Map() },
    unchanged: stored.unchanged,
    missingChildren,
    collisions: reader === readChanges ? new HeldCollisions() : undefined,
    stage,
  };
}

/**
 * The links of a unit whose records live under a parent: a window, once its links are filed under
 * their parents (done here once for links from earlier versions). The links the run made already
 * (persons created with their customer) count with them. A dry run over links not filed yet (it
 * writes nothing) loads the unit whole.
 */
async function parentedLinks(ctx: RunContext, unit: SyncUnit): Promise<LinkIndex> {
  const filed = await ctx.stores.links.fileUnderParents(unit.module, ctx.dryRun ? undefined : (ops) => commit(ctx, ops));
  if (!filed) return ctx.stores.links.load(unit.module);
  const links = ctx.stores.links.window(unit.module);
  links.countMade(ctx.links.get(unit.module)?.made ?? 0);
  return links;
}

/**
 * The linked children each listed parent's listing lacks (parent id → their finance ids): deleted,
 * or held for a refusal. Such a parent is not settled this run, and its time may have moved for
 * them. Found through the links filed under the parent, each checked against its link.
 */
async function childrenMissing(ctx: RunContext, unit: SyncUnit, links: LinkIndex, finance: SideRead, stage: RecordStage | undefined): Promise<Map<string, string[]>> {
  const missing = new Map<string, string[]>();
  // Looked up, not copied: a first run stages the persons of tens of thousands of customers, and
  // a daily full read leaves out as many customers' persons as unchanged.
  const held = new Set<string>();
  for (const record of finance.records.values()) if (record.parentId !== undefined) held.add(record.parentId);
  const staged = stage?.parents;
  const listed = { has: (id: string) => held.has(id) || finance.siftedParents.has(id) || finance.exactParents.has(id) || staged?.has(id) === true, *[Symbol.iterator]() {
    yield* held;
    for (const id of finance.siftedParents.keys()) if (!held.has(id)) yield id;
    for (const id of finance.exactParents.keys()) if (!held.has(id) && !finance.siftedParents.has(id)) yield id;
    for (const id of staged?.keys() ?? []) if (!held.has(id) && !finance.siftedParents.has(id) && !finance.exactParents.has(id)) yield id;
  } };
  const add = (parentId: string, financeId: string) => {
    const ids = missing.get(parentId);
    if (ids) ids.push(financeId);
    else missing.set(parentId, [financeId]);
  };
  const absent = (financeId: string) => !finance.records.has(financeId) && !finance.unchanged.has(financeId);
  if (links.complete) {
    for (const link of links.byFsm.values()) if (link.parentId !== undefined && listed.has(link.parentId) && absent(link.financeId)) add(link.parentId, link.financeId);
    return missing;
  }
  const candidates: Array<[parentId: string, fsmId: string, financeId: string]> = [];
  if (finance.complete) {
    // A complete read lists (nearly) every customer: one walk of the filings, not a lookup each.
    for await (const page of ctx.stores.links.filings(unit.module)) {
      for (const [parentId, fsmId, financeId] of page) if (listed.has(parentId) && absent(financeId)) candidates.push([parentId, fsmId, financeId]);
    }
  } else {
    for (const parentId of listed) {
      for (const [fsmId, financeId] of await ctx.stores.links.childrenOf(unit.module, parentId)) if (absent(financeId)) candidates.push([parentId, fsmId, financeId]);
    }
  }
  await links.ensure({ fsm: candidates.map(([, fsmId]) => fsmId) });
  const stale: StorageOp[] = [];
  for (const [parentId, fsmId, financeId] of candidates) {
    const link = links.byFsm.get(fsmId);
    if (link?.financeId === financeId && link.parentId === parentId) add(parentId, financeId);
    else stale.push(...ctx.stores.links.unfileOps(unit.module, parentId, fsmId));
  }
  await commit(ctx, stale);
  return missing;
}

/**
 * Loads the links and bases of every record the unit run works on: both reads (with their
 * tombstones and refused ids), open intents and what they created, and the customers of contact
 * persons (their companies' links).
 */
async function loadInPlay(ctx: RunContext, unit: SyncUnit, stored: StoredUnit, reads: { fsm: SideRead; finance: SideRead }): Promise<void> {
  const { links, intents } = stored;
  const created = (side: SyncSide) => [...intents[otherSide(side)].values()].flatMap((i) => (i.createdId === undefined ? [] : [i.createdId]));
  const idsOf = (side: SyncSide): string[] => [...reads[side].records.keys(), ...reads[side].deleted, ...reads[side].refusedIds, ...intents[side].keys(), ...created(side), ...stored.retries[side].keys()];
  // Records linked earlier in the run are in play only if their read kept them (changed since).
  await links.ensure({ fsm: idsOf('fsm'), finance: idsOf('finance') });
  await stored.bases.ensure(linkedIds(links, reads.fsm, reads.finance));
  if (unit.parent) await ensureParents(ctx, stored, reads);
}

/**
 * Files the staged records of both sides under their match keys (`RecordStage.index`), holding the
 * companies' links FSM contacts are keyed by (their customer) a page at a time.
 */
async function indexStage(ctx: RunContext, unit: SyncUnit, stage: RecordStage | undefined): Promise<void> {
  if (stage === undefined) return;
  const companies = unit.parent ? ctx.links.get('companies') : undefined;
  for (const side of ['fsm', 'finance'] as const) {
    await stage.index(side, async (records) => {
      if (side !== 'fsm' || !companies) return records.map((record) => recordKeyOf(ctx, unit, side, record).key);
      const release = await companies.hold({ fsm: companyIdsOf(records) });
      try {
        return records.map((record) => recordKeyOf(ctx, unit, side, record).key);
      } finally {
        release();
        // Now, not on the next turn: storage answers may never leave this turn between pages.
        companies.letGoOfHeld();
      }
    });
  }
}

/** A record's match key and parent on its side (contact persons: scoped to their customer). */
export function recordKeyOf(ctx: RunContext, unit: SyncUnit, side: SyncSide, record: SourceRecord): { key: string | undefined; parentId: string | undefined } {
  const parentId = !unit.parent ? undefined : side === 'fsm' ? parentOf(ctx, record.data) : record.parentId;
  return { key: matchKeyOf(ctx, unit, side, record.data, parentId), parentId };
}

// The FSM ids of the linked pairs the run may merge: a window holds just those; a complete index
// (contact persons) holds every link, and a pair whose records were not read is not merged.
function* linkedIds(links: LinkIndex, fsm: SideRead, finance: SideRead): Generator<string> {
  if (!links.complete) {
    yield* links.byFsm.keys();
    return;
  }
  for (const id of fsm.records.keys()) if (links.byFsm.has(id)) yield id;
  for (const id of fsm.deleted) if (links.byFsm.has(id)) yield id;
  for (const id of [...finance.records.keys(), ...finance.deleted]) {
    const fsmId = links.byFinance.get(id);
    if (fsmId !== undefined) yield fsmId;
  }
}

/**
 * The customers an open create of a contact person went to (its reply lost, e.g. the process
 * killed): the person may be there while the customer's time, in whole seconds, has not moved
 * since the sync last saw it. `undefined` when there is none.
 */
function openChildCreates(intents: StoredUnit['intents']): ReadonlySet<string> | undefined {
  const parents = new Set<string>();
  for (const intent of [...intents.fsm.values(), ...intents.finance.values()]) if (intent.target === 'finance' && intent.parentId !== undefined) parents.add(intent.parentId);
  return parents.size === 0 ? undefined : parents;
}

/**
 * The companies links contact persons held whole need: their FSM contacts' companies, their
 * customers, open intents' companies. Those of staged records are held a page at a time as the
 * passes reach them (`StagedParents`).
 */
async function ensureParents(ctx: RunContext, stored: StoredUnit, reads: { fsm: SideRead; finance: SideRead }): Promise<void> {
  const companies = ctx.links.get('companies');
  if (!companies || companies.complete) return;
  const fsm = new Set<string>();
  for (const record of reads.fsm.records.values()) {
    const id = companyIdOf(record.data);
    if (id !== undefined) fsm.add(id);
  }
  for (const intent of stored.intents.fsm.values()) if (intent.parentOf !== undefined) fsm.add(intent.parentOf);
  const finance = new Set<string>();
  for (const record of reads.finance.records.values()) if (record.parentId !== undefined) finance.add(record.parentId);
  for (const link of stored.links.byFsm.values()) if (link.parentId !== undefined) finance.add(link.parentId);
  for (const intent of [...stored.intents.fsm.values(), ...stored.intents.finance.values()]) if (intent.parentId !== undefined) finance.add(intent.parentId);
  await companies.ensure({ fsm, finance });
}

/**
 * Fails each record the source guard refused, once (Type IV reads FSM contacts for two units: the
 * "with company" one reports them), and holds the pairs of refused linked records: both records
 * leave this run's reads, so the pair is neither written nor taken as deleted. Returns their FSM ids.
 */
function holdRefused(ctx: RunContext, unit: SyncUnit, links: LinkIndex, reads: { fsm: SideRead; finance: SideRead }, unchanged: UnchangedRecords): Set<string> {
  const held = new Set<string>();
  for (const side of ['fsm', 'finance'] as const) {
    const read = reads[side];
    if (side === 'finance' || unit.fsmFilter !== 'without_company') {
      for (const bad of read.refused) {
        const ids = bad.id === undefined ? {} : side === 'fsm' ? { fsmId: bad.id } : { financeId: bad.id };
        failed(ctx, unit, otherSide(side), bad.error, ids);
      }
    }
    for (const id of read.refusedIds) {
      const fsmId = side === 'fsm' ? (links.byFsm.has(id) ? id : undefined) : links.byFinance.get(id);
      if (fsmId !== undefined) held.add(fsmId);
    }
  }
  for (const fsmId of held) {
    // Neither synced nor unchanged this run: the refusal is its report.
    unchanged.examined(fsmId);
    reads.fsm.records.delete(fsmId);
    const financeId = links.byFsm.get(fsmId)?.financeId;
    if (financeId !== undefined) reads.finance.records.delete(financeId);
  }
  return held;
}

/**
 * Whether a record is known deleted: a tombstone, a write told it does not exist, or a complete
 * read without it. Such a record is never written to; its pair is the delete pass's to settle.
 * (A complete read can miss a row a concurrent delete shifted: the delete pass asks once more.)
 */
export function knownGone(state: UnitState, side: SyncSide, id: string): boolean {
  const read = state[side];
  if (read.deleted.has(id) || state.gone[side].has(id)) return true;
  return missingFromCompleteRead(state, side, id);
}

/**
 * Whether a complete read of `side` lacks the record: it was neither listed nor a child of a parent
 * the read left out as unchanged (a person of a customer whose time has not moved is still there).
 */
export function missingFromCompleteRead(state: UnitState, side: SyncSide, id: string, parentId?: string): boolean {
  const read = state[side];
  if (!read.complete) return false;
  if (side === 'fsm') return !state.fsmAll.has(id);
  if (read.records.has(id) || read.unchanged.has(id) || state.stage?.has(side, id) === true) return false;
  if (read.unchangedParents.size === 0) return true;
  const fsmId = parentId === undefined ? state.links.byFinance.get(id) : undefined;
  const parent = parentId ?? (fsmId === undefined ? undefined : state.links.byFsm.get(fsmId)?.parentId);
  return parent === undefined || !read.unchangedParents.has(parent);
}

/**
 * Whether a failed write means its record is gone: Zoho answered that the record does not exist
 * (`NotFoundError`: Books/Invoice code 1002, FSM's record-not-found). The id is remembered so the
 * delete pass settles the pair by the policy: the write is not a failure. A URL Zoho does not
 * serve (`UnknownEndpointError`) says nothing about the record and stays a failure.
 */
export function deletedOnWrite(state: UnitState, side: SyncSide, id: string, error: unknown): boolean {
  if (!(error instanceof NotFoundError)) return false;
  state.gone[side].add(id);
  return true;
}

/** The entries to backfill for a base built with `version` (mapping changes since). */
export async function noBaseEntries(ctx: RunContext, state: UnitState, version: number): Promise<ReadonlySet<string>> {
  if (version === state.converter.version) return new Set();
  const cached = state.noBase.get(version);
  if (cached) return cached;
  let keys: Set<string>;
  if (ctx.mapper.changedFieldsSince && version <= state.converter.version) {
    const changes = await ctx.mapper.changedFieldsSince(state.unit.module, version);
    keys = changes.full ? new Set(state.entries.map((e) => e.key)) : new Set(changes.entries.map((e) => `${e.fsm}|${e.finance}`));
  } else {
    keys = new Set(state.entries.map((e) => e.key));
  }
  state.noBase.set(version, keys);
  return keys;
}

/** A side's snapshot of a record: its mapped fields and their hash. */
export function snapshotOf(state: UnitState, side: SyncSide, record: Record<string, unknown>, extra: { modifiedTime?: string | undefined; unknown?: string[] | undefined } = {}): SideSnapshot {
  const fields = project(record, state.paths[side]);
  return {
    hash: contentHash(fields),
    fields,
    ...(extra.modifiedTime === undefined ? {} : { modifiedTime: extra.modifiedTime }),
    ...(extra.unknown === undefined || extra.unknown.length === 0 ? {} : { unknown: extra.unknown }),
  };
}

/** FSM contacts by email, through the FSM source's search (when it has one): what confirms a company-email clash. */
export function fsmContactsByEmail(ctx: RunContext, state: UnitState): ((email: string) => Promise<SourceRecord[]>) | undefined {
  const source = ctx.sources.fsm;
  const find = source.findByKey?.bind(source);
  return find && ((email) => find(state.collections.fsm, email, { signal: ctx.signal }));
}

/** The FSM id of the company an FSM contact names (a lookup `{ id, name }` or a bare id). */
export function companyIdOf(fsmRecord: Record<string, unknown>): string | undefined {
  const company = fsmRecord.Company;
  const id = typeof company === 'string' ? company : typeof company === 'object' && company !== null ? (company as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The FSM companies FSM contacts name, for looking their links up at once. */
export function companyIdsOf(records: readonly SourceRecord[]): string[] {
  return records.flatMap((r) => companyIdOf(r.data) ?? []);
}

/** The finance id of the customer an FSM contact's company is linked to (contact persons' parent). */
export function parentOf(ctx: RunContext, fsmRecord: Record<string, unknown>): string | undefined {
  const id = companyIdOf(fsmRecord);
  return id === undefined ? undefined : ctx.links.get('companies')?.byFsm.get(id)?.financeId;
}

/** A record's match key on a side, scoped to its parent for contact persons. */
export function matchKeyOf(ctx: RunContext, unit: SyncUnit, side: MappingSide, record: Record<string, unknown>, parentId: string | undefined): string | undefined {
  const value = ctx.mapper.matchValue(unit.module, side, record);
  if (value === undefined) return undefined;
  if (!unit.parent) return value;
  return parentId === undefined ? undefined : `${parentId}|${value}`;
}

/**
 * The records a search by match value found that belong to match key `key`: FSM's search by email
 * lists the contacts of every company, and a contact person is only the one under its own customer
 * (its company's link, looked up here). Other searches are scoped already (Books lists the persons
 * of the customer asked for).
 */
export async function withKey(ctx: RunContext, state: UnitState, side: SyncSide, rows: readonly SourceRecord[], key: string | undefined): Promise<SourceRecord[]> {
  if (key === undefined || side !== 'fsm' || !state.unit.parent) return [...rows];
  await ctx.links.get('companies')?.ensure({ fsm: companyIdsOf(rows) });
  return rows.filter((r) => recordKeyOf(ctx, state.unit, side, r).key === key);
}
