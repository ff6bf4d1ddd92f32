import { isReply, type Reply } from '../reply.js';
import type { FinanceOrgState } from '../org-state.js';
import type { StoredRecord } from '../record-table.js';
import type { SandboxWorld } from '../world.js';
import { documentErrors } from './document-errors.js';
import { readLines, unpriceable } from './document-lines.js';
import { gateOf, withoutUnavailable } from './edition-fields.js';
import { booksErrors } from './errors.js';

/** What differs between estimates and sales orders when their input is checked. */
export interface DocumentKind {
  table: 'estimates' | 'salesorders';
  label: 'Estimate' | 'Sales order';
  numberField: 'estimate_number' | 'salesorder_number';
  /** Fields Books computes or keeps itself: dropped from the input. */
  readOnly: ReadonlySet<string>;
}

/**
 * Checks an estimate's or sales order's create or update input as Books does: the customer
 * exists, the number is unused, every line is readable, the document can be priced. Returns the
 * fields to store, or Zoho's refusal.
 */
export function checkDocument(kind: DocumentKind, world: SandboxWorld, org: FinanceOrgState, input: Record<string, unknown>, current?: StoredRecord): Record<string, unknown> | Reply {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (!kind.readOnly.has(key)) data[key] = value;
  // They carry the invoices' edition-gated tax fields (gst_no, vat_treatment, …).
  const gated = withoutUnavailable('invoice', data, gateOf(org));
  const customerId = gated.customer_id ?? current?.data.customer_id;
  if (typeof customerId !== 'string' || !org.tables.contacts.get(customerId)) return booksErrors.notFound('Contact');
  const number = gated[kind.numberField];
  if (typeof number === 'string' && org.tables[kind.table].where(kind.numberField, number).some((row) => row.id !== current?.id)) {
    return documentErrors.duplicateNumber(kind.label);
  }
  if (gated.line_items !== undefined || !current) {
    const lines = readLines(world, org, gated.line_items);
    if (isReply(lines)) return lines;
    gated.line_items = lines;
  }
  return unpriceable(org, { ...current?.data, ...gated }) ?? gated;
}
