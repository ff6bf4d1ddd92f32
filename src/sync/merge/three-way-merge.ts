import { type FieldPath, readPath, sameValue } from './field-paths.js';
import { baseValue, type SideSnapshot } from '../state/base-store.js';
import type { SyncSide } from '../state/sync-keys.js';

/** One mapping entry, ready to merge: its two paths and which ways it carries values. */
export interface MergeEntry {
  /** `<fsm path>|<finance path>`. */
  readonly key: string;
  readonly fsm: FieldPath;
  readonly finance: FieldPath;
  readonly toFinance: boolean;
  readonly toFsm: boolean;
}

/** The inputs of one pair's merge. */
export interface MergeInput {
  entries: readonly MergeEntry[];
  /** Current mapped fields of each side (sparse records). */
  fsm: Record<string, unknown>;
  finance: Record<string, unknown>;
  /** The last synced state, or `undefined` for a pair seen together for the first time. */
  base: { fsm: SideSnapshot; finance: SideSnapshot } | undefined;
  /** Entries with no base even though the pair has one: mapping changes to backfill. */
  noBase: ReadonlySet<string>;
  /**
   * The FSM record converted to finance fields, and the finance record converted to FSM fields.
   * Needed for a side that changed, and always for a side whose base has `unknown` (computed)
   * fields: those are judged through the conversion, and an empty one would read as blank.
   */
  fsmAsFinance: Record<string, unknown>;
  financeAsFsm: Record<string, unknown>;
  /** Who wins an entry without a base (first run "Overwrite", backfill): the record modified last. */
  recordWinner: SyncSide;
  /** Settles a true conflict: a side, or `'manual'` to leave the field as it is on both sides. */
  onConflict: (entry: MergeEntry, values: ConflictValues) => SyncSide | 'manual';
}

/** What a conflict is about. */
export interface ConflictValues {
  fsmValue: unknown;
  financeValue: unknown;
  baseFsmValue: unknown;
  baseFinanceValue: unknown;
}

/** The outcome of one pair's merge. */
export interface MergeResult {
  /** Values to write on each side, by path (only those that differ from what the side holds). */
  toFsm: Array<{ path: FieldPath; value: unknown }>;
  toFinance: Array<{ path: FieldPath; value: unknown }>;
  /** Entries left in conflict (`manual`): their base stays, so they are seen again next run. */
  manual: MergeEntry[];
  /** Entries where a true conflict was settled by the policy. */
  settled: Array<{ entry: MergeEntry; winner: SyncSide; values: ConflictValues }>;
}

function isBlank(value: unknown): boolean {
  return sameValue(value, null);
}

/** Whether a side's field changed since the base; `undefined` for a computed field whose base value is unknown. */
function changed(current: Record<string, unknown>, base: SideSnapshot | undefined, path: FieldPath): boolean | undefined {
  if (base === undefined) return true;
  if (base.unknown?.includes(path.text)) return undefined;
  const now = readPath(current, path);
  if (base.written && Object.hasOwn(base.written, path.text) && base.written[path.text]?.some((value) => sameValue(now, value))) return false;
  return !sameValue(now, baseValue(base, path, (f) => readPath(f, path)));
}

/**
 * Merges one linked pair field by field against the last synced base (three-way): a field changed
 * on one side only flows to the other; a field changed on both sides to values that agree after
 * mapping is settled quietly; a true conflict goes to `onConflict`. An entry without a base
 * (first pairing, backfill) takes the `recordWinner`'s value. One-way entries only ever flow
 * their way. Nothing is emitted for a field whose target already holds the value, so a pair that
 * is in sync yields no writes.
 *
 * @example
 * ```ts
 * const result = mergeRecord({ entries, fsm, finance, base, noBase: new Set(), fsmAsFinance, financeAsFsm, recordWinner: 'fsm', onConflict: () => 'fsm' });
 * result.toFinance; // [{ path: billing_address.city, value: 'Pune' }]
 * ```
 */
export function mergeRecord(input: MergeInput): MergeResult {
  const result: MergeResult = { toFsm: [], toFinance: [], manual: [], settled: [] };
  const push = (side: SyncSide, entry: MergeEntry) => {
    if (side === 'finance') {
      const value = readPath(input.fsmAsFinance, entry.finance);
      if (!sameValue(value, readPath(input.finance, entry.finance))) result.toFinance.push({ path: entry.finance, value: value ?? null });
    } else {
      const value = readPath(input.financeAsFsm, entry.fsm);
      if (!sameValue(value, readPath(input.fsm, entry.fsm))) result.toFsm.push({ path: entry.fsm, value: value ?? null });
    }
  };
  // One-way entries flow their way only; a two-way entry can go either way.
  const flow = (entry: MergeEntry, preferred: SyncSide): SyncSide | undefined => {
    const to = preferred === 'fsm' ? 'finance' : 'fsm';
    if (to === 'finance' ? entry.toFinance : entry.toFsm) return preferred;
    if (preferred === 'fsm' ? entry.toFsm : entry.toFinance) return preferred === 'fsm' ? 'finance' : 'fsm';
    return undefined;
  };

  for (const entry of input.entries) {
    if (input.base === undefined || input.noBase.has(entry.key)) {
      let winner = flow(entry, input.recordWinner);
      // "Overwrite" takes the later record's details, but a blank there never erases a value the
      // other side has: that value flows the other way instead, when the entry allows it.
      if (winner !== undefined && isBlank(winner === 'fsm' ? readPath(input.fsm, entry.fsm) : readPath(input.finance, entry.finance))) {
        const other = winner === 'fsm' ? 'finance' : 'fsm';
        const otherBlank = isBlank(other === 'fsm' ? readPath(input.fsm, entry.fsm) : readPath(input.finance, entry.finance));
        if (!otherBlank) winner = (other === 'fsm' ? entry.toFinance : entry.toFsm) ? other : undefined;
      }
      if (winner !== undefined) push(winner === 'fsm' ? 'finance' : 'fsm', entry);
      continue;
    }
    // A computed field (FSM's Full_Name) is unknown after the sync wrote its side: whether it moved
    // cannot be told, so it counts as changed when it no longer maps to what the other side holds.
    const fsmChanged = changed(input.fsm, input.base.fsm, entry.fsm) ?? (entry.toFinance && !sameValue(readPath(input.fsmAsFinance, entry.finance), readPath(input.finance, entry.finance)));
    const financeChanged = changed(input.finance, input.base.finance, entry.finance) ?? (entry.toFsm && !sameValue(readPath(input.financeAsFsm, entry.fsm), readPath(input.fsm, entry.fsm)));
    if (!fsmChanged && !financeChanged) continue;
    if (fsmChanged && !financeChanged) {
      if (entry.toFinance) push('finance', entry);
      continue;
    }
    if (financeChanged && !fsmChanged) {
      if (entry.toFsm) push('fsm', entry);
      continue;
    }
    // Changed on both sides. Agreeing values are not a conflict.
    const agree = entry.toFinance
      ? sameValue(readPath(input.fsmAsFinance, entry.finance), readPath(input.finance, entry.finance))
      : entry.toFsm
        ? sameValue(readPath(input.financeAsFsm, entry.fsm), readPath(input.fsm, entry.fsm))
        : true;
    if (agree) continue;
    if (!entry.toFsm) {
      push('finance', entry);
      continue;
    }
    if (!entry.toFinance) {
      push('fsm', entry);
      continue;
    }
    const values: ConflictValues = {
      fsmValue: readPath(input.fsm, entry.fsm) ?? null,
      financeValue: readPath(input.finance, entry.finance) ?? null,
      baseFsmValue: baseValue(input.base.fsm, entry.fsm, (f) => readPath(f, entry.fsm)) ?? null,
      baseFinanceValue: baseValue(input.base.finance, entry.finance, (f) => readPath(f, entry.finance)) ?? null,
    };
    const choice = input.onConflict(entry, values);
    if (choice === 'manual') {
      result.manual.push(entry);
      continue;
    }
    result.settled.push({ entry, winner: choice, values });
    push(choice === 'fsm' ? 'finance' : 'fsm', entry);
  }
  return result;
}
