import { describe, expect, it } from 'vitest';
import type { LineStatusUpdate, WorkOrderSource } from '../../src/billing/work-order-source.js';
import type { BillableWorkOrder } from '../../src/billing/work-order.js';
import { BillingError } from '../../src/errors/billing-error.js';
import { writesSince } from '../sync/helpers.js';
import { billingWorld } from './world.js';

const codeOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (e: unknown) => (e instanceof BillingError ? e.code : String(e)));

async function invoiced() {
  const world = billingWorld();
  const billing = world.billing();
  const order = world.workOrders()[0] as Record<string, unknown>;
  const { invoice } = await billing.invoiceWorkOrder(String(order.id));
  return { world, billing, invoiceId: invoice.invoice_id, total: Number(invoice.total) };
}

describe('payments', () => {
  it('a partial payment leaves the invoice partially_paid with the right balance, the rest makes it paid', async () => {
    const { world, billing, invoiceId, total } = await invoiced();
    const first = await billing.recordPayment(invoiceId, { amount: 10, date: '2026-01-05', mode: 'cash', notes: 'deposit' });
    expect(first.invoice).toMatchObject({ status: 'partially_paid', balance: Math.round((total - 10) * 100) / 100 });
    const rest = await billing.recordPayment(invoiceId, { amount: first.invoice.balance, date: '2026-01-06', mode: 'banktransfer', reference: 'TRF-991' });
    expect(rest.invoice).toMatchObject({ status: 'paid', balance: 0 });
    expect(rest.reference).toBe('TRF-991');
    expect(world.sandbox.records(world.books, 'customerpayments')).toHaveLength(2);
    expect(await billing.status(invoiceId)).toMatchObject({ status: 'paid', balance: 0, total });
  });

  it('refuses each bad payment with its own code and writes nothing', async () => {
    const { world, billing, invoiceId, total } = await invoiced();
    const accounts = await world.client.finance.chartOfAccounts.list().toArray();
    const income = accounts.find((a) => a.account_type === 'income');
    const since = world.sandbox.calls.list().length;
    expect(await codeOf(billing.recordPayment(invoiceId, { amount: total + 0.01, date: '2026-01-05', mode: 'cash' }))).toBe('PAYMENT_OVER_BALANCE');
    expect(await codeOf(billing.recordPayment(invoiceId, { amount: 5, date: '2026-01-05', mode: 'cash', currency: 'EUR' }))).toBe('PAYMENT_CURRENCY_MISMATCH');
    expect(await codeOf(billing.recordPayment(invoiceId, { amount: 0, date: '2026-01-05', mode: 'cash' }))).toBe('PAYMENT_INVALID');
    expect(await codeOf(billing.recordPayment(invoiceId, { amount: 5, date: '5 Jan', mode: 'cash' }))).toBe('PAYMENT_INVALID');
    expect(await codeOf(billing.recordPayment(invoiceId, { amount: 5, date: '2026-01-05', mode: ' ' }))).toBe('PAYMENT_INVALID');
    expect(await codeOf(billing.recordPayment(invoiceId, { amount: 5, date: '2026-01-05', mode: 'cash', depositAccountId: String(income?.account_id) }))).toBe('PAYMENT_INVALID');
    expect(writesSince(world, since)).toEqual([]);
    expect(await billing.status(invoiceId)).toMatchObject({ status: 'draft', balance: total });
    await billing.voidInvoice(invoiceId);
    expect(await codeOf(billing.recordPayment(invoiceId, { amount: 5, date: '2026-01-05', mode: 'cash' }))).toBe('INVOICE_STATE');
    expect(await codeOf(billing.paymentLink(invoiceId, { expiresOn: '2027-01-31' }))).toBe('INVOICE_STATE');
  });

  it('a payment link is for a sent invoice; paying through it moves the balance', async () => {
    const { world, billing, invoiceId, total } = await invoiced();
    expect(await codeOf(billing.paymentLink(invoiceId, { expiresOn: '2027-01-31' }))).toBe('INVOICE_STATE');
    expect((await billing.send(invoiceId)).status).toBe('sent');
    const link = await billing.paymentLink(invoiceId, { expiresOn: '2027-01-31' });
    expect(link).toMatch(/^https:\/\//);
    world.sandbox.payByLink(link, { amount: 20 });
    expect(await billing.status(invoiceId)).toMatchObject({ status: 'partially_paid', balance: Math.round((total - 20) * 100) / 100 });
  });

  it('a lost reply on the payment is found by its reference: the retry does not pay twice', async () => {
    const { world, billing, invoiceId, total } = await invoiced();
    world.sandbox.faults.next({ match: { method: 'POST', app: 'books', path: '/customerpayments' }, fault: 'lost-ack' });
    const paid = await billing.recordPayment(invoiceId, { amount: 15, date: '2026-01-05', mode: 'cash' });
    expect(paid.recovered).toBe(true);
    expect(world.sandbox.records(world.books, 'customerpayments')).toHaveLength(1);
    expect(paid.invoice.balance).toBe(Math.round((total - 15) * 100) / 100);
  });

  it('a payment interrupted by a crash is settled by the next call after the lease: the same payment asked again is not made twice', async () => {
    const { world, invoiceId } = await invoiced();
    // The reply is lost and so is the lookup that follows: the call fails, the create landed.
    world.sandbox.faults.next({ match: { method: 'POST', app: 'books', path: '/customerpayments' }, fault: 'lost-ack' });
    world.sandbox.faults.next({ match: { method: 'GET', app: 'books', path: '/customerpayments' }, fault: 'drop', times: 10 });
    const billing = world.billing({ pendingLeaseMs: 60_000 });
    await expect(billing.recordPayment(invoiceId, { amount: 15, date: '2026-01-05', mode: 'cash', reference: 'CHQ-1' })).rejects.toThrow();
    expect(await codeOf(world.billing({ pendingLeaseMs: 60_000 }).recordPayment(invoiceId, { amount: 15, date: '2026-01-05', mode: 'cash', reference: 'CHQ-1' }))).toBe('INVOICE_BUSY');
    world.sandbox.faults.clear();
    world.clock.advance(61_000);
    const again = await world.billing({ pendingLeaseMs: 60_000 }).recordPayment(invoiceId, { amount: 15, date: '2026-01-05', mode: 'cash', reference: 'CHQ-1' });
    expect(again.recovered).toBe(true);
    expect(world.sandbox.records(world.books, 'customerpayments')).toHaveLength(1);
  });
});

describe('a work order source of your own', () => {
  it('is shown each line status and the invoice\'s payment state as billing reads it back', async () => {
    const world = billingWorld();
    const company = world.sandbox.records(world.fsm, 'Companies')[0] as Record<string, unknown>;
    const item = world.sandbox.records(world.fsm, 'Service_And_Parts')[0] as Record<string, unknown>;
    const order: BillableWorkOrder = { id: 'job-1', name: 'JOB-1', companyId: String(company.id), lines: [{ id: 'l1', itemId: String(item.id), quantity: 1, rate: 100 }] };
    const shown: { lines: LineStatusUpdate[]; invoices: Array<[string, string, number]> } = { lines: [], invoices: [] };
    const source: WorkOrderSource = {
      id: 'my-backend',
      get: async (id) => (id === order.id ? order : undefined),
      setLineStatus: async (_id, updates) => { shown.lines.push(...updates); },
      setInvoiceStatus: async (id, status) => { shown.invoices.push([id, status.status, status.balance]); },
    };
    const billing = world.billing({ workOrders: source });
    const { invoice } = await billing.invoiceWorkOrder('job-1');
    expect(shown.lines).toEqual([{ lineId: 'l1', status: 'Invoiced', invoiceId: invoice.invoice_id }]);
    await billing.send(invoice.invoice_id);
    await billing.recordPayment(invoice.invoice_id, { amount: 40, date: '2026-01-05', mode: 'cash', reference: 'R1' });
    expect(shown.invoices.at(-1)).toEqual(['job-1', 'partially_paid', Number(invoice.total) - 40]);
    await billing.recordPayment(invoice.invoice_id, { amount: Number(invoice.total) - 40, date: '2026-01-06', mode: 'cash', reference: 'R2' });
    expect(shown.invoices.at(-1)).toEqual(['job-1', 'paid', 0]);
  });
});
