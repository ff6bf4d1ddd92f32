import { BillingError } from '../errors/billing-error.js';
import type { WorkOrderLedger } from './ledger.js';
import type { BillableLine, BillableWorkOrder, LineBillingStatus } from './work-order.js';

/** A service line with its billing status, as `billing.lines()` returns it. */
export interface LineState {
  lineId: string;
  /** The FSM-side id of the line's Service or Part. */
  itemId: string;
  status: LineBillingStatus;
  /** The invoice the line is (or was, when Void) on. */
  invoiceId?: string;
}

const FROM_LEDGER = { invoiced: 'Invoiced', void: 'Void', non_billable: 'Non Billable' } as const;
const KNOWN: readonly string[] = ['Not yet Invoiced', 'Invoiced', 'Void', 'Non Billable'];

/**
 * Each line's status. Billing's own record wins; a line it has no record of takes what the work
 * order's side shows (the product may have invoiced it, or marked it Non Billable, without us).
 */
export function lineStates(order: BillableWorkOrder, ledger: WorkOrderLedger): LineState[] {
  return order.lines.map((line) => {
    const own = ledger.lines[line.id];
    if (own) return { lineId: line.id, itemId: line.itemId, status: FROM_LEDGER[own.status], ...(own.invoiceId ? { invoiceId: own.invoiceId } : {}) };
    const shown = typeof line.billingStatus === 'string' && KNOWN.includes(line.billingStatus) ? (line.billingStatus as LineBillingStatus) : 'Not yet Invoiced';
    return { lineId: line.id, itemId: line.itemId, status: shown };
  });
}

/**
 * The lines to invoice: the ones asked for, each checked, or every line not invoiced and not Non
 * Billable. A Void line is free again, as in the product.
 */
export function selectLines(order: BillableWorkOrder, ledger: WorkOrderLedger, requested: readonly string[] | undefined): BillableLine[] {
  const states = new Map(lineStates(order, ledger).map((s) => [s.lineId, s]));
  const billable = (s: LineState) => s.status === 'Not yet Invoiced' || s.status === 'Void';
  if (requested === undefined) {
    const chosen = order.lines.filter((line) => billable(states.get(line.id) as LineState));
    if (chosen.length === 0) {
      throw new BillingError('NOTHING_TO_INVOICE', `Work order ${order.name ?? order.id} has no line left to invoice: every line is invoiced or Non Billable.`, { details: { workOrderId: order.id } });
    }
    return chosen;
  }
  if (requested.length === 0) throw new BillingError('NOTHING_TO_INVOICE', 'No line was asked for: pass line ids, or leave `lines` out to invoice every line not yet invoiced.', { details: { workOrderId: order.id } });
  const byId = new Map(order.lines.map((line) => [line.id, line]));
  const chosen: BillableLine[] = [];
  for (const lineId of new Set(requested)) {
    const line = byId.get(lineId);
    const state = states.get(lineId);
    if (!line || !state) throw new BillingError('LINE_NOT_FOUND', `Work order ${order.name ?? order.id} has no service line ${lineId}; billing.lines(workOrderId) lists them.`, { details: { workOrderId: order.id, lineId } });
    if (state.status === 'Invoiced') {
      throw new BillingError('LINE_ALREADY_INVOICED', `Line ${lineId} of work order ${order.name ?? order.id} is already on invoice ${state.invoiceId ?? '(made outside this SDK)'}; void that invoice first to invoice the line again.`, { details: { workOrderId: order.id, lineId, ...(state.invoiceId ? { invoiceId: state.invoiceId } : {}) } });
    }
    if (state.status === 'Non Billable') throw new BillingError('LINE_NOT_BILLABLE', `Line ${lineId} of work order ${order.name ?? order.id} is Non Billable; mark it billable first.`, { details: { workOrderId: order.id, lineId } });
    chosen.push(line);
  }
  return chosen;
}
