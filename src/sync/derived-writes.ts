import { type FieldPath, readPath, sameValue } from './field-paths.js';
import { applied, type FieldWrite, type PairWrites } from './pair-writes.js';
import type { SyncSide } from './sync-keys.js';
import type { MergeEntry } from './three-way-merge.js';

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
  /** Fields the sync changed besides `writes`: every field of a record it just created, or a base's pending ones. */
  changed?: { fsm?: readonly FieldPath[]; finance?: readonly FieldPath[] };
}

// A rewrite of `a.b` changes what `a` and `a.b.c` hold, and the reverse.
function overlaps(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return long.startsWith(short) && (long[short.length] === '.' || long[short.length] === '[');
}

function upsert(writes: FieldWrite[], write: FieldWrite): void {
  const at = writes.findIndex((w) => w.path.text === write.path.text);
  if (at === -1) writes.push(write);
  else writes[at] = write;
}

// Each round follows one more hop of a chain (A ↔ B feeding B → C feeding C → D); a mapping has
// few one-way entries, and the bound keeps a pair of entries that rewrite each other from looping.
const MAX_ROUNDS = 4;

/**
 * Adds the writes of one-way entries whose source field the sync itself changes. A one-way entry
 * flows when its source changes; a value the sync brings in is such a change. With
 * `Company_Name ↔ contact_name` and `Company_Name → company_name`, a new `contact_name` in Books
 * reaches FSM's `Company_Name` and, from there, Books' `company_name`. A derived write replaces a
 * write of the same path that the merge computed from the value before. Returns the completed writes
 * (new lists; the input is not changed).
 *
 * @example
 * ```ts
 * const writes = withDerivedWrites({ entries, toFinance, toFsm, fsm, finance, writes: merge });
 * writes.toFinance; // merge.toFinance plus company_name from the new Company_Name
 * ```
 */
export function withDerivedWrites(input: DerivedInput): PairWrites {
  const writes: PairWrites = { toFsm: [...input.writes.toFsm], toFinance: [...input.writes.toFinance] };
  let changed: Record<SyncSide, string[]> = {
    fsm: [...writes.toFsm, ...(input.changed?.fsm ?? []).map((path) => ({ path }))].map((w) => w.path.text),
    finance: [...writes.toFinance, ...(input.changed?.finance ?? []).map((path) => ({ path }))].map((w) => w.path.text),
  };
  for (let round = 0; round < MAX_ROUNDS && (changed.fsm.length > 0 || changed.finance.length > 0); round++) {
    const next: Record<SyncSide, string[]> = { fsm: [], finance: [] };
    for (const from of ['fsm', 'finance'] as const) {
      const followers = input.entries.filter((e) => (from === 'fsm' ? e.toFinance && !e.toFsm : e.toFsm && !e.toFinance) && changed[from].some((text) => overlaps(text, e[from].text)));
      if (followers.length === 0) continue;
      const to: SyncSide = from === 'fsm' ? 'finance' : 'fsm';
      const target = to === 'fsm' ? writes.toFsm : writes.toFinance;
      const source = applied(input[from], from === 'fsm' ? writes.toFsm : writes.toFinance, input[from]);
      const converted = from === 'fsm' ? input.toFinance(source) : input.toFsm(source);
      const current = applied(input[to], target, input[to]);
      for (const entry of followers) {
        const value = readPath(converted, entry[to]) ?? null;
        if (sameValue(value, readPath(current, entry[to]))) continue;
        upsert(target, { path: entry[to], value });
        next[to].push(entry[to].text);
      }
    }
    changed = next;
  }
  return writes;
}
