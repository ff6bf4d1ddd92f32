/**
 * FieldMapper throughput: records per second through the compiled converters (what the syncer
 * uses) and through the async convenience methods, for 100,000 records per case, plus the
 * process's peak RSS. Run with `node --import tsx bench/mapper.ts` (RECORDS=… to change the count).
 * No assertions: numbers vary by machine; compare runs on one machine.
 */
import { performance } from 'node:perf_hooks';
import { createMapResolver, FieldMapper, type CompiledMapping } from '../src/mapping/index.js';
import { createSandbox } from '../src/sandbox/index.js';
import { MemoryStorage } from '../src/storage/memory-storage.js';
import { recordFigure } from './report.js';

const COUNT = Number(process.env.RECORDS ?? 100_000);

// Templates from the sandbox's India org (the edition with the most mapped tax fields), varied per
// record so no two records are the same object.
const sandbox = createSandbox({ seed: 5, users: [{ email: 'bench@example.com', region: 'in', books: [{ records: 50 }], fsm: { records: { customers: 50, items: 20, workOrders: 20 } } }] });
const fsmOrg = sandbox.orgs({ app: 'fsm' })[0]?.organizationId;
const booksOrg = sandbox.orgs({ app: 'books' })[0]?.organizationId;
if (!fsmOrg || !booksOrg) throw new Error('sandbox orgs missing');
const companies = sandbox.records(fsmOrg, 'Companies');
const customers = sandbox.records(booksOrg, 'contacts').filter((c) => c.customer_sub_type === 'business');
const parts = sandbox.records(fsmOrg, 'Service_And_Parts');
// Billing invoices a work order's company: orders without one are not billed, so not converted.
const orders = sandbox.records(fsmOrg, 'Work_Orders').filter((o) => typeof o.Company === 'object' && o.Company !== null);

const resolve = createMapResolver({
  companies: companies.map((c, i) => [String(c.id), `46000000${i}`]),
  items: parts.map((p, i) => [String(p.id), `46100000${i}`]),
  taxes: sandbox.records(booksOrg, 'taxgroups').concat(sandbox.records(booksOrg, 'taxes')).map((t) => [String(t.tax_group_id ?? t.tax_id), String(t.tax_group_id ?? t.tax_id)]),
});

function varied<T extends Record<string, unknown>>(templates: T[], key: string): (i: number) => Record<string, unknown> {
  return (i) => {
    const template = templates[i % templates.length] as T;
    return { ...template, [key]: `${String(template[key])} ${i}` };
  };
}

interface Case {
  name: string;
  run: (converter: CompiledMapping, record: Record<string, unknown>) => unknown;
  module: 'companies' | 'items' | 'invoices';
  make: (i: number) => Record<string, unknown>;
}

const CASES: Case[] = [
  { name: 'companies FSM → finance', module: 'companies', make: varied(companies, 'Company_Name'), run: (c, r) => c.toFinance(r) },
  { name: 'companies finance → FSM', module: 'companies', make: varied(customers, 'contact_name'), run: (c, r) => c.toFsm(r, { resolve }) },
  { name: 'items FSM → finance', module: 'items', make: varied(parts, 'Name'), run: (c, r) => c.toFinance(r, { resolve }) },
  { name: 'work orders → invoices', module: 'invoices', make: varied(orders, 'Name'), run: (c, r) => c.toFinance(r, { resolve, unresolved: 'omit', partial: true }) },
];

const mapper = new FieldMapper({ storage: new MemoryStorage(), syncType: 'I', edition: 'in' });
await mapper.update('companies', { set: [{ fsm: 'Region__C', finance: 'custom_fields[label=Region].value', direction: 'both', transform: 'trim' }] });

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000).toLocaleString('en-US');
const rows: string[][] = [];
for (const c of CASES) {
  const records = Array.from({ length: COUNT }, (_, i) => c.make(i));
  const converter = await mapper.converter(c.module);
  for (let i = 0; i < 2_000; i++) c.run(converter, records[i % records.length] as Record<string, unknown>); // warm-up
  let start = performance.now();
  let sink = 0;
  for (const record of records) sink += Object.keys(c.run(converter, record) as object).length;
  const compiledMs = performance.now() - start;
  // The convenience method reads the stored version per call; a tenth of the records is enough to show its cost.
  const sample = records.slice(0, Math.max(1, Math.floor(COUNT / 10)));
  start = performance.now();
  for (const record of sample) sink += Object.keys(c.module === 'companies' && c.name.includes('→ FSM') ? await mapper.toFsm(c.module, record, { resolve }) : await mapper.toFinance(c.module, record, { resolve })).length;
  const asyncMs = performance.now() - start;
  if (sink === 0) throw new Error('nothing converted');
  rows.push([c.name, COUNT.toLocaleString('en-US'), `${compiledMs.toFixed(0)} ms`, rate(COUNT, compiledMs), rate(sample.length, asyncMs)]);
  recordFigure({ label: `${c.name} (compiled)`, value: (COUNT / compiledMs) * 1000, unit: 'records/s' });
}

const header = ['case', 'records', 'time', 'records/s (compiled)', 'records/s (mapper.toX)'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
process.stdout.write(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`);
process.stdout.write(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (node ${process.version})\n`);
recordFigure({ label: 'peak RSS', value: process.resourceUsage().maxRSS / 1024, unit: 'MB' });
