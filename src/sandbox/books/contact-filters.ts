import type { FinanceOrgState } from '../org-state.js';
import type { StoredRecord } from '../record-table.js';
import { booksDate } from '../time-format.js';
import type { ContactIndex } from './contact-model.js';
import { invoiceBalance } from './invoice-model.js';

/** The `filter_by` values Zoho's published description of Books lists for GET /contacts. */
export const CONTACT_FILTERS = [
  'Status.All', 'Status.Active', 'Status.Inactive', 'Status.Duplicate', 'Status.PortalEnabled', 'Status.PortalDisabled',
  'Invoice.OverDue', 'Invoice.Unpaid', 'Status.CreditLimitExceed', 'Status.Crm',
] as const;

/** One `filter_by` value of GET /contacts. */
export type ContactFilter = (typeof CONTACT_FILTERS)[number];

/** What a contact filter looks at: the stored row and its list view. */
export interface ContactFilterInput {
  row: StoredRecord;
  view: Record<string, unknown>;
}

function normalName(value: unknown): string {
  return String(value ?? '').trim().toLowerCase();
}

function openInvoices(org: FinanceOrgState, index: ContactIndex, contactId: string): StoredRecord[] {
  return (index.invoices.get(contactId) ?? []).filter((i) => i.data.status !== 'draft' && i.data.status !== 'void' && invoiceBalance(org, i) > 0);
}

function nonEmpty(value: unknown): boolean {
  return typeof value === 'string' ? value.trim() !== '' : typeof value === 'number';
}

/**
 * The predicate of one `filter_by` value, or `undefined` for a value Zoho does not document. Zoho
 * names the filters without defining them; the sandbox's reading (docs/sandbox.md):
 * - `Status.Duplicate`: the display name is shared with another contact (case-insensitive);
 * - `Status.PortalEnabled` / `PortalDisabled`: some person of the contact has portal access, or none;
 * - `Invoice.Unpaid`: an invoice that is neither draft nor void still has a balance;
 * - `Invoice.OverDue`: such an invoice is past its due date (the org's today);
 * - `Status.CreditLimitExceed`: a positive `credit_limit` below the receivable;
 * - `Status.Crm`: linked with Zoho CRM (`is_linked_with_zohocrm`, or a `zcrm_*_id`).
 */
export function contactFilter(
  org: FinanceOrgState,
  index: ContactIndex,
  value: string,
  all: readonly StoredRecord[],
  now: number,
): ((input: ContactFilterInput) => boolean) | undefined {
  switch (value as ContactFilter) {
    case 'Status.All':
      return () => true;
    case 'Status.Active':
      return ({ view }) => view.status === 'active';
    case 'Status.Inactive':
      return ({ view }) => view.status === 'inactive';
    case 'Status.Duplicate': {
      const counts = new Map<string, number>();
      for (const row of all) counts.set(normalName(row.data.contact_name), (counts.get(normalName(row.data.contact_name)) ?? 0) + 1);
      return ({ row }) => (counts.get(normalName(row.data.contact_name)) ?? 0) > 1;
    }
    case 'Status.PortalEnabled':
      return ({ row }) => (index.persons.get(row.id) ?? []).some((p) => p.data.is_added_in_portal === true);
    case 'Status.PortalDisabled':
      return ({ row }) => !(index.persons.get(row.id) ?? []).some((p) => p.data.is_added_in_portal === true);
    case 'Invoice.Unpaid':
      return ({ row }) => openInvoices(org, index, row.id).length > 0;
    case 'Invoice.OverDue': {
      const today = booksDate(now, org.utcOffsetMinutes);
      return ({ row }) => openInvoices(org, index, row.id).some((i) => typeof i.data.due_date === 'string' && i.data.due_date < today);
    }
    case 'Status.CreditLimitExceed':
      return ({ row, view }) => {
        const limit = Number(row.data.credit_limit);
        return Number.isFinite(limit) && limit > 0 && Number(view.outstanding_receivable_amount) > limit;
      };
    case 'Status.Crm':
      return ({ row }) => row.data.is_linked_with_zohocrm === true || ['zcrm_account_id', 'zcrm_contact_id', 'zcrm_vendor_id'].some((f) => nonEmpty(row.data[f]));
    default:
      return undefined;
  }
}
