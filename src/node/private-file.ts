import { closeSync, openSync } from 'node:fs';

/**
 * Creates `path` as an empty file readable and writable by its owner only (mode 0600, less any bits
 * the umask removes) when it does not exist yet. SQLite takes an empty file as an empty database,
 * and gives the `-wal`, `-shm` and `-journal` files it creates next to it the database file's mode,
 * so the whole database stays private: it holds OAuth tokens. An existing file keeps its mode.
 *
 * Any failure (the file exists, the directory is missing, a read-only disk) is left for SQLite to
 * report when it opens the path, in its own words.
 */
export function createPrivateFile(path: string): void {
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch {
    // 'wx' refuses an existing file: that one keeps its mode. SQLite reports anything else.
  }
}

/** True when `path` names a file on disk for better-sqlite3 (not `:memory:` or an anonymous temporary database). */
export function isDatabaseFilePath(path: string): boolean {
  return path !== ':memory:' && path !== '';
}
