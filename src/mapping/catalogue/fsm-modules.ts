import type { SyncType } from '../types.js';
import { kindedReference } from '../references.js';
import { FSM_ADDRESS_FIELDS } from './fsm-address.js';
import { FSM_CUSTOMER_TAX_FIELDS, PLACE_OF_SUPPLY_BY_TAG } from './fsm-tax.js';
import { def, text, under, type FieldDef } from './field-spec.js';
import { workOrderLines } from './work-order-lines.js';

// FSM module fields (create-company.html, create-contact.html,
// create-product.html, get-work-orders.html). Custom fields `*__C` are added by the catalogue.

const META: readonly FieldDef[] = [
  /* @__PURE__ */ def('Created_Time', 'datetime', 'FSM record replies', { readOnly: true }),
  /* @__PURE__ */ def('Modified_Time', 'datetime', 'FSM record replies', { readOnly: true }),
];

const CURRENCY: readonly FieldDef[] = [
  // Mandatory when multi-currency is on; a currency code.
  /* @__PURE__ */ def('Currency', 'ref', 'create-contact.html', { ref: 'currencies' }),
  /* @__PURE__ */ def('Exchange_Rate', 'number', 'create-contact.html'),
];

const ADDRESSES: readonly FieldDef[] = /* @__PURE__ */ (() => [...under('Billing_Address', FSM_ADDRESS_FIELDS), ...under('Service_Address', FSM_ADDRESS_FIELDS)])();

/** FSM Companies. */
export const FSM_COMPANY_FIELDS: readonly FieldDef[] = /* @__PURE__ */ (() => [
  text('Company_Name', 'create-company.html', undefined, { required: true }),
  text('Company_Type', 'create-company.html'),
  text('Email', 'create-company.html'),
  text('Phone', 'create-company.html'),
  text('Mobile', 'create-company.html'),
  text('Website', 'create-company.html'),
  text('Fax', 'get-companies.html'),
  ...ADDRESSES,
  ...FSM_CUSTOMER_TAX_FIELDS,
  ...CURRENCY,
  ...META,
])();

// A contact's display name: FSM returns it as Full_Name; a record without it (your own backend)
// gets First_Name and Last_Name joined.
function fullName(record: Readonly<Record<string, unknown>>): unknown {
  if (Object.hasOwn(record, 'Full_Name') && typeof record.Full_Name === 'string') return record.Full_Name;
  const parts = [record.First_Name, record.Last_Name].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return parts.length === 0 ? undefined : parts.join(' ');
}

/** FSM Contacts. */
export const FSM_CONTACT_FIELDS: readonly FieldDef[] = /* @__PURE__ */ (() => [
  text('Salutation', 'create-contact.html'),
  text('First_Name', 'create-contact.html'),
  text('Last_Name', 'create-contact.html', undefined, { required: true }),
  text('Full_Name', 'get-contacts.html', undefined, { readOnly: true, read: fullName, reads: ['Full_Name', 'First_Name', 'Last_Name'] }),
  text('Email', 'create-contact.html', undefined, { required: true }),
  text('Phone', 'create-contact.html'),
  text('Mobile', 'create-contact.html'),
  def('Company', 'ref', 'create-contact.html', { ref: 'companies' }),
  ...ADDRESSES,
  ...FSM_CUSTOMER_TAX_FIELDS,
  ...CURRENCY,
  ...META,
])();

const P = 'create-product.html';

/** FSM Service_And_Parts. */
export const FSM_SERVICE_AND_PART_FIELDS: readonly FieldDef[] = /* @__PURE__ */ (() => [
  text('Name', P, undefined, { required: true }),
  // Replies say "Goods" for parts; the create page says "Service or Part".
  def('Type', 'enum', P, { enum: ['Service', 'Goods', 'Part'], required: true }),
  text('Unit', P),
  def('Unit_Price', 'number', P, { required: true }),
  text('Description', P),
  text('SKU', P),
  def('Tax.Taxable', 'boolean', P),
  def('Tax.Tax_Id', 'ref', P, { ref: 'taxes' }),
  text('Tax.Tax_Name', P, undefined, { readOnly: true }),
  def('Tax.Tax_Exemption_Id', 'ref', P, { ref: 'tax_exemptions' }),
  text('Tax.Tax_Exemption_Code', P),
  // India. FSM types them "String" without an example; they are read as tax ids.
  def('Intra_State_Tax_Rate', 'ref', P, { ref: 'taxes', only: ['in'] }),
  def('Inter_State_Tax_Rate', 'ref', P, { ref: 'taxes', only: ['in'] }),
  // ❓ FSM does not publish an HSN/SAC field; this name is assumed.
  text('HSN_SAC', '❓ assumed (FSM does not publish it)', undefined, { only: ['in'] }),
  ...META,
])();

// A work order bills its Company under types I and III, its Contact under II, and its Company or
// else its Contact under IV ("Customer fields on ... Work Orders").
function customerReader(syncType: SyncType) {
  return (record: Readonly<Record<string, unknown>>): unknown => {
    const company = Object.hasOwn(record, 'Company') ? record.Company : undefined;
    const contact = Object.hasOwn(record, 'Contact') ? record.Contact : undefined;
    if (syncType === 'II') return contact === undefined ? undefined : kindedReference('contacts', contact);
    if (syncType === 'IV' && (company === undefined || company === null)) {
      return contact === undefined ? company : kindedReference('contacts', contact);
    }
    return company === undefined ? undefined : kindedReference('companies', company);
  };
}

const W = 'get-work-orders.html';

/** FSM Work_Orders: read-only, since invoices never flow back. */
export function fsmWorkOrderFields(syncType: SyncType): FieldDef[] {
  const fields: FieldDef[] = [
    text('Name', W),
    text('Summary', W),
    def('Customer', 'ref', `${W}; the sync type picks Company or Contact`, { ref: 'customers', read: customerReader(syncType), reads: ['Company', 'Contact'] }),
    def('Company', 'ref', W, { ref: 'companies' }),
    def('Contact', 'ref', W, { ref: 'contacts' }),
    def('Due_Date', 'date', W),
    def('Discount', 'number', W),
    ...under('Billing_Address', FSM_ADDRESS_FIELDS),
    ...CURRENCY,
    // ❓ Zoho's tax pages say a work order carries a place of supply; its API name is assumed.
    def('Place_of_Supply', 'enum', '❓ assumed (FSM does not publish it)', { only: ['in', 'gcc'], enumByTag: PLACE_OF_SUPPLY_BY_TAG }),
    ...workOrderLines(),
    ...META,
  ];
  return fields.map((f) => ({ ...f, readOnly: true }));
}
