/**
 * `npm run bench`: runs each bench in its own Node process (so one's heap and JIT state do not
 * colour the next), prints one table of their headline figures, and writes bench/results.md with
 * the machine (Node version, CPU, memory), the date, the commit, the table and each bench's own
 * output. Never part of `npm test`.
 *
 *   node --import tsx bench/run.ts                      # every bench
 *   node --import tsx bench/run.ts mapper eligibility   # some of them (results.md says which)
 *   BENCH_LARGE=1 node --import tsx bench/run.ts sync   # the sync bench at 50,000 records a side
 *   BENCH_RECORDS=2000 BENCH_OUT=/tmp/b node --import tsx bench/run.ts sync   # another size; the page elsewhere
 *
 * BENCH_RECORDS, BENCH_PLAN and BENCH_DAILY_CAP, when set, go to the sync bench (its size, the
 * Books plan whose limits apply, the daily cap on or off); BENCH_OUT is the directory the results
 * pages are written to (default: bench/).
 *
 * Each bench prints its own table and reports headline figures through bench/report.ts.
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { BOUND_FORMULA } from './lower-bound.js';
import { formatFigure, formatTable, type Figure } from './report.js';

interface Bench {
  name: string;
  /** File in bench/. */
  file: string;
  /** One line on what it measures, for the results page. */
  what: string;
  /** Sizes and options, chosen so the whole run stays within a few minutes. */
  env?: Record<string, string>;
  /** Node options of its process. */
  nodeArgs?: readonly string[];
  /** Skipped (not failed) when the file does not exist yet. */
  optional?: boolean;
}

// The syncer's bench: 10,000 records per entity and side by default (a few minutes), 50,000 with
// BENCH_LARGE=1 (much longer, and a heap of several GB: the sandbox holds every record of both
// sides in memory, the syncer a base snapshot per pair).
const LARGE = process.env.BENCH_LARGE === '1';
const SYNC_BENCH: Bench = {
  name: 'sync',
  file: 'sync.ts',
  what: 'BidirectionalSyncer on the in-process sandbox with Zoho’s daily cap on: initial sync, the run after it (settle), a no-change run, an incremental run with 1 % of records edited, the daily full read; API calls per endpoint against the honest lower bound, simulated time against the floor of the limits, peak RSS per phase',
  env: {
    BENCH_RECORDS: process.env.BENCH_RECORDS ?? (LARGE ? '50000' : '10000'),
    ...(process.env.BENCH_PLAN === undefined ? {} : { BENCH_PLAN: process.env.BENCH_PLAN }),
    ...(process.env.BENCH_DAILY_CAP === undefined ? {} : { BENCH_DAILY_CAP: process.env.BENCH_DAILY_CAP }),
  },
  // --expose-gc: the bench reports the heap retained after a collection.
  nodeArgs: LARGE ? ['--expose-gc', '--max-old-space-size=4096'] : ['--expose-gc'],
  optional: true,
};

// The same runs with no daily cap on either side: every run kind completes in one go, so its calls
// per endpoint can be read even when the capped runs do not finish.
const SYNC_NO_CAP_BENCH: Bench = {
  ...SYNC_BENCH,
  name: 'sync-no-cap',
  what: 'The sync bench with no daily cap (BENCH_DAILY_CAP=off): the same five runs, each completing in one go',
  env: { ...SYNC_BENCH.env, BENCH_DAILY_CAP: 'off' },
};

const BENCHES: readonly Bench[] = [
  { name: 'transport-overhead', file: 'transport-overhead.ts', what: 'IntegrationClient against a bare fetch loop: same calls, same sandbox server', env: { BENCH_RECORDS: '10000', BENCH_ROUNDS: '5' } },
  { name: 'rate-limit', file: 'rate-limit.ts', what: '1,000 calls under Zoho’s 100/min on the simulated clock: 429s and time against the floor', env: { BENCH_CALLS: '1000' } },
  { name: 'mapper', file: 'mapper.ts', what: 'FieldMapper conversion throughput', env: { RECORDS: '100000' } },
  { name: 'eligibility', file: 'eligibility.ts', what: 'evaluateEligibility throughput', env: { BENCH_ORGS: '200000' } },
  SYNC_BENCH,
  SYNC_NO_CAP_BENCH,
  // About 3 minutes at 10,000 (three runs over HTTP, no limits); BENCH_LARGE=1 measures 50,000.
  {
    name: 'sync-memory',
    file: 'sync-memory.ts',
    what: 'The syncer with SqliteStorage, each run a process of its own on the built package (plain Node), the sandbox served from a child process: peak RSS and heap per phase of an initial run, a no-change run and a full read',
    env: { BENCH_RECORDS: process.env.BENCH_RECORDS ?? (LARGE ? '50000' : '10000') },
    nodeArgs: ['--expose-gc'],
    optional: true,
  },
];

interface Outcome {
  bench: Bench;
  status: 'ok' | 'failed' | 'skipped';
  seconds: number;
  stdout: string;
  stderr: string;
  figures: Figure[];
  exitCode?: number | null;
}

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const out = process.env.BENCH_OUT ?? here;

function runOne(bench: Bench, figuresFile: string): Promise<Outcome> {
  const path = join(here, bench.file);
  if (!existsSync(path)) {
    return Promise.resolve({ bench, status: bench.optional ? 'skipped' : 'failed', seconds: 0, stdout: '', stderr: `bench/${bench.file} does not exist`, figures: [] });
  }
  writeFileSync(figuresFile, '');
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...(bench.nodeArgs ?? []), '--import', 'tsx', path], {
      cwd: root,
      env: { ...process.env, ...bench.env, BENCH_FIGURES: figuresFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (exitCode) => {
      const figures = readFileSync(figuresFile, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Figure);
      const seconds = (performance.now() - started) / 1000;
      resolve({ bench, status: exitCode === 0 ? 'ok' : 'failed', seconds, stdout, stderr, figures, exitCode });
    });
  });
}

function machine(): Record<string, string> {
  const cpu = cpus();
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' }).trim() !== '';
    if (dirty) commit += ' (with uncommitted changes)';
  } catch {
    // Not a git checkout: the commit stays unknown.
  }
  return {
    Date: new Date().toISOString(),
    Node: `${process.version} (${platform()} ${arch()})`,
    CPU: `${cpu[0]?.model.trim() ?? 'unknown'} × ${cpu.length} logical cores`,
    Memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    Commit: commit,
  };
}

/** The summary table rows: one per figure, or one per bench that reported none. */
function tableRows(outcomes: readonly Outcome[]): string[][] {
  return outcomes.flatMap((o): string[][] => {
    if (o.status === 'skipped') return [[o.bench.name, '(not written yet)', 'skipped']];
    if (o.status === 'failed') return [[o.bench.name, `failed (exit ${String(o.exitCode ?? 'none')})`, 'see its output']];
    if (o.figures.length === 0) return [[o.bench.name, '(see its output)', '']];
    return o.figures.map((figure, i) => [i === 0 ? o.bench.name : '', figure.label, formatFigure(figure)]);
  });
}

const escapeCell = (text: string) => text.replace(/\|/g, '\\|');

function resultsPage(outcomes: readonly Outcome[], info: Record<string, string>, totalSeconds: number, partial: boolean): string {
  const lines = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.ts); do not edit by hand. What each figure means and how to',
    'read it: [docs/performance.md](../docs/performance.md). Figures vary by machine: compare runs on one machine.',
    '',
    ...Object.entries(info).map(([name, value]) => `- ${name}: ${value}`),
    `- Total time: ${totalSeconds.toFixed(1)} s${partial ? ` (only: ${outcomes.map((o) => o.bench.name).join(', ')})` : ''}`,
    '',
    '| bench | figure | value |',
    '|---|---|---|',
    ...tableRows(outcomes).map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
    '',
    ...(outcomes.some((o) => o.bench.name.startsWith('sync')) ? ['## The honest lower bound of API calls (sync bench)', '', BOUND_FORMULA, ''] : []),
    '## Each bench',
    '',
  ];
  for (const o of outcomes) {
    lines.push(`### ${o.bench.name}`, '', `${o.bench.what}. \`bench/${o.bench.file}\`${o.bench.env ? `, ${Object.entries(o.bench.env).map(([k, v]) => `${k}=${v}`).join(' ')}` : ''}${o.bench.nodeArgs ? ` (node ${o.bench.nodeArgs.join(' ')})` : ''}; ${o.status === 'skipped' ? 'skipped: the file does not exist yet' : `${o.seconds.toFixed(1)} s`}.`, '');
    const output = o.stdout.trim() + (o.status === 'failed' && o.stderr.trim() !== '' ? `\n${o.stderr.trim().split('\n').slice(-20).join('\n')}` : '');
    if (output.trim() !== '') lines.push('```text', output.trim(), '```', '');
  }
  return lines.join('\n');
}

/** The latest BENCH_LARGE run's table, for results.md (empty when there has been none). */
function largeSection(): string {
  const file = join(out, 'results-large.json');
  if (!existsSync(file)) return '';
  const large = JSON.parse(readFileSync(file, 'utf8')) as { info: Record<string, string>; totalSeconds: number; rows: string[][] };
  return [
    '',
    '## At 50,000 records per entity and side',
    '',
    `The latest \`BENCH_LARGE=1\` run (its whole output: [results-large.md](results-large.md)); ${Object.entries(large.info).map(([k, v]) => `${k}: ${v}`).join('; ')}; total ${large.totalSeconds.toFixed(1)} s.`,
    '',
    '| bench | figure | value |',
    '|---|---|---|',
    ...large.rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
    '',
  ].join('\n');
}

const only = process.argv.slice(2);
const unknown = only.filter((name) => !BENCHES.some((b) => b.name === name));
if (unknown.length > 0) {
  process.stderr.write(`Unknown bench ${unknown.join(', ')}; known: ${BENCHES.map((b) => b.name).join(', ')}\n`);
  process.exit(2);
}
const selected = only.length === 0 ? BENCHES : BENCHES.filter((b) => only.includes(b.name));
const scratch = mkdtempSync(join(tmpdir(), 'fsm-bench-'));
const outcomes: Outcome[] = [];
const started = performance.now();
try {
  for (const bench of selected) {
    process.stderr.write(`▸ ${bench.name} … `);
    const outcome = await runOne(bench, join(scratch, `${bench.name}.jsonl`));
    process.stderr.write(`${outcome.status === 'ok' ? `${outcome.seconds.toFixed(1)} s` : outcome.status}\n`);
    if (outcome.status === 'failed') process.stderr.write(`${outcome.stderr.trim().split('\n').slice(-10).join('\n')}\n`);
    outcomes.push(outcome);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const totalSeconds = (performance.now() - started) / 1000;
const info = machine();
process.stdout.write(`\n${formatTable(['bench', 'figure', 'value'], tableRows(outcomes))}\n\n`);
process.stdout.write(`${Object.entries(info).map(([k, v]) => `${k}: ${v}`).join('\n')}\nTotal: ${totalSeconds.toFixed(1)} s\n`);
// A BENCH_LARGE run writes its own page (and its table as JSON); the default run's page embeds the
// latest large run's table, so results.md always states the figures at 50,000 records too.
const page = resultsPage(outcomes, info, totalSeconds, only.length > 0);
if (LARGE) {
  writeFileSync(join(out, 'results-large.md'), `${page.replace('# Benchmark results', '# Benchmark results at 50,000 records per entity and side (BENCH_LARGE=1)')}\n`);
  writeFileSync(join(out, 'results-large.json'), `${JSON.stringify({ info, totalSeconds, rows: tableRows(outcomes) }, null, 2)}\n`);
  process.stdout.write(`Written: ${join(out, 'results-large.md')}, ${join(out, 'results-large.json')}\n`);
} else {
  writeFileSync(join(out, 'results.md'), `${page}${largeSection()}\n`);
  process.stdout.write(`Written: ${join(out, 'results.md')}\n`);
}
if (outcomes.some((o) => o.status === 'failed')) process.exitCode = 1;
