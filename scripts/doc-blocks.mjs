// The TypeScript blocks of README.md and docs/**/*.md, and their type check. Shared by
// test/docs/snippets.test.ts (against the source, through a paths mapping: fast feedback) and
// scripts/check-doc-blocks.mjs (against the built package: dist/ and package.json's exports, as a
// user's project resolves `fsm-billing-sync`).
//
// A block may use the names PRELUDE declares without declaring them (what the page set up
// earlier); a block that declares them wins.
//
// Opt-out: a block fenced ```ts no-check is not type-checked. Keep it for code that cannot stand
// in a single file (it imports the reader's own modules, or their own adapter); every other info
// string after ts is refused, so a typo cannot hide a block.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The repository's root, with a trailing slash. */
export const ROOT = `${resolve(dirname(fileURLToPath(import.meta.url)), '..')}/`;

/** The pages whose ts blocks are checked: README.md and every Markdown page under docs/. */
export const PAGES = [
  'README.md',
  'docs/auth.md',
  'docs/billing.md',
  'docs/cli.md',
  'docs/client.md',
  'docs/custom-source.md',
  'docs/eligibility.md',
  'docs/errors.md',
  'docs/field-mapping.md',
  'docs/performance.md',
  'docs/reference/zoho-rules.md',
  'docs/reliability.md',
  'docs/sandbox.md',
  'docs/scaling.md',
  'docs/schemas.md',
  'docs/storage.md',
  'docs/sync.md',
  'docs/taxes.md',
  'docs/transport.md',
];

export const PRELUDE = `
import type { Billing, BidirectionalSyncer, FieldMapper, FinanceOrg, IntegrationClient, ManualClock, OrgSelector, Storage, TaxSync } from 'fsm-billing-sync';
import type { Sandbox } from 'fsm-billing-sync/sandbox';
declare global {
  const client: IntegrationClient;
  const storage: Storage;
  const mapper: FieldMapper;
  const taxes: TaxSync;
  const syncer: BidirectionalSyncer;
  const billing: Billing;
  const sandbox: Sandbox;
  const clock: ManualClock;
  const orgs: FinanceOrg[];
  const selector: OrgSelector;
  const booksOrgId: string;
  const workOrderId: string;
  const invoiceId: string;
  const lineIds: string[];
  const fsmEstimateId: string;
  const customerId: string;
  const itemId: string;
  const companyId: string;
  const serviceId: string;
  // What the reader supplies: credentials, a cancellation signal, a logger and a metrics sink.
  const clientId: string;
  const clientSecret: string;
  const refreshToken: string;
  const signal: AbortSignal;
  const log: Record<'debug' | 'info' | 'warn' | 'error', (...args: unknown[]) => void>;
  const metrics: { gauge(name: string, value: number, tags?: Record<string, unknown>): void };
}
export {};
`;

/** README.md and every Markdown page under docs/ (any depth), as found on disk, sorted. */
export function discoverPages(root = ROOT) {
  const found = [];
  const walk = (rel) => {
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) found.push(path);
    }
  };
  if (existsSync(join(root, 'docs'))) walk('docs');
  return ['README.md', ...found].sort();
}

/** The ts blocks of one page (a path relative to the root). */
export function snippets(page, root = ROOT) {
  const text = readFileSync(join(root, page), 'utf8');
  const found = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    // A block may be indented (inside a list item): its lines lose that indent.
    const open = /^(\s*)```(ts|typescript)\b(.*)$/.exec(lines[i] ?? '');
    if (!open) continue;
    const indent = open[1] ?? '';
    const info = (open[3] ?? '').trim();
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end] ?? '')) end++;
    const code = lines
      .slice(start, end)
      .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
      .join('\n');
    if (info === '') found.push({ page, line: start + 1, code });
    else if (info !== 'no-check') found.push({ page, line: start + 1, code: '', badFence: `unknown fence info "${info}" (use ts or ts no-check)` });
    i = end;
  }
  return found;
}

/** The project's tsconfig options, with `overrides` on top. */
export function projectOptions(overrides, root = ROOT) {
  const config = ts.readConfigFile(`${root}tsconfig.json`, (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  return { ...parsed.options, noEmit: true, noUnusedLocals: false, ...overrides };
}

/** Options resolving `fsm-billing-sync` to the source (src/…/index.ts). */
export function sourceOptions(root = ROOT) {
  return projectOptions({ baseUrl: root, paths: { 'fsm-billing-sync': ['src/index.ts'], 'fsm-billing-sync/*': ['src/*/index.ts'] } }, root);
}

/**
 * Type-checks the blocks (each its own module, beside the prelude) and returns the errors as
 * page:line: message. The blocks are laid out in `${root}docs-snippets/`, inside the package, so a
 * resolution that follows package.json's exports finds the package by its own name.
 * `inspect(program)` may return more problems (e.g. where `fsm-billing-sync` resolved to).
 */
export function typeErrors(blocks, options, { root = ROOT, extension = '.ts', inspect } = {}) {
  const dir = `${root}docs-snippets/`;
  const files = new Map([[`${dir}prelude${extension}`, PRELUDE]]);
  const where = new Map();
  blocks.forEach((block, i) => {
    const name = `${dir}${block.page.replace(/\W/g, '-')}-${i}${extension}`;
    // Each block is its own module, so names do not clash between blocks.
    files.set(name, `${block.code}\nexport {};\n`);
    where.set(name, block);
  });
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (path) => files.get(path) ?? readFile(path);
  host.fileExists = (path) => files.has(path) || fileExists(path);
  host.getSourceFile = (path, language, onError, create) => {
    const text = files.get(path);
    return text === undefined ? getSourceFile(path, language, onError, create) : ts.createSourceFile(path, text, language, true);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  const errors = ts.getPreEmitDiagnostics(program).map((d) => {
    const block = d.file ? where.get(d.file.fileName) : undefined;
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return message;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    return block ? `${block.page}:${block.line + line}: ${message}` : `${d.file.fileName}:${line + 1}: ${message}`;
  });
  return [...errors, ...(inspect ? inspect(program) : [])];
}

/** Every block of `pages`, and the fences that are neither ts nor ts no-check, as problems. */
export function collect(pages = PAGES, root = ROOT) {
  const all = pages.flatMap((page) => snippets(page, root));
  return {
    blocks: all.filter((block) => block.badFence === undefined),
    fenceProblems: all.filter((block) => block.badFence !== undefined).map((block) => `${block.page}:${block.line}: ${block.badFence}`),
  };
}
