#!/usr/bin/env node
// Type-checks every ```ts block of README.md and docs/**/*.md against the built package, as a
// user's project sees it: `fsm-billing-sync` and its subpaths resolve through package.json's
// exports to dist/*.d.ts (the package referring to itself by name), never to src/. Run after
// `npm run build`.
//
// Two resolutions, the ones a user's ESM project has: NodeNext (Node's own rules, the `import`
// condition) and Bundler (Vite, esbuild, webpack). The extraction rules and the prelude are those of
// test/docs/snippets.test.ts (scripts/doc-blocks.mjs), which checks the same blocks against the
// source. Exits 1 and lists every problem as page:line: message.
import { existsSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { PAGES, ROOT, collect, discoverPages, projectOptions, typeErrors } from './doc-blocks.mjs';

const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8'));
const problems = [];

const missing = discoverPages().filter((page) => !PAGES.includes(page));
const extra = PAGES.filter((page) => !existsSync(`${ROOT}${page}`));
for (const page of missing) problems.push(`${page}: not in PAGES (scripts/doc-blocks.mjs): its blocks would go unchecked`);
for (const page of extra) problems.push(`${page}: listed in PAGES (scripts/doc-blocks.mjs) but not found`);

const entries = Object.keys(pkg.exports ?? {}).filter((key) => key !== './package.json');
for (const entry of entries) {
  const types = pkg.exports[entry]?.import?.types;
  if (typeof types !== 'string' || !existsSync(`${ROOT}${types}`)) {
    problems.push(`${entry}: ${types ?? 'no import types'} not found; run \`npm run build\` first`);
  }
}

/** Where `fsm-billing-sync` resolved: every file of the package must come from dist/. */
function fromDist(program) {
  const out = [];
  const files = program.getSourceFiles().map((file) => file.fileName);
  const src = files.filter((name) => name.startsWith(`${ROOT}src/`));
  if (src.length > 0) out.push(`the package resolved to its source (${src[0]}), not to dist/`);
  if (!files.some((name) => name.startsWith(`${ROOT}dist/`))) out.push('no file of dist/ was loaded: `fsm-billing-sync` did not resolve to the built package');
  return out;
}

if (problems.length === 0) {
  const { blocks, fenceProblems } = collect();
  problems.push(...fenceProblems);
  if (blocks.length === 0) problems.push('no ts block found');
  const resolutions = [
    ['NodeNext', { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }],
    ['Bundler', { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }],
  ];
  for (const [name, resolution] of resolutions) {
    // No paths or baseUrl: the package name resolves by package.json alone. `.mts` makes each
    // block an ES module whatever the nearest package.json's "type" says.
    const options = projectOptions({ ...resolution, paths: undefined, baseUrl: undefined, types: ['node'] });
    const errors = typeErrors(blocks, options, { extension: '.mts', inspect: fromDist });
    problems.push(...errors.map((error) => `[${name}] ${error}`));
  }
  if (problems.length === 0) {
    console.log(`check-doc-blocks: ${blocks.length} ts blocks of ${PAGES.length} pages type-check against the built package (${entries.length} entries; NodeNext and Bundler)`);
  }
}

if (problems.length > 0) {
  console.error(`check-doc-blocks: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.join('\n')}`);
  process.exitCode = 1;
}
