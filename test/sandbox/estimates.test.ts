import { describe, expect, it } from 'vitest';
import { computeTotals } from '../../src/tax/totals.js';
import { orgId, SandboxApi, testSandbox } from './helpers.js';

async function setup(edition: 'au' | 'us' = 'au') {
  const sandbox = testSandbox({ users: [{ email: 'est@example.com', books: [{ edition, records: { customers: 0, items: 0 } }], invoice: [{ edition }] }] });
  const api = new SandboxApi(sandbox);
  const books = orgId(sandbox, 'books');
  const taxes = (await api.books('GET', books, '/settings/taxes')).body.taxes as Array<{ tax_id: string; tax_name: string; tax_percentage: number }>;
  const customer = (await api.books('POST', books, '/contacts', { contact_name: 'Estimate Co' })).body.contact;
  const item = (await api.books('POST', books, '/items', { name: 'Boiler', rate: 1234.56 })).body.item;
  return { sandbox, api, books, taxes, customer, item };
}

describe('sandbox estimates', () => {
  it('creates a draft estimate whose totals are exactly computeTotals of its lines, taxes and discounts', async () => {
    const { api, books, taxes, customer, item } = await setup();
    const gst = taxes.find((t) => t.tax_name === 'GST');
    expect(gst, 'the au edition has GST').toBeDefined();
    const created = await api.books('POST', books, '/estimates', {
      customer_id: customer.contact_id,
      reference_number: 'QUOTE-7',
      expiry_date: '2030-01-31',
      line_items: [
        { item_id: item.item_id, quantity: 3, tax_id: gst?.tax_id, discount: '12.5%' },
        { name: 'Callout', rate: 99.99, quantity: 1, tax_id: gst?.tax_id },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body.message).toBe('The estimate has been created');
    const estimate = created.body.estimate;
    const expected = computeTotals([
      { rate: 1234.56, quantity: 3, discount: '12.5%', taxes: [{ id: gst?.tax_id ?? '', name: 'GST', rate: gst?.tax_percentage ?? 0 }] },
      { rate: 99.99, quantity: 1, taxes: [{ id: gst?.tax_id ?? '', name: 'GST', rate: gst?.tax_percentage ?? 0 }] },
    ]);
    expect(estimate).toMatchObject({
      status: 'draft', estimate_number: 'EST-000001', reference_number: 'QUOTE-7', expiry_date: '2030-01-31', customer_name: 'Estimate Co',
      sub_total: Number(expected.subTotal), tax_total: Number(expected.taxTotal), total: Number(expected.total),
    });
    expect(estimate.line_items.map((l: { item_total: number }) => l.item_total)).toEqual(expected.lines.map((l) => Number(l.amount)));
    expect(estimate.taxes).toEqual([{ tax_name: 'GST', tax_amount: Number(expected.taxes[0]?.amount) }]);
  });

  it('applies an entity-level discount before tax as computeTotals does', async () => {
    const { api, books, taxes, customer, item } = await setup();
    const gst = taxes.find((t) => t.tax_name === 'GST');
    const estimate = (await api.books('POST', books, '/estimates', {
      customer_id: customer.contact_id, discount_type: 'entity_level', discount: '10%', is_discount_before_tax: true,
      line_items: [{ item_id: item.item_id, quantity: 1, tax_id: gst?.tax_id }],
    })).body.estimate;
    const expected = computeTotals([{ rate: 1234.56, taxes: [{ rate: gst?.tax_percentage ?? 0, name: 'GST' }] }], { discount: { value: '10%', apply: 'before_tax' } });
    expect([estimate.tax_total, estimate.total]).toEqual([Number(expected.taxTotal), Number(expected.total)]);
  });

  it('refuses a customer that does not exist, and a discount over 100 %, storing nothing', async () => {
    const { sandbox, api, books, customer, item } = await setup();
    const refusals = [
      await api.books('POST', books, '/estimates', { customer_id: '460000000999999', line_items: [{ item_id: item.item_id }] }),
      await api.books('POST', books, '/estimates', { customer_id: customer.contact_id, line_items: [{ item_id: item.item_id, discount: '150%' }] }),
      await api.books('POST', books, '/estimates', { customer_id: customer.contact_id }),
    ];
    expect(refusals.map((r) => [r.status, r.body.code])).toEqual([[404, 1002], [400, 2], [400, 2]]);
    expect(sandbox.records(books, 'estimates')).toEqual([]);
  });

  it('goes draft → sent → accepted → invoiced; refuses every other change with code 4041 and changes nothing', async () => {
    const { sandbox, api, books, customer, item } = await setup();
    const estimate = (await api.books('POST', books, '/estimates', { customer_id: customer.contact_id, line_items: [{ item_id: item.item_id, quantity: 2 }] })).body.estimate;
    const id = estimate.estimate_id;
    const mark = (status: string) => api.books('POST', books, `/estimates/${id}/status/${status}`);
    const status = () => sandbox.record(books, 'estimates', id)?.status;

    for (const early of ['accepted', 'declined']) {
      const refused = await mark(early);
      expect([refused.status, refused.body.code], `${early} from draft`).toEqual([400, 4041]);
      expect(status()).toBe('draft');
    }
    const refusedConversion = await api.books('POST', books, `/invoices/fromestimates?estimate_ids=${id}`);
    expect([refusedConversion.status, refusedConversion.body.code]).toEqual([400, 4042]);
    expect(sandbox.records(books, 'invoices')).toEqual([]);

    expect((await mark('sent')).body).toEqual({ code: 0, message: 'Estimate status has been changed to Sent' });
    expect([(await mark('sent')).body.code, status()]).toEqual([4041, 'sent']);
    expect((await mark('accepted')).body.message).toBe('Estimate status has been changed to Accepted.');
    expect([(await mark('declined')).body.code, status()]).toEqual([4041, 'accepted']);

    const converted = await api.books('POST', books, `/invoices/fromestimates?estimate_ids=${id}`);
    expect(converted.status).toBe(200);
    expect(converted.body).toEqual({ code: 0, message: 'The invoices have been created.' });
    const invoices = sandbox.records(books, 'invoices');
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ customer_id: customer.contact_id, status: 'draft', reference_number: estimate.estimate_number, invoiced_estimate_id: id, total: estimate.total });
    expect(sandbox.record(books, 'estimates', id)).toMatchObject({ status: 'invoiced', invoice_ids: [invoices[0]?.invoice_id] });

    const again = await api.books('POST', books, `/invoices/fromestimates?estimate_ids=${id}`);
    expect([again.status, again.body.code]).toEqual([400, 4042]);
    const edit = await api.books('PUT', books, `/estimates/${id}`, { customer_id: customer.contact_id, custom_fields: [], notes: 'late' });
    const remove = await api.books('DELETE', books, `/estimates/${id}`);
    expect([edit.body.code, remove.body.code]).toEqual([4044, 4044]);
    expect(sandbox.records(books, 'invoices')).toHaveLength(1);
  });

  it('declines a sent estimate; updates, lists with filters and deletes', async () => {
    const { api, books, customer, item } = await setup();
    const make = async (reference: string) => (await api.books('POST', books, '/estimates', { customer_id: customer.contact_id, reference_number: reference, line_items: [{ item_id: item.item_id }] })).body.estimate;
    const first = await make('R-1');
    const second = await make('R-2');
    await api.books('POST', books, `/estimates/${first.estimate_id}/status/sent`);
    expect((await api.books('POST', books, `/estimates/${first.estimate_id}/status/declined`)).body.message).toBe('Estimate status has been changed to Declined.');
    const updated = await api.books('PUT', books, `/estimates/${second.estimate_id}`, { customer_id: customer.contact_id, custom_fields: [], line_items: [{ item_id: item.item_id, quantity: 2 }] });
    expect(updated.body.message).toBe('Estimate information has been updated.');
    expect(updated.body.estimate.sub_total).toBe(2469.12);
    const list = async (query: string) => (await api.books('GET', books, `/estimates?${query}`)).body.estimates.map((e: { estimate_id: string }) => e.estimate_id);
    expect(await list('status=declined')).toEqual([first.estimate_id]);
    expect(await list('filter_by=Status.Draft')).toEqual([second.estimate_id]);
    expect(await list('reference_number=r-2')).toEqual([second.estimate_id]);
    expect(await list(`item_id=${item.item_id}&sort_column=estimate_number&sort_order=A`)).toEqual([first.estimate_id, second.estimate_id]);
    expect((await api.books('GET', books, '/estimates?status=nope')).status).toBe(400);
    expect((await api.books('DELETE', books, `/estimates/${second.estimate_id}`)).body.message).toBe('The estimate has been deleted.');
    expect((await api.books('GET', books, `/estimates/${second.estimate_id}`)).body.code).toBe(1002);
  });

  it('serves estimates in Zoho Invoice too', async () => {
    const { sandbox, api } = await setup();
    const invoiceOrg = orgId(sandbox, 'invoice');
    const customer = (await api.finance('POST', 'invoice', invoiceOrg, '/contacts', { contact_name: 'Invoice App Co' })).body.contact;
    const created = await api.finance('POST', 'invoice', invoiceOrg, '/estimates', { customer_id: customer.contact_id, line_items: [{ name: 'Visit', rate: 80 }] });
    expect([created.status, created.body.estimate.total]).toEqual([201, 80]);
  });
});
