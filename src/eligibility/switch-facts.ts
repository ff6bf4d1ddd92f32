import type { Storage } from '../storage/storage.js';

/**
 * Storage keys the syncer owns and `switch()` reads when no fact is given: every linked record has
 * a key under `link/` (e.g. `link/companies/fsm/123`), and `sync/two-way` holds `{ enabled: true }`
 * once two-way sync is on.
 */
export const SYNC_STATE_KEYS = Object.freeze({ linkPrefix: 'link/', twoWaySync: 'sync/two-way' });

// Enough to say "records remain"; counting millions of links for a refusal message is waste.
const LINK_COUNT_CAP = 1000;

/**
 * Where `switch()` learns what the Zoho API cannot tell: hooks you give the selector. Each fact is
 * looked up in order: the `switch()` call's own value, then this hook, then {@link SYNC_STATE_KEYS}.
 */
export interface SwitchFactsProvider {
  /** Whether two-way sync is on (product-rules.md §5.2). */
  twoWaySyncEnabled?(options: { signal?: AbortSignal }): boolean | Promise<boolean>;
  /** How many FSM records are still linked to the current finance org (product-rules.md §1.3). */
  linkedRecordCount?(options: { signal?: AbortSignal }): number | Promise<number>;
}

/** The facts as given to one `switch()` call. */
export interface GivenSwitchFacts {
  twoWaySyncEnabled?: boolean | undefined;
  linkedRecordCount?: number | undefined;
  signal?: AbortSignal | undefined;
}

/** Resolves both facts: call value, then hook, then Storage. */
export async function resolveSwitchFacts(
  given: GivenSwitchFacts,
  provider: SwitchFactsProvider,
  storage: Storage,
): Promise<{ twoWaySyncEnabled: boolean; linkedRecordCount: number }> {
  const options = given.signal ? { signal: given.signal } : {};
  const twoWaySyncEnabled =
    given.twoWaySyncEnabled ??
    (provider.twoWaySyncEnabled
      ? await provider.twoWaySyncEnabled(options)
      : (await storage.get<{ enabled?: unknown }>(SYNC_STATE_KEYS.twoWaySync))?.enabled === true);
  const linkedRecordCount =
    given.linkedRecordCount ??
    (provider.linkedRecordCount
      ? await provider.linkedRecordCount(options)
      : (await storage.list(SYNC_STATE_KEYS.linkPrefix, { limit: LINK_COUNT_CAP })).length);
  return { twoWaySyncEnabled, linkedRecordCount };
}
