import { describe, expect, it } from 'vitest';
import { BillingError } from '../../src/errors/billing-error.js';
import { billingWorld } from './world.js';

const codeOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (e: unknown) => (e instanceof BillingError ? e.code : String(e)));

async function fsmEstimate(world: ReturnType<typeof billingWorld>): Promise<string> {
  const company = world.sandbox.records(world.fsm, 'Companies')[1] as Record<string, unknown>;
  const item = world.sandbox.records(world.fsm, 'Service_And_Parts')[0] as Record<string, unknown>;
  const { id } = await world.client.fsm.estimates.create({ Summary: 'Replace the compressor', Company: { id: String(company.id) }, Service_Line_Items: [{ Service: { id: String(item.id) }, Quantity: 2 }] } as never);
  return id;
}

describe('estimates', () => {
  it('pushes an FSM estimate once, shows its finance status on FSM, and converts it only when accepted, once', async () => {
    const world = billingWorld();
    const billing = world.billing();
    const estimateId = await fsmEstimate(world);
    expect(await codeOf(billing.estimateStatus(estimateId))).toBe('ESTIMATE_STATE');
    const pushed = await billing.pushEstimate(estimateId);
    expect(pushed).toMatchObject({ pushed: true, recovered: false });
    expect(pushed.created.map((c) => c.entity).sort()).toEqual(['companies', 'items']);
    expect((await billing.pushEstimate(estimateId)).pushed).toBe(false);
    expect(world.sandbox.records(world.books, 'estimates')).toHaveLength(1);
    const fsm = () => world.sandbox.records(world.fsm, 'Estimates').find((e) => e.id === estimateId);
    expect(fsm()?.ZBilling_Id).toBe(pushed.estimate.estimate_id);

    await world.client.finance.estimates.markSent(pushed.estimate.estimate_id);
    expect(await codeOf(billing.convertEstimate(estimateId, { to: 'invoice' }))).toBe('ESTIMATE_STATE');
    await world.client.finance.estimates.markAccepted(pushed.estimate.estimate_id);
    expect(await billing.estimateStatus(estimateId)).toMatchObject({ status: 'accepted' });
    expect(fsm()?.Status).toBe('Accepted');
    const converted = await billing.convertEstimate(estimateId, { to: 'invoice' });
    const again = await billing.convertEstimate(estimateId, { to: 'invoice' });
    expect(converted).toMatchObject({ to: 'invoice', converted: true });
    expect(again).toMatchObject({ to: 'invoice', converted: false, invoiceId: converted.to === 'invoice' ? converted.invoiceId : '' });
    expect(world.invoices()).toHaveLength(1);
  });

  it('hands an accepted estimate to a work-order callback once, even when asked twice', async () => {
    const world = billingWorld();
    const billing = world.billing();
    const estimateId = await fsmEstimate(world);
    const { estimate } = await billing.pushEstimate(estimateId);
    await world.client.finance.estimates.markSent(estimate.estimate_id);
    await world.client.finance.estimates.markAccepted(estimate.estimate_id);
    const made: string[] = [];
    const create = async (_: unknown, reference: string) => {
      made.push(reference);
      return (await world.client.fsm.workOrders.create({ Summary: `From ${reference}` })).id;
    };
    const first = await billing.convertEstimate(estimateId, { to: 'work-order', create });
    const second = await billing.convertEstimate(estimateId, { to: 'work-order', create });
    expect(made).toEqual([String(estimate.estimate_number)]);
    expect(second).toEqual({ ...first, converted: false });
  });
});

describe('sales orders', () => {
  it('creates a work order\'s sales order once; invoices of the work order then show against it', async () => {
    const world = billingWorld();
    world.sandbox.updateOrg(world.books, { inventory: true });
    const billing = world.billing();
    const order = world.workOrders()[0] as Record<string, unknown>;
    const first = await billing.salesOrderFor(String(order.id));
    expect(first.converted).toBe(true);
    expect((await billing.salesOrderFor(String(order.id))).converted).toBe(false);
    expect(world.sandbox.records(world.books, 'salesorders')).toHaveLength(1);
    const { invoice } = await billing.invoiceWorkOrder(String(order.id));
    const after = await world.client.finance.salesOrders.get(first.salesOrder.salesorder_id);
    expect((after.invoices ?? []).map((i) => i.invoice_id)).toEqual([invoice.invoice_id]);
  });

  it('a lost reply on the create is found by its reference: "Try Again" never makes a second order', async () => {
    const world = billingWorld();
    world.sandbox.updateOrg(world.books, { inventory: true });
    world.sandbox.faults.next({ match: { method: 'POST', app: 'books', path: '/salesorders' }, fault: 'lost-ack' });
    const order = world.workOrders()[0] as Record<string, unknown>;
    const result = await world.billing().salesOrderFor(String(order.id));
    expect(result).toMatchObject({ converted: true, recovered: true });
    expect((await world.billing().salesOrderFor(String(order.id))).salesOrder.salesorder_id).toBe(result.salesOrder.salesorder_id);
    expect(world.sandbox.records(world.books, 'salesorders')).toHaveLength(1);
  });

  it('refuses with SALES_ORDERS_UNAVAILABLE when Books has no inventory', async () => {
    const world = billingWorld();
    const order = world.workOrders()[0] as Record<string, unknown>;
    expect(await codeOf(world.billing().salesOrderFor(String(order.id)))).toBe('SALES_ORDERS_UNAVAILABLE');
    expect(world.sandbox.records(world.books, 'salesorders')).toHaveLength(0);
  });
});
