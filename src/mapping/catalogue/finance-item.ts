import { PRODUCT_TYPES } from '../../schemas/tax-codes.js';
import { financeCustomFields } from './finance-custom-fields.js';
import { def, text, type FieldDef } from './field-spec.js';

// Zoho's Items API reference create_item.
const S = 'Zoho Books API reference, Items';
// South Africa has capital goods and services instead of digital services.
const GENERAL_TYPES = /* @__PURE__ */ PRODUCT_TYPES.filter((t) => !t.startsWith('capital_'));
const ZA_TYPES = /* @__PURE__ */ PRODUCT_TYPES.filter((t) => t !== 'digital_service');

/** Every field of a Books/Invoice item, across editions. */
export const FINANCE_ITEM_FIELDS: readonly FieldDef[] = /* @__PURE__ */ (() => [
  text('name', S, 100, { required: true }),
  def('rate', 'number', S, { required: true }),
  text('description', S, 2000),
  text('sku', S),
  text('unit', S),
  def('product_type', 'enum', S, { enum: GENERAL_TYPES, enumByTag: { za: ZA_TYPES } }),
  def('item_type', 'enum', S, { enum: ['sales', 'purchases', 'sales_and_purchases', 'inventory'] }),
  text('purchase_description', S),
  def('purchase_rate', 'number', S),
  def('tax_id', 'ref', S, { ref: 'taxes', not: ['us', 'in'] }),
  text('tax_name', S, undefined, { readOnly: true }),
  def('tax_percentage', 'number', S, { readOnly: true }),
  def('is_taxable', 'boolean', S, { only: ['in', 'us', 'mx', 'ke', 'za'] }),
  def('tax_exemption_id', 'ref', S, { ref: 'tax_exemptions', only: ['in', 'us', 'mx', 'ke', 'za'] }),
  text('hsn_or_sac', S, undefined, { only: ['in', 'ke', 'za'] }),
  // India: the item's default intra-state and inter-state taxes.
  def('item_tax_preferences[tax_specification=intra].tax_id', 'ref', S, { ref: 'taxes', only: ['in'] }),
  def('item_tax_preferences[tax_specification=inter].tax_id', 'ref', S, { ref: 'taxes', only: ['in'] }),
  ...financeCustomFields(S),
])();
