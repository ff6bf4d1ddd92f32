import { describe, expect, it } from 'vitest';
import { computeTotals } from '../../src/tax/totals.js';
import { orgId, SandboxApi, testSandbox } from './helpers.js';

const DAY = 86_400_000;

async function setup(edition: 'us' | 'au' = 'au') {
  const sandbox = testSandbox({ users: [{ email: 'pay@example.com', books: [{ edition }], invoice: [{ edition }] }] });
  // Tests move the clock by days, past an access token's life: `refresh()` takes a new one.
  const holder = { api: new SandboxApi(sandbox) };
  const api = { books: (...args: Parameters<SandboxApi['books']>) => holder.api.books(...args), finance: (...args: Parameters<SandboxApi['finance']>) => holder.api.finance(...args) };
  const refresh = () => (holder.api = new SandboxApi(sandbox));
  const books = orgId(sandbox, 'books');
  const customer = (await api.books('POST', books, '/contacts', { contact_name: 'Payer Co' })).body.contact;
  const other = (await api.books('POST', books, '/contacts', { contact_name: 'Other Co' })).body.contact;
  const item = (await api.books('POST', books, '/items', { name: 'Labour', rate: 100 })).body.item;
  const invoice = async (extra: Record<string, unknown> = {}, customerId = customer.contact_id) =>
    (await api.books('POST', books, '/invoices', { customer_id: customerId, line_items: [{ item_id: item.item_id, quantity: 2 }], ...extra })).body.invoice;
  const sent = async (extra: Record<string, unknown> = {}, customerId = customer.contact_id) => {
    const created = await invoice(extra, customerId);
    await api.books('POST', books, `/invoices/${created.invoice_id}/status/sent`);
    return created;
  };
  const pay = (invoiceId: string, amount: number, applied = amount, extra: Record<string, unknown> = {}) =>
    api.books('POST', books, '/customerpayments', {
      customer_id: customer.contact_id, payment_mode: 'cash', amount, date: '2026-01-01', invoice_id: invoiceId, amount_applied: applied,
      invoices: [{ invoice_id: invoiceId, amount_applied: applied }], ...extra,
    });
  const get = async (id: string) => (await api.books('GET', books, `/invoices/${id}`)).body.invoice;
  return { sandbox, api, refresh, books, customer, other, item, invoice, sent, pay, get };
}

describe('sandbox invoice payments', () => {
  it('a partial payment makes the invoice partially_paid, a second one paid, and deleting it restores the balance', async () => {
    const { api, books, sent, pay, get } = await setup();
    const inv = await sent();
    expect(inv.total).toBe(200);
    const first = await pay(inv.invoice_id, 50);
    expect(first.status).toBe(201);
    expect(first.body.payment).toMatchObject({ amount: 50, invoices: [{ invoice_id: inv.invoice_id, amount_applied: 50, balance_amount: 150 }] });
    expect(await get(inv.invoice_id)).toMatchObject({ status: 'partially_paid', balance: 150, payment_made: 50 });
    const second = await pay(inv.invoice_id, 150);
    expect(await get(inv.invoice_id)).toMatchObject({ status: 'paid', balance: 0, payment_made: 200 });
    expect((await api.books('GET', books, `/invoices/${inv.invoice_id}/payments`)).body.payments.map((p: { amount: number }) => p.amount)).toEqual([50, 150]);
    expect((await api.books('DELETE', books, `/customerpayments/${second.body.payment.payment_id}`)).body).toEqual({ code: 0, message: 'The payment has been deleted.' });
    expect(await get(inv.invoice_id)).toMatchObject({ status: 'partially_paid', balance: 150 });
    const updated = await api.books('PUT', books, `/customerpayments/${first.body.payment.payment_id}`, {
      customer_id: first.body.payment.customer_id, payment_mode: 'cash', amount: 200, invoice_id: inv.invoice_id, amount_applied: 200, invoices: [{ invoice_id: inv.invoice_id, amount_applied: 200 }],
    });
    expect(updated.body.message).toBe('The payment details have been updated.');
    expect(await get(inv.invoice_id)).toMatchObject({ status: 'paid', balance: 0 });
  });

  it('refuses each bad payment with its code and changes nothing', async () => {
    const { sandbox, books, other, sent, invoice, pay, get, customer } = await setup();
    const inv = await sent();
    const draft = await invoice();
    const foreign = await sent({}, other.contact_id);
    const bank = sandbox.records(books, 'chartofaccounts').find((a) => a.account_type === 'income');
    const cases: Array<[string, ReturnType<typeof pay>, number]> = [
      ['over the balance', pay(inv.invoice_id, 500), 24016],
      ['another customer\'s invoice', pay(foreign.invoice_id, 10), 2],
      ['a draft invoice', pay(draft.invoice_id, 10), 2],
      ['applied more than the amount', pay(inv.invoice_id, 10, 20), 2],
      ['another currency', pay(inv.invoice_id, 10, 10, { currency_code: 'EUR' }), 2],
      ['an income account as deposit account', pay(inv.invoice_id, 10, 10, { account_id: String(bank?.account_id) }), 2],
      ['an unknown customer', pay(inv.invoice_id, 10, 10, { customer_id: '460000000999999' }), 3004],
    ];
    for (const [what, reply, code] of cases) expect([what, (await reply).status, (await reply).body.code]).toEqual([what, 400, code]);
    expect(sandbox.records(books, 'customerpayments')).toEqual([]);
    expect(await get(inv.invoice_id)).toMatchObject({ status: 'sent', balance: 200 });
    expect(customer.contact_id).toBeTruthy();
  });

  it('follows the status rules: sent from draft, void without payments, draft from void; overdue after the due date', async () => {
    const { sandbox, api, refresh, books, invoice, pay, get } = await setup();
    const inv = await invoice({ payment_terms: 15 });
    expect(inv).toMatchObject({ payment_terms: 15, payment_terms_label: 'Net 15' });
    const mark = async (status: string) => (await api.books('POST', books, `/invoices/${inv.invoice_id}/status/${status}`)).body;
    expect((await mark('draft')).code).toBe(2);
    expect(await mark('sent')).toEqual({ code: 0, message: 'Invoice status has been changed to Sent.' });
    expect((await mark('sent')).code).toBe(2);
    await pay(inv.invoice_id, 10);
    expect(await mark('void')).toEqual({ code: 2, message: 'Payments have been recorded for this invoice. Delete them before voiding it.' });
    await sandbox.manualClock.advance(20 * DAY);
    refresh();
    expect((await get(inv.invoice_id)).status).toBe('overdue');
    const overdue = (await api.books('GET', books, '/invoices?status=overdue')).body.invoices.map((i: { invoice_id: string }) => i.invoice_id);
    const unpaid = (await api.books('GET', books, '/invoices?status=unpaid')).body.invoices.map((i: { invoice_id: string }) => i.invoice_id);
    expect(overdue).toEqual([inv.invoice_id]);
    expect(unpaid).toEqual([inv.invoice_id]);
    for (const p of sandbox.records(books, 'customerpayments')) await api.books('DELETE', books, `/customerpayments/${String(p.payment_id)}`);
    expect(await mark('void')).toEqual({ code: 0, message: 'Invoice status has been changed to Void.' });
    expect(await get(inv.invoice_id)).toMatchObject({ status: 'void', balance: 0 });
    expect(await mark('draft')).toEqual({ code: 0, message: 'Status of invoice changed from void to draft' });
  });

  it('takes payment terms from the customer and validates contact_persons against its persons', async () => {
    const { api, books, customer, other, invoice } = await setup();
    await api.books('PUT', books, `/contacts/${customer.contact_id}`, { contact_name: 'Payer Co', contact_type: 'customer', payment_terms: 30, payment_terms_label: 'Net 30' });
    const person = (await api.books('POST', books, '/contacts/contactpersons', { contact_id: customer.contact_id, first_name: 'Ann' })).body.contact_person;
    const stranger = (await api.books('POST', books, '/contacts/contactpersons', { contact_id: other.contact_id, first_name: 'Bob' })).body.contact_person;
    const inv = await invoice({ date: '2026-03-01', contact_persons: [person.contact_person_id], salesperson_name: 'Sam' });
    expect(inv).toMatchObject({ payment_terms: 30, payment_terms_label: 'Net 30', due_date: '2026-03-31', contact_persons: [person.contact_person_id], salesperson_name: 'Sam' });
    const refused = await api.books('POST', books, '/invoices', { customer_id: customer.contact_id, contact_persons: [stranger.contact_person_id], line_items: [{ item_id: inv.line_items[0].item_id }] });
    expect([refused.status, refused.body.code]).toEqual([400, 1002]);
  });
});

describe('sandbox invoice totals are computeTotals', () => {
  const cases: Array<[string, Record<string, unknown>, Parameters<typeof computeTotals>[1], string | number | undefined]> = [
    ['exclusive, line discount', {}, {}, '10%'],
    ['inclusive', { is_inclusive_tax: true }, { inclusive: true }, undefined],
    ['entity discount before tax', { discount: 15, discount_type: 'entity_level', is_discount_before_tax: true }, { discount: { value: 15, apply: 'before_tax' } }, undefined],
    ['entity discount after tax', { discount: '10%', discount_type: 'entity_level', is_discount_before_tax: false }, { discount: { value: '10%', apply: 'after_tax' } }, undefined],
  ];
  for (const rounding of ['none', 'whole', { increment: '0.25' }] as const) {
    it.each(cases)(`%s (rounding ${JSON.stringify(rounding)})`, async (_name, extra, options, lineDiscount) => {
      const { sandbox, api, books, customer } = await setup('au');
      sandbox.updateOrg(books, { rounding });
      const gst = (await api.books('GET', books, '/settings/taxes')).body.taxes.find((t: { tax_name: string }) => t.tax_name === 'GST');
      const item = (await api.books('POST', books, '/items', { name: 'Odd', rate: 33.33, tax_id: gst.tax_id })).body.item;
      const lines = [{ item_id: item.item_id, quantity: 3, ...(lineDiscount ? { discount: lineDiscount } : {}) }, { item_id: item.item_id, quantity: 1, rate: 19.99 }];
      const inv = (await api.books('POST', books, '/invoices', { customer_id: customer.contact_id, line_items: lines, ...extra })).body.invoice;
      const expected = computeTotals(
        [{ rate: 33.33, quantity: 3, ...(lineDiscount ? { discount: lineDiscount } : {}), taxes: [{ rate: gst.tax_percentage, id: gst.tax_id }] }, { rate: 19.99, taxes: [{ rate: gst.tax_percentage, id: gst.tax_id }] }],
        { ...options, rounding },
      );
      expect({ sub_total: inv.sub_total, tax_total: inv.tax_total, total: inv.total, roundoff_value: inv.roundoff_value, items: inv.line_items.map((l: { item_total: number }) => l.item_total) }).toEqual({
        sub_total: Number(expected.subTotal), tax_total: Number(expected.taxTotal), total: Number(expected.total), roundoff_value: Number(expected.roundingAdjustment),
        items: expected.lines.map((l) => Number(l.amount)),
      });
    });
  }
});

describe('sandbox payment links and the chart of accounts', () => {
  it('makes a link for a sent invoice, refuses drafts, past expiry and unknown invoices, and payByLink pays through it until it expires', async () => {
    const { sandbox, api, refresh, books, invoice, sent, get } = await setup();
    const inv = await sent();
    const link = (q: string) => api.books('GET', books, `/share/paymentlink?transaction_type=invoice&link_type=public&${q}`);
    const ok = await link(`transaction_id=${inv.invoice_id}&expiry_time=2099-12-31`);
    expect(ok.body).toEqual({ code: 0, message: 'success', data: { share_link: expect.stringMatching(/^https:\/\//) } });
    expect((await link(`transaction_id=${(await invoice()).invoice_id}&expiry_time=2099-12-31`)).body.code).toBe(2);
    expect((await link(`transaction_id=${inv.invoice_id}&expiry_time=2000-01-01`)).body.code).toBe(2);
    expect((await link('transaction_id=460000000999999&expiry_time=2099-12-31')).body.code).toBe(1002);
    const payment = sandbox.payByLink(ok.body.data.share_link, { amount: 40 });
    expect(payment).toMatchObject({ payment_mode: 'creditcard', amount: 40 });
    expect(await get(inv.invoice_id)).toMatchObject({ status: 'partially_paid', balance: 160 });
    const today = new Date(sandbox.clock.now()).toISOString().slice(0, 10);
    const short = (await link(`transaction_id=${inv.invoice_id}&expiry_time=${today}`)).body.data.share_link;
    await sandbox.manualClock.advance(3 * DAY);
    refresh();
    expect(() => sandbox.payByLink(short)).toThrow(/expired/);
    sandbox.payByLink(ok.body.data.share_link);
    expect(await get(inv.invoice_id)).toMatchObject({ status: 'paid', balance: 0 });
  });

  it('serves a seeded chart of accounts in Books, filtered by AccountType, and no chart in Zoho Invoice', async () => {
    const { sandbox, api, books } = await setup();
    const list = async (filter: string) => (await api.books('GET', books, `/chartofaccounts?filter_by=${filter}`)).body.chartofaccounts.map((a: { account_name: string }) => a.account_name);
    expect(await list('AccountType.Income')).toEqual(['General Income', 'Late Fee Income', 'Sales']);
    expect(await list('AccountType.Asset')).toEqual(expect.arrayContaining(['Petty Cash', 'Undeposited Funds', 'Business Checking']));
    expect((await api.books('GET', books, '/chartofaccounts?filter_by=AccountType.Bogus')).body.code).toBe(2);
    const cash = sandbox.records(books, 'chartofaccounts').find((a) => a.account_name === 'Petty Cash');
    expect((await api.books('GET', books, `/chartofaccounts/${String(cash?.account_id)}`)).body).toMatchObject({ code: 0, account_name: 'Petty Cash', account_type: 'cash' });
    const invoiceOrg = orgId(sandbox, 'invoice');
    const reply = await api.finance('GET', 'invoice', invoiceOrg, '/chartofaccounts');
    expect([reply.status, reply.body]).toEqual([404, { message: 'URL Not Found' }]);
  });
});
