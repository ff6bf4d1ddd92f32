import { FsmBillingError, type FsmBillingErrorOptions } from './fsm-billing-error.js';

/** Why billing refused a request. Nothing was written to either side when one of these is thrown. */
export type BillingErrorCode =
  /** No work order with that id on the work order source (`details.workOrderId`). */
  | 'WORK_ORDER_NOT_FOUND'
  /** A line asked for is already on an invoice that is not void (`details.lineId`, `details.invoiceId`). */
  | 'LINE_ALREADY_INVOICED'
  /** A line asked for is marked Non Billable. */
  | 'LINE_NOT_BILLABLE'
  /** A line id is not a service line of the work order. */
  | 'LINE_NOT_FOUND'
  /** The work order has no line left to invoice. */
  | 'NOTHING_TO_INVOICE'
  /** The work order names no customer the sync type can bill (a company or a contact, as the sync type says). */
  | 'CUSTOMER_MISSING'
  /** A line has no Service or Part, or one whose finance item could not be made. */
  | 'ITEM_MISSING'
  /** The invoice's state does not allow the step (`details.status`): paying a draft or void invoice, voiding a paid one. */
  | 'INVOICE_STATE'
  /** A payment above what the invoice still owes (`details.balance`). */
  | 'PAYMENT_OVER_BALANCE'
  /** A payment in another currency than the invoice's (`details.currency`). */
  | 'PAYMENT_CURRENCY_MISMATCH'
  /** A payment input that cannot be sent: amount not above zero, bad date, missing mode (`details.issues`). */
  | 'PAYMENT_INVALID'
  /** An estimate step its status does not allow (`details.status`): converting one that is not accepted. */
  | 'ESTIMATE_STATE'
  /** The finance organisation cannot hold sales orders (Zoho Invoice, or Books without inventory). */
  | 'SALES_ORDERS_UNAVAILABLE'
  /** Another billing call holds this work order (`details.until`); try again shortly. */
  | 'WORK_ORDER_BUSY'
  /** Another payment on this invoice is being recorded (`details.until`); try again shortly. */
  | 'INVOICE_BUSY';

/**
 * Thrown by {@link Billing} when a request breaks a billing rule. The message says what to do;
 * `details` names the work order, line, invoice or amount involved.
 *
 * @example
 * ```ts
 * try { await billing.invoiceWorkOrder(workOrderId, { lines: [lineId] }); }
 * catch (error) {
 *   if (error instanceof BillingError && error.code === 'LINE_ALREADY_INVOICED') console.log(error.details.invoiceId);
 * }
 * ```
 */
export class BillingError extends FsmBillingError {
  override name = 'BillingError';
  declare readonly code: BillingErrorCode;

  constructor(code: BillingErrorCode, message: string, options: FsmBillingErrorOptions = {}) {
    super(code, message, options);
  }
}
