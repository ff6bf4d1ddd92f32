/**
 * PostgresStorage at scale: writes KEYS keys (default 1,000,000) in batches of 5,000 into a
 * throwaway schema, then times `list(prefix, { after, limit: 500 })` pages at random points and a
 * `getMany` of 500 keys, and drops the schema. Run with `node --import tsx bench/postgres-list.ts`
 * (PG_BENCH_URL=… for another server; default postgres://postgres@127.0.0.1:5432/test).
 * No assertions: numbers vary by machine; compare runs on one machine.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { PostgresStorage } from '../src/postgres/index.js';

const url = process.env['PG_BENCH_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const total = Number(process.env['KEYS'] ?? 1_000_000);
const schema = `fsm_bench_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
const kinds = ['companies', 'contacts', 'items', 'taxes'];
const key = (i: number) => `link/${kinds[i % kinds.length]}/fsm/${String(i).padStart(8, '0')}`;

const pool = new pg.Pool({ connectionString: url, max: 4 });
try {
  const storage = await PostgresStorage.open({ pool }, { schema });
  let started = performance.now();
  for (let start = 0; start < total; start += 5000) {
    const count = Math.min(5000, total - start);
    await storage.batch(Array.from({ length: count }, (_, offset) => ({ type: 'put' as const, key: key(start + offset), value: { financeId: String(start + offset) } })));
  }
  const writeMs = performance.now() - started;
  await pool.query(`VACUUM ANALYZE "${schema}".state`);

  const pages: number[] = [];
  for (let round = 0; round < 200; round++) {
    const at = 4 * Math.floor((Math.random() * total) / 4) + 2; // an items key
    started = performance.now();
    const page = await storage.list('link/items/', { after: key(at), limit: 500 });
    pages.push(performance.now() - started);
    if (page.length === 0 && at < total - 2000) throw new Error('empty page');
  }
  const reads: number[] = [];
  for (let round = 0; round < 50; round++) {
    const keys = Array.from({ length: 500 }, () => key(Math.floor(Math.random() * total)));
    started = performance.now();
    await storage.getMany(keys);
    reads.push(performance.now() - started);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] ?? NaN;
  process.stdout.write(
    `PostgresStorage, ${total.toLocaleString('en')} keys: write ${(total / (writeMs / 1000)).toFixed(0)} keys/s (batches of 5,000); ` +
      `list page of 500: median ${median(pages).toFixed(2)} ms, p95 ${p95(pages).toFixed(2)} ms; ` +
      `getMany of 500: median ${median(reads).toFixed(2)} ms, p95 ${p95(reads).toFixed(2)} ms\n`,
  );
  await storage.close();
} finally {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool.end();
}
