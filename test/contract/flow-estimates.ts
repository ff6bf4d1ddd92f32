import { ApiError } from '../../src/errors/api-error.js';
import { ModuleUnavailableError } from '../../src/errors/module-unavailable-error.js';
import type { FinanceApi } from '../../src/client/finance/finance-api.js';
import { firstOrg, recordedWorld, type FlowSetting } from './contract-world.js';
import type { Exchange } from './record-exchanges.js';

/** Runs a call that must fail with a Zoho error of `kind`; anything else fails the flow. */
async function refused(call: Promise<unknown>, what: string, kind: new (...args: never[]) => Error = ApiError): Promise<void> {
  try {
    await call;
  } catch (error) {
    if (error instanceof kind) return;
    throw error;
  }
  throw new Error(`expected Zoho to refuse ${what}`);
}

async function customerAndItem(finance: FinanceApi, name: string): Promise<{ customerId: string; itemId: string }> {
  const contact = await finance.contacts.create({ contact_name: `${name} Co` });
  const item = await finance.items.create({ name: `${name} service`, rate: 120.5 });
  return { customerId: contact.contact_id, itemId: item.item_id };
}

/** Estimates through the client: CRUD, list filters, status changes and their refusals, conversion. */
async function estimates(finance: FinanceApi): Promise<void> {
  const { customerId, itemId } = await customerAndItem(finance, 'Estimate');
  const estimate = await finance.estimates.create({ customer_id: customerId, reference_number: 'Q-1', expiry_date: '2030-06-30', line_items: [{ item_id: itemId, quantity: 2, discount: 5 }] });
  await finance.estimates.get(estimate.estimate_id);
  await finance.estimates.update(estimate.estimate_id, { customer_id: customerId, custom_fields: [], notes: 'Valid 30 days', line_items: [{ item_id: itemId, quantity: 3 }] });
  await finance.estimates.list({ status: 'draft', sortColumn: 'estimate_number', customerId, referenceNumber: 'Q-1', expiryDateAfter: '2030-01-01', itemId }).toArray();
  await finance.estimates.list({ filterBy: 'Status.Draft', searchText: 'Q', sortColumn: 'last_modified_time' }).toArray();
  await refused(finance.estimates.markAccepted(estimate.estimate_id), 'accepting a draft estimate');
  await refused(finance.estimates.convertToInvoice(estimate.estimate_id), 'converting a draft estimate');
  await finance.estimates.markSent(estimate.estimate_id);
  await finance.estimates.markAccepted(estimate.estimate_id);
  const invoice = await finance.estimates.convertToInvoice(estimate.estimate_id);
  if (invoice.reference_number !== estimate.estimate_number) throw new Error(`the converted invoice carries ${String(invoice.reference_number)}`);
  await refused(finance.estimates.delete(estimate.estimate_id), 'deleting an invoiced estimate');

  const declined = await finance.estimates.create({ customer_id: customerId, line_items: [{ name: 'Site visit', rate: 80 }] });
  await finance.estimates.markSent(declined.estimate_id);
  await finance.estimates.markDeclined(declined.estimate_id);
  await finance.estimates.delete(declined.estimate_id);
  await refused(finance.estimates.get(declined.estimate_id), 'reading a deleted estimate');
}

/** Sales orders through the client: the inventory gate, CRUD, open/void, conversion, find by reference. */
async function salesOrders(finance: FinanceApi, enableInventory: () => void): Promise<void> {
  const { customerId, itemId } = await customerAndItem(finance, 'Order');
  await refused(finance.salesOrders.list().toArray(), 'sales orders without inventory', ModuleUnavailableError);
  enableInventory();
  const order = await finance.salesOrders.create({ customer_id: customerId, reference_number: 'WO-7', line_items: [{ item_id: itemId, quantity: 2, discount: '10%' }] });
  await finance.salesOrders.get(order.salesorder_id);
  await finance.salesOrders.update(order.salesorder_id, { customer_id: customerId, shipment_date: '2030-02-01' });
  await finance.salesOrders.findByReference('WO-7');
  await finance.salesOrders.list({ status: 'draft', customerId, sortColumn: 'salesorder_number', itemId }).toArray();
  await refused(finance.salesOrders.convertToInvoice(order.salesorder_id), 'invoicing a draft sales order');
  await finance.salesOrders.markOpen(order.salesorder_id);
  await finance.salesOrders.convertToInvoice(order.salesorder_id);
  await refused(finance.salesOrders.markVoid(order.salesorder_id), 'voiding an invoiced sales order');

  const spare = await finance.salesOrders.create({ customer_id: customerId, line_items: [{ item_id: itemId }] });
  await finance.salesOrders.markVoid(spare.salesorder_id, { reason: 'Customer cancelled' });
  await finance.salesOrders.delete(spare.salesorder_id);
}

/** Estimates in Books and Invoice, sales orders in Books (with and without inventory) and their refusal in Invoice. */
export async function estimatesFlow(log: Exchange[], setting: FlowSetting): Promise<void> {
  const world = recordedWorld(log, {
    seed: 15,
    undocumented: setting.undocumented,
    users: [{ email: 'quotes@example.com', region: 'us', books: [{ edition: 'us', records: { customers: 3, items: 3 } }], invoice: [{ edition: 'us', records: 2 }], fsm: false }],
  });
  const orgId = firstOrg(world.sandbox, setting.app);
  const finance = world.client({ app: setting.app, organizationId: orgId }).finance;
  await estimates(finance);
  if (setting.app === 'books') await salesOrders(finance, () => world.sandbox.updateOrg(orgId, { inventory: true }));
  else await refused(finance.salesOrders.list().toArray(), 'sales orders in Zoho Invoice', ModuleUnavailableError);
}
