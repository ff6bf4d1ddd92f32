import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/errors/index.js';
import type { SqliteDatabaseLike } from '../../src/node/sqlite-database.js';
import { SqliteStorage } from '../../src/node/sqlite-storage.js';
import { runStorageContract, type StorageFixture } from '../../src/testing/index.js';

const temporaryDirectories: string[] = [];

async function temporaryDatabasePath(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'fsm-billing-sync-sqlite-'));
  temporaryDirectories.push(directory);
  return join(directory, 'state.db');
}

async function removeTemporaryDirectories(): Promise<void> {
  await Promise.all(temporaryDirectories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
}

afterEach(removeTemporaryDirectories);

/** A fixture over one database file: every connection it opens is closed, and the file removed, in cleanup. */
async function fileFixture(connect: (path: string) => Promise<{ storage: SqliteStorage; close: () => void }>): Promise<StorageFixture> {
  const path = await temporaryDatabasePath();
  const connections: Array<{ storage: SqliteStorage; close: () => void }> = [];
  const open = async () => {
    const connection = await connect(path);
    // node:sqlite throws when a connection is closed twice; reopen and cleanup may both close one.
    let closed = false;
    const closeOnce = () => {
      if (!closed) connection.close();
      closed = true;
    };
    connections.push({ storage: connection.storage, close: closeOnce });
    return connection.storage;
  };
  const storage = await open();
  return {
    storage,
    reopen: async () => {
      for (const connection of connections) connection.close();
      return open();
    },
    secondConnection: open,
    cleanup: async () => {
      for (const connection of connections) connection.close();
    },
  };
}

/** `DatabaseSync` from `node:sqlite` when this runtime has it (Node 22.5+; unflagged from 22.13). */
function nodeSqliteDatabaseSync(): (new (path: string) => SqliteDatabaseLike) | undefined {
  // getBuiltinModule, not import(): Node 20's types have no node:sqlite, and it returns undefined there.
  const sqlite = process.getBuiltinModule('node:sqlite') as { DatabaseSync?: new (path: string) => SqliteDatabaseLike } | undefined;
  return sqlite?.DatabaseSync;
}

function nodeVersionAtLeast(major: number, minor: number): boolean {
  const [actualMajor = 0, actualMinor = 0] = process.versions.node.split('.').map(Number);
  return actualMajor > major || (actualMajor === major && actualMinor >= minor);
}

/** Opens a connection with the runtime's built-in driver, falling back to better-sqlite3 where there is none. */
function builtInOrBetterSqlite3(path: string): SqliteDatabaseLike {
  const DatabaseSync = nodeSqliteDatabaseSync();
  return DatabaseSync ? new DatabaseSync(path) : new Database(path);
}

runStorageContract('SqliteStorage.open (better-sqlite3, WAL file)', () =>
  fileFixture(async (path) => {
    const storage = await SqliteStorage.open(path);
    return { storage, close: () => storage.close() };
  }),
);

runStorageContract(`SqliteStorage over a connection you pass (${nodeSqliteDatabaseSync() ? 'node:sqlite DatabaseSync' : 'better-sqlite3 Database'})`, () =>
  fileFixture(async (path) => {
    const database = builtInOrBetterSqlite3(path);
    const storage = new SqliteStorage(database, { tableName: 'custom_state' });
    return { storage, close: () => database.close() };
  }),
);

describe('SqliteStorage', () => {
  it('open(path) creates the database file in WAL mode and stores values as JSON text', async () => {
    const path = await temporaryDatabasePath();
    const storage = await SqliteStorage.open(path);
    await storage.batch([{ type: 'put', key: 'binding/finance', value: { app: 'books', organizationId: '60012345' } }]);
    storage.close();

    const raw = new Database(path, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.prepare('SELECT key, value FROM fsm_billing_sync_state').all()).toEqual([
        { key: 'binding/finance', value: '{"app":"books","organizationId":"60012345"}' },
      ]);
    } finally {
      raw.close();
    }
  });

  // Windows has no POSIX modes: there the file's privacy comes from the directory's ACL.
  it.skipIf(process.platform === 'win32')('open(path) creates the database file and its -wal and -shm files readable by the owner only (0600)', async () => {
    const path = await temporaryDatabasePath();
    const storage = await SqliteStorage.open(path);
    try {
      await storage.batch([{ type: 'put', key: 'auth/token/abc', value: { token: 'secret-at-rest' } }]);
      // Checked while open: closing the last connection checkpoints and removes -wal and -shm.
      const modes = Object.fromEntries(await Promise.all(['', '-wal', '-shm'].map(async (suffix) => [`state.db${suffix}`, ((await stat(`${path}${suffix}`)).mode & 0o777).toString(8)] as const)));
      expect(modes, 'permission bits of the files SQLite holds the state in').toEqual({ 'state.db': '600', 'state.db-wal': '600', 'state.db-shm': '600' });
    } finally {
      storage.close();
    }
  });

  it.skipIf(process.platform === 'win32')('open(path) leaves the mode of an existing database file as it is', async () => {
    const path = await temporaryDatabasePath();
    await writeFile(path, '');
    await chmod(path, 0o640);
    const storage = await SqliteStorage.open(path);
    storage.close();
    expect(((await stat(path)).mode & 0o777).toString(8)).toBe('640');
  });

  it.each(['bad-name', 'state; DROP TABLE x', '1state', 'sqlite_state', '', 'state"'])(
    'refuses the table name %j with a ConfigError',
    async (tableName) => {
      const database = new Database(':memory:');
      try {
        expect(() => new SqliteStorage(database, { tableName })).toThrow(ConfigError);
        await expect(SqliteStorage.open({ path: ':memory:', tableName })).rejects.toMatchObject({ code: 'INVALID_CONFIG', message: expect.stringContaining('tableName') });
      } finally {
        database.close();
      }
    },
  );

  it('refuses a busyTimeoutMs that is not a non-negative integer', async () => {
    await expect(SqliteStorage.open({ path: ':memory:', busyTimeoutMs: -1 })).rejects.toThrow(ConfigError);
    const database = new Database(':memory:');
    expect(() => new SqliteStorage(database, { busyTimeoutMs: 1.5 })).toThrow(/busyTimeoutMs/);
    database.close();
  });

  it.each([0, 63, 1.5, 2_000_000, Number.NaN])('refuses a cacheKiB of %s before creating the file', async (cacheKiB) => {
    const dir = await mkdtemp(join(tmpdir(), 'sqlite-cache-'));
    const path = join(dir, 'state.db');
    await expect(SqliteStorage.open({ path, cacheKiB })).rejects.toMatchObject({ code: 'INVALID_CONFIG', message: expect.stringContaining('cacheKiB') });
    await expect(stat(path)).rejects.toThrow();
    await rm(dir, { recursive: true, force: true });
  });

  it('opens with the page cache it is given, and keeps state as usual', async () => {
    const storage = await SqliteStorage.open({ path: ':memory:', cacheKiB: 512 });
    await storage.batch([{ type: 'put', key: 'cursor/items', value: 'x' }]);
    expect(await storage.get('cursor/items')).toBe('x');
    storage.close();
  });

  it('keeps tables with different names apart in one database', async () => {
    const database = new Database(':memory:');
    const tenantA = new SqliteStorage(database, { tableName: 'tenant_a' });
    const tenantB = new SqliteStorage(database, { tableName: 'tenant_b' });
    await tenantA.batch([{ type: 'put', key: 'cursor/companies', value: 'a' }]);
    expect(await tenantB.get('cursor/companies')).toBeUndefined();
    expect(await tenantA.get('cursor/companies')).toBe('a');
    database.close();
  });

  it('refuses an existing table that has other columns', () => {
    const database = new Database(':memory:');
    database.exec('CREATE TABLE fsm_billing_sync_state (id INTEGER PRIMARY KEY, payload BLOB)');
    expect(() => new SqliteStorage(database)).toThrow(/does not have the columns/);
    database.close();
  });

  it('refuses something that is not a SQLite connection', () => {
    expect(() => new SqliteStorage({} as SqliteDatabaseLike)).toThrow(ConfigError);
  });

  it("accepts the runtime's own driver: node:sqlite DatabaseSync on Node 22.5+, better-sqlite3 elsewhere", async () => {
    const DatabaseSync = nodeSqliteDatabaseSync();
    // From Node 22.13 node:sqlite needs no flag: there it must be found and used.
    if (nodeVersionAtLeast(22, 13)) expect(DatabaseSync, 'node:sqlite DatabaseSync on this Node').toBeDefined();
    const database: SqliteDatabaseLike = DatabaseSync ? new DatabaseSync(':memory:') : new Database(':memory:');
    const storage = new SqliteStorage(database);
    await storage.batch([{ type: 'put', key: 'mapping/companies', value: { version: 1 } }]);
    expect(await storage.compareAndSet('mapping/companies', { version: 1 }, { version: 2 })).toBe(true);
    expect(await storage.list('mapping/')).toEqual([{ key: 'mapping/companies', value: { version: 2 } }]);
    storage.close();
    database.close();
  });

  it('after close(), rejects calls with STORAGE_CLOSED; a connection you passed stays open', async () => {
    const database = new Database(':memory:');
    const storage = new SqliteStorage(database);
    storage.close();
    expect(storage.closed).toBe(true);
    await expect(storage.get('k')).rejects.toMatchObject({ code: 'STORAGE_CLOSED' });
    expect(database.open).toBe(true);
    database.close();

    const owned = await SqliteStorage.open(':memory:');
    owned.close();
    await expect(owned.batch([])).rejects.toMatchObject({ code: 'STORAGE_CLOSED' });
  });

  it('getMany reads a thousand keys in one snapshot', async () => {
    const storage = await SqliteStorage.open(':memory:');
    const keys = Array.from({ length: 1000 }, (_, i) => `link/items/fsm/${i}`);
    await storage.batch(keys.filter((_, i) => i % 2 === 0).map((key) => ({ type: 'put' as const, key, value: key })));
    const values = await storage.getMany<string>(keys);
    expect(values.filter((value) => value !== undefined)).toHaveLength(500);
    expect(values[998]).toBe('link/items/fsm/998');
    expect(values[999]).toBeUndefined();
    storage.close();
  });

  it('keeps compareAndSet atomic across 4 processes incrementing one counter', async () => {
    const path = await temporaryDatabasePath();
    (await SqliteStorage.open(path)).close();
    const worker = join(import.meta.dirname, 'fixtures', 'cas-increment-worker.ts');
    const run = promisify(execFile);
    await Promise.all(
      Array.from({ length: 4 }, () => run(process.execPath, ['--import', 'tsx', worker, path, '25'], { cwd: process.cwd() })),
    );
    const storage = await SqliteStorage.open(path);
    expect(await storage.get('counter'), 'counter after 4 × 25 increments').toBe(100);
    storage.close();
  }, 60_000);

  it('tells you to install better-sqlite3 when open() cannot find it', async () => {
    vi.resetModules();
    vi.doMock('better-sqlite3', () => {
      throw Object.assign(new Error("Cannot find package 'better-sqlite3'"), { code: 'ERR_MODULE_NOT_FOUND' });
    });
    try {
      const { SqliteStorage: Fresh } = await import('../../src/node/sqlite-storage.js');
      const { ConfigError: FreshConfigError } = await import('../../src/errors/index.js');
      const error: unknown = await Fresh.open(':memory:').catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(FreshConfigError);
      expect((error as Error).message).toMatch(/not installed: run `npm install better-sqlite3`/);
    } finally {
      vi.doUnmock('better-sqlite3');
      vi.resetModules();
    }
  });
});
