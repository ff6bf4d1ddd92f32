import { ConfigError } from '../errors/config-error.js';
import type { SqliteDatabaseLike } from './sqlite-database.js';

/** The better-sqlite3 constructor, typed by the options SqliteStorage passes. */
export type BetterSqlite3Constructor = new (path: string, options?: { timeout?: number }) => SqliteDatabaseLike;

/**
 * Loads better-sqlite3 on demand. It is an optional peer dependency: importing
 * `fsm-billing-sync/node` must work without it, so nothing imports it at module top level.
 *
 * @throws {ConfigError} when it is not installed or its native binding does not load.
 */
export async function loadBetterSqlite3(): Promise<BetterSqlite3Constructor> {
  let loaded: unknown;
  try {
    loaded = await import('better-sqlite3');
  } catch (error) {
    throw new ConfigError(
      isModuleNotFound(error)
        ? 'SqliteStorage.open needs the better-sqlite3 package, which is not installed: run `npm install better-sqlite3`, or pass an open node:sqlite DatabaseSync to `new SqliteStorage(db)`.'
        : 'better-sqlite3 is installed but failed to load (often a native build for another Node version): run `npm rebuild better-sqlite3` or `npm install better-sqlite3` again.',
      { cause: error },
    );
  }
  // ESM import of a CommonJS module: the constructor is the default export.
  const constructor = typeof loaded === 'function' ? loaded : (loaded as { default?: unknown } | null)?.default;
  if (typeof constructor !== 'function') {
    throw new ConfigError('The better-sqlite3 module did not export a Database constructor: install better-sqlite3 11 or 12 (`npm install better-sqlite3`).');
  }
  return constructor as BetterSqlite3Constructor;
}

/** Node's and bundlers' "cannot find module" errors, possibly wrapped as a `cause`. */
function isModuleNotFound(error: unknown): boolean {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return true;
    if (typeof message === 'string' && /cannot find (module|package)/i.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
