/**
 * Taxes from an existing Zoho Books India organisation, used to price a work order.
 *
 * 1. pull(): the org's GST taxes and groups become the FSM tax configuration, with a stable map
 *    of FSM tax ids to Books tax ids.
 * 2. lineTax(): each line's tax from the prefill matrix — the customer's GST treatment and the
 *    place of supply choose the Service/Part's intra-state (CGST + SGST) or inter-state (IGST) rate.
 * 3. totals(): exact decimal totals, as Books computes them.
 *
 * Runs against the in-memory sandbox: `node --import tsx examples/taxes-india.ts`.
 */
import { createFetchTransport, IntegrationClient, ManualClock } from '../src/index.js';
import { createSandbox } from '../src/sandbox/index.js';
// Once exported from the package entry: import { TaxSync, validateGstin } from 'fsm-billing-sync';
import { TaxSync, validateGstin, type LineTaxInput } from '../src/tax/index.js';

const quiet = process.env.EXAMPLE_QUIET === '1';
const say = (line: string) => {
  if (!quiet) process.stdout.write(`${line}\n`);
};

const clock = new ManualClock({ autoAdvance: true });
const sandbox = createSandbox({ seed: 11, clock, users: [{ email: 'asha@example.com', region: 'in', books: [{ edition: 'in', records: { customers: 2, items: 3 } }], fsm: false }] });
const org = sandbox.orgs({ app: 'books' })[0];
if (!org) throw new Error('no Books organisation in the sandbox');

const client = new IntegrationClient({
  region: 'in',
  finance: { app: 'books', organizationId: org.organizationId },
  auth: { accessToken: sandbox.accessToken('asha@example.com') },
  transport: createFetchTransport({ fetch: sandbox.fetch }),
  clock,
});

// The business is in Karnataka: supplies to Karnataka are intra-state, elsewhere inter-state.
const taxes = new TaxSync({ client, edition: 'in', origin: 'KA' });
const config = await taxes.pull();
say(`Pulled ${config.taxes.length} taxes and ${config.groups.length} groups from ${org.name}:`);
for (const group of config.groups) say(`  ${group.name} = ${group.taxIds.map((id) => config.taxes.find((t) => t.id === id)?.name).join(' + ')}`);

// The Services/Parts, with their intra- and inter-state taxes as FSM tax ids.
const items = await client.finance.items.list().toArray();
const parts = await Promise.all(
  items.map(async (item) => {
    const preference = (spec: 'intra' | 'inter') => item.item_tax_preferences?.find((p) => p.tax_specification === spec)?.tax_id ?? undefined;
    const intra = preference('intra');
    const inter = preference('inter');
    return {
      name: item.name ?? '',
      rate: item.rate ?? 0,
      tax: { taxable: true, intraStateTaxId: intra && (await taxes.toFsmTaxId(intra)), interStateTaxId: inter && (await taxes.toFsmTaxId(inter)) },
    };
  }),
);

const gstin = '27AAPFU0939F1ZV';
const check = validateGstin(gstin);
say(`\nCustomer GSTIN ${gstin}: ${check.valid ? 'valid' : check.message}`);

for (const placeOfSupply of ['KA', 'MH']) {
  const customer: LineTaxInput['customer'] = { taxable: true, treatment: 'business_gst', placeOfContact: 'MH' };
  const lines = parts.map((part, i) => {
    const tax = taxes.lineTax({ customer, item: part.tax, placeOfSupply });
    return { part, tax, line: { rate: part.rate, quantity: i + 1, taxes: tax.components } };
  });
  const totals = taxes.totals(lines.map((l) => l.line), { discount: { value: '5%', apply: 'before_tax' } });
  say(`\nWork order, place of supply ${placeOfSupply} (${lines[0]?.tax.rule ?? ''}):`);
  lines.forEach(({ part, tax }, i) => say(`  ${part.name.padEnd(28)} ${String(i + 1)} × ${String(part.rate).padStart(8)}  ${tax.name.padEnd(8)} ${totals.lines[i]?.total ?? ''}`));
  say(`  Sub total ${totals.subTotal}, discount ${totals.discount}, ${totals.taxes.map((t) => `${t.name ?? t.key} ${t.amount}`).join(', ')}, total ${totals.total}`);
}

// The syncer writes Books ids on the invoice: the id map gives them.
const gst18 = config.groups.find((g) => g.name === 'GST18');
if (gst18) say(`\nFSM tax ${gst18.id} is Books tax ${(await taxes.toFinanceTaxId(gst18.id)) ?? '?'}.`);
const problems = await taxes.health();
say(problems.length === 0 ? 'Tax health: no problems.' : `Tax health: ${problems.map((p) => p.code).join(', ')}`);
