/**
 * The syncer's memory, measured honestly: the sandbox is served over HTTP from a CHILD process
 * (`serveSandbox`), so its records are not in the syncer's heap; each run is a process of its own
 * (as a scheduled job starts one) of plain Node on the BUILT package (bench/sync-memory-run.mjs;
 * the package is built first unless BENCH_NO_BUILD=1), holding only the syncer, its
 * IntegrationClient (default fetch transport over the loopback) and a SqliteStorage on one temp
 * file the runs share. Sync type III, N records per entity and side (BENCH_RECORDS, default 10,000), pacing
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
 *   BENCH_TRACE=1 BENCH_TRACE_GC=1 … # phase changes on stderr, between the collector's lines of the runs' processes (live heap after each)
 *   BENCH_SNAPSHOT_AT='deletes contact_persons' …   # one heap snapshot when that phase starts (the unit's state alive)
 *   BENCH_SNAPSHOT_RUN='full read' …   # snapshots only in that run (initial, no-change, full read)
 *   BENCH_SNAPSHOT_DELAYS=10000,25000 …   # with BENCH_SNAPSHOT_AT: one snapshot that many ms after the phase starts, each
 *   BENCH_SNAPSHOT=400 …   # also writes one heap snapshot (to the temp dir) when the heap first passes 400 MB
 *   BENCH_LIVE_MS=1000 …   # a full collection every second: the live heap per phase (lowers the peaks: a separate run)
 *   BENCH_RECORDS_IN_MEMORY=Infinity …   # the syncer's recordsInMemory (default its own: 1,000); Infinity stages nothing
 *
 * No assertions: numbers vary by machine; compare runs on one machine.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { serveSandbox } from '../src/node/serve-sandbox.js';
import { createSandbox, type Sandbox } from '../src/sandbox/index.js';
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

// ——— Phases, as bench/sync-memory-run.mjs tags its samples ———

type Phase = 'start' | 'read fsm' | 'read books' | 'pairs/creates' | 'deletes';
const PHASES: readonly Phase[] = ['start', 'read fsm', 'read books', 'pairs/creates', 'deletes'];
interface Peak { rss: number; heap: number; where: string; offHeap?: number; live?: number }
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

// ——— Main: the sandbox server, then each run in a process of its own ———

// The runs use the built package, as a user's job would: built here unless BENCH_NO_BUILD=1.
const root = fileURLToPath(new URL('..', import.meta.url));
if (process.env.BENCH_NO_BUILD !== '1') execFileSync(process.execPath, [join(root, 'node_modules', 'tsup', 'dist', 'cli-default.js')], { cwd: root, stdio: 'ignore' });
if (!existsSync(join(root, 'dist', 'index.js'))) throw new Error('bench/sync-memory needs the built package (dist/): run `npm run build`.');

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
  const runner = spawn(process.execPath, ['--expose-gc', ...(process.env.BENCH_TRACE_GC === '1' ? ['--trace-gc'] : []), fileURLToPath(new URL('sync-memory-run.mjs', import.meta.url))], {
    env: { ...process.env, BENCH_RUN: label, BENCH_FULL: fullScan ? '1' : '0', BENCH_SERVED: JSON.stringify(served), BENCH_DB: join(dir, 'state.db') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // With --trace-gc the collector's lines come on stdout too: passed on to stderr, the figures' JSON line kept.
  const traceGc = process.env.BENCH_TRACE_GC === '1';
  let line = '';
  createInterface({ input: runner.stdout }).on('line', (text) => {
    if (text.startsWith('{')) line = text;
    else if (traceGc) process.stderr.write(`${text}\n`);
  });
  const code = await new Promise<number | null>((resolve) => runner.once('close', resolve));
  if (code !== 0 || !line.startsWith('{')) throw new Error(`the ${label} run's process failed (exit ${String(code)})`);
  const parsed = JSON.parse(line) as Omit<RunFigures, 'peaks'> & { peaks: Array<[Phase, Peak]> };
  return { ...parsed, peaks: new Map(parsed.peaks) };
}

const runs = [await runInProcess('initial', false), await runInProcess('no-change', false), await runInProcess('full read', true)];
await stopServer();
rmSync(dir, { recursive: true, force: true });

// ——— Report ———

const print = (line = '') => process.stdout.write(`${line}\n`);
print(`\nBidirectionalSyncer memory — N = ${formatNumber(N)} per entity (sync type III), SqliteStorage on a temp file, sandbox in a child process over HTTP, no limits, recordsInMemory ${process.env.BENCH_RECORDS_IN_MEMORY ?? 'default (1,000)'}`);
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
  const offHeap = Math.max(...all.map((p) => p.offHeap ?? 0));
  const live = [...r.peaks].filter(([, p]) => p.live !== undefined).map(([phase, p]) => `${phase} ${mb(p.live ?? 0)}`);
  print(`${r.label}: peak RSS ${mb(rss)} MB, peak heap used ${mb(heap)} MB, peak external (buffers outside the heap) ${mb(offHeap)} MB${live.length > 0 ? `; live after forced collections (BENCH_LIVE_MS): ${live.join(', ')} MB` : ''}`);
  recordFigure({ label: `N=${formatNumber(N)}: ${r.label} peak RSS / heap (SqliteStorage)`, value: `${mb(rss)} / ${mb(heap)}`, unit: 'MB' });
}
