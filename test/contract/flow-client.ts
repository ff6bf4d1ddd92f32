import { ApiError } from '../../src/errors/api-error.js';
import type { FinanceApi } from '../../src/client/finance/finance-api.js';
import { firstOrg, recordedWorld, type FinanceBindingOf, type FlowSetting, type RecordedWorld } from './contract-world.js';
import { CONTACT_FILTERS, sendListFilters } from './flow-filters.js';
import type { Exchange } from './record-exchanges.js';

/** Runs a call that must fail with a Zoho error; anything else fails the flow. */
async function refused(call: Promise<unknown>, what: string): Promise<void> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ApiError) return;
    throw error;
  }
  throw new Error(`expected Zoho to refuse ${what}`);
}

/** Sends a call the client has no method for; a refusal fails the flow. */
async function accepted(world: RecordedWorld, method: string, binding: FinanceBindingOf, path: string, body?: unknown): Promise<void> {
  const status = await world.raw(method, binding, path, body);
  if (status >= 300) throw new Error(`${method} ${path} answered ${status}`);
}

/**
 * Contacts, contact persons, items, invoices and taxes through the client: lists, CRUD, invoice
 * status changes, every documented list filter, errors.
 */
async function crud(world: RecordedWorld, finance: FinanceApi, binding: FinanceBindingOf): Promise<void> {
  for (const filterBy of CONTACT_FILTERS) await finance.contacts.list({ filterBy, perPage: 50 }).toArray();
  await finance.contacts.list({ sortColumn: 'last_modified_time', sortOrder: 'D', contactType: 'customer', searchText: 'a' }).toArray();
  for (const filterBy of ['Status.All', 'Status.Active', 'Status.Inactive'] as const) await finance.items.list({ filterBy, sortColumn: 'rate' }).toArray();
  await finance.invoices.list({ status: 'draft', sortColumn: 'date' }).toArray();
  await finance.taxes.list().toArray();

  const contact = await finance.contacts.create({
    contact_name: 'Contract Heating Ltd',
    company_name: 'Contract Heating Ltd',
    customer_sub_type: 'business',
    billing_address: { address: '1 Main St', city: 'Springfield', zip: '12345' },
    contact_persons: [{ first_name: 'Ava', last_name: 'Stone', email: 'ava@contract-heating.example', is_primary_contact: true }],
  });
  await finance.contacts.get(contact.contact_id);
  await finance.contacts.update(contact.contact_id, { contact_name: 'Contract Heating Ltd', contact_type: 'customer', website: 'https://contract-heating.example' });
  const person = await finance.contactPersons.create({ contact_id: contact.contact_id, first_name: 'Ben', last_name: 'Ode', email: 'ben@contract-heating.example' });
  await finance.contactPersons.update(person.contact_person_id, { contact_id: contact.contact_id, first_name: 'Ben', phone: '+1 415 555 0199' });
  await finance.contactPersons.markPrimary(person.contact_person_id);
  await finance.contactPersons.list(contact.contact_id).toArray();
  await finance.contactPersons.get(contact.contact_id, person.contact_person_id);
  await finance.contactPersons.delete(person.contact_person_id);

  const item = await finance.items.create({ name: 'Contract Boiler Service', rate: 120, description: 'Annual service', product_type: 'service', sku: 'CBS-1' });
  await finance.items.get(item.item_id);
  await finance.items.update(item.item_id, { name: 'Contract Boiler Service', rate: 135.5 });
  await finance.items.markInactive(item.item_id);
  await finance.items.markActive(item.item_id);

  const invoice = await finance.invoices.create({ customer_id: contact.contact_id, line_items: [{ item_id: item.item_id, quantity: 2 }] });
  await finance.invoices.get(invoice.invoice_id);
  await finance.invoices.update(invoice.invoice_id, { customer_id: contact.contact_id, line_items: [{ item_id: item.item_id, quantity: 3, rate: 130 }], notes: 'Thanks' });
  await finance.invoices.list({ customerId: contact.contact_id }).toArray();
  // Status changes and the documented create/get parameters: the client has no method for them.
  for (const status of ['sent', 'void', 'draft'] as const) await accepted(world, 'POST', binding, `/invoices/${invoice.invoice_id}/status/${status}`);
  await accepted(world, 'GET', binding, `/invoices/${invoice.invoice_id}?print=false&accept=json`);
  const quick = { customer_id: contact.contact_id, line_items: [{ item_id: item.item_id, quantity: 1 }] };
  await accepted(world, 'POST', binding, '/invoices?send=false&ignore_auto_number_generation=false&is_quick_create=false&batch_payments=false', quick);
  await accepted(world, 'PUT', binding, `/invoices/${invoice.invoice_id}?ignore_auto_number_generation=false`, { ...quick, notes: 'Again' });
  await finance.invoices.update(invoice.invoice_id, { customer_id: contact.contact_id, line_items: [{ item_id: item.item_id, quantity: 1, rate: 130 }] });
  await accepted(world, 'POST', binding, `/invoices/${invoice.invoice_id}/status/sent`);
  const taxId = (await finance.taxes.list().toArray())[0]?.tax_id ?? '460000000000009';
  await sendListFilters(world, binding, { contactId: contact.contact_id, itemId: item.item_id, taxId });

  // Errors a user meets: a duplicate name, a record deleted meanwhile, a contact with transactions.
  await refused(finance.contacts.create({ contact_name: 'Contract Heating Ltd' }), 'a duplicate display name');
  await refused(finance.contacts.delete(contact.contact_id), 'deleting a contact with invoices');
  await finance.invoices.delete(invoice.invoice_id);
  for (const other of await finance.invoices.list({ customerId: contact.contact_id }).toArray()) await finance.invoices.delete(other.invoice_id);
  await refused(finance.invoices.get(invoice.invoice_id), 'reading a deleted invoice');
  await finance.items.delete(item.item_id);
  await refused(finance.items.update(item.item_id, { name: 'Gone', rate: 1 }), 'updating a deleted item');
  await finance.contacts.markInactive(contact.contact_id);
  await finance.contacts.markActive(contact.contact_id);
  await finance.contacts.delete(contact.contact_id);
}

/** The client's Books and Invoice surfaces, and the organisations endpoints. */
export async function clientFlow(log: Exchange[], setting: FlowSetting): Promise<void> {
  const world = recordedWorld(log, {
    seed: 9,
    undocumented: setting.undocumented,
    users: [{ email: 'crud@example.com', region: 'us', books: [{ edition: 'us', records: { customers: 12, items: 5, invoices: 6 } }], invoice: [{ edition: 'us', records: 4 }], fsm: false }],
  });
  const books = firstOrg(world.sandbox, 'books');
  const invoice = firstOrg(world.sandbox, 'invoice');
  const client = world.client({ app: 'books', organizationId: books });
  await client.finance.organizations.list();
  await client.finance.organizations.get(books);
  await client.financeFor('invoice').organizations.list();
  await crud(world, client.finance, { app: 'books', organizationId: books });
  await crud(world, client.financeFor('invoice', invoice), { app: 'invoice', organizationId: invoice });
  await client.finance.taxAuthorities.list().toArray();
  await client.finance.taxExemptions.list().toArray();
}
