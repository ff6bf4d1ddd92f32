import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every ```ts block of these pages is type-checked against the package's source, as a user's file
// importing `fsm-billing-sync` would be. A block may use the names below without declaring them
// (what the page set up earlier); a block that declares them wins.
const PAGES = ['billing.md'];

const PRELUDE = `
import type { Billing, BidirectionalSyncer, FieldMapper, IntegrationClient, ManualClock, Storage, TaxSync } from 'fsm-billing-sync';
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
  const booksOrgId: string;
  const workOrderId: string;
  const invoiceId: string;
  const lineIds: string[];
  const fsmEstimateId: string;
}
export {};
`;

const root = new URL('../../', import.meta.url);
const rootPath = root.pathname;

interface Snippet {
  page: string;
  line: number;
  code: string;
}

function snippets(page: string): Snippet[] {
  const text = readFileSync(new URL(`docs/${page}`, root), 'utf8');
  const found: Snippet[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    // A block may be indented (inside a list item): its lines lose that indent.
    const open = /^(\s*)```(ts|typescript)\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const indent = open[1] ?? '';
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end] ?? '')) end++;
    const code = lines.slice(start, end).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l)).join('\n');
    found.push({ page, line: start + 1, code });
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
    return block ? `docs/${block.page}:${block.line + line}: ${message}` : `${d.file.fileName}:${line + 1}: ${message}`;
  });
}

describe('TypeScript in the docs', () => {
  it(`type-checks every ts block of ${PAGES.join(', ')} against the package`, () => {
    const blocks = PAGES.flatMap(snippets);
    expect(blocks.length).toBeGreaterThan(0);
    expect(typeErrors(blocks)).toEqual([]);
  }, 120_000);
});
