import { json, type Reply } from '../reply.js';

/**
 * Refusals of estimates, sales orders and their conversion to invoices. Zoho documents neither
 * their codes nor their texts: every one is a sandbox choice (⚠️), listed in docs/sandbox.md, with
 * codes no other sandbox reply uses so a test can tell them apart.
 */
export const documentErrors = {
  /** ⚠️ A status change the document's current status does not allow (accept a draft estimate). */
  statusChange: (what: 'Estimate' | 'Sales order', from: string, to: string, hint: string): Reply =>
    json(400, { code: 4041, message: `${what} in status ${from} cannot be marked as ${to}. ${hint}` }),
  /** ⚠️ A conversion to an invoice that the document's status does not allow. */
  notConvertible: (what: 'Estimate' | 'Sales order', number: unknown, status: string, hint: string): Reply =>
    json(400, { code: 4042, message: `${what} ${String(number)} is ${status} and cannot be converted to an invoice. ${hint}` }),
  /** ⚠️ Sales orders called on a Books organisation without inventory. */
  salesOrdersDisabled: (): Reply =>
    json(400, { code: 4043, message: 'Sales orders are not enabled for this organization. Enable inventory in Zoho Books to use them.' }),
  /** ⚠️ A change to a document that is already invoiced, or a delete of one with invoices. */
  invoiced: (what: 'Estimate' | 'Sales order', number: unknown): Reply =>
    json(400, { code: 4044, message: `${what} ${String(number)} has invoices and cannot be changed or deleted.` }),
  /** ⚠️ A duplicate estimate or sales order number. */
  duplicateNumber: (what: 'Estimate' | 'Sales order'): Reply => json(400, { code: 1001, message: `${what} number already exists.` }),
} as const;
