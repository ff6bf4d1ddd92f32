import { cachedView, queryKey } from '../list-cache.js';
import { isReply, type Reply } from '../reply.js';
import type { FinanceContext } from './context.js';
import { contactIndex, createContact, hasTransactions, renderContact, updateContact } from './contact-model.js';
import { listReply, sortListed, sortOrder, success } from './envelope.js';
import { booksErrors } from './errors.js';
import { searchText, statusFilter, textFilters } from './list-filters.js';

// zoho-api.md §2.5: the sort columns GET /contacts documents.
const SORT_COLUMNS = ['contact_name', 'first_name', 'last_name', 'email', 'outstanding_receivable_amount', 'created_time', 'last_modified_time'];
const NAME_FILTERS = ['contact_name', 'company_name', 'first_name', 'last_name', 'email', 'phone'];

/** GET /contacts */
export function listContacts(ctx: FinanceContext): Reply {
  const { org, query } = ctx;
  const status = statusFilter(query);
  if (!status) return booksErrors.invalidValue('filter_by');
  const column = query.get('sort_column') ?? 'contact_name';
  if (!SORT_COLUMNS.includes(column)) return booksErrors.invalidValue('sort_column');
  const order = sortOrder(ctx, 'A');
  const type = query.get('contact_type');
  const { contacts, contactpersons, invoices } = org.tables;
  const versions = `${contacts.version}.${contactpersons.version}.${invoices.version}.${org.currency.id}`;
  const views = cachedView(contacts, `${versions}|${queryKey(query)}`, () => {
    const index = contactIndex(org);
    const byText = textFilters(query, NAME_FILTERS);
    const bySearch = searchText(query, ['contact_name', 'company_name', 'email']);
    const rows = contacts
      .all()
      .map((row) => ({ row, view: renderContact(org, row, 'list', index) }))
      .filter(({ view }) => status.test(view.status) && (type === null || view.contact_type === type) && byText(view) && bySearch(view));
    sortListed(rows, column, order);
    return rows.map((r) => r.view);
  });
  return listReply('contacts', views, query, { applied_filter: status.applied, sort_column: column, sort_order: order });
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

