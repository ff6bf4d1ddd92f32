// The SQLite drivers this runtime has, for tests that run once per driver. A driver the runtime
// lacks is reported with the reason; under CI (CI=true) a driver the runtime should have is never
// skipped: its tests run and fail.
import { createRequire } from 'node:module';
import { describe } from 'vitest';
import { loadNodeSqlite } from '../../src/node/load-node-sqlite.js';
import type { SqliteDatabaseLike } from '../../src/node/sqlite-database.js';
import type { SqliteDriverName } from '../../src/node/sqlite-driver.js';
import { UNDER_CI } from '../helpers/under-ci.js';

/** One driver as the tests see it. */
export interface TestDriver {
  readonly name: SqliteDriverName;
  /** Opens a connection with the driver itself (not through SqliteStorage); throws when the driver is unavailable. */
  readonly connect: (path: string) => SqliteDatabaseLike;
  /** Why the driver cannot be used here; `undefined` when it can. */
  readonly unavailable: string | undefined;
  /** Whether a driver this runtime lacks may skip its tests: only outside CI, or for a feature this Node does not have. */
  readonly maySkip: boolean;
}

const nodeVersion = process.versions.node;
const [major = 0, minor = 0] = nodeVersion.split('.').map(Number);

/** Node 22.13+, 23.4+ and 24+ have node:sqlite without a flag. */
export const NODE_HAS_BUILT_IN_SQLITE = (major === 22 && minor >= 13) || (major === 23 && minor >= 4) || major >= 24;
/** Node before 22.5 has no node:sqlite at all. */
export const NODE_PREDATES_SQLITE = major < 22 || (major === 22 && minor < 5);

function unavailableConnect(name: SqliteDriverName, reason: string): (path: string) => SqliteDatabaseLike {
  return () => {
    throw new Error(`${name} is not available in this run: ${reason}`);
  };
}

async function nodeSqliteDriver(): Promise<TestDriver> {
  const loaded = await loadNodeSqlite();
  if ('DatabaseSync' in loaded) {
    const { DatabaseSync } = loaded;
    return { name: 'node:sqlite', connect: (path) => new DatabaseSync(path), unavailable: undefined, maySkip: false };
  }
  const reason =
    loaded.problem === 'needs-flag'
      ? `Node ${nodeVersion} has node:sqlite only with --experimental-sqlite (22.13+ has it without)`
      : `Node ${nodeVersion} has no node:sqlite (it needs Node 22.5+ with --experimental-sqlite, 22.13+ without)`;
  // Under CI a Node that has it built in must load it; one that lacks it cannot test it.
  return { name: 'node:sqlite', connect: unavailableConnect('node:sqlite', reason), unavailable: reason, maySkip: !UNDER_CI || !NODE_HAS_BUILT_IN_SQLITE };
}

function betterSqlite3Driver(): TestDriver {
  try {
    const Database = createRequire(import.meta.url)('better-sqlite3') as new (path: string) => SqliteDatabaseLike;
    // The native addon loads with the first Database.
    new Database(':memory:').close();
    return { name: 'better-sqlite3', connect: (path) => new Database(path), unavailable: undefined, maySkip: false };
  } catch (error) {
    const firstLine = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    const reason = `better-sqlite3 does not load under Node ${nodeVersion} (a native build for another Node, expected when the suite runs under a Node other than the one that installed it): ${firstLine}`;
    // CI builds better-sqlite3 for every Node it runs the suite with: there it must load.
    return { name: 'better-sqlite3', connect: unavailableConnect('better-sqlite3', reason), unavailable: reason, maySkip: !UNDER_CI };
  }
}

/** Both drivers, node:sqlite first (the order SqliteStorage.open prefers). */
export const TEST_DRIVERS: readonly TestDriver[] = [await nodeSqliteDriver(), betterSqlite3Driver()];

/** The driver of that name. */
export function testDriver(name: SqliteDriverName): TestDriver {
  const driver = TEST_DRIVERS.find((candidate) => candidate.name === name);
  if (!driver) throw new Error(`no test driver ${name}`);
  return driver;
}

/**
 * `describe` for the tests of one driver: skipped, with the reason in its name and printed once,
 * when the runtime lacks the driver and may skip it; otherwise run (and, for a driver that should
 * be there, failing).
 */
export function describeDriver(driver: TestDriver, body: () => void): void {
  if (driver.unavailable !== undefined && driver.maySkip) {
    process.stdout.write(`[sqlite-storage] the ${driver.name} tests do not run: ${driver.unavailable}\n`);
    describe.skip(`SqliteStorage on ${driver.name} — not run: ${driver.unavailable}`, body);
    return;
  }
  describe(`SqliteStorage on ${driver.name}`, body);
}
