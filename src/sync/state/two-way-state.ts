import { systemClock, type Clock } from '../../clock.js';
import { ConfigError } from '../../errors/config-error.js';
import { TwoWaySyncError } from '../../errors/two-way-sync-error.js';
import type { Storage } from '../../storage/storage.js';
import type { DuplicatePolicy } from '../run/run-context.js';

/** Default Storage namespace of the lifecycle: the one `OrgSelector` keeps the binding in. */
export const TWO_WAY_SYNC_KEY_PREFIX = 'integration/';

// Versions before the lifecycle told users to write this key themselves: still honoured as "enabled".
const LEGACY_FLAG_KEY = 'sync/two-way';

/**
 * The lifecycle as stored, in ONE key: enabling and starting an import each check the other and
 * write with one `compareAndSet`, so an import and an enable can never both win a race.
 */
export interface StoredLifecycle {
  enabled?: { at: number; duplicates: DuplicatePolicy; by?: string };
  import?: ImportLeaseRecord;
  lastImport?: ImportOutcome;
}

/** How the last import from the finance org ended. */
export interface ImportOutcome {
  importId: string;
  /** ms on the import's clock. */
  finishedAt: number;
  /** Records it created in FSM. */
  created: number;
  status: 'completed' | 'aborted' | 'failed';
}

/** The lease an import holds while it runs. */
export interface ImportLeaseRecord {
  importId: string;
  startedAt: number;
  /** When the lease ends unless renewed: a crashed import stops blocking then. */
  until: number;
}

/** Options shared by the lifecycle functions. */
export interface TwoWaySyncStateOptions {
  /** Storage namespace of the integration, as `OrgSelector`'s `keyPrefix`. Default `'integration/'`. */
  keyPrefix?: string | undefined;
  /** Judges whether an import lease is still live. Default: the system clock. */
  clock?: Clock | undefined;
}

/** Where the integration stands: two-way sync on or off, an import running, the last import. */
export interface TwoWaySyncState {
  /** Two-way sync is on. There is no way back: the finance org can then no longer be switched. */
  readonly enabled: boolean;
  /** When it was enabled (ms on the clock that enabled it). */
  readonly enabledAt?: number;
  /** The duplicate handling chosen when it was enabled. */
  readonly duplicates?: DuplicatePolicy;
  /** An import from the finance org holding a live lease. */
  readonly importRunning?: ImportLeaseRecord;
  /** The last import that finished, was cancelled or failed. */
  readonly lastImport?: ImportOutcome;
}

/** The Storage key of the lifecycle under a namespace. */
export function lifecycleKey(keyPrefix: string | undefined): string {
  return `${keyPrefix ?? TWO_WAY_SYNC_KEY_PREFIX}two-way-sync`;
}

/** Reads the stored lifecycle, folding in the legacy flag. */
export async function readLifecycle(storage: Storage, keyPrefix: string | undefined): Promise<StoredLifecycle | undefined> {
  const [stored, legacy] = await storage.getMany<unknown>([lifecycleKey(keyPrefix), LEGACY_FLAG_KEY]);
  const lifecycle = stored as StoredLifecycle | undefined;
  if (lifecycle?.enabled === undefined && (legacy as { enabled?: unknown } | undefined)?.enabled === true) {
    return { ...lifecycle, enabled: { at: 0, duplicates: 'overwrite', by: LEGACY_FLAG_KEY } };
  }
  return lifecycle;
}

/** The stored lifecycle without its import lease. */
export function withoutImport(stored: StoredLifecycle | undefined): StoredLifecycle {
  const next: StoredLifecycle = { ...stored };
  delete next.import;
  return next;
}

function stateOf(stored: StoredLifecycle | undefined, now: number): TwoWaySyncState {
  const live = stored?.import !== undefined && stored.import.until > now ? stored.import : undefined;
  return {
    enabled: stored?.enabled !== undefined,
    ...(stored?.enabled ? { enabledAt: stored.enabled.at, duplicates: stored.enabled.duplicates } : {}),
    ...(live ? { importRunning: live } : {}),
    ...(stored?.lastImport ? { lastImport: stored.lastImport } : {}),
  };
}

/**
 * Where the integration's two-way sync lifecycle stands. Cheap: one Storage read.
 *
 * @example
 * ```ts
 * const state = await twoWaySyncState(storage);
 * if (!state.enabled && !state.importRunning) showButtons(['Import from Books', 'Enable Sync']);
 * ```
 */
export async function twoWaySyncState(storage: Storage, options: TwoWaySyncStateOptions = {}): Promise<TwoWaySyncState> {
  return stateOf(await readLifecycle(storage, options.keyPrefix), (options.clock ?? systemClock).now());
}

/** Options of {@link enableTwoWaySync}. */
export interface EnableTwoWaySyncOptions extends TwoWaySyncStateOptions {
  /**
   * What the first sync does with a record that exists on both sides under the same match key
   * (Company Name, Email, Item Name): `'overwrite'` pairs them and the latest modified wins,
   * `'clone'` copies each to the other side. Fixed once enabled.
   */
  duplicates: DuplicatePolicy;
  /** Recorded as who enabled it (a sync run id, a user). */
  by?: string | undefined;
}

/** What {@link enableTwoWaySync} returns: the state, and whether this call is the one that enabled it. */
export interface EnableTwoWaySyncResult extends TwoWaySyncState {
  readonly enabled: true;
  /** True when two-way sync was already on before this call (the stored choice of `duplicates` stands). */
  readonly alreadyEnabled: boolean;
}

const MAX_RACES = 20;

/**
 * Turns two-way sync on — once and for good: there is no off switch, and from then on the finance
 * org can no longer be switched and importing from it is no longer offered. Calling it again
 * returns the stored state (`alreadyEnabled: true`) and keeps the first choice of `duplicates`.
 * `BidirectionalSyncer.run()` calls it on its first real (not dry) run.
 *
 * @throws {TwoWaySyncError} `IMPORT_IN_PROGRESS` while an import from the finance org holds its lease.
 * @example
 * ```ts
 * const state = await twoWaySyncState(storage);
 * if (!state.enabled) await enableTwoWaySync({ storage, duplicates: 'overwrite' });
 * await syncer.run();
 * ```
 */
export async function enableTwoWaySync(options: EnableTwoWaySyncOptions & { storage: Storage }): Promise<EnableTwoWaySyncResult> {
  const { storage, duplicates } = options;
  if (duplicates !== 'clone' && duplicates !== 'overwrite') {
    throw new ConfigError(`enableTwoWaySync option "duplicates" must be 'clone' or 'overwrite'; got ${JSON.stringify(duplicates)}.`, { details: { option: 'duplicates' } });
  }
  const clock = options.clock ?? systemClock;
  const key = lifecycleKey(options.keyPrefix);
  for (let race = 0; race < MAX_RACES; race++) {
    const now = clock.now();
    const legacyAware = await readLifecycle(storage, options.keyPrefix);
    if (legacyAware?.enabled !== undefined) return { ...stateOf(legacyAware, now), enabled: true, alreadyEnabled: true };
    const stored = await storage.get<StoredLifecycle>(key);
    const running = stored?.import;
    if (running !== undefined && running.until > now) {
      throw new TwoWaySyncError(
        'IMPORT_IN_PROGRESS',
        `Two-way sync cannot be enabled while an import from the finance organisation is in progress (import ${running.importId}, lease until ${new Date(running.until).toISOString()}). Wait for the import to finish and enable it again.`,
        { details: { importId: running.importId, until: running.until } },
      );
    }
    // An expired import lease belongs to a crashed import: enabling ends it (it can never resume).
    const next: StoredLifecycle = { ...withoutImport(stored), enabled: { at: now, duplicates, ...(options.by === undefined ? {} : { by: options.by }) } };
    if (await storage.compareAndSet(key, stored, next)) return { ...stateOf(next, now), enabled: true, alreadyEnabled: false };
  }
  // Twenty lost races in a row: others keep writing the key; their write decides.
  const final = await readLifecycle(storage, options.keyPrefix);
  if (final?.enabled !== undefined) return { ...stateOf(final, clock.now()), enabled: true, alreadyEnabled: true };
  throw new TwoWaySyncError('IMPORT_IN_PROGRESS', 'Two-way sync could not be enabled: the lifecycle kept changing under concurrent imports. Try again.');
}
