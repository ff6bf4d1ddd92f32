/** One write of a {@link Storage.batch}. */
export type StorageOp =
  | { type: 'put'; key: string; value: unknown }
  | { type: 'delete'; key: string };

/** One entry returned by {@link Storage.list}. */
export interface StorageEntry<T> {
  key: string;
  value: T;
}

/** Options of {@link Storage.list}. */
export interface StorageListOptions {
  /** Return only keys strictly greater than this one (the last key of the previous page). */
  after?: string;
  /** At most this many entries. */
  limit?: number;
}

/**
 * Where the SDK keeps its state: tokens, bindings, mappings, link tables, cursors, base snapshots.
 *
 * Keys are namespaced strings (`link/companies/fsm/123`). Values are JSON-compatible data: an
 * adapter may store them serialised, and returns copies, never the caller's object.
 *
 * Adapters: {@link MemoryStorage} (default), `SqliteStorage` from `fsm-billing-sync/node`, or your
 * own — prove it with `runStorageContract` from `fsm-billing-sync/testing`.
 */
export interface Storage {
  /** The value under `key`, or `undefined`. */
  get<T>(key: string): Promise<T | undefined>;
  /** The values under `keys`, in the same order (`undefined` where absent). */
  getMany<T>(keys: readonly string[]): Promise<Array<T | undefined>>;
  /** Entries whose key starts with `prefix`, ordered by key (Unicode code point order, i.e. UTF-8 byte order), paged with `after`/`limit`. */
  list<T>(prefix: string, options?: StorageListOptions): Promise<Array<StorageEntry<T>>>;
  /** Applies every op, or none if any fails. */
  batch(ops: readonly StorageOp[]): Promise<void>;
  /**
   * Atomically: if the current value deep-equals `expected` (`undefined` = absent), writes `next`
   * (`undefined` = delete) and returns true; otherwise changes nothing and returns false.
   */
  compareAndSet<T>(key: string, expected: T | undefined, next: T | undefined): Promise<boolean>;
}
