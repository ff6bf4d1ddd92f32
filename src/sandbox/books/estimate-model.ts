import { isReply, type Reply } from '../reply.js';
import { isObject } from '../request-body.js';
import type { FinanceOrgState } from '../org-state.js';
import type { StoredRecord } from '../record-table.js';
import { booksDate, booksTimestamp } from '../time-format.js';
import type { SandboxWorld } from '../world.js';
import { renderAddress } from './address.js';
import { checkDocument, type DocumentKind } from './document-check.js';
import { documentErrors } from './document-errors.js';
import { priceDocument, renderPriced } from './document-lines.js';
import { nextDocumentNumber } from './document-numbers.js';
import { fieldAvailable, gateOf } from './edition-fields.js';
import { booksErrors } from './errors.js';

/** `status` values of GET /estimates (Zoho's Estimates API reference). */
export const ESTIMATE_STATUSES = [
  'draft', 'pending_approval', 'approved', 'sent', 'invoiced', 'accepted', 'declined', 'expired', 'viewed', 'signed',
  'rejected', 'partially_invoiced', 'pending_signature',
] as const;

const READ_ONLY = new Set([
  'estimate_id', 'status', 'customer_name', 'sub_total', 'tax_total', 'total', 'taxes', 'currency_code', 'created_time',
  'last_modified_time', 'accepted_date', 'declined_date', 'invoice_ids', 'price_precision',
]);

const KIND: DocumentKind = { table: 'estimates', label: 'Estimate', numberField: 'estimate_number', readOnly: READ_ONLY };

function check(world: SandboxWorld, org: FinanceOrgState, input: Record<string, unknown>, current?: StoredRecord): Record<string, unknown> | Reply {
  return checkDocument(KIND, world, org, input, current);
}

/** Creates a draft estimate, or the error Zoho would answer. */
export function createEstimate(world: SandboxWorld, org: FinanceOrgState, input: unknown, at = world.now()): StoredRecord | Reply {
  if (!isObject(input)) return booksErrors.invalidJson();
  const data = check(world, org, input);
  if (isReply(data)) return data;
  if (typeof data.estimate_number !== 'string' || data.estimate_number === '') data.estimate_number = nextDocumentNumber(org, 'EST');
  data.date ??= booksDate(at, org.utcOffsetMinutes);
  data.status = 'draft';
  return org.tables.estimates.insert(world.ids.finance(), data, at);
}

/** Updates an estimate with the fields given; an invoiced estimate cannot change. */
export function updateEstimate(world: SandboxWorld, org: FinanceOrgState, id: string, input: unknown, at = world.now()): StoredRecord | Reply {
  const row = org.tables.estimates.get(id);
  if (!row) return booksErrors.notFound('Estimate');
  if (!isObject(input)) return booksErrors.invalidJson();
  if (row.data.status === 'invoiced') return documentErrors.invoiced('Estimate', row.data.estimate_number);
  const patch = check(world, org, input, row);
  if (isReply(patch)) return patch;
  return org.tables.estimates.update(id, patch, at) ?? row;
}

/** An estimate as Zoho returns it; list rows are a subset. */
export function renderEstimate(org: FinanceOrgState, row: StoredRecord, view: 'full' | 'list'): Record<string, unknown> {
  const d = row.data;
  const priced = renderPriced(priceDocument(org, d));
  const customer = org.tables.contacts.get(String(d.customer_id));
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const common = {
    estimate_id: row.id,
    estimate_number: d.estimate_number,
    customer_id: d.customer_id,
    customer_name: customer?.data.contact_name ?? '',
    status: d.status,
    date: d.date,
    expiry_date: text(d.expiry_date),
    reference_number: text(d.reference_number),
    currency_id: org.currency.id,
    currency_code: org.currency.code,
    total: priced.total,
    accepted_date: text(d.accepted_date),
    declined_date: text(d.declined_date),
    created_time: booksTimestamp(row.createdAt, org.utcOffsetMinutes),
    last_modified_time: booksTimestamp(row.modifiedAt, org.utcOffsetMinutes),
  };
  if (view === 'list') return common;
  const gate = gateOf(org);
  const gated = Object.fromEntries(Object.entries(d).filter(([k]) => fieldAvailable('invoice', k, gate)));
  return {
    ...gated,
    ...common,
    ...priced,
    discount: typeof d.discount === 'number' ? d.discount : Number.parseFloat(String(d.discount ?? 0)) || 0,
    is_discount_before_tax: d.is_discount_before_tax !== false,
    discount_type: d.discount_type ?? 'item_level',
    is_inclusive_tax: d.is_inclusive_tax === true,
    exchange_rate: 1,
    price_precision: 2,
    invoice_ids: Array.isArray(d.invoice_ids) ? d.invoice_ids : [],
    billing_address: renderAddress(customer?.data.billing_address),
    shipping_address: renderAddress(customer?.data.shipping_address),
    notes: text(d.notes),
    terms: text(d.terms),
    custom_fields: Array.isArray(d.custom_fields) ? d.custom_fields : [],
  };
}

/** The state rules of the status endpoints: the stored statuses each change may start from. */
const TRANSITIONS: Record<'sent' | 'accepted' | 'declined', { from: readonly string[]; hint: string }> = {
  sent: { from: ['draft'], hint: 'Only a draft estimate can be marked as sent.' },
  accepted: { from: ['sent'], hint: 'Mark it as sent first; only a sent estimate can be accepted or declined.' },
  declined: { from: ['sent'], hint: 'Mark it as sent first; only a sent estimate can be accepted or declined.' },
};

/** Changes an estimate's status under Zoho's rules, or answers the refusal (nothing changes then). */
export function markEstimate(world: SandboxWorld, org: FinanceOrgState, id: string, status: 'sent' | 'accepted' | 'declined', at = world.now()): StoredRecord | Reply {
  const row = org.tables.estimates.get(id);
  if (!row) return booksErrors.notFound('Estimate');
  const rule = TRANSITIONS[status];
  const current = String(row.data.status);
  if (!rule.from.includes(current)) return documentErrors.statusChange('Estimate', current, status, rule.hint);
  const today = booksDate(at, org.utcOffsetMinutes);
  const dates = status === 'accepted' ? { accepted_date: today } : status === 'declined' ? { declined_date: today } : {};
  return org.tables.estimates.update(id, { status, ...dates }, at) ?? row;
}
