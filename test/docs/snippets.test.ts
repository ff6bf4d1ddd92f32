import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every ```ts block of these pages is type-checked against the package's source, as a user's file
// importing `fsm-billing-sync` would be. A block may use the names below without declaring them
// (what the page set up earlier); a block that declares them wins.
//
// Opt-out: a block fenced ```ts no-check is not type-checked. Keep it for code that cannot stand in
// a single file (it imports the reader's own modules, or their own adapter); every other info string
// after ts is refused, so a typo cannot hide a block.
const PAGES = [
  'README.md',
  'docs/auth.md',
  'docs/billing.md',
  'docs/client.md',
  'docs/custom-source.md',
  'docs/eligibility.md',
  'docs/errors.md',
  'docs/field-mapping.md',
  'docs/performance.md',
  'docs/reliability.md',
  'docs/sandbox.md',
  'docs/schemas.md',
  'docs/storage.md',
  'docs/sync.md',
  'docs/taxes.md',
  'docs/transport.md',
];

const PRELUDE = `
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

const root = new URL('../../', import.meta.url);
const rootPath = root.pathname;

interface Snippet {
  page: string;
  line: number;
  code: string;
  /** Why the block cannot be checked, when its fence says something other than `ts` or `ts no-check`. */
  badFence?: string;
}

function snippets(page: string): Snippet[] {
  const text = readFileSync(new URL(page, root), 'utf8');
  const found: Snippet[] = [];
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
    const code = lines.slice(start, end).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l)).join('\n');
    if (info === '') found.push({ page, line: start + 1, code });
    else if (info !== 'no-check') found.push({ page, line: start + 1, code: '', badFence: `unknown fence info "${info}" (use ts or ts no-check)` });
    i = end;
  }
  return found;
}

function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(`${rootPath}tsconfig.json`, (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, rootPath);
  return {
    ...parsed.options,
    noEmit: true,
    noUnusedLocals: false,
    baseUrl: rootPath,
    paths: { 'fsm-billing-sync': ['src/index.ts'], 'fsm-billing-sync/*': ['src/*/index.ts'] },
  };
}

function typeErrors(blocks: readonly Snippet[]): string[] {
  const files = new Map<string, string>([[`${rootPath}docs-snippets/prelude.ts`, PRELUDE]]);
  const where = new Map<string, Snippet>();
  blocks.forEach((block, i) => {
    const name = `${rootPath}docs-snippets/${block.page.replace(/\W/g, '-')}-${i}.ts`;
    // Each block is its own module, so names do not clash between blocks.
    files.set(name, `${block.code}\nexport {};\n`);
    where.set(name, block);
  });
  const options = compilerOptions();
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
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const block = d.file ? where.get(d.file.fileName) : undefined;
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return message;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    return block ? `${block.page}:${block.line + line}: ${message}` : `${d.file.fileName}:${line + 1}: ${message}`;
  });
}

describe('TypeScript in the docs', () => {
  it('covers README.md and every page of docs/', () => {
    const pages = readdirSync(new URL('docs/', root)).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`);
    expect([...PAGES].sort()).toEqual(['README.md', ...pages].sort());
  });

  it(`type-checks every ts block of ${PAGES.join(', ')} against the package`, () => {
    const all = PAGES.flatMap(snippets);
    const blocks = all.filter((block) => block.badFence === undefined);
    expect(blocks.length).toBeGreaterThan(0);
    expect([...all.filter((block) => block.badFence !== undefined).map((block) => `${block.page}:${block.line}: ${block.badFence}`), ...typeErrors(blocks)]).toEqual([]);
  }, 120_000);
});
