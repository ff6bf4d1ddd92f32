import { describe, expect, it } from 'vitest';
import { BillingError } from '../../src/errors/billing-error.js';
import { writesSince } from '../sync/helpers.js';
import { billingWorld, lineIdsOf } from './world.js';

const codeOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (e: unknown) => (e instanceof BillingError ? e.code : String(e)));

describe('invoiceWorkOrder', () => {
  it('creates the missing customer and items once, links them, and makes one Draft invoice; the next sync run writes nothing for them', async () => {
    const world = billingWorld();
    const billing = world.billing();
    const order = world.workOrders()[0] as Record<string, unknown>;
    const customersBefore = world.sandbox.records(world.books, 'contacts').length;
    const result = await billing.invoiceWorkOrder(String(order.id));

    expect(result.invoice.status).toBe('draft');
    expect(result.reference).toBe(`${String(order.Name)}-1`);
    expect(result.created.filter((c) => c.entity === 'companies')).toHaveLength(1);
    expect(result.created.filter((c) => c.entity === 'items').length).toBeGreaterThan(0);
    expect(world.sandbox.records(world.books, 'contacts')).toHaveLength(customersBefore + 1);
    expect(world.invoices()).toHaveLength(1);
    expect(world.invoices()[0]?.reference_number).toBe(result.reference);
    // The invoice bills every line and part of the work order, at the totals billing expected.
    const lines = (order.Service_Line_Items as Array<{ Part_Line_Items?: unknown[] }>).reduce((n, l) => n + 1 + (l.Part_Line_Items?.length ?? 0), 0);
    expect((result.invoice.line_items as unknown[]).length).toBe(lines);
    // The work order's lines show Invoiced with the invoice id.
    const fsmLines = world.sandbox.records(world.fsm, 'Work_Orders').find((w) => w.id === order.id)?.Service_Line_Items as Array<Record<string, unknown>>;
    expect(fsmLines.map((l) => [l.Billing_Status, l.Invoice_Id])).toEqual(fsmLines.map(() => ['Invoiced', result.invoice.invoice_id]));
    expect(result.lineStates.every((s) => s.status === 'Invoiced')).toBe(true);

    const since = world.sandbox.calls.list().length;
    const report = await world.syncer().run();
    const ids = result.created.flatMap((c) => [c.financeId, c.fsmId]);
    expect(writesSince(world, since).filter((w) => ids.some((id) => w.includes(id)))).toEqual([]);
    expect(report.entities.flatMap((e) => [e.toFinance.updated, e.toFsm.updated]).reduce((a, b) => a + b, 0), 'no pair needed an update').toBe(0);
    expect(report.failures).toEqual([]);
    expect(world.sandbox.records(world.books, 'contacts').filter((c) => c.contact_name === world.sandbox.records(world.books, 'contacts').find((x) => x.contact_id === result.created[0]?.financeId)?.contact_name)).toHaveLength(1);
  });

  it('never invoices a line twice: a second call has nothing left, an invoiced line asked for again is refused, nothing is written', async () => {
    const world = billingWorld();
    const billing = world.billing();
    const order = world.workOrders()[0] as Record<string, unknown>;
    await billing.invoiceWorkOrder(String(order.id));
    const since = world.sandbox.calls.list().length;
    expect(await codeOf(billing.invoiceWorkOrder(String(order.id)))).toBe('NOTHING_TO_INVOICE');
    expect(await codeOf(billing.invoiceWorkOrder(String(order.id), { lines: [lineIdsOf(order)[0] as string] }))).toBe('LINE_ALREADY_INVOICED');
    expect(await codeOf(world.billing().invoiceWorkOrder(String(order.id), { lines: [lineIdsOf(order)[0] as string] }))).toBe('LINE_ALREADY_INVOICED');
    expect(writesSince(world, since)).toEqual([]);
    expect(world.invoices()).toHaveLength(1);
  });

  it('invoices the lines asked for, then the rest by default; unknown and Non Billable lines are refused', async () => {
    const world = billingWorld();
    const billing = world.billing();
    const order = world.workOrders().find((w) => lineIdsOf(w).length > 1) as Record<string, unknown>;
    const [first, second] = lineIdsOf(order) as [string, string];
    expect(await codeOf(billing.invoiceWorkOrder(String(order.id), { lines: ['no-such-line'] }))).toBe('LINE_NOT_FOUND');
    const one = await billing.invoiceWorkOrder(String(order.id), { lines: [first] });
    expect(one.lineStates.map((s) => s.status)).toEqual(['Invoiced', 'Not yet Invoiced']);
    await billing.markNonBillable(String(order.id), [second]);
    expect(await codeOf(billing.invoiceWorkOrder(String(order.id), { lines: [second] }))).toBe('LINE_NOT_BILLABLE');
    expect(await codeOf(billing.invoiceWorkOrder(String(order.id)))).toBe('NOTHING_TO_INVOICE');
    await billing.markNonBillable(String(order.id), [second], { billable: true });
    const rest = await billing.invoiceWorkOrder(String(order.id));
    expect(rest.reference).toBe(`${String(order.Name)}-2`);
    expect(rest.lines.every((l) => l.lineId === second)).toBe(true);
    expect((await billing.lines(String(order.id))).map((s) => s.invoiceId)).toEqual([one.invoice.invoice_id, rest.invoice.invoice_id]);
  });

  it('voiding an invoice frees its lines (Void), which can be invoiced again; one voided in Books is noticed too', async () => {
    const world = billingWorld();
    const billing = world.billing();
    const order = world.workOrders()[0] as Record<string, unknown>;
    const first = await billing.invoiceWorkOrder(String(order.id));
    const freed = await billing.voidInvoice(first.invoice.invoice_id);
    expect(freed?.every((s) => s.status === 'Void')).toBe(true);
    const fsmLines = world.sandbox.records(world.fsm, 'Work_Orders').find((w) => w.id === order.id)?.Service_Line_Items as Array<Record<string, unknown>>;
    expect(fsmLines.every((l) => l.Billing_Status === 'Void')).toBe(true);
    const second = await billing.invoiceWorkOrder(String(order.id));
    expect(second.reference).toBe(`${String(order.Name)}-2`);
    await world.client.finance.invoices.markVoid(second.invoice.invoice_id);
    const third = await world.billing().invoiceWorkOrder(String(order.id));
    expect(third.invoice.invoice_id).not.toBe(second.invoice.invoice_id);
    expect(world.invoices().filter((i) => i.status !== 'void')).toHaveLength(1);
  });

  it('a lost reply on the create is found by its reference: one invoice, the lines invoiced on it', async () => {
    const world = billingWorld();
    world.sandbox.faults.next({ match: { method: 'POST', app: 'books', path: '/invoices' }, fault: 'lost-ack' });
    const order = world.workOrders()[0] as Record<string, unknown>;
    const result = await world.billing().invoiceWorkOrder(String(order.id));
    expect(result.recovered).toBe(true);
    expect(world.invoices()).toHaveLength(1);
    expect(result.lineStates.every((s) => s.invoiceId === result.invoice.invoice_id)).toBe(true);
  });

  it('names the customer per sync type, and refuses a work order without one', async () => {
    for (const syncType of ['I', 'II', 'III', 'IV'] as const) {
      const world = billingWorld({ syncType });
      const orders = world.workOrders();
      const withCompany = orders.find((w) => w.Company) as Record<string, unknown>;
      const withoutCompany = orders.find((w) => !w.Company && w.Contact);
      const billing = world.billing();
      if (syncType === 'II') {
        const result = await billing.invoiceWorkOrder(String(withCompany.id));
        const customer = world.sandbox.records(world.books, 'contacts').find((c) => c.contact_id === result.invoice.customer_id);
        expect(customer?.customer_sub_type, 'type II bills the contact').toBe('individual');
      } else {
        const result = await billing.invoiceWorkOrder(String(withCompany.id));
        const customer = world.sandbox.records(world.books, 'contacts').find((c) => c.contact_id === result.invoice.customer_id);
        expect(customer?.contact_name, `type ${syncType} bills the company`).toBe((withCompany.Company as { name: string }).name);
      }
      if (withoutCompany) {
        const outcome = billing.invoiceWorkOrder(String(withoutCompany.id));
        if (syncType === 'I' || syncType === 'III') expect(await codeOf(outcome)).toBe('CUSTOMER_MISSING');
        else expect((await outcome).invoice.status).toBe('draft');
      }
    }
  });

  it('bills a work order of your own backend, given as a plain object', async () => {
    const world = billingWorld();
    const company = world.sandbox.records(world.fsm, 'Companies')[0] as Record<string, unknown>;
    const item = world.sandbox.records(world.fsm, 'Service_And_Parts')[0] as Record<string, unknown>;
    const billing = world.billing();
    const result = await billing.invoiceWorkOrder({
      id: 'backend-wo-7', name: 'JOB-7', companyId: String(company.id),
      billingAddress: { Street_1: '1 Main St', City: 'Austin', State: 'TX', Zip_Code: '73301', Country: 'USA' },
      lines: [{ id: 'a', itemId: String(item.id), quantity: 2, rate: 40, discount: '10%' }],
    });
    expect(result.reference).toBe('JOB-7-1');
    const invoice = await world.client.finance.invoices.get(result.invoice.invoice_id);
    expect(invoice.billing_address?.city).toBe('Austin');
    expect(invoice.sub_total).toBe(72);
    expect(await codeOf(billing.invoiceWorkOrder({ id: 'backend-wo-7', name: 'JOB-7', companyId: String(company.id), lines: [{ id: 'a', itemId: String(item.id) }] }))).toBe('NOTHING_TO_INVOICE');
    expect(await codeOf(billing.invoiceWorkOrder('no-such-work-order'))).toBe('WORK_ORDER_NOT_FOUND');
  });
});

describe('invoiceWorkOrder refusals before anything is created', () => {
  it('a transaction discount with line discounts on the work order is refused before the customer and items are created', async () => {
    const world = billingWorld();
    const billing = world.billing({ pricing: { discount: { value: '5%', apply: 'after_tax' } } });
    const company = world.sandbox.records(world.fsm, 'Companies')[0] as Record<string, unknown>;
    const item = world.sandbox.records(world.fsm, 'Service_And_Parts')[0] as Record<string, unknown>;
    const since = world.sandbox.calls.list().length;
    await expect(billing.invoiceWorkOrder({ id: 'w1', companyId: String(company.id), lines: [{ id: 'a', itemId: String(item.id), discount: 3 }] }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(writesSince(world, since)).toEqual([]);
  });
});
