// Checks that `fsm-billing-sync/eligibility` stays tiny for browsers: the built ESM entry,
// bundled with its imports, minified and gzipped, must stay under the budget.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const BUDGET_BYTES = 4 * 1024;
const entry = 'dist/eligibility/index.js';

const result = await build({
  entryPoints: [entry],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  write: false,
  logLevel: 'silent',
});
const code = result.outputFiles[0].contents;
const gzipped = gzipSync(code, { level: 9 }).byteLength;
process.stdout.write(`${entry}: ${code.byteLength} B minified, ${gzipped} B min+gzip (budget ${BUDGET_BYTES} B)\n`);
if (gzipped > BUDGET_BYTES) {
  process.stderr.write(`fsm-billing-sync/eligibility is ${gzipped - BUDGET_BYTES} B over its ${BUDGET_BYTES} B budget\n`);
  process.exit(1);
}
