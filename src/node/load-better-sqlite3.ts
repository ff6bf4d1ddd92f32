import type { SqliteDatabaseLike } from './sqlite-database.js';

/** The better-sqlite3 constructor, typed by the options SqliteStorage passes. */
export type BetterSqlite3Constructor = new (path: string, options?: { timeout?: number }) => SqliteDatabaseLike;

/**
 * Why better-sqlite3 cannot be used here: `not-installed`; `failed-to-load` (installed, but its
 * native build does not load, most often one built for another Node version); `no-constructor`
 * (the module is not better-sqlite3 11 or 12).
 */
export type BetterSqlite3Problem = 'not-installed' | 'failed-to-load' | 'no-constructor';

/** The outcome of {@link loadBetterSqlite3}: the constructor, or why there is none and the error behind it. */
export type BetterSqlite3Load =
  | { readonly Database: BetterSqlite3Constructor }
  | { readonly problem: BetterSqlite3Problem; readonly cause?: unknown };

let loadedConstructor: BetterSqlite3Constructor | undefined;

/**
 * Loads better-sqlite3 on demand and checks that its native build loads (by opening an in-memory
 * database once). It is an optional peer dependency: importing `fsm-billing-sync/node` must work
 * without it, so nothing imports it at module top level.
 *
 * Never throws: a missing or broken installation gives `{ problem, cause }`.
 */
export async function loadBetterSqlite3(): Promise<BetterSqlite3Load> {
  if (loadedConstructor) return { Database: loadedConstructor };
  let loaded: unknown;
  try {
    loaded = await import('better-sqlite3');
  } catch (error) {
    return { problem: isModuleNotFound(error) ? 'not-installed' : 'failed-to-load', cause: error };
  }
  // ESM import of a CommonJS module: the constructor is the default export.
  const constructor = typeof loaded === 'function' ? loaded : (loaded as { default?: unknown } | null)?.default;
  if (typeof constructor !== 'function') return { problem: 'no-constructor' };
  const Database = constructor as BetterSqlite3Constructor;
  try {
    // better-sqlite3 loads its native addon with the first Database, not on import.
    new Database(':memory:').close();
  } catch (error) {
    return { problem: 'failed-to-load', cause: error };
  }
  loadedConstructor = Database;
  return { Database };
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
