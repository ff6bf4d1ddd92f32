import { ConfigError } from '../errors/config-error.js';
import { loadBetterSqlite3, type BetterSqlite3Problem } from './load-better-sqlite3.js';
import { loadNodeSqlite, type NodeSqliteProblem } from './load-node-sqlite.js';
import { createPrivateFile, isDatabaseFilePath } from './private-file.js';
import type { SqliteDatabaseLike } from './sqlite-database.js';

/**
 * The SQLite drivers `SqliteStorage.open` can open a file with: Node's built-in `node:sqlite`
 * (Node 22.13+ and 23.4+; 22.5–22.12 and 23.0–23.3 with `--experimental-sqlite`) or the
 * `better-sqlite3` package (an optional peer dependency, a native build).
 */
export type SqliteDriverName = 'node:sqlite' | 'better-sqlite3';

/** Every {@link SqliteDriverName}, in the order `SqliteStorage.open` tries them when none is named. */
export const SQLITE_DRIVERS: readonly SqliteDriverName[] = Object.freeze(['node:sqlite', 'better-sqlite3']);

/** A loaded driver: opens a database file (created when missing) or `':memory:'`. */
export interface SqliteDriver {
  /** Which driver this is. */
  readonly name: SqliteDriverName;
  /** Opens a connection; the caller closes it. */
  connect(path: string, options: { busyTimeoutMs: number }): SqliteDatabaseLike;
}

/** What was found of each driver, for the error when none can be used. */
export interface SqliteDriverFacts {
  /** The driver asked for; `undefined` when SqliteStorage.open chooses. */
  requested: SqliteDriverName | undefined;
  /** `process.versions.node`. */
  node: string;
  /** Why node:sqlite cannot be used; `undefined` when it can, or was not tried. */
  nodeSqlite?: NodeSqliteProblem | undefined;
  /** Why better-sqlite3 cannot be used; `undefined` when it can, or was not tried. */
  betterSqlite3?: BetterSqlite3Problem | undefined;
}

/**
 * Checks the `driver` option of `SqliteStorage.open`.
 *
 * @throws {ConfigError} (`details.option: 'driver'`) for anything but `undefined` or a {@link SqliteDriverName}.
 */
export function checkSqliteDriverName(driver: unknown): asserts driver is SqliteDriverName | undefined {
  if (driver !== undefined && !SQLITE_DRIVERS.includes(driver as SqliteDriverName)) {
    throw new ConfigError(`SqliteStorage.open: driver must be 'node:sqlite' or 'better-sqlite3' (or left out to choose by the runtime), got ${JSON.stringify(driver)}.`, {
      details: { option: 'driver' },
    });
  }
}

/**
 * Loads the driver asked for, or, when none is named, `node:sqlite` where the runtime has it and
 * better-sqlite3 otherwise.
 *
 * @throws {ConfigError} (`code: 'INVALID_CONFIG'`, `details.option: 'driver'`) when that driver,
 * or with none named neither driver, can be used; the message says what to install or which Node
 * to use, and `details` holds what was found (`node`, `nodeSqlite`, `betterSqlite3`).
 */
export async function resolveSqliteDriver(requested: SqliteDriverName | undefined): Promise<SqliteDriver> {
  checkSqliteDriverName(requested);
  const facts: SqliteDriverFacts = { requested, node: process.versions.node };
  let betterSqlite3Cause: unknown;
  if (requested !== 'better-sqlite3') {
    const nodeSqlite = await loadNodeSqlite();
    if ('DatabaseSync' in nodeSqlite) {
      const { DatabaseSync } = nodeSqlite;
      return { name: 'node:sqlite', connect: (path) => new DatabaseSync(path) };
    }
    facts.nodeSqlite = nodeSqlite.problem;
  }
  if (requested !== 'node:sqlite') {
    const betterSqlite3 = await loadBetterSqlite3();
    if ('Database' in betterSqlite3) {
      const { Database } = betterSqlite3;
      return { name: 'better-sqlite3', connect: (path, { busyTimeoutMs }) => new Database(path, { timeout: busyTimeoutMs }) };
    }
    facts.betterSqlite3 = betterSqlite3.problem;
    betterSqlite3Cause = betterSqlite3.cause;
  }
  throw new ConfigError(noSqliteDriverMessage(facts), {
    details: {
      option: 'driver',
      driver: requested ?? 'auto',
      node: facts.node,
      ...(facts.nodeSqlite === undefined ? {} : { nodeSqlite: facts.nodeSqlite }),
      ...(facts.betterSqlite3 === undefined ? {} : { betterSqlite3: facts.betterSqlite3 }),
    },
    cause: betterSqlite3Cause,
  });
}

/**
 * Opens `path` with `driver` the way `SqliteStorage.open` does: a file it creates is private
 * (mode 0600), the page cache is `cacheKiB`, and `synchronous` is set, whichever driver it is.
 * Closes the connection again when a setting fails.
 */
export function openSqliteConnection(
  driver: SqliteDriver,
  path: string,
  options: { busyTimeoutMs: number; cacheKiB: number; synchronous: 'full' | 'normal' },
): SqliteDatabaseLike {
  // SQLite would create the file 0644 (readable by every local user); it holds OAuth tokens.
  if (isDatabaseFilePath(path)) createPrivateFile(path);
  const database = driver.connect(path, { busyTimeoutMs: options.busyTimeoutMs });
  try {
    // A negative cache_size is in KiB.
    database.exec(`PRAGMA cache_size = -${options.cacheKiB}`);
    // Always set, as the drivers' defaults differ: better-sqlite3 is built to sync a file already in
    // WAL mode only at checkpoints (NORMAL), node:sqlite syncs every commit (FULL).
    database.exec(`PRAGMA synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    return database;
  } catch (error) {
    database.close();
    throw error;
  }
}

/** Which driver an open connection comes from, by its shape; `undefined` for any other. */
export function sqliteDriverOf(database: SqliteDatabaseLike): SqliteDriverName | undefined {
  if ((database as { constructor?: { name?: unknown } }).constructor?.name === 'DatabaseSync') return 'node:sqlite';
  const candidate = database as { pragma?: unknown; transaction?: unknown };
  if (typeof candidate.pragma === 'function' && typeof candidate.transaction === 'function') return 'better-sqlite3';
  return undefined;
}

const USE_NEWER_NODE = 'use Node 22.13 or later (node:sqlite is built in)';

/** The message of the error {@link resolveSqliteDriver} throws: what is missing and what to do. */
export function noSqliteDriverMessage(facts: SqliteDriverFacts): string {
  const { requested, node } = facts;
  if (requested === 'node:sqlite') {
    return facts.nodeSqlite === 'needs-flag'
      ? `SqliteStorage.open: driver 'node:sqlite' is not available: Node ${node} has node:sqlite only behind a flag. Start node with --experimental-sqlite, ${USE_NEWER_NODE}, or use driver 'better-sqlite3' (\`npm install better-sqlite3\`).`
      : `SqliteStorage.open: driver 'node:sqlite' is not available: Node ${node} has no node:sqlite module. ${capitalise(USE_NEWER_NODE)}, or use driver 'better-sqlite3' (\`npm install better-sqlite3\`).`;
  }
  if (requested === 'better-sqlite3') {
    switch (facts.betterSqlite3) {
      case 'failed-to-load':
        return `SqliteStorage.open: better-sqlite3 is installed but its native build does not load in Node ${node} (often one built for another Node version): run \`npm rebuild better-sqlite3\`, or leave driver out to use node:sqlite where the runtime has it.`;
      case 'no-constructor':
        return 'SqliteStorage.open: the better-sqlite3 module did not export a Database constructor: install better-sqlite3 11 or 12 (`npm install better-sqlite3@12`).';
      default:
        return 'SqliteStorage.open needs the better-sqlite3 package, which is not installed: run `npm install better-sqlite3`, or leave driver out to use node:sqlite where the runtime has it (Node 22.13 or later).';
    }
  }
  const nodeSide = facts.nodeSqlite === 'needs-flag' ? `Node ${node} has node:sqlite only with --experimental-sqlite` : `Node ${node} has no node:sqlite`;
  const betterSide =
    facts.betterSqlite3 === 'failed-to-load'
      ? "better-sqlite3 is installed but its native build does not load (often one built for another Node version)"
      : facts.betterSqlite3 === 'no-constructor'
        ? 'the better-sqlite3 module is not better-sqlite3 11 or 12'
        : 'the better-sqlite3 package is not installed';
  const install = facts.betterSqlite3 === 'failed-to-load' ? 'run `npm rebuild better-sqlite3`' : 'run `npm install better-sqlite3`';
  const flag = facts.nodeSqlite === 'needs-flag' ? ', start node with --experimental-sqlite' : '';
  return `SqliteStorage.open found no SQLite driver: ${nodeSide}, and ${betterSide}. ${capitalise(USE_NEWER_NODE)}${flag}, or ${install}.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
