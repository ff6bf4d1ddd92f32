import { Billing } from '../../src/billing/billing.js';
import type { PricingOptions } from '../../src/billing/invoice-draft.js';
import { ApiError } from '../../src/errors/api-error.js';
import { BillingError } from '../../src/errors/billing-error.js';
import { FieldMapper } from '../../src/mapping/index.js';
import type { TaxEdition } from '../../src/schemas/edition-codes.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { BidirectionalSyncer, zohoFinanceSource, zohoFsmSource } from '../../src/sync/index.js';
import { TaxSync } from '../../src/tax/tax-sync.js';
import { firstOrg, recordedWorld, type FlowSetting, type RecordedWorld } from './contract-world.js';
import type { Exchange } from './record-exchanges.js';

type Row = Record<string, unknown>;

const FINANCE_ORG = '70000021';

/** Runs a billing call that billing (BillingError) or finance (ApiError) must refuse; anything else fails the flow. */
async function refused(call: Promise<unknown>, what: string): Promise<void> {
  try {
    await call;
  } catch (error) {
    if (error instanceof BillingError || error instanceof ApiError) return;
    throw error;
  }
  throw new Error(`expected billing to refuse ${what}`);
}

/** A world of one edition: an FSM org bound to the finance org, with billable work orders whose customers and items finance lacks. */
function billingWorld(log: Exchange[], setting: FlowSetting, edition: TaxEdition, seed: number, pricing: PricingOptions): { world: RecordedWorld; fsm: string; billing: (taxes: TaxSync, override?: PricingOptions) => Billing; taxes: TaxSync; syncer: () => BidirectionalSyncer } {
  const finance = { app: setting.app, organizationId: FINANCE_ORG };
  const world = recordedWorld(log, {
    seed,
    undocumented: setting.undocumented,
    users: [{
      email: 'billing@example.com',
      region: edition === 'in' ? 'in' : 'us',
      [setting.app]: [{ edition, organizationId: FINANCE_ORG, records: { customers: 2, items: 2 } }],
      ...(setting.app === 'books' ? { invoice: [] } : { books: [] }),
      fsm: { edition, records: { customers: 5, items: 5, workOrders: 5, offset: 2 }, finance },
    }],
  });
  const fsm = firstOrg(world.sandbox, 'fsm');
  const client = world.client(finance);
  const storage = new MemoryStorage();
  const mapper = new FieldMapper({ storage, syncType: 'I', edition });
  const syncer = () => new BidirectionalSyncer({ storage, mapper, clock: world.clock, fsm: zohoFsmSource(client), finance: zohoFinanceSource(client) });
  const taxes = new TaxSync({ client, storage, edition, ...(edition === 'in' ? { origin: 'KA' } : {}) });
  return { world, fsm, taxes, syncer, billing: (t, override) => new Billing({ client, storage, mapper, taxes: t, syncer: syncer(), pricing: override ?? pricing }) };
}

/** The seeded work orders that bill services and parts with a billing address (the first one has neither). */
function billableOrders(world: RecordedWorld, fsm: string): string[] {
  return world.sandbox.records(fsm, 'Work_Orders').filter((w) => w.Billing_Address !== undefined && w.Company !== undefined && w.Company !== null).map((w) => String(w.id));
}

/**
 * Billing's whole path in the US edition: invoice a work order whose customer and items are
 * missing in finance (created, linked, a Draft with the billing address), send it, a payment
 * link, a partial then a full payment (the second after a lost reply, settled by its reference),
 * the status; another work order invoiced, voided and invoiced again; an estimate pushed,
 * accepted and converted; a sales order (refused without inventory; in Books with inventory,
 * created once and invoiced against); and a sync run after it.
 */
async function usBilling(log: Exchange[], setting: FlowSetting): Promise<void> {
  const { world, fsm, taxes, billing: make, syncer } = billingWorld(log, setting, 'us', 31, { discount: { value: '5%', apply: 'before_tax' } });
  await taxes.pull();
  const billing = make(taxes);
  const [first, second, third] = billableOrders(world, fsm);
  if (first === undefined || second === undefined) throw new Error('the billing flow needs two seeded billable work orders with a company');

  const { invoice } = await billing.invoiceWorkOrder(first, { date: '2026-03-02', salesperson: 'Sam Field' });
  await refused(billing.invoiceWorkOrder(first), 'invoicing the same lines twice');
  await refused(billing.paymentLink(invoice.invoice_id, { expiresOn: '2099-01-01' }), 'a payment link for a draft');
  await billing.send(invoice.invoice_id);
  await billing.paymentLink(invoice.invoice_id, { expiresOn: '2099-01-01', linkType: 'private' });
  const status = await billing.status(invoice.invoice_id);
  await billing.recordPayment(invoice.invoice_id, { amount: 10, date: '2026-03-03', mode: 'cash', notes: 'deposit' });
  await refused(billing.recordPayment(invoice.invoice_id, { amount: status.total * 2, date: '2026-03-04', mode: 'cash' }), 'a payment above the balance');
  // The full payment's reply is lost: billing finds it by its reference rather than paying twice.
  world.sandbox.faults.next({ match: { method: 'POST', path: '/customerpayments' }, fault: 'lost-ack' });
  const rest = (await billing.status(invoice.invoice_id)).balance;
  await billing.recordPayment(invoice.invoice_id, { amount: rest, date: '2026-03-05', mode: 'banktransfer', reference: 'BANK-77' }).catch(async () => {
    await billing.recordPayment(invoice.invoice_id, { amount: rest, date: '2026-03-05', mode: 'banktransfer', reference: 'BANK-77' });
  });
  if ((await billing.status(invoice.invoice_id)).status !== 'paid') throw new Error('the invoice is not paid after the full payment');
  await refused(billing.voidInvoice(invoice.invoice_id), 'voiding a paid invoice');

  const again = await billing.invoiceWorkOrder(second, { send: true });
  await billing.voidInvoice(again.invoice.invoice_id);
  await billing.lines(second);
  // Invoiced again by a process whose discount is an amount given as text: it goes as a number.
  await make(taxes, { discount: { value: '12.50', apply: 'after_tax' } }).invoiceWorkOrder(second);
  await billing.refresh(second);

  await estimateToInvoice(world, setting, fsm, billing);
  if (third === undefined) throw new Error('the billing flow needs a third seeded billable work order with a company');
  await refused(billing.salesOrderFor(third), 'a sales order without inventory');
  if (setting.app === 'books') {
    world.sandbox.updateOrg(FINANCE_ORG, { inventory: true });
    await billing.salesOrderFor(third);
    await billing.salesOrderFor(third); // "Try Again": the same order
    await billing.invoiceWorkOrder(third);
  }
  await syncer().run();
}

/** An FSM estimate for a company no document needed yet: pushed (its customer created), accepted in finance, converted to an invoice once. */
async function estimateToInvoice(world: RecordedWorld, setting: FlowSetting, fsm: string, billing: Billing): Promise<void> {
  const invoiced = new Set(world.sandbox.records(fsm, 'Work_Orders').map((w) => String(w.Company ?? '')));
  const company = world.sandbox.records(fsm, 'Companies').find((c) => !invoiced.has(String(c.id)));
  const [service, part] = world.sandbox.records(fsm, 'Service_And_Parts');
  if (!company || !service || !part) throw new Error('the billing flow needs a company without work orders, a service and a part');
  const estimate = world.sandbox.insert(fsm, 'Estimates', {
    Summary: 'Annual maintenance', Company: String(company.id),
    Service_Line_Items: [{ Service: String(service.id), Quantity: 4, Part_Line_Items: [{ Part: String(part.id), Quantity: 2 }] }],
  });
  const estimateId = String(estimate.id);
  const pushed = await billing.pushEstimate(estimateId);
  await billing.pushEstimate(estimateId); // once: the same estimate
  await refused(billing.convertEstimate(estimateId, { to: 'invoice' }), 'converting a draft estimate');
  // The customer accepts it in finance.
  const client = world.client({ app: setting.app, organizationId: FINANCE_ORG });
  await client.finance.estimates.markSent(pushed.estimate.estimate_id);
  await client.finance.estimates.markAccepted(pushed.estimate.estimate_id);
  await billing.estimateStatus(estimateId);
  await billing.convertEstimate(estimateId, { to: 'invoice' });
  await billing.convertEstimate(estimateId, { to: 'invoice' });
}

/**
 * India: a work order whose place of supply is another state than the business's is invoiced
 * with IGST and carries its place of supply; one in the business's state with CGST + SGST.
 * Prices include tax; a line discount is a percentage.
 */
async function indiaBilling(log: Exchange[], setting: FlowSetting): Promise<void> {
  const { world, fsm, taxes, billing: make } = billingWorld(log, setting, 'in', 32, { inclusive: true });
  await taxes.pull();
  const billing = make(taxes);
  const [interState, intraState] = billableOrders(world, fsm);
  if (interState === undefined || intraState === undefined) throw new Error('the billing flow needs two seeded billable work orders with a company');
  // A line discount as a percentage, and one as an amount.
  const [line] = (world.sandbox.records(fsm, 'Work_Orders').find((w) => w.id === interState)?.Service_Line_Items ?? []) as Row[];
  world.sandbox.edit(fsm, 'Work_Orders', interState, { Place_of_Supply: 'MH', Service_Line_Items: [{ id: line?.id, Discount: 10, Discount_Type: 'Percentage' }] });
  world.sandbox.edit(fsm, 'Work_Orders', intraState, { Place_of_Supply: 'KA' });
  const inter = await billing.invoiceWorkOrder(interState);
  const intra = await billing.invoiceWorkOrder(intraState);
  const names = (row: Row) => (row.line_items as Row[]).map((l) => String(l.tax_name));
  const interTaxes = names(await world.client({ app: setting.app, organizationId: FINANCE_ORG }).finance.invoices.get(inter.invoice.invoice_id) as unknown as Row);
  if (!interTaxes.every((n) => n.startsWith('IGST'))) throw new Error(`the inter-state invoice is taxed ${interTaxes.join(', ')}`);
  await billing.send(intra.invoice.invoice_id);
}

/** Billing end to end, as the contract run records it. */
export async function billingFlow(log: Exchange[], setting: FlowSetting): Promise<void> {
  await usBilling(log, setting);
  await indiaBilling(log, setting);
}
