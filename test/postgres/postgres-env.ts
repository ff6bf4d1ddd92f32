// Where PostgresStorage's tests find a server: PG_TEST_URL, else the machine's 127.0.0.1:5432/test.
// Probed once, before the test files register their tests: outside CI an unreachable server skips
// them with the reason printed; under CI=true it fails (CI starts PostgreSQL, so it must be there).
import pg from 'pg';
import { UNDER_CI } from '../helpers/under-ci.js';

export const POSTGRES_TEST_URL = process.env['PG_TEST_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

async function probe(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const problem = await probe();
if (problem !== undefined) {
  const where = POSTGRES_TEST_URL.replace(/:[^:@/]*@/, ':***@');
  if (UNDER_CI) throw new Error(`PostgreSQL is not reachable at ${where} (${problem}); CI must start it (set PG_TEST_URL to point elsewhere).`);
  process.stderr.write(`\n[postgres tests] SKIPPED: PostgreSQL is not reachable at ${where} (${problem}). Start it or set PG_TEST_URL.\n`);
}

/** True when the server answered the probe: the PostgreSQL tests run. */
export const POSTGRES_AVAILABLE = problem === undefined;
