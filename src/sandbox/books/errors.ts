import { json, type Reply } from '../reply.js';

/**
 * Books/Invoice error replies: `{ code, message }`. Where Zoho documents the
 * code and message they are verbatim; the rest are sandbox choices marked ⚠️ and listed in
 * docs/sandbox.md.
 */
export const booksErrors = {
  /** A record id that does not exist. HTTP 404 (⚠️ Zoho does not document 400 vs 404). */
  notFound: (what: string): Reply => json(404, { code: 1002, message: `${what} does not exist.` }),
  /** Duplicate display name (Invoice contacts docs). */
  duplicateContactName: (): Reply => json(400, { code: 3062, message: 'The contact already exists.Please specify a different name' }),
  /** Deleting a contact that has invoices (Invoice contacts docs). */
  contactHasTransactions: (): Reply =>
    json(400, { code: 3000, message: 'This contact cannot be deleted since you have recorded transactions for it' }),
  /** Missing or blank contact name (Invoice contacts docs). */
  invalidContactName: (): Reply => json(400, { code: 3013, message: 'Enter a valid Contact Name' }),
  /** Unknown currency id (Invoice contacts docs). */
  invalidCurrency: (): Reply => json(400, { code: 9004, message: 'This currency does not exist. Please choose a valid currency' }),
  /** Duplicate invoice number (Invoice invoices docs). */
  duplicateInvoiceNumber: (): Reply => json(400, { code: 1001, message: 'Invoice Number already exist' }),
  /** Deleting an invoice with payments (Invoice invoices docs). */
  invoiceHasPayments: (): Reply =>
    json(400, { code: 4001, message: 'Payments have been recorded for these invoices.Hence they cannot be deleted' }),
  /** ⚠️ A duplicate item name or SKU: Zoho's exact code and text are not documented. */
  duplicateItem: (field: 'name' | 'sku', value: string): Reply =>
    json(400, { code: 1001, message: `An item with the ${field === 'name' ? 'name' : 'SKU'} "${value}" already exists.` }),
  /**
   * ⚠️ A required field missing, or a field of the wrong type: code 2 (third-party guides call
   * code 2 an invalid value; Zoho documents neither the code nor the text).
   */
  invalidValue: (field: string): Reply => json(400, { code: 2, message: `Invalid value passed for ${field}` }),
  /** ⚠️ The body is not JSON (third-party reports of code 4 with this text). */
  invalidJson: (): Reply => json(400, { code: 4, message: 'Invalid value passed for JSONString' }),
  /** ⚠️ No organisation id although the user has several orgs (a third-party fixture). */
  multipleOrganizations: (organizations: unknown[]): Reply =>
    json(400, { code: 6024, message: 'This user belongs to multiple organizations', organizations }),
  /**
   * ⚠️ Code 57 for a missing, unknown or expired OAuth token, HTTP 401 (a third-party fixture's
   * text; Zoho does not document it).
   */
  invalidToken: (): Reply => json(401, { code: 57, message: 'OAuth token is invalid or expired.' }),
  /**
   * ⚠️ An organisation the user does not belong to (or a deleted one): HTTP 403 as Invoice's errors
   * page describes, with code 57 and its commonly reported text.
   */
  notAuthorized: (): Reply => json(403, { code: 57, message: 'You are not authorized to perform this operation' }),
  /**
   * An unknown path, or an endpoint the org's edition lacks: HTTP 404 "URL Not Found", the status
   * and text Zoho's errors page documents. Zoho documents no code for it, so the body carries none
   * (⚠️ a sandbox choice: an invented code would be read as meaning something).
   */
  invalidUrl: (): Reply => json(404, { message: 'URL Not Found' }),
  /** HTTP 405 "Method Not Allowed" for a known path with another method: documented status, no documented code (⚠️ none sent). */
  methodNotAllowed: (): Reply => json(405, { message: 'Method Not Allowed' }),
  /** Zoho's generic internal error. */
  internal: (status = 500): Reply => json(status, { code: 1000, message: 'Internal error' }),
} as const;
