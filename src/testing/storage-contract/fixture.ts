import type { Storage } from '../../storage/storage.js';

/**
 * What a {@link runStorageContract} factory returns: a fresh, empty storage, plus optional hooks
 * that unlock more of the suite.
 */
export interface StorageFixture {
  /** An empty storage, new for each test. */
  storage: Storage;
  /** Opens the same data again (a new connection or process view): enables the durability checks. */
  reopen?: () => Promise<Storage>;
  /** A second, concurrent connection to the same data: enables the cross-connection atomicity checks. */
  secondConnection?: () => Promise<Storage>;
  /** Frees what the fixture holds (connections, temp files); runs after each test. */
  cleanup?: () => Promise<void>;
}

/** How a contract section gets a fresh fixture; the runner cleans every one up after the test. */
export interface ContractContext {
  setup(): Promise<StorageFixture>;
}

/** Runs `work` so that a synchronous throw becomes a rejection: adapters may do either. */
export function attempt<T>(work: () => Promise<T>): Promise<T> {
  return Promise.resolve().then(work);
}

/** Every entry of the storage, to compare before and after an operation that must change nothing. */
export function snapshot(storage: Storage): Promise<Array<{ key: string; value: unknown }>> {
  return storage.list('');
}

/** Writes `entries` in one batch. */
export function putAll(storage: Storage, entries: Record<string, unknown>): Promise<void> {
  return storage.batch(Object.entries(entries).map(([key, value]) => ({ type: 'put', key, value })));
}
