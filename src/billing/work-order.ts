import type { LineBillingStatus } from '../client/fsm/fsm-work-order-resource.js';

export type { LineBillingStatus };

/** A part used on a service line: invoiced with its service line. */
export interface BillablePart {
  /** The part line's id on the work order. */
  id?: string;
  /** The FSM-side id of the Service/Part record. */
  itemId: string;
  quantity?: number;
  /** Unit price; default: the item's rate in finance. */
  rate?: number;
  unit?: string;
  description?: string;
  /** A line discount: an amount, or a percentage such as `'10%'`. */
  discount?: number | string;
}

/** A service line of a work order: the unit that is invoiced (with its parts). */
export interface BillableLine extends BillablePart {
  /** The service line's id on the work order: billing statuses are kept per id. */
  id: string;
  /** What the work order's side says about the line (`Billing_Status` on Zoho FSM). */
  billingStatus?: LineBillingStatus | string;
  parts?: readonly BillablePart[];
}

/**
 * A work order as billing reads it: from Zoho FSM (`zohoFsmWorkOrderSource`) or written by your
 * own backend. Customer and item ids are ids on the syncer's FSM side, so the syncer's links turn
 * them into finance ids (and create what is missing).
 *
 * @example
 * ```ts
 * const order: BillableWorkOrder = {
 *   id: 'wo-1001', name: 'WO-1001', companyId: 'cust-77',
 *   lines: [{ id: 'l1', itemId: 'part-9', quantity: 2, rate: 45 }],
 * };
 * ```
 */
export interface BillableWorkOrder {
  id: string;
  /** The work order's number (`WO21`): invoices refer to it. */
  name?: string;
  /** The billed company (types I, III and IV). */
  companyId?: string;
  /** The billed contact (types II and IV, when there is no company). */
  contactId?: string;
  /** The address the invoice is billed to, in FSM's shape (`Street_1`, `City`, `State`, `Zip_Code`, `Country`). */
  billingAddress?: Readonly<Record<string, unknown>>;
  /** India and GCC: the place of supply (a state or emirate code). */
  placeOfSupply?: string;
  /** The work order's currency code, when multi-currency is on. */
  currency?: string;
  lines: readonly BillableLine[];
  /**
   * The full record, for mapped fields beyond the ones above (custom fields): the invoice
   * mapping reads it. Records from Zoho FSM carry it.
   */
  record?: Readonly<Record<string, unknown>>;
}
