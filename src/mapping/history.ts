import type { MappingEntry } from './types.js';

/** An entry's identity across versions: its two paths. */
export type EntryKey = readonly [fsm: string, finance: string];

/** What one accepted change did. */
export interface LogRecord {
  version: number;
  /** Entries added, or changed in direction, transform, value map or `required`. */
  changed: EntryKey[];
  removed: EntryKey[];
}

/** How many versions back {@link changesSince} can answer before it says "everything". */
export const LOG_LIMIT = 100;

const keyText = (fsm: string, finance: string) => JSON.stringify([fsm, finance]);

/** The entries a change added or altered, and those it removed. */
export function diffEntries(before: readonly MappingEntry[], after: readonly MappingEntry[]): { changed: EntryKey[]; removed: EntryKey[] } {
  const old = new Map(before.map((e) => [keyText(e.fsm, e.finance), JSON.stringify(e)]));
  const now = new Set(after.map((e) => keyText(e.fsm, e.finance)));
  const changed = after.filter((e) => old.get(keyText(e.fsm, e.finance)) !== JSON.stringify(e)).map((e): EntryKey => [e.fsm, e.finance]);
  const removed = before.filter((e) => !now.has(keyText(e.fsm, e.finance))).map((e): EntryKey => [e.fsm, e.finance]);
  return { changed, removed };
}

/** Appends a record, keeping the last {@link LOG_LIMIT}. */
export function appendLog(log: readonly LogRecord[], record: LogRecord): LogRecord[] {
  return [...log, record].slice(-LOG_LIMIT);
}

/**
 * What changed after version `since`, from the log: the current entries touched since, and the
 * entries removed since. `full` when the log no longer reaches back that far.
 */
export function changesSince(
  entries: readonly MappingEntry[],
  log: readonly LogRecord[],
  since: number,
  version: number,
): { full: boolean; entries: MappingEntry[]; removed: Array<{ fsm: string; finance: string }> } {
  if (since >= version) return { full: false, entries: [], removed: [] };
  const oldest = log[0]?.version;
  if (oldest === undefined || since < oldest - 1) return { full: true, entries: [...entries], removed: [] };
  const touched = new Set<string>();
  const gone = new Map<string, EntryKey>();
  for (const record of log) {
    if (record.version <= since) continue;
    for (const [fsm, finance] of record.changed) touched.add(keyText(fsm, finance));
    for (const [fsm, finance] of record.removed) gone.set(keyText(fsm, finance), [fsm, finance]);
  }
  const current = new Set(entries.map((e) => keyText(e.fsm, e.finance)));
  return {
    full: false,
    entries: entries.filter((e) => touched.has(keyText(e.fsm, e.finance))),
    removed: [...gone.entries()].filter(([key]) => !current.has(key)).map(([, [fsm, finance]]) => ({ fsm, finance })),
  };
}
