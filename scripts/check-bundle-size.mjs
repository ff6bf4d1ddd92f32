// Size budgets of what a browser bundle pays for the SDK: each case below is bundled from the
// built ESM files (dist/) with its imports, minified and gzipped (level 9), and must stay under its
// budget. The main entry is tree-shaken: importing one name must not drag in the rest (zod's
// locales, the tax, mapping or sync code). docs/performance.md, "Bundle size", has the figures.
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const KB = 1024;
const cases = [
  { label: 'fsm-billing-sync/eligibility (whole entry)', entry: 'dist/eligibility/index.js', budget: 4 * KB },
  { label: "{ IntegrationClient } from 'fsm-billing-sync'", imports: ['IntegrationClient'], budget: 45 * KB },
  { label: "{ evaluateEligibility } from 'fsm-billing-sync'", imports: ['evaluateEligibility'], budget: 2 * KB },
];

let failed = false;
for (const { label, entry, imports, budget } of cases) {
  const input = entry
    ? { entryPoints: [entry] }
    : {
        stdin: {
          // Use every import, so the bundler cannot drop it.
          contents: `import { ${imports.join(', ')} } from ${JSON.stringify(resolve('dist/index.js'))};\nglobalThis.used = [${imports.join(', ')}];\n`,
          resolveDir: process.cwd(),
          sourcefile: 'bundle-size-case.js',
        },
      };
  const result = await build({
    ...input,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const gzipped = gzipSync(code, { level: 9 }).byteLength;
  process.stdout.write(`${label}: ${code.byteLength} B minified, ${gzipped} B min+gzip (budget ${budget} B)\n`);
  if (gzipped > budget) {
    process.stderr.write(`${label} is ${gzipped - budget} B over its ${budget} B budget\n`);
    failed = true;
  }
}
if (failed) process.exit(1);
