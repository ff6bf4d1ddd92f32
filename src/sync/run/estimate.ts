import type { Clock } from '../../clock.js';
import { ConfigError } from '../../errors/config-error.js';
import { nextUtcMidnight } from '../../transport/daily-budget.js';
import { UNRESOLVED_REFERENCE } from '../report/failure-reasons.js';
import type { RecordSource, SourceLimits, SyncCollection } from '../sources/record-source.js';
import type { SyncReport } from '../report/report.js';
import type { SyncSide } from '../state/sync-keys.js';
import type { SyncEntity } from './sync-units.js';

// How a run's calls fit the two organisations' limits. The dry run reads what a real run reads
// (and plans its writes); this file turns those counts and each side's limits into minutes, UTC
// days and a finishing time.

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Zoho's published pace: 100 calls a minute per organisation. */
const DEFAULT_PER_MINUTE = 100;

/** Limits given to {@link BidirectionalSyncer.estimate} for one side; each number given replaces the source's. */
export interface EstimateSideLimits {
  /** Calls per minute. */
  perMinute?: number;
  /** Calls per UTC day; `false`: no daily cap. */
  perDay?: number | false;
  /** Calls already spent today. */
  usedToday?: number;
}

/** Options of {@link BidirectionalSyncer.estimate}. */
export interface SyncEstimateOptions {
  /** Stops the estimate's dry run between records; `estimate()` then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Estimate a full scan (`run({ fullScan: true })`): every record of both sides read. */
  fullScan?: boolean;
  /**
   * Limits to plan with instead of the sources' (`RecordSource.limits()`), per side and per number:
   * what a run would take on another plan. Without them, and without `limits()` on a source, the
   * side gets Zoho's 100 calls a minute and no known daily cap.
   */
  limits?: { fsm?: EstimateSideLimits; finance?: EstimateSideLimits };
}

/** Calls a run makes for one entity on one side. */
export interface EntityCallEstimate {
  entity: SyncEntity;
  /** Reads: list pages (per-customer persons pages included) and single-record reads. */
  reads: { list: number; detail: number };
  /** Writes the dry run planned on this side (one call each). */
  writes: { creates: number; updates: number; deactivates: number; deletes: number };
  /**
   * Records the dry run could not plan because they reference a record the same run creates or
   * links first (a contact of a company not linked yet): at most one write each (a create; none
   * when the real run pairs it with a record of the same match key).
   */
  unplanned: number;
  /** `reads` + `writes` + `unplanned`. */
  calls: number;
}

/** The limits an estimate used for one side, and where they came from. */
export interface EstimateLimits {
  perMinute: number;
  /** Calls per UTC day; `undefined` when no daily cap is known (see `note`). */
  perDay: number | undefined;
  /** Calls already spent today (the estimate's own dry run included, when the side counts it). */
  usedToday: number;
  /** When today's budget is already spent: when calls can go on (ISO 8601, UTC). */
  resumeAt?: string;
  plan?: string;
  /** `'source'`: `RecordSource.limits()`; `'option'`: the `limits` option (at least one number); `'default'`: Zoho's 100 a minute, no daily cap known. */
  from: 'source' | 'option' | 'default';
  /** What the figures rest on, when not a plan's published limits. */
  note?: string;
}

/** What a run needs from one side, and how long that takes at the side's limits. */
export interface SideEstimate {
  /** Every call below, plus `resumeReads`. */
  calls: number;
  reads: { list: number; detail: number };
  writes: { creates: number; updates: number; deactivates: number; deletes: number };
  unplanned: number;
  /**
   * Calls the runs after a daily stop repeat: each resumed run lists this side's pages again
   * (the scanned collections in full; an upper bound for cursor-fed ones).
   */
  resumeReads: number;
  entities: EntityCallEstimate[];
  limits: EstimateLimits;
  /** Minutes of calls at `limits.perMinute` (time spent waiting for the next day's budget not included). */
  minutes: number;
  /** UTC days the calls spread over at the daily cap, today counted: 1 = they all fit today. */
  days: number;
  /** Times the daily cap stops the run before this side's calls are done. */
  dailyStops: number;
  /** When the side's calls can start (now, or `limits.resumeAt` when today's budget is spent). */
  startsAt: string;
  /** When the side's last call would be made, if every stopped run is resumed at once. */
  finishesAt: string;
}

/**
 * A plan before a long run: the calls each side needs, per entity, and how long they take at each
 * organisation's limits. The two organisations' quotas are separate, so the run's floor is the
 * slower side (`minutes`); this version of the syncer makes one call at a time, so a run can take
 * up to the sum (`minutesOneAtATime`).
 */
export interface SyncEstimate {
  /** When the estimate was made (ISO 8601). */
  estimatedAt: string;
  /** False when the dry run stopped before reading everything (a spent daily budget): the figures are then a lower bound. */
  complete: boolean;
  fsm: SideEstimate;
  finance: SideEstimate;
  /** Calls of both sides. */
  calls: number;
  /** The floor the limits allow, both sides' calls at once: the slower side's minutes. */
  minutes: number;
  /** Both sides one call at a time: the sum of their minutes. */
  minutesOneAtATime: number;
  /** UTC days the run spreads over, today counted (1 = it finishes today). */
  days: number;
  /** Whether the run fits today's budgets: no daily stop on either side. */
  fitsToday: boolean;
  /** When the run would end, each stopped run resumed at its `resumeAt` (ISO 8601). */
  finishesAt: string;
  /** What the figures do not know: sides without a known daily cap, unplanned records, an incomplete dry run. */
  notes: string[];
}

interface ReadCounts {
  list: number;
  detail: number;
}

/** Reads per collection. */
export type ReadTally = ReadonlyMap<SyncCollection, ReadCounts>;

/**
 * Wraps a source to count its reads per collection: list pages (the calls made while `read`
 * produces a page, measured with the source's `callCount()` when it has one, else one per page)
 * and single-record reads (`get`, one call each).
 */
export class ReadCounter {
  readonly source: RecordSource;
  readonly #counts = new Map<SyncCollection, ReadCounts>();

  constructor(inner: RecordSource) {
    const calls = inner.callCount ? () => inner.callCount?.() ?? 0 : undefined;
    const add = (collection: SyncCollection, kind: keyof ReadCounts, n: number) => {
      let counts = this.#counts.get(collection);
      if (!counts) {
        counts = { list: 0, detail: 0 };
        this.#counts.set(collection, counts);
      }
      counts[kind] += n;
    };
    const read: RecordSource['read'] = async function* (collection, options) {
      const pages = inner.read(collection, options)[Symbol.asyncIterator]();
      try {
        for (;;) {
          const before = calls?.() ?? 0;
          const next = await pages.next();
          // Without callCount: one call per page that lists something (the closing empty page costs none).
          add(collection, 'list', calls ? calls() - before : next.done === true || next.value.records.length === 0 ? 0 : 1);
          if (next.done === true) return;
          yield next.value;
        }
      } finally {
        await pages.return?.();
      }
    };
    // One call per `get`: records are synced a few at once, so the call counter's delta over one
    // `get` would take in the calls of the others.
    const get: RecordSource['get'] = async (collection, id, options) => {
      try {
        return await inner.get(collection, id, options);
      } finally {
        add(collection, 'detail', 1);
      }
    };
    // Everything else, optional methods included (present or absent as on the source), goes straight through.
    this.source = new Proxy(inner, {
      get(target, property) {
        if (property === 'read') return read;
        if (property === 'get') return get;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  /** The reads so far, per collection (a copy). */
  snapshot(): ReadTally {
    return new Map([...this.#counts].map(([collection, counts]) => [collection, { ...counts }]));
  }

  /** The reads since `before`. */
  since(before: ReadTally): ReadTally {
    return new Map([...this.#counts].map(([collection, counts]) => {
      const was = before.get(collection);
      return [collection, { list: counts.list - (was?.list ?? 0), detail: counts.detail - (was?.detail ?? 0) }];
    }));
  }
}

function entityOf(collection: SyncCollection): SyncEntity {
  return collection === 'companies' || collection === 'items' ? collection : 'contacts';
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** A source's limits, checked: what a custom source answers is not trusted blindly. */
async function sourceLimits(source: RecordSource, signal: AbortSignal | undefined): Promise<EstimateLimits> {
  const fallback = (note: string): EstimateLimits => ({ perMinute: DEFAULT_PER_MINUTE, perDay: undefined, usedToday: 0, from: 'default', note });
  if (!source.limits) return fallback("the source gives no limits: Zoho's 100 calls a minute, no daily cap known");
  let given: SourceLimits;
  try {
    given = await source.limits(signal ? { signal } : {});
  } catch (error) {
    signal?.throwIfAborted();
    return fallback(`the source's limits() failed (${error instanceof Error ? error.message : String(error)}): Zoho's 100 calls a minute, no daily cap known`);
  }
  if (typeof given !== 'object' || given === null || !(isCount(given.perMinute) && given.perMinute > 0)) {
    return fallback("the source's limits() gave no usable perMinute: Zoho's 100 calls a minute, no daily cap known");
  }
  const perDay = isCount(given.perDay) && given.perDay > 0 ? given.perDay : undefined;
  return {
    perMinute: given.perMinute,
    perDay,
    usedToday: isCount(given.usedToday) ? given.usedToday : 0,
    ...(isCount(given.resumeAt) ? { resumeAt: new Date(given.resumeAt).toISOString() } : {}),
    ...(typeof given.plan === 'string' ? { plan: given.plan } : {}),
    from: 'source',
    ...(typeof given.note === 'string' ? { note: given.note } : perDay === undefined ? { note: 'the source knows no daily cap' } : {}),
  };
}

/** The `limits` option on top of a side's limits, number by number. */
function withOption(limits: EstimateLimits, option: EstimateSideLimits | undefined, side: SyncSide): EstimateLimits {
  if (option === undefined) return limits;
  const name = (field: string) => `estimate option limits.${side}.${field}`;
  const { perMinute, perDay, usedToday } = option;
  if (perMinute !== undefined && !(isCount(perMinute) && perMinute > 0)) throw new ConfigError(`${name('perMinute')} must be a positive number; got ${String(perMinute)}.`, { details: { option: name('perMinute') } });
  if (perDay !== undefined && perDay !== false && !(Number.isInteger(perDay) && perDay > 0)) throw new ConfigError(`${name('perDay')} must be a positive whole number or false; got ${String(perDay)}.`, { details: { option: name('perDay') } });
  if (usedToday !== undefined && !(Number.isInteger(usedToday) && usedToday >= 0)) throw new ConfigError(`${name('usedToday')} must be a whole number ≥ 0; got ${String(usedToday)}.`, { details: { option: name('usedToday') } });
  if (perMinute === undefined && perDay === undefined && usedToday === undefined) return limits;
  const { note: _note, ...rest } = limits;
  const merged: EstimateLimits = {
    ...rest,
    perMinute: perMinute ?? limits.perMinute,
    perDay: perDay === false ? undefined : (perDay ?? limits.perDay),
    usedToday: usedToday ?? limits.usedToday,
    from: 'option',
  };
  if (perDay === undefined && merged.perDay === undefined && limits.note !== undefined) merged.note = limits.note;
  return merged;
}

interface Schedule {
  minutes: number;
  days: number;
  dailyStops: number;
  startsAt: number;
  finishesAt: number;
}

/** When `calls` calls end at `perMinute`, spending at most `perDay` a UTC day (`usedToday` of today's already spent). */
function schedule(calls: number, limits: EstimateLimits, now: number): Schedule {
  const { perMinute, perDay } = limits;
  const resumeAt = limits.resumeAt === undefined ? undefined : Date.parse(limits.resumeAt);
  let t = now;
  let left = perDay === undefined ? Number.POSITIVE_INFINITY : Math.max(0, perDay - limits.usedToday);
  let dailyStops = 0;
  if (resumeAt !== undefined && resumeAt > now) {
    t = resumeAt;
    left = perDay ?? Number.POSITIVE_INFINITY;
  } else if (left === 0 && calls > 0) {
    t = nextUtcMidnight(now);
    left = perDay ?? Number.POSITIVE_INFINITY;
  }
  const startsAt = t;
  let remaining = calls;
  // Day by day: the calls the day's budget and the minutes left before midnight allow.
  while (remaining > 0) {
    const midnight = nextUtcMidnight(t);
    const byTime = Math.floor(((midnight - t) / MINUTE) * perMinute);
    const take = Math.min(remaining, left, Math.max(byTime, 1));
    remaining -= take;
    t += (take / perMinute) * MINUTE;
    if (remaining === 0) break;
    if (take === left) dailyStops += 1;
    t = Math.max(t, midnight);
    left = perDay ?? Number.POSITIVE_INFINITY;
  }
  const day = (at: number) => Math.floor(at / DAY);
  return { minutes: calls / perMinute, days: day(t) - day(now) + 1, dailyStops, startsAt, finishesAt: t };
}

const round = (minutes: number) => Math.round(minutes * 10) / 10;

interface SideCounts {
  entities: EntityCallEstimate[];
  listPages: number;
}

/** Reads (from the dry run), planned writes and unplanned records of one side, per entity. */
function sideCounts(report: SyncReport, side: SyncSide, reads: ReadTally): SideCounts {
  const entities = new Map<SyncEntity, EntityCallEstimate>();
  const entry = (entity: SyncEntity): EntityCallEstimate => {
    let found = entities.get(entity);
    if (!found) {
      found = { entity, reads: { list: 0, detail: 0 }, writes: { creates: 0, updates: 0, deactivates: 0, deletes: 0 }, unplanned: 0, calls: 0 };
      entities.set(entity, found);
    }
    return found;
  };
  let listPages = 0;
  for (const [collection, counts] of reads) {
    const e = entry(entityOf(collection));
    e.reads.list += counts.list;
    e.reads.detail += counts.detail;
    listPages += counts.list;
  }
  const direction = side === 'finance' ? 'toFinance' : 'toFsm';
  for (const change of report.plan ?? []) {
    if (change.direction !== direction) continue;
    const writes = entry(change.entity as SyncEntity).writes;
    if (change.action === 'create') writes.creates += 1;
    else if (change.action === 'update') writes.updates += 1;
    else if (change.action === 'deactivate') writes.deactivates += 1;
    else if (change.action === 'delete') writes.deletes += 1;
    // 'link' and 'unlink' change storage only.
  }
  for (const group of report.failures) {
    if (group.reason !== UNRESOLVED_REFERENCE || group.direction !== direction) continue;
    for (const record of group.records) entry(record.entity as SyncEntity).unplanned += 1;
    // A group lists its first 1000 records: the rest go to the entity of the last one listed.
    const last = group.records.at(-1);
    if (last && group.count > group.records.length) entry(last.entity as SyncEntity).unplanned += group.count - group.records.length;
  }
  for (const e of entities.values()) {
    e.calls = e.reads.list + e.reads.detail + e.writes.creates + e.writes.updates + e.writes.deactivates + e.writes.deletes + e.unplanned;
  }
  const order: SyncEntity[] = ['companies', 'contacts', 'items'];
  return { entities: [...entities.values()].sort((a, b) => order.indexOf(a.entity) - order.indexOf(b.entity)), listPages };
}

/** The estimate from a dry run's report, its reads and each side's limits. */
function assemble(report: SyncReport, counts: Record<SyncSide, SideCounts>, limits: Record<SyncSide, EstimateLimits>, now: number): SyncEstimate {
  const sides: SyncSide[] = ['fsm', 'finance'];
  const base = { fsm: 0, finance: 0 };
  for (const side of sides) base[side] = counts[side].entities.reduce((sum, e) => sum + e.calls, 0);
  // A run stopped by a daily cap is resumed by a new run, which lists both sides' pages again:
  // add those reads until the number of stops settles.
  let resumes = 0;
  let plans = { fsm: schedule(base.fsm, limits.fsm, now), finance: schedule(base.finance, limits.finance, now) };
  for (let i = 0; i < 20; i++) {
    const stops = Math.max(plans.fsm.dailyStops, plans.finance.dailyStops);
    if (stops === resumes) break;
    resumes = stops;
    plans = {
      fsm: schedule(base.fsm + resumes * counts.fsm.listPages, limits.fsm, now),
      finance: schedule(base.finance + resumes * counts.finance.listPages, limits.finance, now),
    };
  }
  const side = (s: SyncSide): SideEstimate => {
    const entities = counts[s].entities;
    const reads = { list: 0, detail: 0 };
    const writes = { creates: 0, updates: 0, deactivates: 0, deletes: 0 };
    for (const e of entities) {
      reads.list += e.reads.list;
      reads.detail += e.reads.detail;
      writes.creates += e.writes.creates;
      writes.updates += e.writes.updates;
      writes.deactivates += e.writes.deactivates;
      writes.deletes += e.writes.deletes;
    }
    const plan = plans[s];
    const resumeReads = resumes * counts[s].listPages;
    return {
      calls: base[s] + resumeReads,
      reads,
      writes,
      unplanned: entities.reduce((n, e) => n + e.unplanned, 0),
      resumeReads,
      entities,
      limits: limits[s],
      minutes: round(plan.minutes),
      days: plan.days,
      dailyStops: plan.dailyStops,
      startsAt: new Date(plan.startsAt).toISOString(),
      finishesAt: new Date(plan.finishesAt).toISOString(),
    };
  };
  const fsm = side('fsm');
  const finance = side('finance');
  const finishesAt = Math.max(plans.fsm.finishesAt, plans.finance.finishesAt);
  const notes: string[] = [];
  if (report.stopped === 'daily-limit' || report.status !== 'completed') {
    notes.push(`The dry run ${report.stopped === 'daily-limit' ? `stopped at the daily API limit (calls go on after ${report.resumeAt ?? 'the next UTC midnight'})` : `ended ${report.status}`} before reading everything: the figures are a lower bound.`);
  }
  for (const s of sides) {
    const name = s === 'fsm' ? 'FSM' : 'Finance';
    const l = limits[s];
    if (l.perDay === undefined) notes.push(`${name}: no daily cap known${l.note ? ` (${l.note})` : ''}; the days assume none.`);
    else if (l.note) notes.push(`${name}: ${l.note}.`);
    const unplanned = s === 'fsm' ? fsm.unplanned : finance.unplanned;
    if (unplanned > 0) notes.push(`${name}: ${unplanned} record(s) reference records the run creates or links first; the dry run cannot plan them and counts one write each (an upper bound).`);
  }
  if (resumes > 0) notes.push(`The run stops at a daily cap ${resumes} time(s); each resumed run lists both sides' pages again (counted in resumeReads).`);
  return {
    estimatedAt: new Date(now).toISOString(),
    complete: report.status === 'completed',
    fsm,
    finance,
    calls: fsm.calls + finance.calls,
    minutes: Math.max(fsm.minutes, finance.minutes),
    minutesOneAtATime: round(plans.fsm.minutes + plans.finance.minutes),
    days: Math.floor(finishesAt / DAY) - Math.floor(now / DAY) + 1,
    fitsToday: plans.fsm.dailyStops === 0 && plans.finance.dailyStops === 0 && plans.fsm.startsAt === now && plans.finance.startsAt === now,
    finishesAt: new Date(finishesAt).toISOString(),
    notes,
  };
}

/** What {@link estimateFromDryRun} needs of the syncer. */
export interface DryRunFacts {
  report: SyncReport;
  reads: Record<SyncSide, ReadTally>;
  sources: Record<SyncSide, RecordSource>;
  clock: Clock;
  signal?: AbortSignal | undefined;
  limits?: SyncEstimateOptions['limits'];
}

/**
 * The estimate of the run a dry run stands for: its reads are the reads a real run makes, its plan
 * the writes; each side's limits come from the `limits` option, then the source's `limits()`,
 * read after the dry run (so its own calls count as spent today), then Zoho's defaults.
 */
export async function estimateFromDryRun(facts: DryRunFacts): Promise<SyncEstimate> {
  const { report, reads, sources, clock, signal } = facts;
  const limits = {
    fsm: withOption(await sourceLimits(sources.fsm, signal), facts.limits?.fsm, 'fsm'),
    finance: withOption(await sourceLimits(sources.finance, signal), facts.limits?.finance, 'finance'),
  };
  return assemble(report, { fsm: sideCounts(report, 'fsm', reads.fsm), finance: sideCounts(report, 'finance', reads.finance) }, limits, clock.now());
}

/**
 * Asks each source for its limits once before the dry run: a side that reads its plan first (the
 * finance organisation's, cached afterwards) then does not count that call among the run's reads.
 */
export async function warmLimits(sources: Record<SyncSide, RecordSource>, signal: AbortSignal | undefined): Promise<void> {
  for (const source of [sources.fsm, sources.finance]) {
    try {
      await source.limits?.(signal ? { signal } : {});
    } catch {
      // The estimate asks again after the dry run and says what failed.
    }
  }
}

/** Checks the `limits` option before a dry run is spent on it. */
export function checkEstimateLimits(limits: SyncEstimateOptions['limits']): void {
  if (limits === undefined) return;
  if (typeof limits !== 'object' || limits === null) throw new ConfigError('estimate option "limits" must be { fsm?, finance? }.', { details: { option: 'limits' } });
  const probe: EstimateLimits = { perMinute: DEFAULT_PER_MINUTE, perDay: undefined, usedToday: 0, from: 'default' };
  withOption(probe, limits.fsm, 'fsm');
  withOption(probe, limits.finance, 'finance');
}
