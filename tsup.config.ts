import { defineConfig } from 'tsup';

// One build for every public entry: ESM + CJS + .d.ts each (package.json `exports`).
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'eligibility/index': 'src/eligibility/index.ts',
    'sandbox/index': 'src/sandbox/index.ts',
    'node/index': 'src/node/index.ts',
    'node/cli': 'src/node/cli.ts',
    'testing/index': 'src/testing/index.ts',
    'postgres/index': 'src/postgres/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  // Shared chunks, so every entry uses the same classes: an error thrown from `./node` is still
  // `instanceof FsmBillingError` imported from `.`.
  splitting: true,
  treeshake: true,
  // Optional peers stay imports: users install them only for the entries that need them.
  external: ['better-sqlite3', 'pg', 'vitest', 'msw', /^msw\//, /^node:/],
});
