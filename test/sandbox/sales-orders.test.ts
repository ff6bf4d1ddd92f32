import { describe, expect, it } from 'vitest';
import { IntegrationClient } from '../../src/client/integration-client.js';
import { ModuleUnavailableError } from '../../src/errors/module-unavailable-error.js';
import { computeTotals } from '../../src/tax/totals.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import { orgId, SandboxApi, testSandbox } from './helpers.js';

async function setup(inventory = true) {
  const sandbox = testSandbox({ users: [{ email: 'so@example.com', books: [{ edition: 'au', inventory, records: { customers: 0, items: 0 } }], invoice: [{ edition: 'au' }] }] });
  const api = new SandboxApi(sandbox);
  const books = orgId(sandbox, 'books');
  const customer = (await api.books('POST', books, '/contacts', { contact_name: 'Order Co' })).body.contact;
  const item = (await api.books('POST', books, '/items', { name: 'Valve', rate: 45.5 })).body.item;
  const pump = (await api.books('POST', books, '/items', { name: 'Pump', rate: 310 })).body.item;
  const client = (app: 'books' | 'invoice') => {
    const { clientId, clientSecret, refreshToken } = sandbox.credentials();
    return new IntegrationClient({
      region: 'us', finance: { app, organizationId: orgId(sandbox, app) }, auth: { clientId, clientSecret, refreshToken },
      transport: createFetchTransport({ fetch: sandbox.fetch }), clock: sandbox.manualClock, retry: { random: () => 0.5 },
    });
  };
  return { sandbox, api, books, customer, item, pump, client };
}

describe('sandbox sales orders', () => {
  it('answers code 4043 on a Books org without inventory (the default), and the client throws ModuleUnavailableError', async () => {
    const { sandbox, api, books, customer, item, client } = await setup(false);
    expect(sandbox.orgs({ app: 'books' })[0]?.inventory).toBe(false);
    const refused = await api.books('POST', books, '/salesorders', { customer_id: customer.contact_id, line_items: [{ item_id: item.item_id }] });
    expect([refused.status, refused.body.code]).toEqual([400, 4043]);
    expect(sandbox.records(books, 'salesorders')).toEqual([]);
    const error = await client('books').finance.salesOrders.list().toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModuleUnavailableError);
    expect(error).toMatchObject({ code: 'MODULE_UNAVAILABLE', module: 'salesorders', zohoCode: 4043 });
    sandbox.updateOrg(books, { inventory: true });
    expect(await client('books').finance.salesOrders.list().toArray()).toEqual([]);
  });

  it('is an unknown endpoint in Zoho Invoice; the client refuses without calling', async () => {
    const { sandbox, api, client } = await setup();
    const invoiceOrg = orgId(sandbox, 'invoice');
    const reply = await api.finance('GET', 'invoice', invoiceOrg, '/salesorders');
    expect([reply.status, reply.body]).toEqual([404, { message: 'URL Not Found' }]);
    const before = sandbox.calls.count({ app: 'invoice' });
    await expect(client('invoice').finance.salesOrders.get('460000000000001')).rejects.toBeInstanceOf(ModuleUnavailableError);
    expect(sandbox.calls.count({ app: 'invoice' })).toBe(before);
    expect(() => sandbox.updateOrg(invoiceOrg, { inventory: true })).toThrow(/Books setting/);
  });

  it('goes draft → open → invoiced (closed) through the client, recording the invoice on the order; totals are computeTotals', async () => {
    const { sandbox, books, customer, item, pump, client } = await setup();
    const finance = client('books').finance;
    const order = await finance.salesOrders.create({ customer_id: customer.contact_id, reference_number: 'WO-1', line_items: [{ item_id: item.item_id, quantity: 3, discount: '10%' }, { item_id: pump.item_id }] });
    const expected = computeTotals([{ rate: 45.5, quantity: 3, discount: '10%' }, { rate: 310 }]);
    expect(order).toMatchObject({ status: 'draft', order_status: 'draft', invoiced_status: 'not_invoiced', salesorder_number: 'SO-000001', total: Number(expected.total) });
    await expect(finance.salesOrders.convertToInvoice(order.salesorder_id)).rejects.toMatchObject({ zohoCode: 4042 });
    expect(sandbox.records(books, 'invoices')).toEqual([]);
    await finance.salesOrders.markOpen(order.salesorder_id);
    const invoice = await finance.salesOrders.convertToInvoice(order.salesorder_id);
    expect(invoice).toMatchObject({ customer_id: customer.contact_id, reference_number: 'SO-000001', total: Number(expected.total), status: 'draft' });
    const after = await finance.salesOrders.get(order.salesorder_id);
    expect(after).toMatchObject({ status: 'invoiced', order_status: 'closed', invoiced_status: 'invoiced', invoices: [{ invoice_id: invoice.invoice_id }] });
    expect(after.line_items?.every((l) => l.is_invoiced === true)).toBe(true);
    for (const refusal of [finance.salesOrders.convertToInvoice(order.salesorder_id), finance.salesOrders.markVoid(order.salesorder_id), finance.salesOrders.delete(order.salesorder_id)]) {
      await expect(refusal).rejects.toMatchObject({ status: 400 });
    }
    expect(sandbox.records(books, 'invoices')).toHaveLength(1);
    expect(sandbox.record(books, 'salesorders', order.salesorder_id)?.status).toBe('invoiced');
  });

  it('records an invoice created with a line naming an order line as partial invoicing', async () => {
    const { api, books, customer, item, pump, client } = await setup();
    const finance = client('books').finance;
    const order = await finance.salesOrders.create({ customer_id: customer.contact_id, line_items: [{ item_id: item.item_id }, { item_id: pump.item_id }] });
    await finance.salesOrders.markOpen(order.salesorder_id);
    const lineId = order.line_items?.[0]?.line_item_id;
    await api.books('POST', books, '/invoices', { customer_id: customer.contact_id, line_items: [{ item_id: item.item_id, salesorder_item_id: lineId }] });
    expect(await finance.salesOrders.get(order.salesorder_id)).toMatchObject({ status: 'partially_invoiced', order_status: 'open', invoiced_status: 'partially_invoiced' });
    const rest = await finance.salesOrders.convertToInvoice(order.salesorder_id);
    expect(rest.line_items?.map((l) => l.item_id)).toEqual([pump.item_id]);
    expect((await finance.salesOrders.get(order.salesorder_id)).invoices).toHaveLength(2);
  });

  it('finds an order by its exact reference after a lost reply; voids and reopens a draft; refuses open twice with 4041', async () => {
    const { sandbox, books, customer, item, client } = await setup();
    const finance = client('books').finance;
    sandbox.faults.next({ match: { method: 'POST', path: '/salesorders' }, fault: 'lost-ack' });
    await expect(finance.salesOrders.create({ customer_id: customer.contact_id, reference_number: 'WO-LOST', line_items: [{ item_id: item.item_id }] })).rejects.toThrow();
    await finance.salesOrders.create({ customer_id: customer.contact_id, reference_number: 'wo-lost', line_items: [{ item_id: item.item_id }] });
    const found = await finance.salesOrders.findByReference('WO-LOST');
    expect(found.map((o) => o.reference_number)).toEqual(['WO-LOST']);
    const id = found[0]?.salesorder_id ?? '';
    await finance.salesOrders.markVoid(id, { reason: 'Duplicate' });
    expect(sandbox.record(books, 'salesorders', id)).toMatchObject({ status: 'void', void_reason: 'Duplicate' });
    await finance.salesOrders.markOpen(id);
    await expect(finance.salesOrders.markOpen(id)).rejects.toMatchObject({ zohoCode: 4041 });
    expect(sandbox.record(books, 'salesorders', id)?.status).toBe('open');
  });
});
