// Runs every example in examples/: scripts with tsx, `*.test.ts` files with vitest. Fails on the
// first failure, printing which example broke.
//
// demo.ts keeps its state in .fsm-billing-sync/demo/ under the working directory, so it runs in an
// empty temporary directory (a developer's own demo state is left alone), twice: the whole flow,
// then an incremental run from the state the first one kept, which fails unless it finds nothing
// to write and syncs a single edit alone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const dir = 'examples';
const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();
const tests = files.filter((f) => f.endsWith('.test.ts'));
const scripts = files.filter((f) => !f.endsWith('.test.ts'));
// A file URL, so that tsx is found from any working directory.
const tsx = import.meta.resolve('tsx');
// The runs of a stateful example, in order; `expect`: the run prints (it is not quieted) and its
// output must match.
const STATEFUL = {
  'demo.ts': [
    { label: 'the whole flow' },
    { label: 'again, incremental from the state it kept', expect: /^An incremental run[^]*sync run: 0 writes/m },
  ],
};

function runScript(file, { label, expect } = {}, cwd = process.cwd()) {
  const name = `${file}${label ? ` (${label})` : ''}`;
  process.stdout.write(`\n--- example ${name}\n`);
  const run = spawnSync(process.execPath, ['--import', tsx, resolve(dir, file)], {
    cwd,
    stdio: expect ? ['inherit', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    env: { ...process.env, EXAMPLE_QUIET: expect ? '0' : '1' },
  });
  if (expect) process.stdout.write(run.stdout);
  if (run.status !== 0) {
    process.stderr.write(`example ${name} failed with exit code ${run.status}\n`);
    process.exit(1);
  }
  if (expect && !expect.test(run.stdout)) {
    process.stderr.write(`example ${name} printed no line matching ${expect}\n`);
    process.exit(1);
  }
}

let runs = 0;
for (const file of scripts) {
  const stages = STATEFUL[file];
  if (!stages) {
    runScript(file);
    runs++;
    continue;
  }
  const cwd = mkdtempSync(join(tmpdir(), 'fsm-billing-sync-example-'));
  try {
    for (const stage of stages) {
      runScript(file, stage, cwd);
      runs++;
    }
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}
if (tests.length > 0) {
  process.stdout.write(`\n--- example tests: ${tests.join(', ')}\n`);
  const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.examples.config.ts'], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(1);
}
process.stdout.write(`\n${scripts.length} example script(s) (${runs} runs) and ${tests.length} example test file(s) passed\n`);
