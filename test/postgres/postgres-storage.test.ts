import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, FsmBillingError, NetworkError } from '../../src/errors/index.js';
import { maskConnectionString, POSTGRES_STORAGE_SCHEMA_VERSION, PostgresStorage } from '../../src/postgres/index.js';
import { runStorageContract, type StorageFixture } from '../../src/testing/index.js';
import { rejection } from '../helpers/rejection.js';
import { POSTGRES_AVAILABLE, POSTGRES_TEST_URL } from './postgres-env.js';

const run = promisify(execFile);
const worker = join(import.meta.dirname, 'fixtures', 'postgres-cas-increment-worker.ts');

// A fresh schema for this file, dropped after it; each contract test gets its own table prefix.
const schema = `fsm_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
let admin: pg.Pool;
let tables = 0;

describe.skipIf(!POSTGRES_AVAILABLE)('PostgresStorage (real PostgreSQL)', () => {
  beforeAll(() => {
    admin = new pg.Pool({ connectionString: POSTGRES_TEST_URL, max: 6 });
  });

  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  const openPrefix = (tablePrefix: string) => PostgresStorage.open({ pool: admin }, { schema, tablePrefix });

  runStorageContract('PostgresStorage over a borrowed pool', async (): Promise<StorageFixture> => {
    const tablePrefix = `c${++tables}_`;
    return { storage: await openPrefix(tablePrefix), reopen: () => openPrefix(tablePrefix), secondConnection: () => openPrefix(tablePrefix) };
  });

  runStorageContract('PostgresStorage with its own pool (connectionString)', async (): Promise<StorageFixture> => {
    const tablePrefix = `o${++tables}_`;
    const opened: PostgresStorage[] = [];
    const open = async () => {
      const storage = await PostgresStorage.open({ connectionString: POSTGRES_TEST_URL }, { schema, tablePrefix });
      opened.push(storage);
      return storage;
    };
    return {
      storage: await open(),
      reopen: async () => {
        for (const storage of opened) await storage.close();
        return open();
      },
      secondConnection: open,
      cleanup: async () => {
        for (const storage of opened) await storage.close();
      },
    };
  });

  describe('concurrency across connections', () => {
    it('compareAndSet loops on separate pools increment one counter to the exact total', async () => {
      const tablePrefix = `cas${++tables}_`;
      const writers = await Promise.all(
        Array.from({ length: 6 }, () => PostgresStorage.open({ config: { connectionString: POSTGRES_TEST_URL, max: 1 } }, { schema, tablePrefix })),
      );
      const perWriter = 40;
      try {
        const retries = await Promise.all(
          writers.map(async (storage) => {
            let lost = 0;
            for (let done = 0; done < perWriter; ) {
              const current = await storage.get<number>('counter');
              if (await storage.compareAndSet('counter', current, (current ?? 0) + 1)) done++;
              else lost++;
            }
            return lost;
          }),
        );
        expect(await writers[0]?.get('counter')).toBe(writers.length * perWriter);
        // The loops did race: some compareAndSet lost to another connection and retried.
        expect(retries.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      } finally {
        await Promise.all(writers.map((storage) => storage.close()));
      }
    });

    it('compareAndSet loops in separate processes increment one counter to the exact total', { timeout: 60_000 }, async () => {
      const tablePrefix = `proc${++tables}_`;
      const storage = await openPrefix(tablePrefix); // creates the tables before the workers start
      const outputs = await Promise.all(
        Array.from({ length: 3 }, () => run(process.execPath, ['--import', 'tsx', worker, POSTGRES_TEST_URL, schema, tablePrefix, '30'], { cwd: process.cwd() })),
      );
      for (const { stdout } of outputs) expect(JSON.parse(stdout)).toHaveProperty('retries');
      expect(await storage.get('counter')).toBe(90);
    });

    it('of batches checking the same lease value at once, exactly one commits (fencing)', async () => {
      const tablePrefix = `fence${++tables}_`;
      const writers = await Promise.all(
        Array.from({ length: 8 }, () => PostgresStorage.open({ config: { connectionString: POSTGRES_TEST_URL, max: 1 } }, { schema, tablePrefix })),
      );
      try {
        await writers[0]?.batch([{ type: 'put', key: 'sync/lease', value: { runId: 'r0', token: 1 } }]);
        const outcomes = await Promise.allSettled(
          writers.map((storage, index) =>
            storage.batch([
              { type: 'check', key: 'sync/lease', value: { runId: 'r0', token: 1 } },
              { type: 'put', key: 'sync/lease', value: { runId: `r${index + 1}`, token: 2 } },
              { type: 'put', key: `written/${index}`, value: true },
            ]),
          ),
        );
        const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        expect(won).toHaveLength(1);
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected') expect((outcome.reason as FsmBillingError).code).toBe('STORAGE_CHECK_FAILED');
        }
        expect(await writers[0]?.list('written/')).toHaveLength(1);
      } finally {
        await Promise.all(writers.map((storage) => storage.close()));
      }
    });

    it('batches locking overlapping keys in different op orders do not deadlock', async () => {
      const tablePrefix = `dl${++tables}_`;
      const writers = await Promise.all(
        Array.from({ length: 4 }, () => PostgresStorage.open({ config: { connectionString: POSTGRES_TEST_URL, max: 1 } }, { schema, tablePrefix })),
      );
      const keys = ['a', 'b', 'c', 'd', 'e'];
      try {
        await Promise.all(
          writers.map(async (storage, index) => {
            for (let round = 0; round < 20; round++) {
              const order = index % 2 === 0 ? keys : [...keys].reverse();
              await storage.batch(order.map((key) => ({ type: 'put', key, value: { index, round } })));
            }
          }),
        );
        const values = await writers[0]?.getMany<{ index: number; round: number }>(keys);
        // Every batch is atomic: all five keys carry the same batch's value.
        expect(new Set(values?.map((value) => JSON.stringify(value))).size).toBe(1);
      } finally {
        await Promise.all(writers.map((storage) => storage.close()));
      }
    });
  });

  describe('schema and migrations', () => {
    it('creates the schema, its tables and the migrations row, once, when several processes open at the same time', async () => {
      const fresh = `${schema}_m`;
      try {
        const storages = await Promise.all(Array.from({ length: 5 }, () => PostgresStorage.open({ connectionString: POSTGRES_TEST_URL }, { schema: fresh })));
        for (const storage of storages) expect(await storage.schemaVersion()).toBe(POSTGRES_STORAGE_SCHEMA_VERSION);
        const rows = await admin.query(`SELECT version FROM "${fresh}".migrations`);
        expect(rows.rows).toEqual([{ version: POSTGRES_STORAGE_SCHEMA_VERSION }]);
        const columns = await admin.query(
          `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'state' ORDER BY ordinal_position`,
          [fresh],
        );
        expect(columns.rows).toEqual([
          { column_name: 'key', data_type: 'bytea' },
          { column_name: 'value', data_type: 'text' },
        ]);
        await Promise.all(storages.map((storage) => storage.close()));
      } finally {
        await admin.query(`DROP SCHEMA IF EXISTS "${fresh}" CASCADE`);
      }
    });

    it('migrates an older version (migrations table at version 0) up to the current one', async () => {
      const tablePrefix = `old${++tables}_`;
      await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await admin.query(`CREATE TABLE "${schema}"."${tablePrefix}migrations" (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
      const storage = await openPrefix(tablePrefix);
      expect(await storage.schemaVersion()).toBe(POSTGRES_STORAGE_SCHEMA_VERSION);
      await storage.batch([{ type: 'put', key: 'k', value: 1 }]);
      // Reopening at the current version changes nothing and keeps the data.
      const again = await openPrefix(tablePrefix);
      expect(await again.get('k')).toBe(1);
      const rows = await admin.query(`SELECT count(*)::int AS n FROM "${schema}"."${tablePrefix}migrations"`);
      expect(rows.rows[0]).toEqual({ n: POSTGRES_STORAGE_SCHEMA_VERSION });
    });

    it('refuses a schema newer than this release with a ConfigError naming the version', async () => {
      const tablePrefix = `new${++tables}_`;
      const storage = await openPrefix(tablePrefix);
      await admin.query(`INSERT INTO "${schema}"."${tablePrefix}migrations" (version) VALUES (99)`);
      const error = await rejection(openPrefix(tablePrefix));
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).details).toMatchObject({ version: 99, supported: POSTGRES_STORAGE_SCHEMA_VERSION });
      await storage.close();
    });
  });

  describe('keys', () => {
    it('stores keys with NUL and lists them in code point order (UTF-8 byte order)', async () => {
      const storage = await openPrefix(`keys${++tables}_`);
      const keys = ['p/\u0000', 'p/a\u0000b', 'p/\uFFFD', 'p/\u{1F600}', 'p/\u00E9', 'p/z'];
      await storage.batch(keys.map((key, index) => ({ type: 'put', key, value: index })));
      expect((await storage.list('p/')).map((entry) => entry.key)).toEqual(['p/\u0000', 'p/a\u0000b', 'p/z', 'p/\u00E9', 'p/\uFFFD', 'p/\u{1F600}']);
      expect(await storage.get('p/a\u0000b')).toBe(1);
      expect(await storage.list('p/a\u0000')).toEqual([{ key: 'p/a\u0000b', value: 1 }]);
    });
  });

  describe('list at scale', () => {
    it('200,000 keys: a prefix page comes from a range scan of the primary key index and is correct', { timeout: 180_000 }, async () => {
      const tablePrefix = `scale${++tables}_`;
      const storage = await openPrefix(tablePrefix);
      const total = 200_000;
      const perBatch = 5000;
      const key = (i: number) => `link/${['companies', 'contacts', 'items', 'taxes'][i % 4]}/fsm/${String(i).padStart(7, '0')}`;
      for (let start = 0; start < total; start += perBatch) {
        await storage.batch(Array.from({ length: perBatch }, (_, offset) => ({ type: 'put' as const, key: key(start + offset), value: { financeId: String(start + offset) } })));
      }
      await admin.query(`ANALYZE "${schema}"."${tablePrefix}state"`);

      const page = await storage.list<{ financeId: string }>('link/items/', { after: key(100_002), limit: 100 });
      expect(page).toHaveLength(100);
      expect(page[0]).toEqual({ key: key(100_006), value: { financeId: '100006' } });
      expect(page.at(-1)?.key).toBe(key(100_006 + 99 * 4));
      const count = (await storage.list('link/taxes/')).length;
      expect(count).toBe(total / 4);

      const plan = await admin.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT key, value FROM "${schema}"."${tablePrefix}state" WHERE key >= $1 AND key < $2 AND key > $3 ORDER BY key LIMIT 100`,
        [Buffer.from('link/items/'), Buffer.from('link/items0'), Buffer.from(key(100_002))],
      );
      const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(text).toMatch(new RegExp(`Index Scan using "?${tablePrefix}state_pkey"?`));
    });
  });

  describe('options and errors', () => {
    it('refuses bad options with a ConfigError before connecting', async () => {
      for (const [connection, options] of [
        [{ pool: admin }, { schema: 'Bad-Name' }],
        [{ pool: admin }, { schema: 'pg_sync' }], // reserved by PostgreSQL
        [{ pool: admin }, { tablePrefix: 'x; DROP TABLE y' }],
        [{ pool: {} }, {}],
        [{ connectionString: '' }, {}],
        [{}, {}],
      ] as const) {
        const error = await rejection(PostgresStorage.open(connection as never, options as never));
        expect(error).toBeInstanceOf(ConfigError);
      }
    });

    it('an unreachable server is a NetworkError whose message never holds the password', async () => {
      const error = await rejection(PostgresStorage.open({ connectionString: 'postgres://sync:sekret-pw@127.0.0.1:1/test' }));
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as NetworkError).code).toBe('NETWORK_ERROR');
      expect((error as Error).message).toContain('postgres://sync:***@127.0.0.1:1/test');
      expect(JSON.stringify((error as NetworkError).toJSON())).not.toContain('sekret-pw');
    });

    it('an owned pool survives the server dropping its idle connection: the next call reconnects', async () => {
      const application_name = `fsm_drop_${++tables}`;
      const storage = await PostgresStorage.open({ config: { connectionString: POSTGRES_TEST_URL, application_name } }, { schema, tablePrefix: `drop${tables}_` });
      try {
        await storage.batch([{ type: 'put', key: 'k', value: 1 }]);
        const killed = await admin.query('SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE application_name = $1', [application_name]);
        expect(killed.rows.length).toBeGreaterThan(0);
        await new Promise((resolve) => setTimeout(resolve, 200)); // the pool sees the idle connection end
        expect(await storage.get('k')).toBe(1);
      } finally {
        await storage.close();
      }
    });

    it('a database or role the server does not know is a ConfigError naming the SQLSTATE, without the password', async () => {
      const url = new URL(POSTGRES_TEST_URL);
      url.pathname = '/no_such_database_fsm';
      url.password = 'sekret-pw';
      const error = await rejection(PostgresStorage.open({ connectionString: url.toString() }));
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).details).toMatchObject({ option: 'connection', pgCode: '3D000' });
      expect(JSON.stringify((error as ConfigError).toJSON())).not.toContain('sekret-pw');
      url.pathname = new URL(POSTGRES_TEST_URL).pathname;
      url.username = 'no_such_role_fsm';
      const roleError = await rejection(PostgresStorage.open({ connectionString: url.toString() }));
      expect(roleError).toBeInstanceOf(ConfigError);
      expect(String((roleError as ConfigError).details['pgCode'])).toMatch(/^28/);
    });

    it('masks passwords in connection strings', () => {
      expect(maskConnectionString('postgres://u:p%40ss@h:5432/db?sslmode=require')).toBe('postgres://u:***@h:5432/db?sslmode=require');
      expect(maskConnectionString('postgres://h/db?password=x')).toBe('postgres://h/db?password=***');
      expect(maskConnectionString("host=h password='a b' dbname=d")).toBe('host=h password=*** dbname=d');
    });

    it('close() leaves a borrowed pool open, ends its own, and refuses later calls with STORAGE_CLOSED', async () => {
      const borrowed = await openPrefix(`close${++tables}_`);
      await borrowed.close();
      expect(borrowed.closed).toBe(true);
      expect((await admin.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      const error = await rejection(borrowed.get('k'));
      expect((error as FsmBillingError).code).toBe('STORAGE_CLOSED');

      const owned = await PostgresStorage.open({ connectionString: POSTGRES_TEST_URL }, { schema, tablePrefix: `close${tables}_` });
      await owned.close();
      await owned.close(); // twice is fine
      expect(owned.closed).toBe(true);
    });
  });
});
