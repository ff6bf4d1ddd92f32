import {
  FinanceContactCreateSchema,
  FinanceContactSchema,
  FinanceContactUpdateSchema,
} from '../../schemas/finance/index.js';
import type { FinanceContext } from './finance-context.js';
import { listFilters } from '../list-params.js';
import { ActivatableFinanceResource } from './activatable-resource.js';

/** Filters and sorting of `GET /contacts`, in camelCase. */
export interface ContactListParams {
  contactType?: 'customer' | 'vendor';
  filterBy?:
    | 'Status.All' | 'Status.Active' | 'Status.Inactive' | 'Status.Duplicate' | 'Status.PortalEnabled' | 'Status.PortalDisabled'
    | 'Invoice.OverDue' | 'Invoice.Unpaid' | 'Status.CreditLimitExceed' | 'Status.Crm' | (string & {});
  sortColumn?: 'contact_name' | 'first_name' | 'last_name' | 'email' | 'outstanding_receivable_amount' | 'created_time' | 'last_modified_time';
  /** `A` ascending, `D` descending. */
  sortOrder?: 'A' | 'D';
  searchText?: string;
  contactName?: string;
  companyName?: string;
  email?: string;
  phone?: string;
}

/**
 * The query names GET /contacts declares, and sort_order, which Zoho reports in page_context
 * without declaring it (the one deliberate exception; docs/sandbox.md).
 */
export const CONTACT_FILTERS = /* @__PURE__ */ listFilters<ContactListParams>({
  contactType: 'contact_type',
  filterBy: 'filter_by',
  sortColumn: 'sort_column',
  sortOrder: 'sort_order',
  searchText: 'search_text',
  contactName: 'contact_name',
  companyName: 'company_name',
  email: 'email',
  phone: 'phone',
});

/**
 * Customers and vendors (`/contacts`).
 *
 * @example
 * ```ts
 * const created = await client.finance.contacts.create({ contact_name: 'Acme', customer_sub_type: 'business' });
 * // An update carries the display name and the type, as Zoho requires them on every update.
 * await client.finance.contacts.update(created.contact_id, { contact_name: 'Acme', contact_type: 'customer', website: 'https://acme.test' });
 * await client.finance.contacts.markInactive(created.contact_id);
 * for await (const c of client.finance.contacts.list({ sortColumn: 'last_modified_time', sortOrder: 'D' })) { ... }
 * ```
 */
export class ContactsResource extends ActivatableFinanceResource<
  typeof FinanceContactSchema,
  typeof FinanceContactCreateSchema,
  typeof FinanceContactUpdateSchema,
  ContactListParams
> {
  constructor(context: FinanceContext) {
    super(context, {
      path: '/contacts',
      one: 'contact',
      many: 'contacts',
      label: 'contact',
      record: FinanceContactSchema,
      create: FinanceContactCreateSchema,
      update: FinanceContactUpdateSchema,
      filters: CONTACT_FILTERS,
    });
  }
}
