// Runs every example in examples/: scripts with tsx, `*.test.ts` files with vitest. Fails on the
// first failure, printing which example broke.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = 'examples';
const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();
const tests = files.filter((f) => f.endsWith('.test.ts'));
const scripts = files.filter((f) => !f.endsWith('.test.ts'));

for (const file of scripts) {
  process.stdout.write(`\n--- example ${file}\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file)], { stdio: 'inherit', env: { ...process.env, EXAMPLE_QUIET: '1' } });
  if (run.status !== 0) {
    process.stderr.write(`example ${file} failed with exit code ${run.status}\n`);
    process.exit(1);
  }
}
if (tests.length > 0) {
  process.stdout.write(`\n--- example tests: ${tests.join(', ')}\n`);
  const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.examples.config.ts'], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(1);
}
process.stdout.write(`\n${scripts.length} example script(s) and ${tests.length} example test file(s) passed\n`);
