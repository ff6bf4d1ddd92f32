import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The main entry is one bundled file, so a bundler can drop an unused schema only if the statement
// that builds it is pure. Each module below is bundled on its own with nothing imported from it:
// every statement that is kept is one a bundler would keep in every app (scripts/check-bundle-size.mjs
// measures the total).
const root = join(import.meta.dirname, '../..');
function walk(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}
const modules = ['src/schemas', 'src/client'].flatMap((dir) => walk(dir));

async function keptCode(module: string): Promise<string> {
  const path = join(root, module);
  const result = await build({
    stdin: { contents: `import ${JSON.stringify(path)};`, resolveDir: root },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
    external: ['node:*'],
    plugins: [
      {
        name: 'only-this-module-has-side-effects',
        setup(b) {
          b.onResolve({ filter: /.*/ }, async (args) => {
            if (args.pluginData === 'inner' || args.kind === 'entry-point') return undefined;
            const resolved = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'inner' });
            return resolved.errors.length > 0 ? resolved : { ...resolved, sideEffects: resolved.path === path };
          });
        },
      },
    ],
  });
  return result.outputFiles[0]!.text.trim();
}

describe('module-level code of the schemas and the client is pure (tree-shakable)', () => {
  it('finds the modules', () => {
    expect(modules).toContain(join('src', 'schemas', 'finance', 'contact.ts'));
  });

  // org-limits.ts keeps two numeric constants (`6 * 3_600_000`), which esbuild does not fold away.
  const allowed: Record<string, number> = { [join('src', 'client', 'org-limits.ts')]: 40 };

  it.each(modules)('%s keeps nothing when nothing of it is used', async (module) => {
    const kept = await keptCode(module);
    expect(kept.length, `${relative(root, join(root, module))} keeps:\n${kept.slice(0, 2000)}`).toBeLessThanOrEqual(allowed[module] ?? 0);
  });

  it('would catch a module-level schema without the annotation', async () => {
    // The check itself: the same bundling of a module that builds a schema at load keeps zod.
    const kept = await keptCode(join('test', 'schemas', 'fixtures', 'impure-schema.ts'));
    expect(kept.length).toBeGreaterThan(1000);
  });
});
