/**
 * One op of a {@link Storage.batch}: a write, or a `check` — a condition the whole batch depends
 * on: the batch applies only if `key` holds a value JSON-equal to `value` (absent when `value` is
 * `undefined` or left out) as the batch starts; otherwise it throws an `FsmBillingError`
 * `STORAGE_CHECK_FAILED` and writes nothing. The syncer fences every commit with one (its lease).
 */
export type StorageOp =
  | { type: 'put'; key: string; value: unknown }
  | { type: 'delete'; key: string }
  | { type: 'check'; key: string; value?: unknown };

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
 * Keys are non-empty, well-formed strings, namespaced by `/` (`link/companies/fsm/123`). Values are
 * JSON data: `null`, booleans, finite numbers, strings, arrays and plain objects. An adapter may
 * store them serialised, and always returns copies, never the caller's object. An object property
 * set to `undefined` is stored as absent, as in JSON; any other non-JSON value (`undefined`, a
 * function, a BigInt, a symbol, `NaN`, a cycle, a `Date` or class instance) is refused with a
 * `ValidationError` (`INVALID_INPUT`) rather than silently changed.
 *
 * Adapters: {@link MemoryStorage} (default), `SqliteStorage` from `fsm-billing-sync/node`, or your
 * own — prove it with `runStorageContract` from `fsm-billing-sync/testing`. See docs/storage.md.
 *
 * @example
 * ```ts
 * await storage.batch([
 *   { type: 'check', key: 'sync/lease', value: { runId: 'r1', token: 7 } }, // or nothing is written
 *   { type: 'put', key: 'link/companies/fsm/123', value: { financeId: '460000000012345' } },
 *   { type: 'delete', key: 'cursor/companies' },
 * ]);
 * for (const { key, value } of await storage.list('link/companies/', { limit: 100 })) { ... }
 * ```
 */
export interface Storage {
  /** The value under `key`, or `undefined`. */
  get<T>(key: string): Promise<T | undefined>;
  /** The values under `keys`, in the same order (`undefined` where absent). */
  getMany<T>(keys: readonly string[]): Promise<Array<T | undefined>>;
  /**
   * Entries whose key starts with `prefix` (literally: no wildcards), ordered by key in Unicode
   * code point order — UTF-8 byte order, as SQLite's BINARY collation gives, not JavaScript's
   * UTF-16 `sort()`. Page with `after` (the last key of the previous page, exclusive) and `limit`
   * (a non-negative integer; none = all).
   */
  list<T>(prefix: string, options?: StorageListOptions): Promise<Array<StorageEntry<T>>>;
  /**
   * Applies every op in order (a later op on the same key wins), or none: every op is validated
   * first, and a bad key or non-JSON value rejects the whole batch with a `ValidationError` whose
   * `issues` name the op index. Every `check` op is compared with the stored value before anything
   * is written, in the same atomic step as the writes; one that does not match rejects the whole
   * batch with an `FsmBillingError` `STORAGE_CHECK_FAILED` (`details.key`, `details.op`).
   */
  batch(ops: readonly StorageOp[]): Promise<void>;
  /**
   * Atomically: if the current value deep-equals `expected` (`undefined` = absent), writes `next`
   * (`undefined` = delete) and returns true; otherwise changes nothing and returns false.
   * Deep equality is JSON equality: object key order does not matter, array order does. Atomic
   * against every other caller of the same data, including other connections or processes for
   * adapters that have them: use it for leases and versioned writes.
   *
   * @example
   * ```ts
   * const won = await storage.compareAndSet('lease/sync', undefined, { owner: runId, until: now + 60_000 });
   * ```
   */
  compareAndSet<T>(key: string, expected: T | undefined, next: T | undefined): Promise<boolean>;
}
