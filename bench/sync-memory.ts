/**
 * The syncer's memory, measured honestly: the sandbox is served over HTTP from a CHILD process
 * (`serveSandbox`), so its records are not in the syncer's heap; each run is a process of its own
 * (as a scheduled job starts one) holding only the syncer, its IntegrationClient (default fetch
 * transport over the loopback) and a SqliteStorage on one temp file the runs share. Sync type III, N records per entity and side (BENCH_RECORDS, default 10,000), pacing
 * and caps off on both sides (the sandbox's `limits: { perMinute: false, perDay: false,
 * concurrency: false }`, the client's `perMinute: 1e9, perDay: false`): only memory is measured.
 *
 * `process.memoryUsage()` is sampled every 20 ms and each sample is tagged with the phase the
 * syncer's last `progress` event names: `read fsm` / `read books` (the side of the last page read;
 * both sides are read at once, so the two overlap), `pairs/creates` (the unit's sync phase) and
 * `deletes` (after the unit's last record, until the next unit reads: the delete pass and the
 * cursor commit). Reported per phase, for the initial run, a no-change run and a full read (`fullScan`): peak RSS and peak
 * heap used.
 *
 *   node --expose-gc --import tsx bench/sync-memory.ts
 *   BENCH_RECORDS=50000 node --expose-gc --import tsx bench/sync-memory.ts
 *   BENCH_TRACE=1 node --trace-gc … # phase changes between the collector's lines (live heap after each)
 *   BENCH_SNAPSHOT_AT='deletes contact_persons' …   # one heap snapshot when that phase starts (the unit's state alive)
 *   BENCH_SNAPSHOT_RUN='full read' …   # snapshots only in that run (initial, no-change, full read)
 *   BENCH_SNAPSHOT=400 …   # also writes one heap snapshot (to the temp dir) when the heap first passes 400 MB
 *
 * No assertions: numbers vary by machine; compare runs on one machine.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics, writeHeapSnapshot } from 'node:v8';
import { createFetchTransport, IntegrationClient } from '../src/index.js';
import { FieldMapper } from '../src/mapping/index.js';
import { sandboxServerFetch, serveSandbox } from '../src/node/serve-sandbox.js';
import { SqliteStorage } from '../src/node/sqlite-storage.js';
import { createSandbox, type Sandbox } from '../src/sandbox/index.js';
import { BidirectionalSyncer, type SyncReport, zohoFinanceSource, zohoFsmSource } from '../src/sync/index.js';
import { formatNumber, formatTable, recordFigure } from './report.js';

const N = Number(process.env.BENCH_RECORDS ?? 10_000);
/** Heap used (MB) at which one heap snapshot is written; 0: none. */
const SNAPSHOT_MB = Number(process.env.BENCH_SNAPSHOT ?? 0);
/** Writes one heap snapshot (to the temp dir) when this phase first starts, e.g. `deletes contact_persons`. */
const SNAPSHOT_AT = process.env.BENCH_SNAPSHOT_AT;
/** The run whose heap is snapshot (BENCH_SNAPSHOT_RUN: `initial`, `no-change` or `full read`); default every run. */
const SNAPSHOT_RUN = process.env.BENCH_SNAPSHOT_RUN;
/** Print each phase change (BENCH_TRACE=1), to read with `node --trace-gc`. */
const TRACE = process.env.BENCH_TRACE === '1';

// The data set of bench/sync.ts: Books holds the second half of FSM's customers and items plus as
// many of its own; no limits, so nothing waits.
function benchSandbox(): Sandbox {
  return createSandbox({
    seed: 42,
    limits: { perMinute: false, perDay: false, concurrency: false },
    users: [{
      email: 'bench@example.com',
      region: 'us',
      books: [{ edition: 'us', plan: 'ultimate', records: { customers: N, items: N, offset: Math.floor(N / 2) } }],
      fsm: { edition: 'us', records: { customers: N, items: N } },
    }],
  });
}

interface Served {
  url: string;
  books: string;
  credentials: { clientId: string; clientSecret: string; refreshToken: string };
}

// Child mode: serve the sandbox, say where on stdout, stop when the parent closes stdin.
if (process.env.BENCH_SERVE === '1') {
  const sandbox = benchSandbox();
  const server = await serveSandbox(sandbox, { port: 0 });
  const info: Served = { url: server.url, books: sandbox.orgs({ app: 'books' })[0]?.organizationId ?? '', credentials: sandbox.credentials() };
  process.stdout.write(`${JSON.stringify(info)}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
  await new Promise<never>(() => undefined);
}

// ——— Sampling, tagged by phase ———

type Phase = 'start' | 'read fsm' | 'read books' | 'pairs/creates' | 'deletes';
const PHASES: readonly Phase[] = ['start', 'read fsm', 'read books', 'pairs/creates', 'deletes'];
interface Peak { rss: number; heap: number; where: string }
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const sum = (r: SyncReport, key: 'created' | 'updated') => r.toFinance[key] + r.toFsm[key];

interface Measured { report: SyncReport; ms: number; peaks: Map<Phase, Peak> }
/** One run of `syncer`, with this process's memory sampled every 20 ms and tagged by phase. */
async function measure(syncer: BidirectionalSyncer, label: string, fullScan: boolean): Promise<Measured> {
  let phase: Phase = 'start';
  let where = '';
  const peaks = new Map<Phase, Peak>();
  // Snapshots in the run asked for only (default: every run).
  let snapshotTaken = SNAPSHOT_RUN !== undefined && SNAPSHOT_RUN !== label;
  const sample = () => {
    const usage = process.memoryUsage();
    const peak = peaks.get(phase) ?? { rss: 0, heap: 0, where };
    if (usage.rss > peak.rss) peak.rss = usage.rss;
    if (usage.heapUsed > peak.heap) {
      peak.heap = usage.heapUsed;
      peak.where = where;
    }
    peaks.set(phase, peak);
  };
  syncer.on('progress', (event) => {
    const e = event as { module: string; phase: string; side?: string; done: number; total: number };
    const was = `${phase} ${where}`;
    where = e.module;
    if (e.phase === 'read') phase = e.side === 'fsm' ? 'read fsm' : 'read books';
    else if (e.phase === 'sync') phase = e.done >= e.total ? 'deletes' : 'pairs/creates';
    // With --trace-gc, the phase changes between the collector's lines (live heap after each).
    if (TRACE && `${phase} ${where}` !== was) process.stderr.write(`— ${phase} ${where}\n`);
    if (SNAPSHOT_AT !== undefined && !snapshotTaken && `${phase} ${where}` === SNAPSHOT_AT) {
      snapshotTaken = true;
      const file = writeHeapSnapshot(join(tmpdir(), `sync-memory-${N}-${label}-${SNAPSHOT_AT.replace(/\W/g, '_')}.heapsnapshot`));
      process.stderr.write(`heap snapshot (${SNAPSHOT_AT}): ${file}\n`);
    }
  });
  const sampler = setInterval(sample, 20);
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
  sample();
  const ms = performance.now() - start;
  if (report.status !== 'completed') throw new Error(`${label}: the run ${report.status}: ${report.stoppedReason ?? ''}`);
  if (report.failures.length > 0) console.error(label, 'failures:', report.failures.map((f) => `${f.reason} ×${f.count}`).join(', '));
  return { report, ms, peaks };
}

// Runner mode: one sync run in this process (as a cron job would start it), over the state file
// the earlier runs left; prints its peaks as one JSON line.
const RUN = process.env.BENCH_RUN;
if (RUN !== undefined) {
  const served = JSON.parse(process.env.BENCH_SERVED ?? '{}') as Served;
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
  const syncer = new BidirectionalSyncer({ storage, mapper, fsm: zohoFsmSource(client), finance: zohoFinanceSource(client) });
  const measured = await measure(syncer, RUN, process.env.BENCH_FULL === '1');
  storage.close();
  process.stdout.write(`${JSON.stringify({ label: RUN, ms: measured.ms, created: sum(measured.report, 'created'), updated: sum(measured.report, 'updated'), peaks: [...measured.peaks] })}\n`);
  process.exit(0);
}

// ——— Main: the sandbox server, then each run in a process of its own ———

const setupStart = performance.now();
const child = spawn(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', fileURLToPath(import.meta.url)], { env: { ...process.env, BENCH_SERVE: '1' }, stdio: ['pipe', 'pipe', 'inherit'] });
const served = await new Promise<Served>((resolve, reject) => {
  child.once('exit', (code) => reject(new Error(`the sandbox server process exited (${String(code)})`)));
  createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line) as Served));
});
const stopServer = () => new Promise<void>((resolve) => child.removeAllListeners('exit').once('exit', () => resolve()).stdin.end());
const setupMs = performance.now() - setupStart;
const dir = mkdtempSync(join(tmpdir(), 'sync-memory-'));

interface RunFigures { label: string; ms: number; created: number; updated: number; peaks: Map<Phase, Peak> }
async function runInProcess(label: string, fullScan: boolean): Promise<RunFigures> {
  const runner = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    env: { ...process.env, BENCH_RUN: label, BENCH_FULL: fullScan ? '1' : '0', BENCH_SERVED: JSON.stringify(served), BENCH_DB: join(dir, 'state.db') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  runner.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => runner.once('exit', resolve));
  const line = out.trim().split('\n').pop() ?? '';
  if (code !== 0 || !line.startsWith('{')) throw new Error(`the ${label} run's process failed (exit ${String(code)})`);
  const parsed = JSON.parse(line) as Omit<RunFigures, 'peaks'> & { peaks: Array<[Phase, Peak]> };
  return { ...parsed, peaks: new Map(parsed.peaks) };
}

const runs = [await runInProcess('initial', false), await runInProcess('no-change', false), await runInProcess('full read', true)];
await stopServer();
rmSync(dir, { recursive: true, force: true });

// ——— Report ———

const print = (line = '') => process.stdout.write(`${line}\n`);
print(`\nBidirectionalSyncer memory — N = ${formatNumber(N)} per entity (sync type III), SqliteStorage on a temp file, sandbox in a child process over HTTP, no limits`);
print(`server child start: ${(setupMs / 1000).toFixed(1)} s; heap limit ${mb(getHeapStatistics().heap_size_limit)} MB\n`);
print(formatTable(
  ['run', 'real', 'created / updated', ...PHASES.map((p) => `${p}: RSS / heap (MB)`)],
  runs.map((r) => [
    r.label, `${(r.ms / 1000).toFixed(1)} s`, `${r.created} / ${r.updated}`,
    ...PHASES.map((p) => {
      const peak = r.peaks.get(p);
      return peak ? `${mb(peak.rss)} / ${mb(peak.heap)}${peak.where ? ` (${peak.where})` : ''}` : '—';
    }),
  ]),
));
for (const r of runs) {
  const all = [...r.peaks.values()];
  const rss = Math.max(...all.map((p) => p.rss));
  const heap = Math.max(...all.map((p) => p.heap));
  print(`${r.label}: peak RSS ${mb(rss)} MB, peak heap used ${mb(heap)} MB`);
  recordFigure({ label: `N=${formatNumber(N)}: ${r.label} peak RSS / heap (SqliteStorage)`, value: `${mb(rss)} / ${mb(heap)}`, unit: 'MB' });
}
