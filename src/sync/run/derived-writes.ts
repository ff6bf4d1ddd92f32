import { readPath, sameValue, structuredCloneJson } from '../merge/field-paths.js';
import { applied, type FieldWrite, type PairWrites } from './pair-writes.js';
import { otherSide, type SyncSide } from '../state/sync-keys.js';
import type { MergeEntry } from '../merge/three-way-merge.js';

/** The inputs of {@link withDerivedWrites}. */
export interface DerivedInput {
  entries: readonly MergeEntry[];
  /** The module's conversions (the mapping's converter with the run's options bound). */
  toFinance(record: Record<string, unknown>): Record<string, unknown>;
  toFsm(record: Record<string, unknown>): Record<string, unknown>;
  /** Each side's full record before the writes. */
  fsm: Record<string, unknown>;
  finance: Record<string, unknown>;
  /** The writes decided so far (the merge's). */
  writes: PairWrites;
  /** A side whose record the sync just created: every one-way entry reading it follows. */
  fresh?: SyncSide | undefined;
  /**
   * A side's record as it was before writes of the sync's own that landed in a run which stopped
   * before the rest of its pair's writes (a write-ahead note the side now holds): one-way entries
   * reading those fields follow them now, as the stopped run would have.
   */
  before?: { fsm?: Record<string, unknown> | undefined; finance?: Record<string, unknown> | undefined } | undefined;
  /**
   * Fields the side computes from others (FSM's `Full_Name`), by path. Once the sync writes the
   * side, the value read is stale, so it is dropped and the mapping's reader derives it again from
   * its inputs (`First_Name`, `Last_Name`).
   */
  computed?: Partial<Record<SyncSide, readonly string[]>>;
}

function upsert(writes: FieldWrite[], write: FieldWrite): void {
  const at = writes.findIndex((w) => w.path.text === write.path.text);
  if (at === -1) writes.push(write);
  else writes[at] = write;
}

function withoutComputed(record: Record<string, unknown>, computed: readonly string[] | undefined): Record<string, unknown> {
  if (!computed || computed.length === 0) return record;
  const out = structuredCloneJson(record) as Record<string, unknown>;
  for (const text of computed) {
    const names = text.split('.');
    let at: unknown = out;
    for (const name of names.slice(0, -1)) at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[name] : undefined;
    if (typeof at === 'object' && at !== null) delete (at as Record<string, unknown>)[names.at(-1) as string];
  }
  return out;
}

// Each round follows one more hop of a chain (A ↔ B feeding B → C feeding C → D); a mapping has
// few one-way entries, and the bound keeps a pair of entries that rewrite each other from looping.
const MAX_ROUNDS = 4;

/**
 * Adds the writes of one-way entries whose source value the sync itself changes. A one-way entry
 * flows when its source changes, and a value the sync brings in is such a change. With
 * `Company_Name ↔ contact_name` and `Company_Name → company_name`, a new `contact_name` in Books
 * reaches FSM's `Company_Name` and, from there, Books' `company_name`; with `Last_Name ↔ last_name`
 * and `Full_Name → contact_name`, a new last name in Books changes FSM's computed `Full_Name` and so
 * Books' `contact_name`. An entry follows when its source, converted, differs before and after the
 * writes; its write replaces one of the same path that the merge computed from the value before.
 * Returns the completed writes (new lists; the input is not changed).
 *
 * @example
 * ```ts
 * const writes = withDerivedWrites({ entries, toFinance, toFsm, fsm, finance, writes: merge });
 * writes.toFinance; // merge.toFinance plus company_name from the new Company_Name
 * ```
 */
export function withDerivedWrites(input: DerivedInput): PairWrites {
  const writes: PairWrites = { toFsm: [...input.writes.toFsm], toFinance: [...input.writes.toFinance] };
  const writesTo = (side: SyncSide) => (side === 'fsm' ? writes.toFsm : writes.toFinance);
  const convert = (from: SyncSide, record: Record<string, unknown>) => (from === 'fsm' ? input.toFinance(record) : input.toFsm(record));
  // Each side's converted record as of the last look (converted on first need); `undefined` for a
  // fresh record: all of it is new.
  const seen: Partial<Record<SyncSide, Record<string, unknown> | undefined>> = input.fresh ? { [input.fresh]: undefined } : {};
  for (const side of ['fsm', 'finance'] as const) {
    const before = input.before?.[side];
    if (before !== undefined && input.fresh !== side) seen[side] = convert(side, withoutComputed(before, input.computed?.[side]));
  }
  const lastSeen = (side: SyncSide) => (Object.hasOwn(seen, side) ? seen[side] : convert(side, withoutComputed(input[side], input.computed?.[side])));
  const landed = (side: SyncSide) => input.before?.[side] !== undefined;
  let dirty: Record<SyncSide, boolean> = { fsm: writes.toFsm.length > 0 || input.fresh === 'fsm' || landed('fsm'), finance: writes.toFinance.length > 0 || input.fresh === 'finance' || landed('finance') };
  // One-way entries out of each side: the only ones that can follow a change there.
  const followersOf: Record<SyncSide, MergeEntry[]> = {
    fsm: input.entries.filter((e) => e.toFinance && !e.toFsm),
    finance: input.entries.filter((e) => e.toFsm && !e.toFinance),
  };
  for (let round = 0; round < MAX_ROUNDS && (dirty.fsm || dirty.finance); round++) {
    const next: Record<SyncSide, boolean> = { fsm: false, finance: false };
    for (const from of ['fsm', 'finance'] as const) {
      const to = otherSide(from);
      const followers = followersOf[from];
      if (!dirty[from] || followers.length === 0) continue;
      const before = lastSeen(from);
      const after = convert(from, withoutComputed(applied(input[from], writesTo(from), input[from]), input.computed?.[from]));
      seen[from] = after;
      const current = applied(input[to], writesTo(to), input[to]);
      for (const entry of followers) {
        const converted = readPath(after, entry[to]);
        // A new record whose conversion says nothing here (no reader for a computed field, an
        // unresolved reference) leaves the target alone: nothing changed that it could follow.
        if (before === undefined && converted === undefined) continue;
        const value = converted ?? null;
        if (before !== undefined && sameValue(value, readPath(before, entry[to]))) continue;
        if (sameValue(value, readPath(current, entry[to]))) continue;
        upsert(writesTo(to), { path: entry[to], value });
        next[to] = true;
      }
    }
    dirty = next;
  }
  return writes;
}
