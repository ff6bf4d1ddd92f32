// The built bin's quick start, as a user runs it: `fsm-billing-sync sandbox --no-limits` in one
// process, then `init --sandbox <url>` and `sync --json` (twice) in a fresh directory. Fails when a
// command exits non-zero, the report is missing, the second run writes anything, or a secret shows.
// Usage: node scripts/smoke-cli.mjs [path of the bin, default dist/node/cli.js]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const bin = resolve(process.argv[2] ?? 'dist/node/cli.js');
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('ZOHO_') && !k.startsWith('FSM_BILLING_SYNC_')));
const failures = [];
const sandbox = spawn(process.execPath, [bin, 'sandbox', '--port', '0', '--no-limits', '--records', '100', '--json'], { stdio: ['ignore', 'pipe', 'inherit'], env });
const dir = mkdtempSync(join(tmpdir(), 'fsm-billing-sync-smoke-'));
try {
  const info = JSON.parse(await new Promise((done, fail) => {
    createInterface({ input: sandbox.stdout }).once('line', done);
    sandbox.once('exit', (code) => fail(new Error(`sandbox exited with ${code}`)));
  }));
  const run = (...args) => {
    const started = Date.now();
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
    process.stdout.write(`fsm-billing-sync ${args.join(' ')}: exit ${r.status} in ${Date.now() - started} ms\n`);
    if (r.status !== 0) failures.push(`${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
    for (const secret of [info.client_secret, info.refresh_token, info.access_token]) {
      if (r.stdout.includes(secret) || r.stderr.includes(secret)) failures.push(`${args.join(' ')} printed a secret`);
    }
    return r;
  };
  run('--version');
  run('init', '--sandbox', info.url);
  const report = (r) => JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}').report;
  const first = report(run('sync', '--json'));
  const second = report(run('sync', '--json'));
  if (first?.status !== 'completed') failures.push(`the first sync did not complete: ${JSON.stringify(first?.status)}`);
  const writes = (r) => r.toFinance.created + r.toFinance.updated + r.toFsm.created + r.toFsm.updated;
  if (!second || writes(second) !== 0) failures.push(`the second sync wrote ${second ? writes(second) : '?'} records`);
  const config = readFileSync(join(dir, '.fsm-billing-sync/config.json'), 'utf8');
  if ([info.client_secret, info.refresh_token].some((s) => config.includes(s))) failures.push('the config file holds a secret');
  if (first) process.stdout.write(`first sync: ${first.apiCalls.total} calls in ${first.durationMs} ms; second: ${second?.apiCalls.total} calls\n`);
} catch (error) {
  failures.push(error instanceof Error ? error.message : String(error));
} finally {
  sandbox.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
if (failures.length > 0) {
  process.stderr.write(`CLI smoke test failed:\n${failures.map((f) => `  ${f}`).join('\n')}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write('CLI smoke test: ok\n');
}
