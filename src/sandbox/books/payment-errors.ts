import { json, type Reply } from '../reply.js';

/**
 * Refusals of customer payments and payment links: `{ code, message }` with HTTP 400. Codes and
 * texts Zoho Invoice's API documentation lists for customer payments are verbatim; the rest are
 * sandbox choices marked ⚠️ (code 2, the sandbox's "invalid value") and listed in docs/sandbox.md.
 */
export const paymentErrors = {
  /** A missing or unknown customer (documented 3004). */
  invalidCustomer: (): Reply =>
    json(400, { code: 3004, message: 'The Customer field can neither be blank nor incorrect. Please enter a correct Customer' }),
  /** More applied to an invoice than it still owes (documented 24016). */
  overBalance: (): Reply => json(400, { code: 24016, message: 'The amount entered is more than the balance due for this invoice' }),
  /** ⚠️ An invoice of another customer. */
  otherCustomer: (invoiceNumber: string): Reply =>
    json(400, { code: 2, message: `Invoice ${invoiceNumber} does not belong to the payment's customer.` }),
  /** ⚠️ A draft or void invoice: only an invoice that was sent can be paid. */
  notPayable: (invoiceNumber: string, status: string): Reply =>
    json(400, { code: 2, message: `Invoice ${invoiceNumber} is ${status}; payments can be recorded only for sent invoices.` }),
  /** ⚠️ A payment in another currency than the invoices it pays. */
  currencyMismatch: (): Reply => json(400, { code: 2, message: 'The payment currency must be the currency of the invoices it pays.' }),
  /** ⚠️ More applied to invoices than the payment's amount. */
  overApplied: (): Reply => json(400, { code: 2, message: 'The amount applied to invoices is more than the amount of the payment.' }),
  /** ⚠️ A deposit account that is not a cash or bank account of the chart of accounts. */
  invalidDepositAccount: (): Reply => json(400, { code: 2, message: 'The deposit account must be a cash or bank account of the chart of accounts.' }),
  /** ⚠️ A payment link asked for an invoice that cannot be paid online (draft, void or paid). */
  linkNotPayable: (status: string): Reply => json(400, { code: 2, message: `A payment link cannot be made for a ${status} invoice.` }),
  /** ⚠️ A payment link whose expiry date is not a date, or is before today. */
  invalidExpiry: (): Reply => json(400, { code: 2, message: 'Invalid value passed for expiry_time' }),
} as const;
