import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Pool, PoolClient, PoolConfig } from 'pg';
import { ConfigError } from '../errors/config-error.js';
import { FsmBillingError } from '../errors/fsm-billing-error.js';
import { NetworkError } from '../errors/network-error.js';
import { storageValuesEqual } from '../storage/json-value.js';
import { storagePrefixUpperBound } from '../storage/key-order.js';
import { checkListArguments, checkStorageBatch, checkStorageKey, encodeStorageValue, prepareStorageBatch } from '../storage/storage-input.js';
import type { Storage, StorageEntry, StorageListOptions, StorageOp } from '../storage/storage.js';

/** Where {@link PostgresStorage.open} gets its connections: a pool you own, or one it creates and owns. */
export type PostgresConnection =
  /** Borrow this pool: the storage never ends it. */
  | { pool: Pool }
  /** Create a pool from this URL (`postgres://user:password@host:5432/db`); `close()` ends it. */
  | { connectionString: string }
  /** Create a pool from this `pg` configuration; `close()` ends it. */
  | { config: PoolConfig };

/** Options of {@link PostgresStorage.open}. */
export interface PostgresStorageOptions {
  /** The schema that holds the tables; created when missing. Lowercase letters, digits and `_`. Default `fsm_billing_sync`. */
  schema?: string;
  /**
   * Put before the table names (`<tablePrefix>state`, `<tablePrefix>migrations`), so that several
   * independent states share one schema. Lowercase letters, digits and `_`, at most 30. Default `''`.
   */
  tablePrefix?: string;
}

/** The schema version this release writes; {@link PostgresStorage.open} migrates older ones up to it. */
export const POSTGRES_STORAGE_SCHEMA_VERSION = 1;

const DEFAULT_SCHEMA = 'fsm_billing_sync';
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const TABLE_PREFIX = /^(?:[a-z_][a-z0-9_]{0,29})?$/;

/** SQLSTATE classes and socket errors that mean the server could not be reached or went away. */
const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', '57P01', '57P02', '57P03']);

/** One migration: the statements that bring the schema from `version - 1` to `version`. */
interface Migration {
  version: number;
  statements: (names: TableNames) => string[];
}

interface TableNames {
  schema: string;
  state: string;
  migrations: string;
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    // bytea keys: UTF-8 bytes, so the btree orders them bytewise (= code point order) and a NUL is storable.
    // text values: the JSON text as encodeStorageValue made it (jsonb would reorder keys and rewrite numbers).
    statements: (n) => [`CREATE TABLE ${n.state} (key bytea PRIMARY KEY, value text NOT NULL)`],
  },
];

/**
 * A {@link Storage} in PostgreSQL, for state shared by several processes or machines. One table
 * `<schema>.<tablePrefix>state (key bytea PRIMARY KEY, value text)`: keys as UTF-8 bytes (bytewise
 * order is code point order; NUL is storable), values as JSON text. `list(prefix)` is a range scan
 * of the primary key index (`key >= prefix AND key < bound`).
 *
 * `batch` and `compareAndSet` each run in one transaction that first takes
 * `pg_advisory_xact_lock` on every key they touch (in a sorted order, so that two batches never
 * deadlock), then reads what they compare, then writes: a `check` op — like the sync's lease
 * check — holds until the commit. Other writers of the same table must go through
 * `PostgresStorage` for that to hold.
 *
 * @example
 * ```ts
 * import { PostgresStorage } from 'fsm-billing-sync/postgres';
 *
 * const storage = await PostgresStorage.open({ connectionString: 'postgres://sync@db.internal/billing' });
 * // ... new IntegrationClient({ storage, ... })
 * await storage.close();
 * ```
 */
export class PostgresStorage implements Storage {
  readonly #pool: Pool;
  readonly #ownsPool: boolean;
  readonly #names: TableNames;
  readonly #lockNamespace: string;
  readonly #where: string;
  #closed = false;

  private constructor(pool: Pool, ownsPool: boolean, names: TableNames, where: string) {
    this.#pool = pool;
    this.#ownsPool = ownsPool;
    this.#names = names;
    this.#lockNamespace = `${names.schema}.${names.state}`;
    this.#where = where;
  }

  /**
   * Connects, creates the schema and its tables when missing, and migrates an older schema version
   * to {@link POSTGRES_STORAGE_SCHEMA_VERSION}: in one transaction under `pg_advisory_xact_lock`, so
   * processes opening at the same time do not race. A pool you pass is borrowed (`close()` leaves
   * it open); one made from `connectionString` or `config` is ended by `close()`.
   *
   * @throws {ConfigError} for bad options; for credentials, a role or a database the server refuses
   * (`details.pgCode`, class 28 or 3D000); or for a schema newer than this release knows
   * (`details.version`).
   * @throws {NetworkError} `NETWORK_ERROR` when the server cannot be reached (the message names the
   * host with the password masked).
   * @example
   * ```ts
   * import pg from 'pg';
   * import { PostgresStorage } from 'fsm-billing-sync/postgres';
   *
   * const pool = new pg.Pool({ host: '127.0.0.1', database: 'billing', max: 5 });
   * const storage = await PostgresStorage.open({ pool }, { schema: 'billing_sync', tablePrefix: 'acme_' });
   * ```
   */
  static async open(connection: PostgresConnection, options: PostgresStorageOptions = {}): Promise<PostgresStorage> {
    const schema = options.schema ?? DEFAULT_SCHEMA;
    // PostgreSQL reserves schema names starting with pg_ for itself.
    if (typeof schema !== 'string' || !SCHEMA_NAME.test(schema) || schema.startsWith('pg_')) {
      throw new ConfigError(`PostgresStorage.open: schema must be lowercase letters, digits and _ (at most 63, not starting with a digit or pg_), got ${JSON.stringify(schema)}.`, { details: { option: 'schema' } });
    }
    const prefix = options.tablePrefix ?? '';
    if (typeof prefix !== 'string' || !TABLE_PREFIX.test(prefix)) {
      throw new ConfigError(`PostgresStorage.open: tablePrefix must be lowercase letters, digits and _ (at most 30, not starting with a digit), got ${JSON.stringify(prefix)}.`, { details: { option: 'tablePrefix' } });
    }
    const { pool, owns, where } = resolvePool(connection);
    const names: TableNames = { schema: quote(schema), state: `${quote(schema)}.${quote(`${prefix}state`)}`, migrations: `${quote(schema)}.${quote(`${prefix}migrations`)}` };
    const storage = new PostgresStorage(pool, owns, names, where);
    try {
      await storage.#migrate(schema);
      return storage;
    } catch (error) {
      if (owns) await pool.end().catch(() => undefined);
      throw error;
    }
  }

  /** True once {@link PostgresStorage.close} was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** The schema version of the tables (read from the migrations table). */
  async schemaVersion(): Promise<number> {
    this.#checkOpen();
    const result = await this.#query<{ version: number | null }>(`SELECT max(version) AS version FROM ${this.#names.migrations}`);
    return result.rows[0]?.version ?? 0;
  }

  /** The value stored under `key`, or `undefined`. */
  async get<T>(key: string): Promise<T | undefined> {
    this.#checkOpen();
    checkStorageKey(key, 'get');
    const result = await this.#query<{ value: string }>(`SELECT value FROM ${this.#names.state} WHERE key = $1`, [keyBytes(key)]);
    const row = result.rows[0];
    return row === undefined ? undefined : (JSON.parse(row.value) as T);
  }

  /** The values of `keys`, in order (`undefined` for a missing key), read by one statement: one snapshot. */
  async getMany<T>(keys: readonly string[]): Promise<Array<T | undefined>> {
    this.#checkOpen();
    keys.forEach((key) => checkStorageKey(key, 'getMany'));
    if (keys.length === 0) return [];
    const found = await this.#readKeys(undefined, keys);
    return keys.map((key) => {
      const json = found.get(key);
      return json === undefined ? undefined : (JSON.parse(json) as T);
    });
  }

  /** The entries whose keys start with `prefix`, in code point order: a range scan of the primary key index. */
  async list<T>(prefix: string, options?: StorageListOptions): Promise<Array<StorageEntry<T>>> {
    this.#checkOpen();
    checkListArguments(prefix, options);
    const upper = storagePrefixUpperBound(prefix);
    const parameters: unknown[] = [keyBytes(prefix)];
    let sql = `SELECT key, value FROM ${this.#names.state} WHERE key >= $1`;
    if (upper !== undefined) {
      parameters.push(keyBytes(upper));
      sql += ` AND key < $${parameters.length}`;
    }
    if (options?.after !== undefined) {
      parameters.push(keyBytes(options.after));
      sql += ` AND key > $${parameters.length}`;
    }
    parameters.push(options?.limit ?? null); // LIMIT NULL: no limit.
    sql += ` ORDER BY key LIMIT $${parameters.length}`;
    const result = await this.#query<{ key: Buffer; value: string }>(sql, parameters);
    return result.rows.map((row) => ({ key: row.key.toString('utf8'), value: JSON.parse(row.value) as T }));
  }

  /**
   * Applies every op or none, in one transaction: locks every key the batch touches, compares its
   * `check` ops, then writes (the last op on a key wins).
   *
   * @throws {FsmBillingError} `STORAGE_CHECK_FAILED` when a check does not match: nothing written.
   */
  async batch(ops: readonly StorageOp[]): Promise<void> {
    this.#checkOpen();
    const prepared = prepareStorageBatch(ops);
    if (prepared.length === 0) return;
    const checked = [...new Set(prepared.filter((op) => op.type === 'check').map((op) => op.key))];
    // The final state of every written key, in op order: one upsert and one delete statement.
    const writes = new Map<string, string | null>();
    for (const op of prepared) {
      if (op.type === 'put') writes.set(op.key, op.json);
      else if (op.type === 'delete') writes.set(op.key, null);
    }
    await this.#transaction(async (client) => {
      await this.#lockKeys(client, [...checked, ...writes.keys()]);
      if (checked.length > 0) {
        const current = await this.#readKeys(client, checked);
        checkStorageBatch(prepared, (key) => {
          const json = current.get(key);
          return json === undefined ? undefined : JSON.parse(json);
        });
      }
      await this.#write(client, writes);
    });
  }

  /** Writes `next` (deletes for `undefined`) when the stored value deep-equals `expected`, under a lock on the key; says whether it did. */
  async compareAndSet<T>(key: string, expected: T | undefined, next: T | undefined): Promise<boolean> {
    this.#checkOpen();
    checkStorageKey(key, 'compareAndSet');
    if (expected !== undefined) encodeStorageValue(expected, 'expected', 'Storage.compareAndSet');
    const nextJson = next === undefined ? null : encodeStorageValue(next, 'next', 'Storage.compareAndSet');
    return this.#transaction(async (client) => {
      await this.#lockKeys(client, [key]);
      const json = (await this.#readKeys(client, [key])).get(key);
      const current: unknown = json === undefined ? undefined : JSON.parse(json);
      const matches = current === undefined || expected === undefined ? current === expected : storageValuesEqual(current, expected);
      if (!matches) return false;
      await this.#write(client, new Map([[key, nextJson]]));
      return true;
    });
  }

  /**
   * Stops this storage. Ends the pool when {@link PostgresStorage.open} created it; a pool you passed
   * stays open for you to end.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#ownsPool) await this.#pool.end();
  }

  async #migrate(schema: string): Promise<void> {
    await this.#transaction(async (client) => {
      // One lock per schema: every process opening it waits here, then sees the others' work.
      await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [String(lockId('fsm-billing-sync:migrate', schema))]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.#names.schema}`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${this.#names.migrations} (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
      const result = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${this.#names.migrations}`);
      const version = result.rows[0]?.version ?? 0;
      if (version > POSTGRES_STORAGE_SCHEMA_VERSION) {
        throw new ConfigError(
          `PostgresStorage.open: the tables in schema ${schema} are at version ${version}, newer than this release knows (${POSTGRES_STORAGE_SCHEMA_VERSION}): upgrade fsm-billing-sync.`,
          { details: { option: 'schema', version, supported: POSTGRES_STORAGE_SCHEMA_VERSION } },
        );
      }
      for (const migration of MIGRATIONS) {
        if (migration.version <= version) continue;
        for (const statement of migration.statements(this.#names)) await client.query(statement);
        await client.query(`INSERT INTO ${this.#names.migrations} (version) VALUES ($1)`, [migration.version]);
      }
    });
  }

  /** Takes a transaction-scoped advisory lock per key, in ascending lock id order (no deadlocks). */
  async #lockKeys(client: PoolClient, keys: readonly string[]): Promise<void> {
    const ids = [...new Set(keys.map((key) => lockId(this.#lockNamespace, key)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    // A function scan over the sorted array yields its elements in order, and the lock is taken
    // row by row as they come: the same order in every transaction.
    await client.query('SELECT pg_advisory_xact_lock(id) FROM unnest($1::bigint[]) AS id', [ids.map(String)]);
  }

  async #readKeys(client: PoolClient | undefined, keys: readonly string[]): Promise<Map<string, string>> {
    const sql = `SELECT key, value FROM ${this.#names.state} WHERE key = ANY($1::bytea[])`;
    const parameters = [keys.map(keyBytes)];
    const result = client ? await client.query<{ key: Buffer; value: string }>(sql, parameters) : await this.#query<{ key: Buffer; value: string }>(sql, parameters);
    return new Map(result.rows.map((row) => [row.key.toString('utf8'), row.value]));
  }

  async #write(client: PoolClient, writes: ReadonlyMap<string, string | null>): Promise<void> {
    const putKeys: Buffer[] = [];
    const putValues: string[] = [];
    const deleteKeys: Buffer[] = [];
    for (const [key, json] of writes) {
      if (json === null) deleteKeys.push(keyBytes(key));
      else {
        putKeys.push(keyBytes(key));
        putValues.push(json);
      }
    }
    if (putKeys.length > 0) {
      await client.query(
        `INSERT INTO ${this.#names.state} (key, value) SELECT * FROM unnest($1::bytea[], $2::text[]) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
        [putKeys, putValues],
      );
    }
    if (deleteKeys.length > 0) await client.query(`DELETE FROM ${this.#names.state} WHERE key = ANY($1::bytea[])`, [deleteKeys]);
  }

  async #query<R extends object>(sql: string, parameters?: unknown[]): Promise<pg.QueryResult<R>> {
    try {
      return await this.#pool.query<R>(sql, parameters);
    } catch (error) {
      throw this.#translate(error);
    }
  }

  async #transaction<R>(work: (client: PoolClient) => Promise<R>): Promise<R> {
    let client: PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw this.#translate(error);
    }
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true; // The connection is gone: do not give it back to the pool.
      }
      throw error instanceof FsmBillingError ? error : this.#translate(error);
    } finally {
      client.release(broken);
    }
  }

  #translate(error: unknown): FsmBillingError {
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    const reason = error instanceof Error ? error.message : String(error);
    const isConnection =
      (typeof code === 'string' && (CONNECTION_ERROR_CODES.has(code) || code.startsWith('08'))) ||
      /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(reason);
    if (isConnection) {
      return new NetworkError(`PostgresStorage: cannot reach PostgreSQL at ${this.#where}: ${reason}`, { cause: error, details: { where: this.#where, ...(typeof code === 'string' ? { pgCode: code } : {}) } });
    }
    if (typeof code === 'string' && (code.startsWith('28') || code === '3D000')) {
      // Bad credentials, an unknown role or database: the connection settings are wrong.
      return new ConfigError(`PostgresStorage: PostgreSQL at ${this.#where} refused the connection: ${reason}`, { cause: error, details: { option: 'connection', where: this.#where, pgCode: code } });
    }
    return new FsmBillingError('POSTGRES_ERROR', `PostgresStorage: PostgreSQL refused a statement: ${reason}`, { cause: error, details: typeof code === 'string' ? { pgCode: code } : {} });
  }

  #checkOpen(): void {
    if (this.#closed) {
      throw new FsmBillingError('STORAGE_CLOSED', 'This PostgresStorage was closed: open a new one with PostgresStorage.open().');
    }
  }
}

function resolvePool(connection: PostgresConnection): { pool: Pool; owns: boolean; where: string } {
  if (typeof connection !== 'object' || connection === null) {
    throw new ConfigError('PostgresStorage.open: pass { pool }, { connectionString } or { config }.', { details: { option: 'connection' } });
  }
  if ('pool' in connection) {
    const pool = connection.pool as unknown;
    if (typeof pool !== 'object' || pool === null || typeof (pool as Pool).connect !== 'function' || typeof (pool as Pool).query !== 'function') {
      throw new ConfigError('PostgresStorage.open: pool must be a pg.Pool.', { details: { option: 'pool' } });
    }
    const options = (pool as { options?: PoolConfig }).options ?? {};
    return { pool: pool as Pool, owns: false, where: describeConfig(options) };
  }
  if ('connectionString' in connection) {
    const url = connection.connectionString as unknown;
    if (typeof url !== 'string' || url === '') {
      throw new ConfigError('PostgresStorage.open: connectionString must be a non-empty postgres:// URL.', { details: { option: 'connectionString' } });
    }
    return { pool: ownedPool({ connectionString: url }), owns: true, where: maskConnectionString(url) };
  }
  if ('config' in connection) {
    const config = connection.config as unknown;
    if (typeof config !== 'object' || config === null) {
      throw new ConfigError('PostgresStorage.open: config must be a pg PoolConfig object.', { details: { option: 'config' } });
    }
    return { pool: ownedPool(config as PoolConfig), owns: true, where: describeConfig(config as PoolConfig) };
  }
  throw new ConfigError('PostgresStorage.open: pass { pool }, { connectionString } or { config }.', { details: { option: 'connection' } });
}

/**
 * A pool this storage owns. An idle connection the server drops makes the pool emit `error`; with no
 * listener that would end the process. The pool already discards the connection, and the next call
 * that needs one fails with a `NetworkError`, so the event itself is ignored.
 */
function ownedPool(config: PoolConfig): Pool {
  const pool = new pg.Pool(config);
  pool.on('error', () => undefined);
  return pool;
}

/** `host:port/database` of a pool configuration, never its password. */
function describeConfig(config: PoolConfig): string {
  if (typeof config.connectionString === 'string') return maskConnectionString(config.connectionString);
  return `${config.host ?? process.env['PGHOST'] ?? 'localhost'}:${config.port ?? process.env['PGPORT'] ?? 5432}/${config.database ?? process.env['PGDATABASE'] ?? '(default database)'}`;
}

/**
 * A connection string with its password (in the URL or a `password=` parameter) replaced by `***`.
 *
 * @example
 * ```ts
 * maskConnectionString('postgres://sync:s3cret@db:5432/billing'); // 'postgres://sync:***@db:5432/billing'
 * ```
 */
export function maskConnectionString(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password !== '') url.password = '***';
    if (url.searchParams.has('password')) url.searchParams.set('password', '***');
    return url.toString();
  } catch {
    // Not a URL (a libpq key=value string): mask what follows password=, keep the rest.
    return connectionString.replace(/(password\s*=\s*)('[^']*'|\S+)/gi, '$1***').replace(/:\/\/([^:/@]*):[^@]*@/, '://$1:***@');
  }
}

function quote(identifier: string): string {
  return `"${identifier}"`;
}

function keyBytes(key: string): Buffer {
  return Buffer.from(key, 'utf8');
}

/** A signed 64-bit advisory lock id for `name` within `namespace`. */
function lockId(namespace: string, name: string): bigint {
  const digest = createHash('sha256').update(namespace).update('\u0000').update(name, 'utf8').digest();
  return digest.readBigInt64BE(0);
}
