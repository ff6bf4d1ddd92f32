import type { Storage } from '../../storage/storage.js';
import type { LinkIndex } from './link-store.js';
import { listPages } from './storage-scan.js';
import type { SyncKeys } from './sync-keys.js';

// Every binding keeps its state under `sync/<binding>/` (SyncKeys); its links under `link/<unit>/`.
const SYNC_ROOT = 'sync/';
// Past every key a binding can hold under its root: the key list skips to the next binding from here.
const PAST_ROOT = '\u{10FFFF}';
const SCAN_PAGE = 500;

/**
 * How many records a binding has linked, per unit, as its last run left them. `changing` names a
 * run that began and has not finished cleanly (it is running, or it crashed): the counts may be
 * stale then, and readers count that binding's links from the keys themselves.
 */
interface LinkSummary {
  units: Record<string, number>;
  changing?: string;
}

const summaryKey = (keys: SyncKeys): string => `${keys.root}links-summary`;

/** Link counts per unit as the last clean run left them: exact, unless a run changed links since. */
export type LinkCounts = Readonly<Record<string, number>>;

/**
 * Marks a binding's link counts as changing: written before a run may link or unlink anything.
 * Returns the counts the last run left when it finished cleanly (`undefined` after a run that
 * did not: its counts may be stale).
 */
export async function markLinksChanging(storage: Storage, keys: SyncKeys, runId: string): Promise<LinkCounts | undefined> {
  const stored = await storage.get<LinkSummary>(summaryKey(keys));
  await storage.batch([{ type: 'put', key: summaryKey(keys), value: { units: stored?.units ?? {}, changing: runId } satisfies LinkSummary }]);
  return stored !== undefined && stored.changing === undefined ? stored.units : undefined;
}

/**
 * Records the link counts of the units a run loaded and clears the changing mark: a unit loaded
 * whole counts its links; a window adds the links the run made and forgot to the count the last
 * clean run left (`before`), or, without one, its link keys are counted. Units the run did not
 * load keep their counts.
 */
export async function recordLinkCounts(storage: Storage, keys: SyncKeys, links: ReadonlyMap<string, LinkIndex>, before: LinkCounts | undefined): Promise<void> {
  const stored = await storage.get<LinkSummary>(summaryKey(keys));
  const units = { ...stored?.units };
  for (const [unit, index] of links) {
    const known = before?.[unit];
    units[unit] = index.complete ? index.byFsm.size : known !== undefined ? known + index.made : await countLinkKeys(storage, keys.link(unit, 'fsm'), Number.POSITIVE_INFINITY, undefined);
  }
  await storage.batch([{ type: 'put', key: summaryKey(keys), value: { units } satisfies LinkSummary }]);
}

/** Options of {@link countLinkedRecords}. */
export interface CountLinkedRecordsOptions {
  /** Stop counting at this many (enough to say "records remain"). Default 1000. */
  cap?: number;
  signal?: AbortSignal | undefined;
}

/** What {@link countLinkedRecords} found. */
export interface LinkedRecordCount {
  /** Records linked to the finance org, over every sync binding in the Storage (at most `cap`). */
  readonly count: number;
  /** The count reached `cap`: there may be more. */
  readonly capped: boolean;
  /** The count per binding (the `binding` option of `BidirectionalSyncer`) that has any. */
  readonly bindings: ReadonlyArray<{ readonly binding: string; readonly count: number }>;
}

/**
 * Counts the records the syncer has linked to the finance org, across every sync binding kept in
 * this Storage: what `OrgSelector.switch()` checks before it lets the finance org change. Cheap:
 * each binding's last clean run left its counts, so it reads a few keys per binding; only a
 * binding whose run is under way or crashed has its link keys counted (deliberately unlinked
 * records are not links and are not counted).
 *
 * @example
 * ```ts
 * const { count } = await countLinkedRecords(storage);
 * if (count > 0) console.log(`${count} record(s) must be deleted or unlinked before a switch`);
 * ```
 */
export async function countLinkedRecords(storage: Storage, options: CountLinkedRecordsOptions = {}): Promise<LinkedRecordCount> {
  const cap = options.cap ?? 1000;
  let count = 0;
  const bindings: Array<{ binding: string; count: number }> = [];
  for await (const segment of childSegments(storage, SYNC_ROOT)) {
    options.signal?.throwIfAborted();
    const root = `${SYNC_ROOT}${segment}/`;
    const summary = await storage.get<LinkSummary>(`${root}links-summary`);
    const trusted = summary !== undefined && summary.changing === undefined ? summary.units : undefined;
    let inBinding = 0;
    for await (const unit of childSegments(storage, `${root}link/`)) {
      const known = trusted?.[unit];
      inBinding += known ?? (await countLinkKeys(storage, `${root}link/${unit}/fsm/`, cap - count - inBinding, options.signal));
      if (count + inBinding >= cap) break;
    }
    if (inBinding > 0) bindings.push({ binding: decodeURIComponent(segment), count: inBinding });
    count += inBinding;
    if (count >= cap) return { count: cap, capped: true, bindings };
  }
  return { count, capped: false, bindings };
}

// The FSM-side link keys of a unit hold the links; a detached marker there is not one.
async function countLinkKeys(storage: Storage, prefix: string, limit: number, signal: AbortSignal | undefined): Promise<number> {
  if (limit <= 0) return 0;
  let found = 0;
  signal?.throwIfAborted();
  for await (const page of listPages<{ detached?: unknown }>(storage, prefix, SCAN_PAGE)) {
    for (const { value } of page) if (value?.detached !== true) found++;
    if (found >= limit) break;
    signal?.throwIfAborted();
  }
  return Math.min(found, limit);
}

/** The distinct first path segments under a prefix, one `list(limit 1)` each: never every key. */
async function* childSegments(storage: Storage, prefix: string): AsyncGenerator<string> {
  let after: string | undefined;
  for (;;) {
    const [first] = await storage.list<unknown>(prefix, after === undefined ? { limit: 1 } : { after, limit: 1 });
    if (first === undefined) return;
    const rest = first.key.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash < 0) {
      after = first.key;
      continue;
    }
    const segment = rest.slice(0, slash);
    yield segment;
    after = `${prefix}${segment}/${PAST_ROOT}`;
  }
}
