import { GCC_COUNTRY_CODES, GST_TREATMENTS, INDIAN_STATE_CODES, UAE_EMIRATE_CODES } from '../../schemas/tax-codes.js';
import { FINANCE_ADDRESS_FIELDS } from './finance-address.js';
import { financeCustomFields } from './finance-custom-fields.js';
import { def, text, under, type FieldDef } from './field-spec.js';

// Zoho's Invoices API reference create_invoice.
const S = 'Zoho Books API reference, Invoices';

const LINE: readonly FieldDef[] = [
  /* @__PURE__ */ def('item_id', 'ref', S, { ref: 'items', required: true }),
  /* @__PURE__ */ text('name', S, 100),
  /* @__PURE__ */ text('description', S),
  /* @__PURE__ */ def('rate', 'number', S),
  /* @__PURE__ */ def('quantity', 'number', S),
  /* @__PURE__ */ text('unit', S),
  /* @__PURE__ */ def('discount_amount', 'number', S),
  /* @__PURE__ */ def('tax_id', 'ref', S, { ref: 'taxes' }),
  /* @__PURE__ */ text('hsn_or_sac', S, undefined, { only: ['in', 'ke', 'za'] }),
  /* @__PURE__ */ def('product_type', 'enum', S, { enum: ['goods', 'services'] }),
  /* @__PURE__ */ def('item_order', 'integer', S),
  /* @__PURE__ */ text('tax_treatment_code', S, undefined, { only: ['gcc'] }),
];

/** Every field of a Books/Invoice invoice, across editions. */
export const FINANCE_INVOICE_FIELDS: readonly FieldDef[] = /* @__PURE__ */ (() => [
  def('customer_id', 'ref', S, { ref: 'customers', required: true }),
  def('currency_id', 'ref', S, { ref: 'currencies' }),
  def('exchange_rate', 'number', S),
  text('reference_number', S),
  def('date', 'date', S),
  def('due_date', 'date', S),
  def('payment_terms', 'integer', S),
  text('payment_terms_label', S),
  def('discount', 'number', S),
  def('is_inclusive_tax', 'boolean', S),
  text('salesperson_name', S, 200),
  text('notes', S),
  text('terms', S),
  def('place_of_supply', 'enum', S, { only: ['in', 'gcc'], enumByTag: { in: INDIAN_STATE_CODES, gcc: [...UAE_EMIRATE_CODES, ...GCC_COUNTRY_CODES] } }),
  def('gst_treatment', 'enum', S, { enum: GST_TREATMENTS, only: ['in'] }),
  text('gst_no', S, 15, { only: ['in'] }),
  // Written with PUT /invoices/{id}/address/billing ("for this invoice alone", Zoho's Invoices API reference).
  ...under('billing_address', FINANCE_ADDRESS_FIELDS.filter((f) => f.path !== 'attention' && f.path !== 'state_code' && f.path !== 'phone')),
  ...under('line_items[]', LINE),
  ...financeCustomFields(S),
])();
