import type { SalesOrderCreate } from '../schemas/finance/sales-order.js';
import { BillingError } from '../errors/billing-error.js';
import { ModuleUnavailableError } from '../errors/module-unavailable-error.js';
import type { CreatedCounterpart } from './billing-types.js';
import { createOnce } from './create-once.js';
import { withoutInvoiceFields, type DocumentDeps } from './document-plan.js';
import type { PlannedLine } from './invoice-draft.js';
import type { BillableWorkOrder } from './work-order.js';

type Row = Readonly<Record<string, unknown>>;

/** What `salesOrderFor` did. */
export interface WorkOrderSalesOrder {
  workOrderId: string;
  /** The sales order, as read back: its `invoices` list the invoices made against it. */
  salesOrder: Row & { salesorder_id: string };
  /** False when the work order already had its sales order (nothing was created). */
  converted: boolean;
  recovered: boolean;
  created: CreatedCounterpart[];
}

/** Which sales-order line each work-order line became, so invoices name them. */
interface SalesOrderLines {
  salesOrderId: string;
  lines: Record<string, string>;
}

/** The key of a planned line: its service line, and its part line when it is one. */
export function plannedLineKey(line: Pick<PlannedLine, 'lineId' | 'partLineId'>): string {
  return line.partLineId === undefined ? line.lineId : `${line.lineId}/${line.partLineId}`;
}

/** Work order → Books sales order, once per work order; invoices of the work order then name its lines. */
export class SalesOrderBilling {
  readonly #d: DocumentDeps;

  constructor(deps: DocumentDeps) {
    this.#d = deps;
  }

  #key(workOrderId: string, part: 'order' | 'lines'): string {
    return `${this.#d.prefix}sales-orders/${encodeURIComponent(workOrderId)}/${part}`;
  }

  async create(order: BillableWorkOrder, signal?: AbortSignal): Promise<WorkOrderSalesOrder> {
    const call = signal ? { signal } : {};
    const lines = order.lines.filter((l) => l.billingStatus !== 'Non Billable');
    if (lines.length === 0) throw new BillingError('NOTHING_TO_INVOICE', `Work order ${order.name ?? order.id} has no billable line for a sales order.`, { details: { workOrderId: order.id } });
    try {
      const existing = await this.#d.storage.get<{ documentId?: string }>(this.#key(order.id, 'order'));
      const remembered = await this.lineIds(order.id);
      // Planned again when the lines were not remembered yet (a crash right after the create).
      const { draft, created } = existing?.documentId === undefined || remembered === undefined ? await this.#d.planner.plan(order, lines, { signal }) : { draft: undefined, created: [] };
      const outcome = await createOnce({
        storage: this.#d.storage, clock: this.#d.clock, key: this.#key(order.id, 'order'), leaseMs: this.#d.leaseMs,
        reference: order.name ?? order.id, keep: true,
        busy: { code: 'WORK_ORDER_BUSY', what: `The sales order of work order ${order.name ?? order.id}`, details: { workOrderId: order.id } },
        find: async (reference) => (await this.#d.client.finance.salesOrders.findByReference(reference, call))[0]?.salesorder_id ?? undefined,
        create: async (reference) => {
          const payload = { ...withoutInvoiceFields(draft?.payload ?? {}), reference_number: reference };
          return (await this.#d.client.finance.salesOrders.create(payload as SalesOrderCreate, call)).salesorder_id;
        },
      });
      const salesOrder = (await this.#d.client.finance.salesOrders.get(outcome.documentId, call)) as Row & { salesorder_id: string };
      if (draft && remembered === undefined) await this.#rememberLines(order.id, salesOrder, draft.lines);
      return { workOrderId: order.id, salesOrder, converted: outcome.created, recovered: outcome.recovered, created: outcome.created ? created : [] };
    } catch (error) {
      if (error instanceof ModuleUnavailableError) {
        throw new BillingError('SALES_ORDERS_UNAVAILABLE', `The finance organisation cannot hold sales orders (Zoho Invoice, or Books without inventory): ${error.message}`, { details: { workOrderId: order.id }, cause: error });
      }
      throw error;
    }
  }

  /** The sales-order line of each work-order line, when the work order has a sales order. */
  async lineIds(workOrderId: string): Promise<Record<string, string> | undefined> {
    return (await this.#d.storage.get<SalesOrderLines>(this.#key(workOrderId, 'lines')))?.lines;
  }

  // The order's lines come back in the order they were sent: line i is planned line i.
  async #rememberLines(workOrderId: string, salesOrder: Row, planned: readonly PlannedLine[]): Promise<void> {
    const rows = Array.isArray(salesOrder.line_items) ? (salesOrder.line_items as Row[]) : [];
    const lines: Record<string, string> = {};
    planned.forEach((line, i) => {
      const id = rows[i]?.line_item_id;
      if (typeof id === 'string' && rows[i]?.item_id === line.financeItemId) lines[plannedLineKey(line)] = id;
    });
    await this.#d.storage.batch([{ type: 'put', key: this.#key(workOrderId, 'lines'), value: { salesOrderId: String(salesOrder.salesorder_id), lines } }]);
  }
}
