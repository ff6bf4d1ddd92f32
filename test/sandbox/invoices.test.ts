import { describe, expect, it } from 'vitest';
import { testSandbox, orgId, SandboxApi } from './helpers.js';

describe('sandbox invoices', () => {
  it('refuses a create or update without customer_id, line_items or a line\'s item_id, as Zoho\'s published description requires them', async () => {
    const sandbox = testSandbox({ users: [{ email: 'inv@example.com', books: [{ edition: 'us' }] }] });
    const api = new SandboxApi(sandbox);
    const books = orgId(sandbox, 'books');
    const customer = (await api.books('POST', books, '/contacts', { contact_name: 'Strict Co' })).body.contact;
    const item = (await api.books('POST', books, '/items', { name: 'Labour', rate: 100 })).body.item;
    const invoice = (await api.books('POST', books, '/invoices', { customer_id: customer.contact_id, line_items: [{ item_id: item.item_id }] })).body.invoice;
    const refusals = [
      await api.books('POST', books, '/invoices', { line_items: [{ item_id: item.item_id }] }),
      await api.books('POST', books, '/invoices', { customer_id: customer.contact_id, line_items: [{ name: 'Free text', rate: 5 }] }),
      await api.books('PUT', books, `/invoices/${invoice.invoice_id}`, { notes: 'only a note' }),
    ];
    expect(refusals.map((r) => [r.status, r.body])).toEqual([
      [400, { code: 2, message: 'Invalid value passed for customer_id' }],
      [400, { code: 2, message: 'Invalid value passed for line_items[0].item_id' }],
      [400, { code: 2, message: 'Invalid value passed for customer_id' }],
    ]);
    expect(sandbox.records(books, 'invoices').find((i) => i.invoice_id === invoice.invoice_id)?.notes).toBe('');
  });

  it('creates a draft invoice with line totals and taxes, then sends, lists and deletes it', async () => {
    const sandbox = testSandbox({ users: [{ email: 'inv@example.com', books: [{ edition: 'au' }] }] });
    const api = new SandboxApi(sandbox);
    const books = orgId(sandbox, 'books');
    const gst = (await api.books('GET', books, '/settings/taxes')).body.taxes.find((t: { tax_name: string }) => t.tax_name === 'GST');
    const customer = (await api.books('POST', books, '/contacts', { contact_name: 'Invoice Co' })).body.contact;
    const item = (await api.books('POST', books, '/items', { name: 'Labour', rate: 100, tax_id: gst.tax_id })).body.item;
    const callout = (await api.books('POST', books, '/items', { name: 'Callout', rate: 60 })).body.item;
    const created = await api.books('POST', books, '/invoices', {
      customer_id: customer.contact_id,
      line_items: [{ item_id: item.item_id, quantity: 2 }, { item_id: callout.item_id, rate: 50, quantity: 1, discount: '10%' }],
    });
    expect(created.status).toBe(201);
    expect(created.body.message).toBe('The invoice has been created.');
    const invoice = created.body.invoice;
    expect(invoice).toMatchObject({ status: 'draft', customer_name: 'Invoice Co', invoice_number: 'INV-000001', sub_total: 245, tax_total: 20, total: 265, balance: 265 });
    expect(invoice.line_items.map((l: { item_total: number }) => l.item_total)).toEqual([200, 45]);
    expect(invoice.taxes).toEqual([{ tax_name: 'GST', tax_amount: 20 }]);

    const sent = await api.books('POST', books, `/invoices/${invoice.invoice_id}/status/sent`);
    expect(sent.body).toEqual({ code: 0, message: 'Invoice status has been changed to Sent.' });
    const contact = await api.books('GET', books, `/contacts/${customer.contact_id}`);
    expect(contact.body.contact).toMatchObject({ has_transaction: true, outstanding_receivable_amount: 265 });
    const unpaid = await api.books('GET', books, '/invoices?status=unpaid');
    expect(unpaid.body.invoices).toHaveLength(1);
    expect(unpaid.body.page_context).toMatchObject({ report_name: 'Invoices', sort_column: 'created_time', sort_order: 'D' });

    const lines = invoice.line_items.map((l: Record<string, unknown>) => ({ line_item_id: l.line_item_id, item_id: l.item_id, quantity: l.quantity, rate: l.rate, discount: l.discount }));
    const updated = await api.books('PUT', books, `/invoices/${invoice.invoice_id}`, { customer_id: customer.contact_id, line_items: lines, notes: 'Thanks' });
    expect(updated.body).toMatchObject({ message: 'Invoice information has been updated.', invoice: { notes: 'Thanks', total: 265 } });
    expect((await api.books('POST', books, '/invoices', { customer_id: customer.contact_id, invoice_number: 'INV-000001', line_items: [{ item_id: item.item_id }] })).body.code).toBe(1001);
    expect((await api.books('DELETE', books, `/invoices/${invoice.invoice_id}`)).body).toEqual({ code: 0, message: 'The invoice has been deleted.' });
    expect((await api.books('GET', books, `/invoices/${invoice.invoice_id}`)).body).toEqual({ code: 1002, message: 'Invoice does not exist.' });
  });

  it('filters invoices modified since a Books timestamp (last_modified_time)', async () => {
    const sandbox = testSandbox({ users: [{ email: 'inv@example.com', books: [{ records: { customers: 5, items: 5, invoices: 10 } }] }] });
    const api = new SandboxApi(sandbox);
    const books = orgId(sandbox, 'books');
    const all = (await api.books('GET', books, '/invoices')).body.invoices;
    expect(all).toHaveLength(10);
    await sandbox.manualClock.advance(60_000);
    const since = all[0].last_modified_time.replace('+', '%2B');
    const target = all[5].invoice_id;
    sandbox.edit(books, 'invoices', target, { notes: 'edited' });
    const changed = (await api.books('GET', books, `/invoices?last_modified_time=${encodeURIComponent(sandbox.record(books, 'invoices', target)!.last_modified_time as string)}`)).body.invoices;
    expect(changed.map((i: { invoice_id: string }) => i.invoice_id)).toEqual([target]);
    expect((await api.books('GET', books, `/invoices?last_modified_time=${since}`)).status).toBe(200);
    expect((await api.books('GET', books, '/invoices?last_modified_time=yesterday')).body.code).toBe(2);
  });
});
