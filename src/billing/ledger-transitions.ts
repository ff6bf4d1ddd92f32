import type { LedgerInvoice, PendingInvoice, WorkOrderLedger } from './ledger.js';
import type { LineStatusUpdate } from './work-order-source.js';

/** The pending invoice exists in finance: its lines are invoiced on it. */
export function adoptPending(ledger: WorkOrderLedger, pending: PendingInvoice, invoiceId: string, at: number): WorkOrderLedger {
  const lines = { ...ledger.lines };
  const outbox: LineStatusUpdate[] = ledger.outbox.filter((u) => !pending.lineIds.includes(u.lineId));
  for (const lineId of pending.lineIds) {
    lines[lineId] = { status: 'invoiced', invoiceId };
    outbox.push({ lineId, status: 'Invoiced', invoiceId });
  }
  const invoice: LedgerInvoice = { invoiceId, reference: pending.reference, lineIds: [...pending.lineIds], void: false, at };
  const { pending: _done, ...rest } = ledger;
  return { ...rest, lines, invoices: [...ledger.invoices.filter((i) => i.invoiceId !== invoiceId), invoice], outbox };
}

/** The pending invoice was never created: its lines are free again. */
export function releasePending(ledger: WorkOrderLedger): WorkOrderLedger {
  const { pending: _gone, ...rest } = ledger;
  return rest;
}

/** The invoice is void (voided here or in finance, or deleted there): its lines are Void, free to invoice again. */
export function voidInvoice(ledger: WorkOrderLedger, invoiceId: string): WorkOrderLedger {
  const invoice = ledger.invoices.find((i) => i.invoiceId === invoiceId);
  if (!invoice || invoice.void) return ledger;
  const lines = { ...ledger.lines };
  const freed = invoice.lineIds.filter((lineId) => lines[lineId]?.invoiceId === invoiceId);
  const outbox = ledger.outbox.filter((u) => !freed.includes(u.lineId));
  for (const lineId of freed) {
    lines[lineId] = { status: 'void', invoiceId };
    outbox.push({ lineId, status: 'Void', invoiceId });
  }
  return { ...ledger, lines, invoices: ledger.invoices.map((i) => (i === invoice ? { ...i, void: true } : i)), outbox };
}

/** Lines marked Non Billable (or billable again). Invoiced lines are left alone. */
export function markBillable(ledger: WorkOrderLedger, lineIds: readonly string[], billable: boolean): WorkOrderLedger {
  const lines = { ...ledger.lines };
  const outbox = ledger.outbox.filter((u) => !lineIds.includes(u.lineId));
  let changed = false;
  for (const lineId of lineIds) {
    const current = lines[lineId];
    if (current?.status === 'invoiced') continue;
    if (billable && current?.status === 'non_billable') {
      delete lines[lineId];
      outbox.push({ lineId, status: 'Not yet Invoiced' });
      changed = true;
    } else if (!billable && current?.status !== 'non_billable') {
      lines[lineId] = { status: 'non_billable' };
      outbox.push({ lineId, status: 'Non Billable' });
      changed = true;
    }
  }
  return changed ? { ...ledger, lines, outbox } : ledger;
}

/** The outbox without the updates just shown on the work order's side (unless a newer one replaced them). */
export function clearShown(ledger: WorkOrderLedger, shown: readonly LineStatusUpdate[]): WorkOrderLedger {
  const outbox = ledger.outbox.filter((u) => !shown.some((s) => s.lineId === u.lineId && s.status === u.status && s.invoiceId === u.invoiceId));
  return outbox.length === ledger.outbox.length ? ledger : { ...ledger, outbox };
}
