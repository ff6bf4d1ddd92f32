import { ApiError } from '../../src/errors/api-error.js';
import { firstOrg, recordedWorld, type FlowSetting } from './contract-world.js';
import type { Exchange } from './record-exchanges.js';

async function refused(call: Promise<unknown>, what: string): Promise<void> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ApiError) return;
    throw error;
  }
  throw new Error(`expected Zoho to refuse ${what}`);
}

/**
 * An invoice's lifecycle and its payments through the client: status changes, a payment link paid
 * through the sandbox, customer payments (create, list, get, update, delete), the invoice's
 * payments, lookups by reference, and (Books) the chart of accounts.
 */
export async function paymentsFlow(log: Exchange[], setting: FlowSetting): Promise<void> {
  const world = recordedWorld(log, {
    seed: 21,
    undocumented: setting.undocumented,
    users: [{ email: 'payments@example.com', region: 'us', books: [{ edition: 'us', records: { customers: 3, items: 3 } }], invoice: [{ edition: 'us', records: { customers: 3, items: 3 } }], fsm: false }],
  });
  const organizationId = firstOrg(world.sandbox, setting.app);
  const finance = world.client({ app: setting.app, organizationId }).finance;
  const [customer] = await finance.contacts.list().toArray();
  const [item] = await finance.items.list().toArray();
  if (!customer || !item) throw new Error('the payments flow needs a generated customer and item');

  const invoice = await finance.invoices.create({
    customer_id: customer.contact_id, reference_number: 'WO-PAY-1', payment_terms: 15, salesperson_name: 'Sam Field',
    discount: 5, is_discount_before_tax: true, discount_type: 'entity_level', line_items: [{ item_id: item.item_id, quantity: 2 }],
  });
  await refused(finance.invoices.paymentLink(invoice.invoice_id, { expiresOn: '2099-01-01' }), 'a payment link for a draft');
  await finance.invoices.markSent(invoice.invoice_id);
  await refused(finance.invoices.markSent(invoice.invoice_id), 'sending a sent invoice');
  await finance.invoices.findByReference('WO-PAY-1');
  const link = await finance.invoices.paymentLink(invoice.invoice_id, { expiresOn: '2099-01-01', linkType: 'private' });
  world.sandbox.payByLink(link, { amount: 10 });

  let accountId: string | undefined;
  if (setting.app === 'books') {
    const accounts = await finance.chartOfAccounts.list({ accountType: 'Asset', sortColumn: 'account_code' }).toArray();
    await finance.chartOfAccounts.list().toArray();
    accountId = accounts.find((a) => a.account_type === 'bank')?.account_id;
    if (accountId) await finance.chartOfAccounts.get(accountId);
  }
  const payment = await finance.customerPayments.create({
    customer_id: customer.contact_id, payment_mode: 'banktransfer', amount: 20, date: String(invoice.date), reference_number: 'BANK-1',
    ...(accountId ? { account_id: accountId } : {}), invoices: [{ invoice_id: invoice.invoice_id, amount_applied: 20 }],
  });
  await refused(
    finance.customerPayments.create({ customer_id: customer.contact_id, payment_mode: 'cash', amount: 100_000, date: String(invoice.date), invoices: [{ invoice_id: invoice.invoice_id, amount_applied: 100_000 }] }),
    'a payment above the balance',
  );
  await finance.customerPayments.get(payment.payment_id);
  await finance.customerPayments.update(payment.payment_id, {
    customer_id: customer.contact_id, payment_mode: 'banktransfer', amount: 25, date: String(invoice.date), invoices: [{ invoice_id: invoice.invoice_id, amount_applied: 25 }],
  });
  await finance.customerPayments.list({ customerId: customer.contact_id, filterBy: 'PaymentMode.All', sortColumn: 'date' }).toArray();
  await finance.invoices.payments(invoice.invoice_id);
  await refused(finance.invoices.markVoid(invoice.invoice_id), 'voiding an invoice with payments');
  for (const p of await finance.invoices.payments(invoice.invoice_id)) await finance.customerPayments.delete(p.payment_id);
  await finance.invoices.markVoid(invoice.invoice_id);
  await finance.invoices.markDraft(invoice.invoice_id);
  await finance.invoices.get(invoice.invoice_id);
}
