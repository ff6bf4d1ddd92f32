import { cachedView, queryKey } from '../list-cache.js';
import { isReply, type Reply } from '../reply.js';
import { isObject } from '../request-body.js';
import { booksDate } from '../time-format.js';
import type { FinanceContext } from './context.js';
import { contactIndex, createContact, hasTransactions, renderContact, updateContact } from './contact-model.js';
import { listReply, sortListed, sortOrder, success } from './envelope.js';
import { booksErrors } from './errors.js';
import { contactFilter, CONTACT_FILTERS } from './contact-filters.js';
import { searchText, textFilters } from './list-filters.js';

// The sort columns GET /contacts documents.
const SORT_COLUMNS = ['contact_name', 'first_name', 'last_name', 'email', 'outstanding_receivable_amount', 'created_time', 'last_modified_time'];
const NAME_FILTERS = ['contact_name', 'company_name', 'first_name', 'last_name', 'email', 'phone'];
const CRM_IDS = ['zcrm_contact_id', 'zcrm_account_id', 'zcrm_vendor_id'];

/** The `address` filter reads the billing and shipping addresses as one text (sandbox reading). */
function addressText(data: Record<string, unknown>): string {
  const parts = [data.billing_address, data.shipping_address].flatMap((a) => (isObject(a) ? Object.values(a).filter((v) => typeof v === 'string') : []));
  return parts.join(' ');
}

/** GET /contacts */
export function listContacts(ctx: FinanceContext): Reply {
  const { org, query } = ctx;
  const filterBy = query.get('filter_by') ?? 'Status.All';
  if (!(CONTACT_FILTERS as readonly string[]).includes(filterBy)) return booksErrors.invalidValue('filter_by');
  const column = query.get('sort_column') ?? 'contact_name';
  if (!SORT_COLUMNS.includes(column)) return booksErrors.invalidValue('sort_column');
  const order = sortOrder(ctx, 'A');
  const type = query.get('contact_type');
  const { contacts, contactpersons, invoices } = org.tables;
  const now = ctx.world.now();
  // Invoice.OverDue depends on the org's today, so the day is part of the cache key.
  const versions = `${contacts.version}.${contactpersons.version}.${invoices.version}.${org.currency.id}.${booksDate(now, org.utcOffsetMinutes)}`;
  const views = cachedView(contacts, `${versions}|${queryKey(query)}`, () => {
    const index = contactIndex(org);
    const all = contacts.all();
    const byFilter = contactFilter(org, index, filterBy, all, now) ?? (() => true);
    const byText = textFilters(query, NAME_FILTERS);
    const byAddress = textFilters(query, ['address']);
    const byCrm = textFilters(query, CRM_IDS);
    const bySearch = searchText(query, ['contact_name', 'company_name', 'email']);
    const rows = all
      .map((row) => ({ row, view: renderContact(org, row, 'list', index) }))
      .filter((entry) => byFilter(entry) && (type === null || entry.view.contact_type === type) && byText(entry.view) && bySearch(entry.view))
      .filter(({ row }) => byAddress({ address: addressText(row.data) }) && byCrm(row.data));
    sortListed(rows, column, order);
    return rows.map((r) => r.view);
  });
  return listReply('contacts', views, query, { applied_filter: filterBy, sort_column: column, sort_order: order });
}

/** POST /contacts */
export function createContactRoute(ctx: FinanceContext): Reply {
  const created = createContact(ctx.world, ctx.org, ctx.body);
  if (isReply(created)) return created;
  return success('The contact has been created', { contact: renderContact(ctx.org, created, 'full') }, 201);
}

/** GET /contacts/{id} */
export function getContact(ctx: FinanceContext): Reply {
  const row = ctx.org.tables.contacts.get(ctx.params.id ?? '');
  if (!row) return booksErrors.notFound('Contact');
  return success('success', { contact: renderContact(ctx.org, row, 'full') });
}

/** PUT /contacts/{id} */
export function updateContactRoute(ctx: FinanceContext): Reply {
  const updated = updateContact(ctx.world, ctx.org, ctx.params.id ?? '', ctx.body);
  if (isReply(updated)) return updated;
  return success('Contact has been updated successfully', { contact: renderContact(ctx.org, updated, 'full') });
}

/** DELETE /contacts/{id} */
export function deleteContact(ctx: FinanceContext): Reply {
  const { org } = ctx;
  const id = ctx.params.id ?? '';
  if (!org.tables.contacts.get(id)) return booksErrors.notFound('Contact');
  if (hasTransactions(org, id)) return booksErrors.contactHasTransactions();
  for (const person of org.tables.contactpersons.where('contact_id', id)) org.tables.contactpersons.delete(person.id);
  org.tables.contacts.delete(id);
  return success('The contact has been deleted.');
}

