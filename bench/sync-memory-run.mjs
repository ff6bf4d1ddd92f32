// One sync run of bench/sync-memory.ts, in a process of its own, on the BUILT package (`dist/`,
// plain Node, no TypeScript loader): the process a user's scheduled job starts. tsx alone adds
// ~70 MB of RSS to a process, which is not the SDK's. Plain JavaScript for that reason; spawned by
// bench/sync-memory.ts with BENCH_RUN, BENCH_FULL, BENCH_SERVED and BENCH_DB set. Prints one JSON
// line: the run's figures and its peaks per phase.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics, writeHeapSnapshot } from 'node:v8';
import { BidirectionalSyncer, createFetchTransport, FieldMapper, IntegrationClient, zohoFinanceSource, zohoFsmSource } from '../dist/index.js';
import { sandboxServerFetch, SqliteStorage } from '../dist/node/index.js';

const N = Number(process.env.BENCH_RECORDS ?? 10_000);
/** Heap used (MB) at which one heap snapshot is written; 0: none. */
const SNAPSHOT_MB = Number(process.env.BENCH_SNAPSHOT ?? 0);
/** Writes one heap snapshot (to the temp dir) when this phase first starts, e.g. `deletes contact_persons`. */
const SNAPSHOT_AT = process.env.BENCH_SNAPSHOT_AT;
/** The run whose heap is snapshot (`initial`, `no-change` or `full read`); default every run. */
const SNAPSHOT_RUN = process.env.BENCH_SNAPSHOT_RUN;
/** Milliseconds after SNAPSHOT_AT starts at which to write the snapshots (BENCH_SNAPSHOT_DELAYS, e.g. `0,20000`); default at once. */
const SNAPSHOT_DELAYS = (process.env.BENCH_SNAPSHOT_DELAYS ?? '0').split(',').map(Number);
/** Print each phase change (BENCH_TRACE=1), to read with `node --trace-gc`. */
const TRACE = process.env.BENCH_TRACE === '1';
/**
 * Every this many ms, a full collection and the heap left after it (BENCH_LIVE_MS, e.g. 1000): what
 * the run really holds, per phase. Collecting often lowers the peaks: measure one or the other.
 */
const LIVE_MS = Number(process.env.BENCH_LIVE_MS ?? 0);
/** The syncer's `recordsInMemory` (BENCH_RECORDS_IN_MEMORY, e.g. Infinity to stage nothing); its default otherwise. */
const IN_MEMORY = process.env.BENCH_RECORDS_IN_MEMORY === undefined ? undefined : Number(process.env.BENCH_RECORDS_IN_MEMORY);

const mb = (bytes) => Math.round(bytes / 1024 / 1024);
const sum = (r, key) => r.toFinance[key] + r.toFsm[key];

/** One run of `syncer`, with this process's memory sampled every 20 ms and tagged by phase. */
async function measure(syncer, label, fullScan) {
  let phase = 'start';
  let where = '';
  const peaks = new Map();
  let snapshotTaken = SNAPSHOT_RUN !== undefined && SNAPSHOT_RUN !== label;
  const sample = () => {
    const usage = process.memoryUsage();
    const peak = peaks.get(phase) ?? { rss: 0, heap: 0, where, offHeap: 0 };
    if (usage.rss > peak.rss) peak.rss = usage.rss;
    // Memory outside the JavaScript heap that Node accounts for: response bodies, buffers.
    if (usage.external > peak.offHeap) peak.offHeap = usage.external;
    if (usage.heapUsed > peak.heap) {
      peak.heap = usage.heapUsed;
      peak.where = where;
    }
    peaks.set(phase, peak);
  };
  syncer.on('progress', (e) => {
    const was = `${phase} ${where}`;
    where = e.module;
    if (e.phase === 'read') phase = e.side === 'fsm' ? 'read fsm' : 'read books';
    else if (e.phase === 'sync') phase = e.done >= e.total ? 'deletes' : 'pairs/creates';
    if (TRACE && `${phase} ${where}` !== was) process.stderr.write(`— ${phase} ${where}\n`);
    if (SNAPSHOT_AT !== undefined && !snapshotTaken && `${phase} ${where}` === SNAPSHOT_AT) {
      snapshotTaken = true;
      for (const delay of SNAPSHOT_DELAYS) {
        setTimeout(() => {
          const file = writeHeapSnapshot(join(tmpdir(), `sync-memory-${N}-${label}-${SNAPSHOT_AT.replace(/\W/g, '_')}-${delay}.heapsnapshot`));
          process.stderr.write(`heap snapshot (${SNAPSHOT_AT}, +${delay} ms): ${file}\n`);
        }, delay);
      }
    }
  });
  const sampler = setInterval(sample, 20);
  const live = LIVE_MS > 0 ? setInterval(() => {
    globalThis.gc?.();
    const peak = peaks.get(phase);
    const used = process.memoryUsage().heapUsed;
    if (peak && used > (peak.live ?? 0)) peak.live = used;
    if (TRACE) process.stderr.write(`live ${mb(used)} MB (${phase} ${where})\n`);
  }, LIVE_MS) : undefined;
  const snap = SNAPSHOT_MB > 0 ? setInterval(() => {
    const used = getHeapStatistics().used_heap_size;
    if (!snapshotTaken && used > SNAPSHOT_MB * 1024 * 1024) {
      snapshotTaken = true;
      const file = writeHeapSnapshot(join(tmpdir(), `sync-memory-${N}-${label}-${phase.replace(/\W/g, '_')}-${where}.heapsnapshot`));
      process.stderr.write(`heap snapshot (${label}, ${phase}, ${where}, ${mb(used)} MB): ${file}\n`);
    }
  }, 50) : undefined;
  const start = performance.now();
  const report = await syncer.run({ fullScan });
  clearInterval(snap);
  clearInterval(sampler);
  clearInterval(live);
  sample();
  const ms = performance.now() - start;
  if (report.status !== 'completed') throw new Error(`${label}: the run ${report.status}: ${report.stoppedReason ?? ''}`);
  if (report.failures.length > 0) {
    console.error(label, 'failures:', report.failures.map((f) => `${f.reason} ×${f.count}`).join(', '));
    for (const group of report.failures) console.error(`  ${group.reason}: ${group.records[0]?.message ?? ''}`);
  }
  return { report, ms, peaks };
}

const label = process.env.BENCH_RUN ?? 'run';
const served = JSON.parse(process.env.BENCH_SERVED ?? '{}');
const storage = await SqliteStorage.open(process.env.BENCH_DB ?? '');
const client = new IntegrationClient({
  region: 'us',
  finance: { app: 'books', organizationId: served.books },
  auth: served.credentials,
  transport: createFetchTransport({ fetch: sandboxServerFetch(served.url) }),
  // No pacing and no daily cap: the limiter's bookkeeping runs, its waiting never does.
  limits: { plan: 'ultimate', perMinute: 1e9, perDay: false },
});
const mapper = new FieldMapper({ storage, syncType: 'III', edition: 'us' });
const syncer = new BidirectionalSyncer({ storage, mapper, fsm: zohoFsmSource(client), finance: zohoFinanceSource(client), ...(IN_MEMORY === undefined ? {} : { recordsInMemory: IN_MEMORY }) });
const measured = await measure(syncer, label, process.env.BENCH_FULL === '1');
storage.close();
process.stdout.write(`${JSON.stringify({ label, ms: measured.ms, created: sum(measured.report, 'created'), updated: sum(measured.report, 'updated'), peaks: [...measured.peaks] })}\n`);
process.exit(0);
