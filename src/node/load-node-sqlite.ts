import type { SqliteDatabaseLike } from './sqlite-database.js';

/** `node:sqlite`'s `DatabaseSync` constructor, typed by what SqliteStorage uses of it. */
export type NodeSqliteDatabaseConstructor = new (path: string) => SqliteDatabaseLike;

/**
 * Why `node:sqlite` cannot be used here: `absent` (a Node before 22.5, or a runtime without the
 * module), `needs-flag` (Node 22.5–22.12 and 23.0–23.3 have it only with `--experimental-sqlite`).
 */
export type NodeSqliteProblem = 'absent' | 'needs-flag';

/** The outcome of {@link loadNodeSqlite}: the constructor, or why there is none. */
export type NodeSqliteLoad = { readonly DatabaseSync: NodeSqliteDatabaseConstructor } | { readonly problem: NodeSqliteProblem };

const SPECIFIER = 'node:sqlite';

/**
 * Loads `node:sqlite`'s `DatabaseSync` when the runtime has it, without letting Node print its
 * one-time "SQLite is an experimental feature" warning (Node 22 prints it on the first load; the API
 * SqliteStorage uses is the same from 22.5 to 24). Every other warning passes through.
 *
 * Never throws: a runtime without the module gives `{ problem }`.
 */
export async function loadNodeSqlite(): Promise<NodeSqliteLoad> {
  let loaded: unknown;
  const getBuiltinModule = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  if (typeof getBuiltinModule === 'function') {
    // Synchronous: the warning, if any, is emitted inside this call and nowhere else.
    loaded = withoutSqliteExperimentalWarning(() => getBuiltinModule.call(process, SPECIFIER));
  } else {
    // Runtimes without process.getBuiltinModule: the specifier is a variable so that bundlers and
    // Node 20's types leave it alone.
    const specifier: string = SPECIFIER;
    loaded = await withoutSqliteExperimentalWarningAsync(() => import(specifier).catch(() => undefined));
  }
  const DatabaseSync = (loaded as { DatabaseSync?: unknown } | undefined)?.DatabaseSync;
  if (typeof DatabaseSync === 'function') return { DatabaseSync: DatabaseSync as NodeSqliteDatabaseConstructor };
  return { problem: nodeSqliteNeedsFlag(process.versions.node) ? 'needs-flag' : 'absent' };
}

/**
 * True for the Node versions that have `node:sqlite` behind `--experimental-sqlite` only: 22.5 to
 * 22.12 and 23.0 to 23.3 (22.13 and 23.4 made it available without the flag).
 */
export function nodeSqliteNeedsFlag(nodeVersion: string | undefined): boolean {
  const [major = 0, minor = 0] = (nodeVersion ?? '').split('.').map(Number);
  return (major === 22 && minor >= 5 && minor < 13) || (major === 23 && minor < 4);
}

/**
 * Runs `load` with `process.emitWarning` held back for Node's SQLite ExperimentalWarning only, and
 * puts the original back afterwards, whatever `load` does.
 */
export function withoutSqliteExperimentalWarning<T>(load: () => T): T {
  const original = process.emitWarning;
  process.emitWarning = filteredEmitWarning(original);
  try {
    return load();
  } finally {
    process.emitWarning = original;
  }
}

async function withoutSqliteExperimentalWarningAsync<T>(load: () => Promise<T>): Promise<T> {
  const original = process.emitWarning;
  process.emitWarning = filteredEmitWarning(original);
  try {
    return await load();
  } finally {
    process.emitWarning = original;
  }
}

function filteredEmitWarning(original: typeof process.emitWarning): typeof process.emitWarning {
  return function emitWarning(this: unknown, warning: string | Error, ...rest: unknown[]): void {
    if (isSqliteExperimentalWarning(warning, rest[0])) return;
    (original as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
}

/** `emitWarning(message, 'ExperimentalWarning')`, `emitWarning(message, { type })` or an Error named so, about SQLite. */
function isSqliteExperimentalWarning(warning: unknown, typeOrOptions: unknown): boolean {
  const type =
    warning instanceof Error
      ? warning.name
      : typeof typeOrOptions === 'string'
        ? typeOrOptions
        : (typeOrOptions as { type?: unknown } | null | undefined)?.type;
  const message = warning instanceof Error ? warning.message : String(warning);
  return type === 'ExperimentalWarning' && /\bSQLite\b/.test(message);
}
