const ORG = ['organization_id'];
const PAGING = ['page', 'per_page'];

/**
 * The query parameters each Books/Invoice operation the sandbox serves declares in Zoho's
 * published OpenAPI description of Books, keyed `METHOD /template` as the route table names
 * endpoints. Names only; a test compares this table with that description so the two cannot
 * drift. With `undocumented.params: 'ignore'` the sandbox drops every other parameter before a
 * handler sees it. An operation missing here declares nothing but `organization_id`.
 */
export const DECLARED_QUERY_PARAMS: Readonly<Record<string, readonly string[]>> = {
  'GET /organizations': [],
  'POST /organizations': [],
  'GET /organizations/{id}': [],
  'PUT /organizations/{id}': [],
  'GET /contacts': [
    ...ORG, 'contact_type', 'contact_name', 'company_name', 'first_name', 'last_name', 'address', 'email', 'phone',
    'filter_by', 'search_text', 'sort_column', 'zcrm_contact_id', 'zcrm_account_id', 'zcrm_vendor_id', ...PAGING,
  ],
  'GET /contacts/{contact_id}/contactpersons': [...ORG, ...PAGING],
  'GET /items': [
    ...ORG, 'name', 'name_startswith', 'name_contains', 'description', 'description_startswith', 'description_contains',
    'rate', 'rate_less_than', 'rate_less_equals', 'rate_greater_than', 'rate_greater_equals',
    'tax_id', 'tax_name', 'is_taxable', 'tax_exemption_id', 'account_id', 'filter_by', 'search_text', 'sort_column',
    'sat_item_key_code', 'unitkey_code', ...PAGING,
  ],
  'GET /settings/taxes': [...ORG, ...PAGING],
  'GET /invoices': [
    ...ORG, 'invoice_number', 'item_name', 'item_id', 'item_description', 'reference_number', 'customer_name',
    'recurring_invoice_id', 'email', 'total', 'balance', 'custom_field',
    'date', 'date_start', 'date_end', 'date_before', 'date_after',
    'due_date', 'due_date_start', 'due_date_end', 'due_date_before', 'due_date_after',
    'created_date', 'created_date_start', 'created_date_end', 'last_modified_time',
    'status', 'customer_id', 'filter_by', 'search_text', 'sort_column', 'zcrm_potential_id', 'response_option', ...PAGING,
  ],
  'POST /invoices': [...ORG, 'send', 'ignore_auto_number_generation', 'is_quick_create', 'batch_payments'],
  'GET /invoices/{id}': [...ORG, 'print', 'accept'],
  'PUT /invoices/{id}': [...ORG, 'ignore_auto_number_generation'],
  'GET /estimates': [
    ...ORG, 'estimate_number', 'reference_number', 'customer_name', 'total', 'customer_id', 'item_id', 'item_name',
    'item_description', 'custom_field', 'expiry_date', 'expiry_date_start', 'expiry_date_end', 'expiry_date_before',
    'expiry_date_after', 'date', 'last_modified_time', 'status', 'filter_by', 'search_text', 'sort_column',
    'zcrm_potential_id', 'location_ids', ...PAGING,
  ],
  'POST /estimates': [...ORG, 'send', 'ignore_auto_number_generation'],
  'GET /estimates/{id}': [...ORG, 'print', 'accept'],
  'PUT /estimates/{id}': [...ORG, 'ignore_auto_number_generation'],
  'POST /invoices/fromestimates': [...ORG, 'estimate_ids'],
  'POST /invoices/fromsalesorder': [...ORG, 'salesorder_id'],
  'GET /salesorders': [
    ...ORG, 'sort_column', 'search_text', 'filter_by', 'salesorder_number', 'item_name', 'item_id', 'item_description',
    'reference_number', 'customer_name', 'email', 'total', 'date', 'created_date', 'shipment_date', 'expiry_date_start',
    'expiry_date_end', 'expiry_date_before', 'expiry_date_after', 'status', 'customer_id', 'salesperson_id',
    'salesorder_ids', 'zcrm_potential_id', 'last_modified_time', 'accept', 'print', 'customview_id', 'location_ids', ...PAGING,
  ],
  'POST /salesorders': [...ORG, 'ignore_auto_number_generation', 'can_send_in_mail', 'totalFiles', 'doc'],
  'GET /salesorders/{id}': [...ORG, 'print', 'accept'],
  'PUT /salesorders/{id}': [...ORG, 'ignore_auto_number_generation', 'can_send_in_mail', 'totalFiles', 'doc'],
  'GET /share/paymentlink': [...ORG, 'transaction_id', 'transaction_type', 'link_type', 'expiry_time'],
  'GET /customerpayments': [
    ...ORG, 'customer_name', 'reference_number', 'date', 'amount', 'notes', 'payment_mode', 'filter_by', 'sort_column',
    'search_text', 'customer_id', ...PAGING,
  ],
  'GET /customerpayments/{id}': [...ORG, 'accept'],
  'GET /chartofaccounts': [
    ...ORG, 'showbalance', 'filter_by', 'sort_column', 'last_modified_time', 'customview_id', 'account_id', 'account_code',
    'account_name', 'search_text', ...PAGING,
  ],
};

/** The query parameters `METHOD /template` declares (see {@link DECLARED_QUERY_PARAMS}). */
export function declaredQueryParams(method: string, template: string): readonly string[] {
  return DECLARED_QUERY_PARAMS[`${method} ${template}`] ?? ORG;
}

/** A copy of `query` without the parameters the operation does not declare. */
export function onlyDeclared(method: string, template: string, query: URLSearchParams): URLSearchParams {
  const declared = new Set(declaredQueryParams(method, template));
  return new URLSearchParams([...query.entries()].filter(([name]) => declared.has(name)));
}
