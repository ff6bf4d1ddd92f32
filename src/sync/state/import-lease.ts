import type { Clock } from '../../clock.js';
import { TwoWaySyncError } from '../../errors/two-way-sync-error.js';
import type { Storage } from '../../storage/storage.js';
import { lifecycleKey, readLifecycle, type ImportLeaseRecord, type ImportOutcome, type StoredLifecycle } from './two-way-state.js';

const MAX_RACES = 20;

/**
 * The "import in progress" state: a lease inside the lifecycle key, taken with `compareAndSet`
 * only while two-way sync is off, renewed as the import goes, and given back at its end. A
 * crashed import's lease expires after `ttlMs`, so it blocks enabling two-way sync only that long.
 */
export class ImportLease {
  readonly #storage: Storage;
  readonly #keyPrefix: string | undefined;
  readonly #key: string;
  readonly #clock: Clock;
  readonly #ttlMs: number;
  #held: ImportLeaseRecord | undefined;

  constructor(options: { storage: Storage; keyPrefix: string | undefined; clock: Clock; ttlMs: number }) {
    this.#storage = options.storage;
    this.#keyPrefix = options.keyPrefix;
    this.#key = lifecycleKey(options.keyPrefix);
    this.#clock = options.clock;
    this.#ttlMs = options.ttlMs;
  }

  /** Takes the lease; throws `IMPORT_UNAVAILABLE` once two-way sync is on, `IMPORT_IN_PROGRESS` while another import runs. */
  async acquire(importId: string): Promise<void> {
    for (let race = 0; race < MAX_RACES; race++) {
      const now = this.#clock.now();
      const legacyAware = await readLifecycle(this.#storage, this.#keyPrefix);
      if (legacyAware?.enabled !== undefined) throw unavailable(legacyAware.enabled.at);
      const stored = await this.#storage.get<StoredLifecycle>(this.#key);
      if (stored?.import !== undefined && stored.import.until > now) throw inProgress(stored.import);
      const mine: ImportLeaseRecord = { importId, startedAt: now, until: now + this.#ttlMs };
      if (await this.#storage.compareAndSet(this.#key, stored, { ...stored, import: mine })) {
        this.#held = mine;
        return;
      }
    }
    throw new TwoWaySyncError('IMPORT_IN_PROGRESS', 'The import could not start: the integration state kept changing under concurrent callers. Try again.');
  }

  /** Extends the lease when a third of it is spent; throws if two-way sync was enabled or another import took over meanwhile. */
  async renewIfDue(): Promise<void> {
    const held = this.#held;
    if (!held) return;
    const now = this.#clock.now();
    if (held.until - now > (this.#ttlMs * 2) / 3) return;
    const next: ImportLeaseRecord = { ...held, until: now + this.#ttlMs };
    for (let race = 0; race < MAX_RACES; race++) {
      const stored = await this.#storage.get<StoredLifecycle>(this.#key);
      if (stored?.import?.importId !== held.importId || stored.import.until !== held.until) {
        this.#held = undefined;
        // Our lease lapsed (the import stalled) and someone acted on it: stop before the next create.
        if (stored?.enabled !== undefined) throw unavailable(stored.enabled.at);
        throw inProgress(stored?.import ?? held);
      }
      if (await this.#storage.compareAndSet(this.#key, stored, { ...stored, import: next })) {
        this.#held = next;
        return;
      }
    }
  }

  /** Gives the lease back (only if still ours) and records how the import ended. */
  async release(outcome: ImportOutcome): Promise<void> {
    const held = this.#held;
    this.#held = undefined;
    if (!held) return;
    for (let race = 0; race < MAX_RACES; race++) {
      const stored = await this.#storage.get<StoredLifecycle>(this.#key);
      if (stored?.import?.importId !== held.importId) return;
      const next: StoredLifecycle = { ...stored, lastImport: outcome };
      delete next.import;
      if (await this.#storage.compareAndSet(this.#key, stored, next)) return;
    }
  }
}

function unavailable(enabledAt: number): TwoWaySyncError {
  return new TwoWaySyncError(
    'IMPORT_UNAVAILABLE',
    'Importing from the finance organisation is no longer available: two-way sync is enabled and keeps both sides in step. Run BidirectionalSyncer.run() instead.',
    { details: { enabledAt } },
  );
}

function inProgress(lease: ImportLeaseRecord): TwoWaySyncError {
  return new TwoWaySyncError(
    'IMPORT_IN_PROGRESS',
    `Another import from the finance organisation is in progress (import ${lease.importId}, lease until ${new Date(lease.until).toISOString()}). Wait for it to finish.`,
    { details: { importId: lease.importId, until: lease.until } },
  );
}
