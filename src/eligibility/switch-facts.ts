import type { Clock } from '../clock.js';
import type { Storage } from '../storage/storage.js';
import { countLinkedRecords } from '../sync/state/linked-records.js';
import { twoWaySyncState } from '../sync/state/two-way-state.js';

/**
 * Keys older versions read instead of the syncer's real state, still honoured so nothing a user
 * wrote by hand is ignored: a key under `link/` counts as a linked record, and `sync/two-way` =
 * `{ enabled: true }` as two-way sync on.
 *
 * @deprecated `switch()` now reads what the syncer and the two-way sync lifecycle write (every
 * binding's links, `enableTwoWaySync()`); use `enableTwoWaySync()` rather than writing these keys.
 * @example
 * ```ts
 * await storage.batch([{ type: 'put', key: SYNC_STATE_KEYS.twoWaySync, value: { enabled: true } }]); // prefer enableTwoWaySync()
 * ```
 */
export const SYNC_STATE_KEYS = /* @__PURE__ */ Object.freeze({ linkPrefix: 'link/', twoWaySync: 'sync/two-way' });

// Enough to say "records remain"; counting millions of links for a refusal message is waste.
const LINK_COUNT_CAP = 1000;

/**
 * Where `switch()` learns what the Zoho API cannot tell: hooks you give the selector. Each fact is
 * looked up in order: the `switch()` call's own value, then this hook, then Storage (the links of
 * every sync binding, and the two-way sync lifecycle).
 *
 * @example
 * ```ts
 * const selector = new OrgSelector({ client, switchFacts: { linkedRecordCount: () => db.countRowsWithFinanceIds() } });
 * ```
 */
export interface SwitchFactsProvider {
  /** Whether two-way sync is on (enabling it is a one-time, irreversible step). */
  twoWaySyncEnabled?(options: { signal?: AbortSignal }): boolean | Promise<boolean>;
  /** How many FSM records are still linked to the current finance org, by sync, tax configuration or any other means. */
  linkedRecordCount?(options: { signal?: AbortSignal }): number | Promise<number>;
}

/** The facts as given to one `switch()` call. */
export interface GivenSwitchFacts {
  twoWaySyncEnabled?: boolean | undefined;
  linkedRecordCount?: number | undefined;
  signal?: AbortSignal | undefined;
}

/** Where the Storage fallback reads: the selector's Storage, its namespace and clock. */
export interface SwitchFactsStorage {
  storage: Storage;
  keyPrefix: string;
  clock: Clock;
}

/**
 * Resolves both facts: call value, then hook, then Storage. From Storage, linked records are the
 * links of every sync binding (the syncer's `sync/<binding>/link/…`, deliberately unlinked
 * records left out) plus legacy `link/` keys. TaxSync's id map is not counted: it ties tax
 * objects, not records, and is pulled afresh for the new org after a switch; records that carry
 * the org's tax ids through the sync are counted by their links.
 */
export async function resolveSwitchFacts(
  given: GivenSwitchFacts,
  provider: SwitchFactsProvider,
  from: SwitchFactsStorage,
): Promise<{ twoWaySyncEnabled: boolean; linkedRecordCount: number }> {
  const options = given.signal ? { signal: given.signal } : {};
  const twoWaySyncEnabled =
    given.twoWaySyncEnabled ??
    (provider.twoWaySyncEnabled
      ? await provider.twoWaySyncEnabled(options)
      : (await twoWaySyncState(from.storage, { keyPrefix: from.keyPrefix, clock: from.clock })).enabled);
  const linkedRecordCount =
    given.linkedRecordCount ??
    (provider.linkedRecordCount ? await provider.linkedRecordCount(options) : await storedLinkCount(from.storage, given.signal));
  return { twoWaySyncEnabled, linkedRecordCount };
}

async function storedLinkCount(storage: Storage, signal: AbortSignal | undefined): Promise<number> {
  const synced = await countLinkedRecords(storage, { cap: LINK_COUNT_CAP, signal });
  if (synced.capped) return synced.count;
  const legacy = await storage.list(SYNC_STATE_KEYS.linkPrefix, { limit: LINK_COUNT_CAP - synced.count });
  return synced.count + legacy.length;
}
