import type { Reply } from '../reply.js';
import { isObject } from '../request-body.js';
import type { FinanceOrgState } from '../org-state.js';
import type { StoredRecord } from '../record-table.js';
import { booksTimestamp } from '../time-format.js';
import type { SandboxWorld } from '../world.js';
import { mergeAddress, renderAddress } from './address.js';
import { addPerson, makePrimary, personInput, personsOf, renderPerson } from './contact-person-model.js';
import { fieldAvailable, gateOf, withoutUnavailable } from './edition-fields.js';
import { booksErrors } from './errors.js';
import { invoiceBalance } from './invoice-model.js';

/** Fields Zoho computes: ignored on input. */
const READ_ONLY = new Set([
  'contact_id', 'created_time', 'last_modified_time', 'has_transaction', 'status', 'primary_contact_id',
  'outstanding_receivable_amount', 'outstanding_receivable_amount_bcy', 'unused_credits_receivable_amount',
  'unused_credits_receivable_amount_bcy', 'currency_code', 'currency_symbol', 'contact_persons',
  'first_name', 'last_name', 'email', 'phone', 'mobile',
]);

/** True when another contact of the org has this display name (case-insensitive). */
function nameTaken(org: FinanceOrgState, name: string, exceptId?: string): boolean {
  const wanted = name.trim().toLowerCase();
  return org.tables.contacts.lookup('contact_name', (d) => String(d.contact_name).trim().toLowerCase(), wanted).some((c) => c.id !== exceptId);
}

function checkCommon(org: FinanceOrgState, data: Record<string, unknown>, exceptId?: string): Reply | undefined {
  const name = data.contact_name;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 200) return booksErrors.invalidContactName();
  // Zoho error 3062 unless the org allows duplicate display names.
  if (!org.allowDuplicateNames && nameTaken(org, name, exceptId)) return booksErrors.duplicateContactName();
  if (data.currency_id !== undefined && data.currency_id !== org.currency.id) return booksErrors.invalidCurrency();
  for (const field of ['contact_type', 'customer_sub_type'] as const) {
    const allowed = field === 'contact_type' ? ['customer', 'vendor'] : ['business', 'individual'];
    if (data[field] !== undefined && !allowed.includes(String(data[field]))) return booksErrors.invalidValue(field);
  }
  return undefined;
}

function writable(input: Record<string, unknown>, org: FinanceOrgState): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (!READ_ONLY.has(key)) data[key] = value;
  return withoutUnavailable('contact', data, gateOf(org));
}

/** Creates a contact (with its `contact_persons`), or the error Zoho would answer. */
export function createContact(world: SandboxWorld, org: FinanceOrgState, input: unknown, at = world.now()): StoredRecord | Reply {
  if (!isObject(input)) return booksErrors.invalidContactName();
  const data: Record<string, unknown> = {
    contact_type: 'customer',
    customer_sub_type: 'business',
    payment_terms: 0,
    payment_terms_label: 'Due on Receipt',
    ...writable(input, org),
  };
  const refused = checkCommon(org, data);
  if (refused) return refused;
  data.status = 'active';
  const row = org.tables.contacts.insert(world.ids.finance(), data, at);
  const persons = Array.isArray(input.contact_persons) ? input.contact_persons.filter(isObject) : [];
  for (const person of persons) addPerson(world, org, row.id, person, at);
  return row;
}

/** Updates a contact: given fields change, `contact_persons` entries with an id update, others are added. */
export function updateContact(world: SandboxWorld, org: FinanceOrgState, id: string, input: unknown, at = world.now()): StoredRecord | Reply {
  const row = org.tables.contacts.get(id);
  if (!row) return booksErrors.notFound('Contact');
  if (!isObject(input)) return booksErrors.invalidJson();
  const patch = writable(input, org);
  for (const field of ['billing_address', 'shipping_address'] as const) {
    if (field in patch) {
      const merged = mergeAddress(row.data[field], patch[field]);
      if (merged) patch[field] = merged;
    }
  }
  const refused = checkCommon(org, { ...row.data, ...patch }, id);
  if (refused) return refused;
  org.tables.contacts.update(id, patch, at);
  const persons = Array.isArray(input.contact_persons) ? input.contact_persons.filter(isObject) : [];
  for (const person of persons) {
    const personId = typeof person.contact_person_id === 'string' ? person.contact_person_id : undefined;
    const existing = personId === undefined ? undefined : org.tables.contactpersons.get(personId);
    if (existing && existing.data.contact_id === id) {
      org.tables.contactpersons.update(existing.id, personInput(person), at);
      if (person.is_primary_contact === true) makePrimary(org, existing.id, at);
    } else {
      addPerson(world, org, id, person, at);
    }
  }
  return org.tables.contacts.get(id) ?? row;
}

/** Persons and invoices grouped by contact, built once per list call so rendering stays linear. */
export interface ContactIndex {
  persons: Map<string, StoredRecord[]>;
  invoices: Map<string, StoredRecord[]>;
}

/** Groups the org's persons and invoices by contact id. */
export function contactIndex(org: FinanceOrgState): ContactIndex {
  const group = (rows: StoredRecord[], key: string) => {
    const map = new Map<string, StoredRecord[]>();
    for (const row of rows) {
      const id = String(row.data[key]);
      const list = map.get(id);
      if (list) list.push(row);
      else map.set(id, [row]);
    }
    return map;
  };
  return { persons: group(org.tables.contactpersons.all(), 'contact_id'), invoices: group(org.tables.invoices.all(), 'customer_id') };
}

function invoicesOf(org: FinanceOrgState, contactId: string, index?: ContactIndex): StoredRecord[] {
  return index ? (index.invoices.get(contactId) ?? []) : org.tables.invoices.where('customer_id', contactId);
}

/** True when the contact has transactions (invoices), which blocks deleting it (code 3000). */
export function hasTransactions(org: FinanceOrgState, contactId: string): boolean {
  return invoicesOf(org, contactId).length > 0;
}

function outstanding(org: FinanceOrgState, contactId: string, index?: ContactIndex): number {
  let sum = 0;
  for (const invoice of invoicesOf(org, contactId, index)) {
    const status = String(invoice.data.status);
    if (status !== 'draft' && status !== 'void') sum += invoiceBalance(org, invoice);
  }
  return Math.round(sum * 100) / 100;
}

/** A contact as Zoho returns it: `'full'` for GET by id and writes, `'list'` for list rows. */
export function renderContact(org: FinanceOrgState, row: StoredRecord, view: 'full' | 'list', index?: ContactIndex): Record<string, unknown> {
  const d = row.data;
  const persons = index ? (index.persons.get(row.id) ?? []) : personsOf(org, row.id);
  const primary = persons.find((p) => p.data.is_primary_contact === true) ?? persons[0];
  const receivable = outstanding(org, row.id, index);
  const gated: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(d)) if (fieldAvailable('contact', key, gateOf(org))) gated[key] = value;
  const common = {
    contact_id: row.id,
    contact_name: d.contact_name,
    company_name: typeof d.company_name === 'string' ? d.company_name : '',
    contact_type: d.contact_type,
    customer_sub_type: d.customer_sub_type,
    status: d.status,
    payment_terms: d.payment_terms,
    payment_terms_label: d.payment_terms_label,
    currency_id: org.currency.id,
    currency_code: org.currency.code,
    outstanding_receivable_amount: receivable,
    unused_credits_receivable_amount: 0,
  };
  const created_time = booksTimestamp(row.createdAt, org.utcOffsetMinutes);
  const last_modified_time = booksTimestamp(row.modifiedAt, org.utcOffsetMinutes);
  if (view === 'list') {
    const p = primary?.data ?? {};
    const taxFields = Object.fromEntries(
      ['gst_no', 'gst_treatment', 'place_of_contact', 'tax_treatment', 'tax_reg_no', 'vat_treatment', 'vat_reg_no', 'country_code', 'is_taxable']
        .filter((f) => f in gated)
        .map((f) => [f, gated[f]]),
    );
    return {
      ...common,
      ...taxFields,
      first_name: p.first_name ?? '',
      last_name: p.last_name ?? '',
      email: p.email ?? '',
      phone: p.phone ?? '',
      mobile: p.mobile ?? '',
      created_time,
      last_modified_time,
    };
  }
  return {
    ...gated,
    ...common,
    has_transaction: hasTransactions(org, row.id),
    currency_symbol: org.currency.symbol,
    outstanding_receivable_amount_bcy: receivable,
    unused_credits_receivable_amount_bcy: 0,
    primary_contact_id: primary?.id ?? '',
    website: typeof d.website === 'string' ? d.website : '',
    notes: typeof d.notes === 'string' ? d.notes : '',
    payment_reminder_enabled: d.payment_reminder_enabled !== false,
    custom_fields: Array.isArray(d.custom_fields) ? d.custom_fields : [],
    billing_address: renderAddress(d.billing_address),
    shipping_address: renderAddress(d.shipping_address),
    contact_persons: persons.map((p) => renderPerson(p, false)),
    created_time,
    last_modified_time,
  };
}
