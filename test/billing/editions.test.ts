import { describe, expect, it } from 'vitest';
import { Billing } from '../../src/billing/billing.js';
import type { PricingOptions } from '../../src/billing/invoice-draft.js';
import type { TaxEdition } from '../../src/schemas/edition-codes.js';
import { TaxSync } from '../../src/tax/tax-sync.js';
import { customers, runUntilQuiet, syncWorld, writesSince, type SyncWorld } from '../sync/helpers.js';

type Row = Record<string, unknown>;

/** A Service_And_Parts record of the case: its type, price and tax fields (finance ids by name). */
interface ItemSpec {
  name: string;
  type: 'Service' | 'Part';
  price: number;
  tax: (ids: FinanceTaxIds) => Row;
}

/** One invoice line of the work order, as FSM holds it. */
interface LineSpec {
  item: number;
  quantity: number;
  /** FSM's line discount: an amount, or a percentage with `Discount_Type: 'Percentage'`. */
  discount?: { value: number; percent?: true };
  parts?: Array<{ item: number; quantity: number }>;
}

/**
 * One edition case: the customer and items as FSM holds them (missing in finance), the work
 * order's lines and place of supply, Books' pricing settings, and the tax each invoice line must
 * get by the prefill matrix, named as Books names it (`''` for an exempt line).
 */
interface EditionCase {
  name: string;
  edition: TaxEdition;
  /** India: the business's state. */
  origin?: string;
  customer: (ids: FinanceTaxIds) => Row;
  items: ItemSpec[];
  lines: LineSpec[];
  placeOfSupply?: string;
  pricing: PricingOptions;
  /** The tax of each invoice line (service line, then its parts), by Books name; `''` exempt. */
  lineTaxes: string[];
}

/** Finance ids of the org's taxes, groups and exemptions, by name or code. */
type FinanceTaxIds = (name: string) => string;

function financeTaxIds(world: SyncWorld): FinanceTaxIds {
  const byName = new Map<string, string>();
  for (const t of world.sandbox.records(world.books, 'taxes')) byName.set(String(t.tax_name), String(t.tax_id));
  for (const g of world.sandbox.records(world.books, 'taxgroups')) byName.set(String(g.tax_group_name), String(g.tax_group_id));
  for (const e of world.sandbox.records(world.books, 'taxexemptions')) byName.set(String(e.tax_exemption_code), String(e.tax_exemption_id));
  return (name) => {
    const id = byName.get(name);
    if (id === undefined) throw new Error(`the Books org has no tax, group or exemption named ${name}; it has ${[...byName.keys()].join(', ')}`);
    return id;
  };
}

const service = (name: string, price: number, tax: ItemSpec['tax']): ItemSpec => ({ name, type: 'Service', price, tax });
const part = (name: string, price: number, tax: ItemSpec['tax']): ItemSpec => ({ name, type: 'Part', price, tax });
const address = (city: string, state: string, zip: string, country: string): Row => ({ Street_1: '12 Harbour Road', City: city, State: state, Zip_Code: zip, Country: country });

// India: the item names its intra-state group (CGST + SGST) and its inter-state IGST.
const gst = (rate: number) => (ids: FinanceTaxIds): Row => ({ Tax: { Taxable: true }, Intra_State_Tax_Rate: ids(`GST${rate}`), Inter_State_Tax_Rate: ids(`IGST${rate}`) });
const indiaCustomer = (placeOfContact: string) => (): Row => ({
  Taxable: true, GST_Treatment: 'Consumer', Place_of_Supply: placeOfContact, Billing_Address: address('Bengaluru', 'Karnataka', '560001', 'India'),
});
const taxId = (name: string) => (ids: FinanceTaxIds): Row => ({ Tax: { Tax_Id: ids(name) } });

const CASES: EditionCase[] = [
  {
    name: 'in-intra: place of supply = origin → CGST + SGST groups; line discount; exclusive; rounded to whole rupees',
    edition: 'in', origin: 'KA', placeOfSupply: 'KA',
    customer: indiaCustomer('KA'),
    items: [service('Chiller service', 1499.5, gst(18)), part('Compressor valve', 245.75, gst(12)), part('Gasket (exempt)', 40, () => ({ Tax: { Taxable: false } }))],
    lines: [{ item: 0, quantity: 2, discount: { value: 10, percent: true }, parts: [{ item: 1, quantity: 3 }, { item: 2, quantity: 1 }] }],
    pricing: { inclusive: false, rounding: 'whole' },
    lineTaxes: ['GST18', 'GST12', ''],
  },
  {
    name: 'in-inter: place of supply ≠ origin → IGST; inclusive prices; discount after tax',
    edition: 'in', origin: 'KA', placeOfSupply: 'MH',
    customer: indiaCustomer('KA'),
    items: [service('Boiler overhaul', 3210, gst(18)), part('Pressure gauge', 118, gst(28))],
    lines: [{ item: 0, quantity: 1, parts: [{ item: 1, quantity: 2 }] }],
    pricing: { inclusive: true, discount: { value: '5%', apply: 'after_tax' }, rounding: 'none' },
    lineTaxes: ['IGST18', 'IGST28'],
  },
  {
    name: 'us: taxable customer with its tax group; discount before tax; rounding to 0.05',
    edition: 'us',
    customer: (ids) => ({ Taxable: true, Tax: { Tax_Id: ids('New York City Sales Tax') }, Billing_Address: address('New York', 'NY', '10001', 'U.S.A') }),
    items: [service('HVAC inspection', 189.99, () => ({ Tax: { Taxable: true } })), part('Air filter', 23.4, () => ({ Tax: { Taxable: true } })), part('Labour hour', 65, (ids) => ({ Tax: { Taxable: false, Tax_Exemption_Id: ids('LABOUR') } }))],
    lines: [{ item: 0, quantity: 1, parts: [{ item: 1, quantity: 4 }, { item: 2, quantity: 2 }] }],
    pricing: { discount: { value: '7.5%', apply: 'before_tax' }, rounding: { increment: '0.05' } },
    lineTaxes: ['New York City Sales Tax', 'New York City Sales Tax', ''],
  },
  {
    name: 'us: non-taxable customer (reseller) → every line exempt; line discount as an amount',
    edition: 'us',
    customer: (ids) => ({ Taxable: false, Tax: { Tax_Exemption_Id: ids('RESELLER') }, Billing_Address: address('Los Angeles', 'CA', '90001', 'U.S.A') }),
    items: [service('Duct cleaning', 240, () => ({ Tax: { Taxable: true } })), part('Vent cover', 12.35, () => ({ Tax: { Taxable: true } }))],
    lines: [{ item: 0, quantity: 1, discount: { value: 15 }, parts: [{ item: 1, quantity: 6 }] }],
    pricing: { rounding: 'none' },
    lineTaxes: ['', ''],
  },
  {
    name: 'uk: the default VAT on every line; inclusive; discount before tax; rounding whole',
    edition: 'uk',
    customer: () => ({ VAT_Treatment: 'uk', Billing_Address: address('Leeds', 'West Yorkshire', 'LS1 4AP', 'United Kingdom') }),
    items: [service('Boiler service', 95.5, taxId('VAT 20%')), part('Thermostat', 42.99, taxId('VAT 20%'))],
    lines: [{ item: 0, quantity: 2, parts: [{ item: 1, quantity: 1 }] }],
    pricing: { inclusive: true, discount: { value: '12.5%', apply: 'before_tax' }, rounding: 'whole' },
    lineTaxes: ['VAT 20%', 'VAT 20%'],
  },
  {
    name: 'au: taxable customer → GST; discount after tax as an amount; exclusive',
    edition: 'au',
    customer: () => ({ Taxable: true, Billing_Address: address('Brisbane', 'QLD', '4000', 'Australia') }),
    items: [service('Solar panel check', 310.45, taxId('GST')), part('Isolator switch', 57.2, taxId('GST'))],
    lines: [{ item: 0, quantity: 1, parts: [{ item: 1, quantity: 3 }] }],
    pricing: { discount: { value: 20, apply: 'after_tax' }, rounding: { increment: '0.05' } },
    lineTaxes: ['GST', 'GST'],
  },
  {
    name: 'au: non-taxable customer → every line exempt; line discount; inclusive',
    edition: 'au',
    customer: () => ({ Taxable: false, Billing_Address: address('Perth', 'WA', '6000', 'Australia') }),
    items: [service('Pump repair', 420, taxId('GST')), part('Seal kit', 33.3, taxId('GST'))],
    lines: [{ item: 0, quantity: 1, discount: { value: 5, percent: true }, parts: [{ item: 1, quantity: 2 }] }],
    pricing: { inclusive: true, rounding: 'none' },
    lineTaxes: ['', ''],
  },
  {
    name: 'ca: taxable customer → the default HST (ON); line discounts; rounding whole',
    edition: 'ca',
    customer: () => ({ Taxable: true, Billing_Address: address('Toronto', 'ON', 'M5H 2N2', 'Canada') }),
    items: [service('Furnace tune-up', 149.99, taxId('HST (ON)')), part('Igniter', 61.15, taxId('HST (ON)'))],
    lines: [{ item: 0, quantity: 1, discount: { value: 10 }, parts: [{ item: 1, quantity: 1 }] }, { item: 0, quantity: 2, discount: { value: 3, percent: true } }],
    pricing: { rounding: 'whole' },
    lineTaxes: ['HST (ON)', 'HST (ON)', 'HST (ON)'],
  },
  {
    name: 'ca: non-taxable customer → every line exempt; discount before tax',
    edition: 'ca',
    customer: () => ({ Taxable: false, Billing_Address: address('Vancouver', 'BC', 'V6B 1A1', 'Canada') }),
    items: [service('Heat pump service', 275, taxId('GST + PST (BC)')), part('Refrigerant', 88.6, taxId('GST + PST (BC)'))],
    lines: [{ item: 0, quantity: 1, parts: [{ item: 1, quantity: 2 }] }],
    pricing: { discount: { value: '10%', apply: 'before_tax' }, rounding: 'none' },
    lineTaxes: ['', ''],
  },
  {
    name: 'ae: VAT 5% on every line; exclusive; discount after tax; rounding to 0.25',
    edition: 'ae', placeOfSupply: 'DU',
    customer: () => ({ Tax_Treatment: 'vat_not_registered', Billing_Address: address('Dubai', 'Dubai', '00000', 'United Arab Emirates') }),
    items: [service('AC maintenance', 385, taxId('VAT 5%')), part('Capacitor', 27.5, taxId('VAT 5%'))],
    lines: [{ item: 0, quantity: 3, parts: [{ item: 1, quantity: 2 }] }],
    pricing: { discount: { value: '3%', apply: 'after_tax' }, rounding: { increment: '0.25' } },
    lineTaxes: ['VAT 5%', 'VAT 5%'],
  },
];

let counter = 0;

/** A synced world of the edition whose seeded records are all paired: only the case's records are new. */
async function quietWorld(edition: TaxEdition): Promise<SyncWorld> {
  const world = syncWorld({ edition, fsmRecords: { customers: 2, items: 2 }, booksRecords: { customers: 2, items: 2, offset: 1 } });
  await runUntilQuiet(world);
  return world;
}

/** The case's customer, items and work order, created in FSM only (the customer and items are missing in finance). */
function fsmRecords(world: SyncWorld, c: EditionCase, ids: FinanceTaxIds): { workOrderId: string; company: string; items: string[] } {
  const suffix = String(++counter);
  const company = `Billing ${c.edition} ${suffix} Ltd`;
  const created = world.sandbox.insert(world.fsm, 'Companies', { Company_Name: company, Email: `accounts${suffix}@billing-${c.edition}.example`, Company_Type: 'Customer', ...c.customer(ids) });
  const items = c.items.map((spec) => world.sandbox.insert(world.fsm, 'Service_And_Parts', { Name: `${spec.name} ${suffix}`, Type: spec.type, Unit_Price: spec.price, Unit: 'pcs', ...spec.tax(ids) }));
  const itemId = (i: number) => String(items[i]?.id);
  const discount = (d: LineSpec['discount']): Row => (d === undefined ? {} : { Discount: d.value, Discount_Type: d.percent ? 'Percentage' : 'Amount' });
  const workOrder = world.sandbox.insert(world.fsm, 'Work_Orders', {
    Summary: c.name.slice(0, 40),
    Company: String(created.id),
    Billing_Address: c.customer(ids).Billing_Address,
    ...(c.placeOfSupply === undefined ? {} : { Place_of_Supply: c.placeOfSupply }),
    Service_Line_Items: c.lines.map((line) => ({
      Service: itemId(line.item), Quantity: line.quantity, List_Price: c.items[line.item]?.price, ...discount(line.discount),
      Part_Line_Items: (line.parts ?? []).map((p) => ({ Part: itemId(p.item), Quantity: p.quantity, List_Price: c.items[p.item]?.price })),
    })),
  });
  return { workOrderId: String(workOrder.id), company, items: c.items.map((spec) => `${spec.name} ${suffix}`) };
}

const money = (text: string) => Number(text);

describe('Billing.invoiceWorkOrder in each edition: missing customer and items created once and linked, one Draft invoice with the totals TaxSync computes', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const world = await quietWorld(c.edition);
    world.sandbox.updateOrg(world.books, { rounding: c.pricing.rounding ?? 'none' });
    const taxes = new TaxSync({ client: world.client, storage: world.storage, edition: c.edition, ...(c.origin ? { origin: c.origin } : {}) });
    await taxes.pull();
    const ids = financeTaxIds(world);
    const { workOrderId, company, items } = fsmRecords(world, c, ids);
    const billing = new Billing({ client: world.client, storage: world.storage, mapper: world.mapper, taxes, syncer: world.syncer(), pricing: c.pricing });

    const result = await billing.invoiceWorkOrder(workOrderId);

    // The customer and each item were created once, and are the invoice's.
    expect(result.created.map((x) => x.entity).sort()).toEqual(['companies', ...items.map(() => 'items')].sort());
    expect(customers(world).filter((x) => x.contact_name === company), `Books customers named ${company}`).toHaveLength(1);
    for (const name of items) expect(world.sandbox.records(world.books, 'items').filter((x) => x.name === name), `Books items named ${name}`).toHaveLength(1);

    // The invoice as Books holds it: a Draft whose totals are TaxSync's, to the cent.
    const invoice = (await world.client.finance.invoices.get(result.invoice.invoice_id)) as unknown as Row;
    const totals = result.totals;
    if (!totals) throw new Error('billing computed no totals: the tax configuration did not load');
    expect(invoice.status).toBe('draft');
    expect(invoice.customer_id).toBe(result.created.find((x) => x.entity === 'companies')?.financeId);
    expect({ sub_total: invoice.sub_total, discount: invoice.discount_amount, tax_total: invoice.tax_total, roundoff: invoice.roundoff_value, total: invoice.total }).toEqual({
      sub_total: money(totals.subTotal), discount: money(totals.discount), tax_total: money(totals.taxTotal), roundoff: money(totals.roundingAdjustment), total: money(totals.total),
    });
    const lines = invoice.line_items as Row[];
    expect(lines.map((l) => l.tax_name), 'each line\'s tax, by the prefill matrix').toEqual(c.lineTaxes);
    expect(lines.map((l) => l.item_total)).toEqual(totals.lines.map((l) => money(l.amount)));
    const byName = (list: Array<{ name: string; amount: number }>) => [...list].sort((a, b) => a.name.localeCompare(b.name));
    expect(byName((invoice.taxes as Row[]).map((t) => ({ name: String(t.tax_name), amount: Number(t.tax_amount) })))).toEqual(
      byName(totals.taxes.map((t) => ({ name: t.name ?? t.key, amount: money(t.amount) }))),
    );
    expect(lines.map((l) => l.tax_percentage), 'each line\'s tax rate, as billing planned it').toEqual(result.lines.map((p) => Number(p.tax?.rate ?? 0)));
    if (c.lineTaxes.every((t) => t === '')) expect(totals.taxTotal, 'an invoice of exempt lines charges no tax').toBe('0.00');
    else expect(money(totals.taxTotal)).toBeGreaterThan(0);
    if (c.placeOfSupply !== undefined) expect(invoice.place_of_supply, 'the work order\'s place of supply is the invoice\'s').toBe(c.placeOfSupply);

    // The next sync run finds everything linked: no write to either side.
    const since = world.sandbox.calls.list().length;
    await world.syncer().run();
    expect(writesSince(world, since), 'writes of the sync run right after invoicing').toEqual([]);
  });
});
