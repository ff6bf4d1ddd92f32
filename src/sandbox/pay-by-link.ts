import { ConfigError } from '../errors/config-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { invoiceBalance, renderInvoice } from './books/invoice-model.js';
import { readPaymentLink } from './books/payment-link.js';
import { createPayment, renderPayment } from './books/payment-model.js';
import { isReply } from './reply.js';
import { isObject } from './request-body.js';
import { booksDate } from './time-format.js';
import type { SandboxWorld } from './world.js';

/** Options of `sandbox.payByLink`. */
export interface PayByLinkOptions {
  /** What the customer pays. Default: the invoice's whole balance. */
  amount?: number;
  /** Payment mode the gateway records. Default `'creditcard'`. */
  paymentMode?: string;
}

function refuse(message: string, code: string): never {
  throw new ValidationError(`The sandbox refused the payment through the link: ${message}`, [{ path: [], message, code }]);
}

/**
 * "The customer pays through the payment link": the gateway's payment is recorded as a customer
 * payment on the link's invoice (payment mode `creditcard`, deposited to Undeposited Funds in
 * Books), with the same checks as POST /customerpayments. A link past its expiry date (the org's
 * date) is refused.
 */
export function payByLink(world: SandboxWorld, link: string, options: PayByLinkOptions = {}): Record<string, unknown> {
  const target = readPaymentLink(link);
  if (!target) throw new ConfigError(`${JSON.stringify(link)} is not a payment link of the sandbox: make one with GET /share/paymentlink (client.finance.invoices.paymentLink).`);
  const org = world.financeOrg(target.organizationId);
  if (!org || org.deleted) throw new ConfigError(`The payment link's organisation ${target.organizationId} does not exist in this sandbox.`);
  const today = booksDate(world.now(), org.utcOffsetMinutes);
  if (today > target.expiresOn) refuse(`the link expired on ${target.expiresOn}.`, 'expired');
  const invoice = org.tables.invoices.get(target.invoiceId);
  if (!invoice) refuse('its invoice no longer exists.', '1002');
  const status = String(renderInvoice(org, invoice, 'list', today).status);
  if (status === 'draft' || status === 'void' || status === 'paid') refuse(`the invoice is ${status}.`, status);
  const amount = options.amount ?? invoiceBalance(org, invoice);
  const created = createPayment(world, org, {
    customer_id: invoice.data.customer_id,
    payment_mode: options.paymentMode ?? 'creditcard',
    amount,
    date: today,
    reference_number: `link-${invoice.id}`,
    description: `Paid through the ${target.linkType} payment link`,
    online_transaction_id: world.ids.finance(),
    invoices: [{ invoice_id: invoice.id, amount_applied: amount }],
  });
  if (isReply(created)) {
    const body = isObject(created.body) ? created.body : {};
    refuse(String(body.message ?? 'refused'), String(body.code ?? ''));
  }
  return renderPayment(org, created);
}
