import type { IntegrationClient } from '../client/integration-client.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { billableFromFsmWorkOrder } from './fsm-work-order.js';
import type { InvoiceStatus } from './billing-types.js';
import type { BillableWorkOrder, LineBillingStatus } from './work-order.js';

/** One line's new billing status, for {@link WorkOrderSource.setLineStatus}. */
export interface LineStatusUpdate {
  lineId: string;
  status: LineBillingStatus;
  /** The finance invoice the line is on (absent when the status frees the line). */
  invoiceId?: string;
}

/** Options of a work order source call. */
export interface WorkOrderCallOptions {
  signal?: AbortSignal;
}

/**
 * Where billing reads work orders, and where it writes their lines' billing statuses back: Zoho
 * FSM ({@link zohoFsmWorkOrderSource}) or your own backend. Billing keeps the statuses in Storage
 * either way; `setLineStatus` is for showing them on your side, and is optional.
 *
 * @example
 * ```ts
 * const source: WorkOrderSource = {
 *   id: 'my-backend',
 *   async get(id) { return toBillable(await db.workOrders.find(id)); },
 *   async setLineStatus(id, updates) { await db.lines.setStatuses(id, updates); },
 * };
 * ```
 */
export interface WorkOrderSource {
  /** Names the source in storage keys and events. */
  readonly id: string;
  /** The work order, or `undefined` when there is none with that id. */
  get(workOrderId: string, options?: WorkOrderCallOptions): Promise<BillableWorkOrder | undefined>;
  /** Shows the lines' billing statuses on the work order's side. */
  setLineStatus?(workOrderId: string, updates: readonly LineStatusUpdate[], options?: WorkOrderCallOptions): Promise<void>;
  /**
   * Shows an invoice's payment state (status, balance) on the work order's side, each time billing
   * reads it back (`status`, `recordPayment`, `send`). Zoho FSM documents no field for it, so
   * `zohoFsmWorkOrderSource` leaves it out; FSM shows invoices from the finance organisation itself.
   */
  setInvoiceStatus?(workOrderId: string, status: InvoiceStatus, options?: WorkOrderCallOptions): Promise<void>;
}

/**
 * Work orders from Zoho FSM: service lines with their part lines, statuses written back to each
 * line's `Billing_Status` (and `Invoice_Id`) in one update.
 *
 * @example
 * ```ts
 * const billing = new Billing({ client, storage, mapper, taxes, syncer, workOrders: zohoFsmWorkOrderSource(client) });
 * ```
 */
export function zohoFsmWorkOrderSource(client: IntegrationClient): WorkOrderSource {
  return {
    id: 'zoho-fsm',
    async get(workOrderId, options = {}) {
      try {
        const record = await client.fsm.workOrders.get(workOrderId, options.signal ? { signal: options.signal } : {});
        return billableFromFsmWorkOrder(record as Record<string, unknown>);
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
    },
    async setLineStatus(workOrderId, updates, options = {}) {
      // The last update of a line wins: a line freed and invoiced again shows the newer invoice.
      const latest = new Map(updates.map((u) => [u.lineId, u]));
      const lines = [...latest.values()].map((u) => ({ lineId: u.lineId, status: u.status, invoiceId: u.invoiceId ?? null }));
      await client.fsm.workOrders.setLineBillingStatus(workOrderId, lines, options.signal ? { signal: options.signal } : {});
    },
  };
}
