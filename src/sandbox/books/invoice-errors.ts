import { json, type Reply } from '../reply.js';

/**
 * Refusals of an invoice's lifecycle: `{ code, message }` with HTTP 400. Where Zoho Invoice's API
 * documentation lists the code and text they are verbatim; the rest are sandbox choices marked ⚠️
 * (code 2, the sandbox's "invalid value", because Zoho documents no code for them) and listed in
 * docs/sandbox.md.
 */
export const invoiceErrors = {
  /** A `contact_persons` id that is not a person of the invoice's customer (documented 1002). */
  unknownContactPerson: (): Reply => json(400, { code: 1002, message: 'Contact Person does not exist' }),
  /** Changing the customer of an invoice with payments (documented 3010). */
  customerLocked: (): Reply =>
    json(400, { code: 3010, message: 'The customer for this invoice cannot be changed because payments have been recorded for this invoice' }),
  /** ⚠️ A status change the invoice's state does not allow (sent only from draft, draft only from void…). */
  statusChange: (from: string, to: string): Reply =>
    json(400, { code: 2, message: `An invoice in status ${from} cannot be marked as ${to}.` }),
  /** ⚠️ Voiding an invoice that has payments: the sandbox keeps no customer credits to move them to. */
  voidWithPayments: (): Reply =>
    json(400, { code: 2, message: 'Payments have been recorded for this invoice. Delete them before voiding it.' }),
} as const;
