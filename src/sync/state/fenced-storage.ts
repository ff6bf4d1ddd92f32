import { ConfigError } from '../../errors/config-error.js';
import type { Storage, StorageEntry, StorageListOptions, StorageOp } from '../../storage/storage.js';
import type { RunLease } from '../../storage/run-lease.js';

/** Storages whose `check` ops were seen to work, so each is probed once per process. */
const verified = new WeakSet<Storage>();

/**
 * The storage a run writes through: every `batch` carries the lease's check (see
 * {@link RunLease.commit}), so a run that lost its lease commits nothing. Reads and
 * `compareAndSet` go straight through.
 */
export function fencedStorage(storage: Storage, lease: RunLease): Storage {
  return {
    get: <T>(key: string) => storage.get<T>(key),
    getMany: <T>(keys: readonly string[]) => storage.getMany<T>(keys),
    list: <T>(prefix: string, options?: StorageListOptions): Promise<Array<StorageEntry<T>>> => storage.list<T>(prefix, options),
    batch: (ops: readonly StorageOp[]) => (ops.length === 0 ? Promise.resolve() : lease.commit(ops)),
    compareAndSet: <T>(key: string, expected: T | undefined, next: T | undefined) => storage.compareAndSet<T>(key, expected, next),
  };
}

/**
 * Makes sure the storage enforces `check` ops before a run relies on them: a batch that checks for
 * a value under a key that holds none must be refused with `STORAGE_CHECK_FAILED`. An adapter
 * written before check ops existed would ignore the op (no fencing) or take it for a delete.
 *
 * @throws ConfigError when the adapter applied the batch or refused the op as invalid.
 */
export async function verifyFencing(storage: Storage, probeKey: string): Promise<void> {
  if (verified.has(storage)) return;
  let applied = false;
  try {
    await storage.batch([{ type: 'check', key: probeKey, value: { probe: 'this key never holds a value' } }]);
    applied = true;
  } catch (error) {
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    if (code === 'INVALID_INPUT') applied = true;
    else if (code !== 'STORAGE_CHECK_FAILED') throw error;
  }
  if (applied) {
    throw new ConfigError(
      "BidirectionalSyncer: the storage adapter does not enforce `check` batch ops (docs/storage.md, \"Writing your own adapter\"): a run that lost its lease could commit after another run took over. Call checkStorageBatch() in the adapter's batch, before its writes, and prove it with runStorageContract.",
      { details: { option: 'storage' } },
    );
  }
  verified.add(storage);
}
