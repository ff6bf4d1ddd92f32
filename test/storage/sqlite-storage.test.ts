import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/errors/index.js';
import { withoutSqliteExperimentalWarning } from '../../src/node/load-node-sqlite.js';
import { configureConnection, type SqliteDatabaseLike } from '../../src/node/sqlite-database.js';
import { noSqliteDriverMessage, openSqliteConnection, resolveSqliteDriver, SQLITE_DRIVERS } from '../../src/node/sqlite-driver.js';
import { SqliteStorage } from '../../src/node/sqlite-storage.js';
import { runStorageContract, type StorageFixture } from '../../src/testing/index.js';
import { rejection } from '../helpers/rejection.js';
import { describeDriver, NODE_HAS_BUILT_IN_SQLITE, NODE_PREDATES_SQLITE, TEST_DRIVERS, testDriver, type TestDriver } from './sqlite-drivers.js';

const run = promisify(execFile);
const temporaryDirectories: string[] = [];

async function temporaryDatabasePath(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'fsm-billing-sync-sqlite-'));
  temporaryDirectories.push(directory);
  return join(directory, 'state.db');
}

afterEach(async () => {
  await Promise.all(temporaryDirectories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

/** A fixture over one database file: every connection it opens is closed in cleanup. */
async function fileFixture(connect: (path: string) => Promise<{ storage: SqliteStorage; close: () => void }>): Promise<StorageFixture> {
  const path = await temporaryDatabasePath();
  const connections: Array<() => void> = [];
  const open = async () => {
    const connection = await connect(path);
    // node:sqlite throws when a connection is closed twice; reopen and cleanup may both close one.
    let closed = false;
    connections.push(() => {
      if (!closed) connection.close();
      closed = true;
    });
    return connection.storage;
  };
  const storage = await open();
  return {
    storage,
    reopen: async () => {
      for (const close of connections) close();
      return open();
    },
    secondConnection: open,
    cleanup: async () => {
      for (const close of connections) close();
    },
  };
}

/** One row of a PRAGMA on a connection: its single value. */
function pragma(database: SqliteDatabaseLike, name: string): unknown {
  const row = database.prepare(`PRAGMA ${name}`).get() as Record<string, unknown> | undefined;
  return row === undefined ? undefined : Object.values(row)[0];
}

const worker = join(import.meta.dirname, 'fixtures', 'sqlite-cas-increment-worker.ts');

for (const driver of TEST_DRIVERS) {
  describeDriver(driver, () => {
    runStorageContract(`SqliteStorage.open({ driver: '${driver.name}' }), a WAL file`, () =>
      fileFixture(async (path) => {
        const storage = await SqliteStorage.open({ path, driver: driver.name });
        return { storage, close: () => storage.close() };
      }),
    );

    runStorageContract(`SqliteStorage over a ${driver.name} connection you pass`, () =>
      fileFixture(async (path) => {
        const database = driver.connect(path);
        const storage = new SqliteStorage(database, { tableName: 'custom_state' });
        return { storage, close: () => database.close() };
      }),
    );

    describeDriverBehaviour(driver);
  });
}

function describeDriverBehaviour(driver: TestDriver): void {
  it('says which driver it runs on, opened by name or passed as a connection', async () => {
    const storage = await SqliteStorage.open({ path: ':memory:', driver: driver.name });
    expect(storage.driver).toBe(driver.name);
    storage.close();
    const database = driver.connect(':memory:');
    expect(new SqliteStorage(database).driver).toBe(driver.name);
    database.close();
  });

  it('open(path) creates the database file in WAL mode and stores values as JSON text', async () => {
    const path = await temporaryDatabasePath();
    const storage = await SqliteStorage.open({ path, driver: driver.name });
    await storage.batch([{ type: 'put', key: 'binding/finance', value: { app: 'books', organizationId: '60012345' } }]);
    storage.close();

    const raw = driver.connect(path);
    try {
      expect(pragma(raw, 'journal_mode')).toBe('wal');
      expect(raw.prepare('SELECT key, value FROM fsm_billing_sync_state').all().map((row) => ({ ...(row as object) }))).toEqual([
        { key: 'binding/finance', value: '{"app":"books","organizationId":"60012345"}' },
      ]);
    } finally {
      raw.close();
    }
  });

  it('opens a connection with the page cache, busy timeout and synchronous setting it is given', async () => {
    const path = await temporaryDatabasePath();
    // An existing WAL file: better-sqlite3's build would sync it only at checkpoints (NORMAL) from here on.
    (await SqliteStorage.open({ path, driver: driver.name })).close();
    const resolved = await resolveSqliteDriver(driver.name);
    const database = openSqliteConnection(resolved, path, { busyTimeoutMs: 1234, cacheKiB: 512, synchronous: 'full' });
    try {
      configureConnection(database, { busyTimeoutMs: 1234, wal: true });
      expect({ cache: pragma(database, 'cache_size'), busy: pragma(database, 'busy_timeout'), synchronous: pragma(database, 'synchronous'), journal: pragma(database, 'journal_mode') }).toEqual({
        cache: -512, // KiB
        busy: 1234,
        synchronous: 2, // FULL, on both drivers
        journal: 'wal',
      });
    } finally {
      database.close();
    }
    const normal = openSqliteConnection(resolved, path, { busyTimeoutMs: 0, cacheKiB: 64, synchronous: 'normal' });
    expect(pragma(normal, 'synchronous'), "synchronous: 'normal'").toBe(1);
    normal.close();
    const storage = await SqliteStorage.open({ path: ':memory:', driver: driver.name, cacheKiB: 512, synchronous: 'normal' });
    await storage.batch([{ type: 'put', key: 'cursor/items', value: 'x' }]);
    expect(await storage.get('cursor/items')).toBe('x');
    storage.close();
  });

  it("a write waits busyTimeoutMs for another connection's lock, then fails, and works once the lock is gone", async () => {
    const path = await temporaryDatabasePath();
    const storage = await SqliteStorage.open({ path, driver: driver.name, busyTimeoutMs: 200 });
    const other = driver.connect(path);
    try {
      other.exec('BEGIN IMMEDIATE');
      const started = performance.now();
      const error = await rejection(storage.compareAndSet('lease/sync', undefined, { owner: 'run-1' }));
      expect(performance.now() - started, 'ms waited for the lock').toBeGreaterThanOrEqual(150);
      expect(String((error as Error).message)).toMatch(/locked|busy/i);
      other.exec('ROLLBACK');
      expect(await storage.compareAndSet('lease/sync', undefined, { owner: 'run-1' })).toBe(true);
      expect(await storage.get('lease/sync')).toEqual({ owner: 'run-1' });
    } finally {
      other.close();
      storage.close();
    }
  });

  it('rolls a batch back when SQLite refuses one of its writes, and the connection goes on', async () => {
    const database = driver.connect(':memory:');
    const storage = new SqliteStorage(database);
    try {
      database.exec("CREATE TRIGGER refuse_boom BEFORE INSERT ON fsm_billing_sync_state WHEN NEW.key = 'boom' BEGIN SELECT RAISE(ABORT, 'refused by trigger'); END");
      await storage.batch([{ type: 'put', key: 'a', value: 0 }]);
      const error = await rejection(
        storage.batch([
          { type: 'put', key: 'a', value: 1 },
          { type: 'delete', key: 'gone' },
          { type: 'put', key: 'boom', value: 2 },
        ]),
      );
      expect(String((error as Error).message)).toMatch(/refused by trigger/);
      expect(await storage.getMany(['a', 'boom'])).toEqual([0, undefined]);
      await storage.batch([{ type: 'put', key: 'b', value: 3 }]);
      expect(await storage.list('')).toEqual([
        { key: 'a', value: 0 },
        { key: 'b', value: 3 },
      ]);
    } finally {
      storage.close();
      database.close();
    }
  });

  // Windows has no POSIX modes: there the file's privacy comes from the directory's ACL.
  it.skipIf(process.platform === 'win32')('open(path) creates the database file and its -wal and -shm files readable by the owner only (0600)', async () => {
    const path = await temporaryDatabasePath();
    const storage = await SqliteStorage.open({ path, driver: driver.name });
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
    const storage = await SqliteStorage.open({ path, driver: driver.name });
    storage.close();
    expect(((await stat(path)).mode & 0o777).toString(8)).toBe('640');
  });

  it.each(['bad-name', 'state; DROP TABLE x', '1state', 'sqlite_state', '', 'state"'])('refuses the table name %j with a ConfigError', async (tableName) => {
    const database = driver.connect(':memory:');
    try {
      expect(() => new SqliteStorage(database, { tableName })).toThrow(ConfigError);
      await expect(SqliteStorage.open({ path: ':memory:', driver: driver.name, tableName })).rejects.toMatchObject({ code: 'INVALID_CONFIG', message: expect.stringContaining('tableName') });
    } finally {
      database.close();
    }
  });

  it('refuses a busyTimeoutMs that is not a non-negative integer', async () => {
    await expect(SqliteStorage.open({ path: ':memory:', driver: driver.name, busyTimeoutMs: -1 })).rejects.toThrow(ConfigError);
    const database = driver.connect(':memory:');
    expect(() => new SqliteStorage(database, { busyTimeoutMs: 1.5 })).toThrow(/busyTimeoutMs/);
    database.close();
  });

  it('keeps tables with different names apart in one database', async () => {
    const database = driver.connect(':memory:');
    const tenantA = new SqliteStorage(database, { tableName: 'tenant_a' });
    const tenantB = new SqliteStorage(database, { tableName: 'tenant_b' });
    await tenantA.batch([{ type: 'put', key: 'cursor/companies', value: 'a' }]);
    expect(await tenantB.get('cursor/companies')).toBeUndefined();
    expect(await tenantA.get('cursor/companies')).toBe('a');
    database.close();
  });

  it('refuses an existing table that has other columns', () => {
    const database = driver.connect(':memory:');
    database.exec('CREATE TABLE fsm_billing_sync_state (id INTEGER PRIMARY KEY, payload BLOB)');
    expect(() => new SqliteStorage(database)).toThrow(/does not have the columns/);
    database.close();
  });

  it('after close(), rejects calls with STORAGE_CLOSED; a connection you passed stays open', async () => {
    const database = driver.connect(':memory:');
    const storage = new SqliteStorage(database);
    storage.close();
    expect(storage.closed).toBe(true);
    await expect(storage.get('k')).rejects.toMatchObject({ code: 'STORAGE_CLOSED' });
    expect(database.prepare('SELECT 1 AS one').get()).toMatchObject({ one: 1 });
    database.close();

    const owned = await SqliteStorage.open({ path: ':memory:', driver: driver.name });
    owned.close();
    await expect(owned.batch([])).rejects.toMatchObject({ code: 'STORAGE_CLOSED' });
  });

  it('getMany reads a thousand keys in one snapshot', async () => {
    const storage = await SqliteStorage.open({ path: ':memory:', driver: driver.name });
    const keys = Array.from({ length: 1000 }, (_, i) => `link/items/fsm/${i}`);
    await storage.batch(keys.filter((_, i) => i % 2 === 0).map((key) => ({ type: 'put' as const, key, value: key })));
    const values = await storage.getMany<string>(keys);
    expect(values.filter((value) => value !== undefined)).toHaveLength(500);
    expect(values[998]).toBe('link/items/fsm/998');
    expect(values[999]).toBeUndefined();
    storage.close();
  });

  it('keeps compareAndSet atomic across 4 processes incrementing one counter, and prints no warning', async () => {
    const path = await temporaryDatabasePath();
    (await SqliteStorage.open({ path, driver: driver.name })).close();
    const outputs = await Promise.all(
      Array.from({ length: 4 }, () => run(process.execPath, ['--import', 'tsx', worker, path, '25', driver.name], { cwd: process.cwd() })),
    );
    // Node 22 prints an ExperimentalWarning on the first load of node:sqlite; SqliteStorage holds it back.
    expect(outputs.map((output) => output.stderr)).toEqual(['', '', '', '']);
    expect(outputs.map((output) => (JSON.parse(output.stdout) as { driver: string }).driver)).toEqual(Array(4).fill(driver.name));
    const storage = await SqliteStorage.open({ path, driver: driver.name });
    expect(await storage.get('counter'), 'counter after 4 × 25 increments').toBe(100);
    storage.close();
  }, 60_000);
}

describe('SqliteStorage.open: choosing the driver', () => {
  const nodeSqlite = testDriver('node:sqlite');
  const betterSqlite3 = testDriver('better-sqlite3');

  it('finds node:sqlite on every Node that has it built in (22.13+), and none before 22.5', () => {
    if (NODE_HAS_BUILT_IN_SQLITE) expect(nodeSqlite.unavailable, `node:sqlite on Node ${process.versions.node}`).toBeUndefined();
    if (NODE_PREDATES_SQLITE) expect(nodeSqlite.unavailable).toMatch(/has no node:sqlite/);
    expect(SQLITE_DRIVERS).toEqual(['node:sqlite', 'better-sqlite3']);
  });

  it('uses node:sqlite where the runtime has it, better-sqlite3 otherwise', async () => {
    const expected = nodeSqlite.unavailable === undefined ? 'node:sqlite' : 'better-sqlite3';
    if (expected === 'better-sqlite3' && betterSqlite3.unavailable !== undefined) {
      // Neither driver here: the choice surfaces as the error.
      await expect(SqliteStorage.open(':memory:')).rejects.toMatchObject({ code: 'INVALID_CONFIG', details: { option: 'driver', driver: 'auto' } });
      return;
    }
    const storage = await SqliteStorage.open(':memory:');
    expect(storage.driver).toBe(expected);
    storage.close();
  });

  it('refuses an unknown driver name before touching the file', async () => {
    const path = await temporaryDatabasePath();
    const error = await rejection(SqliteStorage.open({ path, driver: 'sqlite3' as never }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ code: 'INVALID_CONFIG', details: { option: 'driver' }, message: expect.stringContaining("'node:sqlite' or 'better-sqlite3'") });
    await expect(stat(path)).rejects.toThrow();
  });

  it('refuses a synchronous setting other than full or normal', async () => {
    const path = await temporaryDatabasePath();
    await expect(SqliteStorage.open({ path, synchronous: 'OFF' as never })).rejects.toMatchObject({ code: 'INVALID_CONFIG', details: { option: 'synchronous' } });
    await expect(stat(path)).rejects.toThrow();
  });

  it.each([0, 63, 1.5, 2_000_000, Number.NaN])('refuses a cacheKiB of %s before creating the file', async (cacheKiB) => {
    const path = await temporaryDatabasePath();
    await expect(SqliteStorage.open({ path, cacheKiB })).rejects.toMatchObject({ code: 'INVALID_CONFIG', message: expect.stringContaining('cacheKiB') });
    await expect(stat(path)).rejects.toThrow();
  });

  it('refuses something that is not a SQLite connection', () => {
    expect(() => new SqliteStorage({} as SqliteDatabaseLike)).toThrow(ConfigError);
  });
});

describe('SqliteStorage.open without a usable driver', () => {
  /** Imports SqliteStorage afresh with better-sqlite3 replaced by `module` and node:sqlite hidden (when `hideNodeSqlite`). */
  async function freshOpen(betterSqlite3: () => Record<string, unknown>, hideNodeSqlite: boolean) {
    vi.resetModules();
    vi.doMock('better-sqlite3', betterSqlite3);
    if (hideNodeSqlite) {
      const original = process.getBuiltinModule.bind(process);
      vi.spyOn(process, 'getBuiltinModule').mockImplementation(((id: string) => (id === 'node:sqlite' || id === 'sqlite' ? undefined : original(id))) as typeof process.getBuiltinModule);
    }
    const { SqliteStorage: Fresh } = await import('../../src/node/sqlite-storage.js');
    const { ConfigError: FreshConfigError } = await import('../../src/errors/index.js');
    return { Fresh, FreshConfigError };
  }

  afterEach(() => {
    vi.doUnmock('better-sqlite3');
    vi.restoreAllMocks();
    vi.resetModules();
  });

  const notInstalled = () => {
    throw Object.assign(new Error("Cannot find package 'better-sqlite3'"), { code: 'ERR_MODULE_NOT_FOUND' });
  };
  const brokenNativeBuild = () => ({
    default: class {
      constructor() {
        throw Object.assign(new Error('The module was compiled against a different Node.js version using NODE_MODULE_VERSION 115.'), { code: 'ERR_DLOPEN_FAILED' });
      }
    },
  });

  it('with neither driver: a ConfigError that says which Node to use and what to install', async () => {
    const { Fresh, FreshConfigError } = await freshOpen(notInstalled, true);
    const path = await temporaryDatabasePath();
    const error = await rejection(Fresh.open(path));
    expect(error).toBeInstanceOf(FreshConfigError);
    expect(error).toMatchObject({
      code: 'INVALID_CONFIG',
      details: { option: 'driver', driver: 'auto', node: process.versions.node, betterSqlite3: 'not-installed', nodeSqlite: expect.stringMatching(/^(absent|needs-flag)$/) },
    });
    expect((error as Error).message).toContain(`SqliteStorage.open found no SQLite driver: Node ${process.versions.node} has`);
    expect((error as Error).message).toContain('Use Node 22.13 or later (node:sqlite is built in)');
    expect((error as Error).message).toContain('run `npm install better-sqlite3`');
    await expect(stat(path), 'no file left behind').rejects.toThrow();
  });

  it("driver 'better-sqlite3' not installed: says to install it", async () => {
    const { Fresh, FreshConfigError } = await freshOpen(notInstalled, false);
    const error = await rejection(Fresh.open({ path: ':memory:', driver: 'better-sqlite3' }));
    expect(error).toBeInstanceOf(FreshConfigError);
    expect(error).toMatchObject({ details: { option: 'driver', driver: 'better-sqlite3', betterSqlite3: 'not-installed' } });
    expect((error as Error).message).toMatch(/not installed: run `npm install better-sqlite3`/);
  });

  it('better-sqlite3 built for another Node: says to rebuild it, named or chosen', async () => {
    const named = await freshOpen(brokenNativeBuild, false);
    const error = await rejection(named.Fresh.open({ path: ':memory:', driver: 'better-sqlite3' }));
    expect(error).toMatchObject({ code: 'INVALID_CONFIG', details: { betterSqlite3: 'failed-to-load' } });
    expect((error as Error).message).toMatch(/native build does not load in Node .*run `npm rebuild better-sqlite3`/);
    expect((error as Error).cause).toMatchObject({ code: 'ERR_DLOPEN_FAILED' });

    const chosen = await freshOpen(brokenNativeBuild, true);
    const auto = await rejection(chosen.Fresh.open(':memory:'));
    expect((auto as Error).message).toMatch(/found no SQLite driver: .*native build does not load.*run `npm rebuild better-sqlite3`/);
  });

  it("driver 'node:sqlite' where the runtime has none: says which Node to use", async () => {
    const { Fresh } = await freshOpen(notInstalled, true);
    const error = await rejection(Fresh.open({ path: ':memory:', driver: 'node:sqlite' }));
    expect(error).toMatchObject({ code: 'INVALID_CONFIG', details: { option: 'driver', driver: 'node:sqlite' } });
    expect((error as Error).message).toMatch(/driver 'node:sqlite' is not available: Node \S+ has .*22\.13 or later/);
    expect((error as Error).message).not.toContain('better-sqlite3 is not installed'); // it was not asked for
  });

  it('names the --experimental-sqlite flag on the Node versions that need it', () => {
    expect(noSqliteDriverMessage({ requested: undefined, node: '22.10.0', nodeSqlite: 'needs-flag', betterSqlite3: 'not-installed' })).toBe(
      'SqliteStorage.open found no SQLite driver: Node 22.10.0 has node:sqlite only with --experimental-sqlite, and the better-sqlite3 package is not installed. Use Node 22.13 or later (node:sqlite is built in), start node with --experimental-sqlite, or run `npm install better-sqlite3`.',
    );
    expect(noSqliteDriverMessage({ requested: 'node:sqlite', node: '23.2.0', nodeSqlite: 'needs-flag' })).toMatch(/Node 23\.2\.0 has node:sqlite only behind a flag\. Start node with --experimental-sqlite/);
    expect(noSqliteDriverMessage({ requested: undefined, node: '20.20.0', nodeSqlite: 'absent', betterSqlite3: 'not-installed' })).toBe(
      'SqliteStorage.open found no SQLite driver: Node 20.20.0 has no node:sqlite, and the better-sqlite3 package is not installed. Use Node 22.13 or later (node:sqlite is built in), or run `npm install better-sqlite3`.',
    );
  });
});

describe("node:sqlite's ExperimentalWarning", () => {
  it('is held back while node:sqlite loads; every other warning passes, and emitWarning is put back', () => {
    const original = process.emitWarning;
    const seen: unknown[][] = [];
    const spy = vi.fn((...args: unknown[]) => void seen.push(args));
    process.emitWarning = spy as unknown as typeof process.emitWarning;
    try {
      const result = withoutSqliteExperimentalWarning(() => {
        process.emitWarning('SQLite is an experimental feature and might change at any time', 'ExperimentalWarning');
        process.emitWarning('SQLite is an experimental feature', { type: 'ExperimentalWarning' });
        process.emitWarning('VM Modules is an experimental feature', 'ExperimentalWarning');
        process.emitWarning('SQLite said something else', 'DeprecationWarning');
        return 'loaded';
      });
      expect(result).toBe('loaded');
      expect(seen).toEqual([
        ['VM Modules is an experimental feature', 'ExperimentalWarning'],
        ['SQLite said something else', 'DeprecationWarning'],
      ]);
      expect(process.emitWarning).toBe(spy);
      expect(() =>
        withoutSqliteExperimentalWarning(() => {
          throw new Error('load failed');
        }),
      ).toThrow('load failed');
      expect(process.emitWarning, 'put back after a throw too').toBe(spy);
    } finally {
      process.emitWarning = original;
    }
  });

  const nodeSqlite = testDriver('node:sqlite');
  it.skipIf(nodeSqlite.unavailable !== undefined && nodeSqlite.maySkip)(
    `is not printed by a process that opens a SqliteStorage on node:sqlite${nodeSqlite.unavailable === undefined ? '' : ` (not run: ${nodeSqlite.unavailable})`}`,
    async () => {
      const path = await temporaryDatabasePath();
      const script = `import { SqliteStorage } from ${JSON.stringify(join(import.meta.dirname, '../../src/node/sqlite-storage.ts'))};
const storage = await SqliteStorage.open({ path: ${JSON.stringify(path)}, driver: 'node:sqlite' });
await storage.batch([{ type: 'put', key: 'k', value: 1 }]);
process.emitWarning('a warning of the application', 'ExperimentalWarning');
storage.close();`;
      const { stderr } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd() });
      expect(stderr).not.toMatch(/SQLite is an experimental feature/);
      expect(stderr, 'warnings other than SQLite’s are still printed').toContain('ExperimentalWarning: a warning of the application');
    },
    30_000,
  );
});
