import { ConfigError } from '../errors/config-error.js';
import { FsmBillingError } from '../errors/fsm-billing-error.js';
import { storageValuesEqual } from '../storage/json-value.js';
import { storagePrefixUpperBound } from '../storage/key-order.js';
import { checkListArguments, checkStorageBatch, checkStorageKey, encodeStorageValue, prepareStorageBatch } from '../storage/storage-input.js';
import type { Storage, StorageEntry, StorageListOptions, StorageOp } from '../storage/storage.js';
import { configureConnection, isSqliteDatabaseLike, type SqliteDatabaseLike, type SqliteParameter } from './sqlite-database.js';
import { checkSqliteDriverName, openSqliteConnection, resolveSqliteDriver, sqliteDriverOf, type SqliteDriverName } from './sqlite-driver.js';
import { checkTableName, SqliteTable } from './sqlite-table.js';

/** Options of {@link SqliteStorage}. */
export interface SqliteStorageOptions {
  /** The table that holds the state; created when missing. Letters, digits and `_` only. Default `fsm_billing_sync_state`. */
  tableName?: string;
  /** Switch the database to WAL journal mode (readers never block the writer). Default `true`; ignored for `:memory:`. */
  wal?: boolean;
  /** How long a write waits for another connection's lock before failing with SQLITE_BUSY. Default 5000 ms. */
  busyTimeoutMs?: number;
}

/** Options of {@link SqliteStorage.open}. */
export interface SqliteStorageOpenOptions extends SqliteStorageOptions {
  /** The database file (created when missing), or `':memory:'`. */
  path: string;
  /**
   * The SQLite driver that opens the file. Left out, `node:sqlite` where the runtime has it (Node
   * 22.13+ and 23.4+, or 22.5+ started with `--experimental-sqlite`), better-sqlite3 otherwise.
   * Named, that driver or a `ConfigError`. {@link SqliteStorage.driver} says which one is in use.
   */
  driver?: SqliteDriverName;
  /**
   * The most SQLite keeps of the file in its page cache, in KiB, on either driver. Default 4096
   * (left to themselves, better-sqlite3 would take 16,000 and node:sqlite 2,000): the operating
   * system caches the file too, and a worker's memory should not grow with its state. A whole
   * number from 64 to 1,048,576.
   */
  cacheKiB?: number;
  /**
   * When SQLite syncs the file to disk. `'full'` (the default): at every commit, so a commit that
   * returned survives a power loss too. `'normal'`: in WAL mode only at checkpoints, so the last
   * commits before a power loss (not a crash of the process) may be lost; a commit costs no fsync
   * (measured 0.02 ms against 0.2 ms a commit on one SSD). The same on both drivers.
   */
  synchronous?: 'full' | 'normal';
}

const DEFAULT_TABLE = 'fsm_billing_sync_state';

/**
 * A {@link Storage} in a SQLite database, for state that must outlive the process: one table of
 * `key TEXT PRIMARY KEY, value TEXT` (JSON). `batch` runs in one transaction; `compareAndSet`
 * runs in a `BEGIN IMMEDIATE` transaction, so it stays atomic across connections and processes
 * sharing the file.
 *
 * Use {@link SqliteStorage.open} with a path: it opens the file with Node's built-in `node:sqlite`
 * where the runtime has it (Node 22.13+), with the optional peer dependency better-sqlite3
 * otherwise (or with the `driver` you name). Or pass an open connection to the constructor: a
 * better-sqlite3 `Database` or a `node:sqlite` `DatabaseSync`. The storage runs its own
 * transactions on that connection: do not hold one open around its calls.
 *
 * @example
 * ```ts
 * import { SqliteStorage } from 'fsm-billing-sync/node';
 *
 * const storage = await SqliteStorage.open('./sync-state.db');
 * // ... new IntegrationClient({ storage, ... })
 * storage.close();
 * ```
 * @example
 * ```ts
 * import { DatabaseSync } from 'node:sqlite';
 * import { SqliteStorage } from 'fsm-billing-sync/node';
 *
 * const db = new DatabaseSync('./sync-state.db');
 * const storage = new SqliteStorage(db, { tableName: 'billing_sync' });
 * ```
 */
export class SqliteStorage implements Storage {
  readonly #db: SqliteDatabaseLike;
  readonly #table: SqliteTable;
  #driver: SqliteDriverName | undefined;
  #ownsDatabase = false;
  #closed = false;

  /**
   * Wraps an open connection; creates the table when missing.
   *
   * @throws {ConfigError} when `database` is not a SQLite connection, the table name is invalid, the
   * database is not UTF-8, or the table exists with other columns.
   */
  constructor(database: SqliteDatabaseLike, options: SqliteStorageOptions = {}) {
    if (!isSqliteDatabaseLike(database)) {
      throw new ConfigError('SqliteStorage needs an open better-sqlite3 Database or node:sqlite DatabaseSync; to open a file, use `await SqliteStorage.open(path)`.');
    }
    const tableName = options.tableName ?? DEFAULT_TABLE;
    checkTableName(tableName);
    const busyTimeoutMs = resolveBusyTimeout(options.busyTimeoutMs);
    this.#db = database;
    this.#driver = sqliteDriverOf(database);
    configureConnection(database, { busyTimeoutMs, wal: options.wal ?? true });
    this.#table = new SqliteTable(database, tableName);
  }

  /**
   * Opens (or creates) a database file in WAL mode, with `node:sqlite` where the runtime has it and
   * better-sqlite3 otherwise, or with the `driver` named in the options. `close()` closes it.
   * A file it creates is readable and writable by its owner only (mode 0600), and so are the
   * `-wal` and `-shm` files SQLite puts next to it; an existing file keeps its mode. Both drivers
   * get the same settings: the page cache (`cacheKiB`), the busy timeout, and `synchronous`.
   *
   * @throws {ConfigError} (`details.option: 'driver'`) when no driver can be used: the message says
   * which Node to use or what to install (`npm install better-sqlite3`); or for the reasons the
   * constructor gives.
   * @example
   * ```ts
   * const storage = await SqliteStorage.open({ path: './state.db', tableName: 'acme_sync' });
   * console.log(storage.driver); // 'node:sqlite' on Node 22.13+, 'better-sqlite3' on Node 20
   * ```
   */
  static async open(pathOrOptions: string | SqliteStorageOpenOptions): Promise<SqliteStorage> {
    const { path, ...options } = typeof pathOrOptions === 'string' ? { path: pathOrOptions } : pathOrOptions;
    if (typeof path !== 'string' || path === '') {
      throw new ConfigError("SqliteStorage.open: give the database file path (or ':memory:').");
    }
    if (options.tableName !== undefined) checkTableName(options.tableName);
    checkSqliteDriverName(options.driver);
    const busyTimeoutMs = resolveBusyTimeout(options.busyTimeoutMs);
    const cacheKiB = resolveCacheKiB(options.cacheKiB);
    const synchronous = resolveSynchronous(options.synchronous);
    const driver = await resolveSqliteDriver(options.driver);
    const database = openSqliteConnection(driver, path, { busyTimeoutMs, cacheKiB, synchronous });
    try {
      const { cacheKiB: _cacheKiB, driver: _driver, synchronous: _synchronous, ...storageOptions } = options;
      const storage = new SqliteStorage(database, storageOptions);
      storage.#ownsDatabase = true;
      storage.#driver = driver.name;
      return storage;
    } catch (error) {
      database.close();
      throw error;
    }
  }

  /**
   * The driver behind this storage: the one {@link SqliteStorage.open} chose or was told to use,
   * or, for a connection passed to the constructor, the driver it comes from (`undefined` when it
   * is neither's).
   */
  get driver(): SqliteDriverName | undefined {
    return this.#driver;
  }

  /** True once {@link SqliteStorage.close} was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** The value stored under `key`, or `undefined`. */
  async get<T>(key: string): Promise<T | undefined> {
    this.#checkOpen();
    checkStorageKey(key, 'get');
    return this.#read<T>(key);
  }

  /** The values of `keys`, in order (`undefined` for a missing key), read in one transaction: one snapshot. */
  async getMany<T>(keys: readonly string[]): Promise<Array<T | undefined>> {
    this.#checkOpen();
    keys.forEach((key) => checkStorageKey(key, 'getMany'));
    if (keys.length <= 1) return keys.map((key) => this.#read<T>(key));
    // One read transaction: every value comes from the same snapshot, even with writers elsewhere.
    return this.#transaction('BEGIN', () => keys.map((key) => this.#read<T>(key)));
  }

  /** The entries whose keys start with `prefix`, in code point order: a range query on the primary key. */
  async list<T>(prefix: string, options?: StorageListOptions): Promise<Array<StorageEntry<T>>> {
    this.#checkOpen();
    checkListArguments(prefix, options);
    const upper = storagePrefixUpperBound(prefix);
    const after = options?.after;
    const parameters: SqliteParameter[] = [prefix];
    if (upper !== undefined) parameters.push(upper);
    if (after !== undefined) parameters.push(after);
    parameters.push(options?.limit ?? -1); // SQLite: a negative LIMIT means none.
    const rows = this.#table.list(upper !== undefined, after !== undefined).all(...parameters);
    return rows.map((row) => {
      const { key, value } = row as { key: unknown; value: unknown };
      return { key: String(key), value: JSON.parse(String(value)) as T };
    });
  }

  /** Applies every op or none, in one `BEGIN IMMEDIATE` transaction (its `check` ops read under the write lock). */
  async batch(ops: readonly StorageOp[]): Promise<void> {
    this.#checkOpen();
    const prepared = prepareStorageBatch(ops);
    if (prepared.length === 0) return;
    const { upsert, remove } = this.#table;
    // IMMEDIATE: the checks read under the write lock, so no other connection writes in between.
    this.#transaction('BEGIN IMMEDIATE', () => {
      checkStorageBatch(prepared, (key) => this.#read(key));
      for (const op of prepared) {
        if (op.type === 'put') upsert.run(op.key, op.json);
        else if (op.type === 'delete') remove.run(op.key);
      }
    });
  }

  /** Writes `next` (deletes for `undefined`) when the stored value deep-equals `expected`, under the write lock; says whether it did. */
  async compareAndSet<T>(key: string, expected: T | undefined, next: T | undefined): Promise<boolean> {
    this.#checkOpen();
    checkStorageKey(key, 'compareAndSet');
    if (expected !== undefined) encodeStorageValue(expected, 'expected', 'Storage.compareAndSet');
    const nextJson = next === undefined ? undefined : encodeStorageValue(next, 'next', 'Storage.compareAndSet');
    // IMMEDIATE takes the write lock before reading, so no other connection can write in between.
    return this.#transaction('BEGIN IMMEDIATE', () => {
      const current = this.#read(key);
      const matches = current === undefined || expected === undefined ? current === expected : storageValuesEqual(current, expected);
      if (!matches) return false;
      if (nextJson === undefined) this.#table.remove.run(key);
      else this.#table.upsert.run(key, nextJson);
      return true;
    });
  }

  /**
   * Stops this storage. Closes the connection when {@link SqliteStorage.open} opened it; a
   * connection you passed to the constructor stays open for you to close.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#ownsDatabase) this.#db.close();
  }

  #read<T>(key: string): T | undefined {
    const row = this.#table.select.get(key) as { value: unknown } | undefined;
    return row === undefined ? undefined : (JSON.parse(String(row.value)) as T);
  }

  #transaction<R>(begin: 'BEGIN' | 'BEGIN IMMEDIATE', work: () => R): R {
    this.#db.exec(begin);
    try {
      const result = work();
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      try {
        this.#db.exec('ROLLBACK');
      } catch {
        // SQLite already rolled back (a failed COMMIT can end the transaction): nothing to undo.
      }
      throw error;
    }
  }

  #checkOpen(): void {
    if (this.#closed) {
      throw new FsmBillingError('STORAGE_CLOSED', 'This SqliteStorage was closed: open a new one with SqliteStorage.open() or new SqliteStorage(db).');
    }
  }
}

function resolveSynchronous(synchronous: unknown = 'full'): 'full' | 'normal' {
  if (synchronous !== 'full' && synchronous !== 'normal') {
    throw new ConfigError(`SqliteStorage.open: synchronous must be 'full' or 'normal', got ${JSON.stringify(synchronous)}.`, { details: { option: 'synchronous' } });
  }
  return synchronous;
}

function resolveCacheKiB(cacheKiB = 4096): number {
  if (!Number.isSafeInteger(cacheKiB) || cacheKiB < 64 || cacheKiB > 1_048_576) {
    throw new ConfigError(`SqliteStorage.open: cacheKiB must be a whole number of KiB from 64 to 1048576, got ${String(cacheKiB)}.`);
  }
  return cacheKiB;
}

function resolveBusyTimeout(busyTimeoutMs = 5000): number {
  if (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw new ConfigError(`SqliteStorage: busyTimeoutMs must be a non-negative integer of milliseconds, got ${String(busyTimeoutMs)}.`);
  }
  return busyTimeoutMs;
}
