import { ConfigError } from '../errors/config-error.js';
import type { SqliteDatabaseLike, SqliteStatementLike } from './sqlite-database.js';

const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Checks a table name before it is spliced into SQL (identifiers cannot be bound as parameters).
 *
 * @throws {ConfigError} unless it is letters, digits and `_`, not starting with a digit or `sqlite_`.
 */
export function checkTableName(tableName: unknown): asserts tableName is string {
  if (typeof tableName !== 'string' || !TABLE_NAME.test(tableName) || tableName.toLowerCase().startsWith('sqlite_')) {
    throw new ConfigError(
      `SqliteStorage: tableName ${JSON.stringify(tableName)} is not allowed: use letters, digits and _ (not starting with a digit or "sqlite_"), e.g. "fsm_billing_sync_state".`,
    );
  }
}

/**
 * The key-value table of one SqliteStorage and its prepared statements. The table is
 * `key TEXT PRIMARY KEY` with the default BINARY collation, which orders keys by their UTF-8 bytes.
 */
export class SqliteTable {
  readonly select: SqliteStatementLike;
  readonly upsert: SqliteStatementLike;
  readonly remove: SqliteStatementLike;
  readonly #db: SqliteDatabaseLike;
  readonly #table: string;
  /** List queries by shape: with/without an upper bound, with/without `after`. */
  readonly #lists = new Map<string, SqliteStatementLike>();

  /**
   * Creates the table when missing and prepares the statements.
   *
   * @throws {ConfigError} when a table of that name exists with other columns.
   */
  constructor(database: SqliteDatabaseLike, tableName: string) {
    checkTableName(tableName);
    this.#db = database;
    const table = `"${tableName}"`;
    this.#table = table;
    database.exec(`CREATE TABLE IF NOT EXISTS ${table} (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID`);
    try {
      this.select = database.prepare(`SELECT value FROM ${table} WHERE key = ?`);
      this.upsert = database.prepare(`INSERT INTO ${table} (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
      this.remove = database.prepare(`DELETE FROM ${table} WHERE key = ?`);
    } catch (error) {
      throw new ConfigError(`SqliteStorage: the table "${tableName}" exists but does not have the columns (key TEXT PRIMARY KEY, value TEXT): choose another tableName.`, { cause: error });
    }
  }

  /**
   * `SELECT key, value ... WHERE key >= ? [AND key < ?] [AND key > ?] ORDER BY key LIMIT ?`: a range
   * on the primary key, not `LIKE`, so `%` and `_` in a prefix are ordinary characters.
   */
  list(bounded: boolean, paged: boolean): SqliteStatementLike {
    const shape = `${bounded ? 'bounded' : ''}/${paged ? 'paged' : ''}`;
    let statement = this.#lists.get(shape);
    if (!statement) {
      const conditions = ['key >= ?', ...(bounded ? ['key < ?'] : []), ...(paged ? ['key > ?'] : [])];
      statement = this.#db.prepare(`SELECT key, value FROM ${this.#table} WHERE ${conditions.join(' AND ')} ORDER BY key LIMIT ?`);
      this.#lists.set(shape, statement);
    }
    return statement;
  }
}
