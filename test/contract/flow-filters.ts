import type { FinanceBindingOf, RecordedWorld } from './contract-world.js';

/** Every `filter_by` value Zoho documents for GET /contacts. */
export const CONTACT_FILTERS = [
  'Status.All', 'Status.Active', 'Status.Inactive', 'Status.Duplicate', 'Status.PortalEnabled', 'Status.PortalDisabled',
  'Invoice.OverDue', 'Invoice.Unpaid', 'Status.CreditLimitExceed', 'Status.Crm',
] as const;

/** Ids of records the filters point at. */
export interface FilterTargets {
  contactId: string;
  itemId: string;
  taxId: string;
}

/**
 * Values sent for each filter of the three lists, by parameter name. The contract test checks
 * that every query parameter Zoho declares for GET /contacts, /items and /invoices has an entry
 * here (so a filter Zoho adds is sent too), and that each entry is declared.
 */
export function listFilterSamples(t: FilterTargets): Record<'/contacts' | '/items' | '/invoices', Record<string, readonly string[]>> {
  return {
    '/contacts': {
      contact_type: ['customer', 'vendor'],
      contact_name: ['Contract Heating Ltd'], company_name: ['Contract Heating Ltd'],
      first_name: ['Ava'], last_name: ['Stone'], address: ['Main St'], email: ['ava@contract-heating.example'], phone: ['+1 415 555 0199'],
      filter_by: CONTACT_FILTERS,
      search_text: ['Contract'],
      sort_column: ['contact_name', 'first_name', 'last_name', 'email', 'outstanding_receivable_amount', 'created_time', 'last_modified_time'],
      zcrm_contact_id: ['460000000000001'], zcrm_account_id: ['460000000000002'], zcrm_vendor_id: ['460000000000003'],
      page: ['2'], per_page: ['3'],
    },
    '/items': {
      name: ['Contract Boiler Service'], name_startswith: ['Contract'], name_contains: ['Boiler'],
      description: ['Annual service'], description_startswith: ['Annual'], description_contains: ['service'],
      rate: ['120'], rate_less_than: ['200'], rate_less_equals: ['120'], rate_greater_than: ['10'], rate_greater_equals: ['120'],
      tax_id: [t.taxId], tax_name: ['State Tax'], is_taxable: ['true', 'false'], tax_exemption_id: ['460000000000004'], account_id: ['460000000000005'],
      filter_by: ['Status.All', 'Status.Active', 'Status.Inactive'],
      search_text: ['Boiler'],
      sort_column: ['name', 'rate', 'tax_name'],
      sat_item_key_code: ['01010101'], unitkey_code: ['E48'],
      page: ['1'], per_page: ['2'],
    },
    '/invoices': {
      invoice_number: ['INV-000001'], item_name: ['Boiler'], item_id: [t.itemId], item_description: ['Annual'], reference_number: ['PO-1'],
      customer_name: ['Contract Heating Ltd'], recurring_invoice_id: ['460000000000006'], email: ['ava@contract-heating.example'],
      total: ['390'], balance: ['390'], custom_field: ['Region'],
      date: ['2026-01-01'], date_start: ['2025-12-01'], date_end: ['2026-12-31'], date_before: ['2027-01-01'], date_after: ['2025-01-01'],
      due_date: ['2026-01-16'], due_date_start: ['2026-01-01'], due_date_end: ['2026-12-31'], due_date_before: ['2027-01-01'], due_date_after: ['2025-01-01'],
      created_date: ['2026-01-01'], created_date_start: ['2025-12-01'], created_date_end: ['2026-12-31'],
      last_modified_time: ['2025-12-01T00:00:00-0800'],
      status: ['sent', 'draft', 'overdue', 'paid', 'void', 'unpaid', 'partially_paid', 'viewed'],
      customer_id: [t.contactId],
      filter_by: ['Status.All', 'Status.Sent', 'Status.Draft', 'Status.OverDue', 'Status.Paid', 'Status.Void', 'Status.Unpaid', 'Status.PartiallyPaid', 'Status.Viewed', 'Date.PaymentExpectedDate'],
      search_text: ['INV'],
      sort_column: ['customer_name', 'invoice_number', 'date', 'due_date', 'total', 'balance', 'created_time'],
      zcrm_potential_id: ['460000000000007'], response_option: ['0', '1', '2'],
      page: ['1'], per_page: ['5'],
    },
  };
}

/** Sends every filter value of {@link listFilterSamples} alone; each call must succeed. */
export async function sendListFilters(world: RecordedWorld, finance: FinanceBindingOf, targets: FilterTargets): Promise<void> {
  for (const [path, filters] of Object.entries(listFilterSamples(targets))) {
    for (const [name, values] of Object.entries(filters)) {
      for (const value of values) {
        const status = await world.raw('GET', finance, `${path}?${new URLSearchParams({ [name]: value }).toString()}`);
        if (status !== 200) throw new Error(`GET ${path}?${name}=${value} answered ${status}`);
      }
    }
  }
}
