import { ConfigError } from '../errors/config-error.js';

/** A value SQLite binds to a `?` placeholder. */
export type SqliteParameter = string | number | null;

/**
 * The part of a prepared statement that {@link SqliteStorage} uses. Both better-sqlite3's
 * `Statement` and `node:sqlite`'s `StatementSync` have this shape. SqliteStorage only ever binds
 * {@link SqliteParameter}s; the parameters are typed `unknown` so that better-sqlite3's generic
 * `Statement` types are assignable.
 */
export interface SqliteStatementLike {
  run(...parameters: unknown[]): unknown;
  get(...parameters: unknown[]): unknown;
  all(...parameters: unknown[]): unknown[];
}

/**
 * The part of an open SQLite connection that {@link SqliteStorage} uses: a better-sqlite3
 * `Database` or a `node:sqlite` `DatabaseSync` (Node 22.5+). Typed by shape so that the package
 * typechecks on runtimes without `node:sqlite` and without better-sqlite3's types.
 */
export interface SqliteDatabaseLike {
  prepare(sql: string): SqliteStatementLike;
  exec(sql: string): unknown;
  close(): unknown;
}

/** True when `value` looks like an open SQLite connection of either driver. */
export function isSqliteDatabaseLike(value: unknown): value is SqliteDatabaseLike {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof SqliteDatabaseLike, unknown>>;
  return typeof candidate.prepare === 'function' && typeof candidate.exec === 'function' && typeof candidate.close === 'function';
}

/**
 * Connection-level settings, applied before the table exists so WAL holds from the first write.
 *
 * @throws {ConfigError} when the database is not UTF-8: keys are ordered by BINARY collation, which
 * is code point order only over UTF-8 bytes.
 */
export function configureConnection(database: SqliteDatabaseLike, options: { busyTimeoutMs: number; wal: boolean }): void {
  database.exec(`PRAGMA busy_timeout = ${options.busyTimeoutMs}`);
  const encoding = (database.prepare('PRAGMA encoding').get() as { encoding?: unknown } | undefined)?.encoding;
  if (encoding !== undefined && encoding !== 'UTF-8') {
    throw new ConfigError(`SqliteStorage needs a UTF-8 database, this one is ${String(encoding)}: use a new database file.`);
  }
  // In-memory databases answer 'memory' and keep it: harmless.
  if (options.wal) database.exec('PRAGMA journal_mode = WAL');
}
