import { ApiError } from '../../errors/api-error.js';
import { ModuleUnavailableError } from '../../errors/module-unavailable-error.js';
import { FinanceInvoiceSchema, SalesOrderCreateSchema, SalesOrderSchema, SalesOrderUpdateSchema, type FinanceInvoice, type SalesOrder } from '../../schemas/finance/index.js';
import type { Page } from '../../transport/paginator.js';
import type { HttpMethod } from '../../transport/transport.js';
import { type CallOptions, type ListOptions, listFilters } from '../list-params.js';
import { parseWith } from '../parse.js';
import { idSegment } from '../path.js';
import { financeCall, sendFinance, type FinanceContext } from './finance-context.js';
import { FinanceResource } from './finance-resource.js';

/**
 * The code Zoho answers a sales-order call with when the Books organisation has no inventory.
 * Zoho does not document it; 4043 is what the SDK's sandbox answers (an assumption, docs/sandbox.md).
 */
const SALES_ORDERS_DISABLED_CODE = 4043;

/** Filters and sorting of `GET /salesorders` (Zoho's Sales Order API reference), in camelCase. */
export interface SalesOrderListParams {
  status?: 'draft' | 'open' | 'invoiced' | 'partially_invoiced' | 'void' | 'closed' | (string & {});
  filterBy?: string;
  customerId?: string;
  salesorderNumber?: string;
  /** Exact match, case-insensitive. */
  referenceNumber?: string;
  customerName?: string;
  itemId?: string;
  /** `yyyy-mm-dd` */
  date?: string;
  shipmentDate?: string;
  /** Sales orders modified at or after this time, `2023-11-18T02:02:51-0800` form. */
  lastModifiedTime?: string;
  sortColumn?: 'customer_name' | 'salesorder_number' | 'reference_number' | 'shipment_date' | 'total' | 'date' | 'created_time' | 'last_modified_time';
  searchText?: string;
}

/**
 * The query names GET /salesorders declares.
 */
export const SALES_ORDER_FILTERS = /* @__PURE__ */ listFilters<SalesOrderListParams>({
  status: 'status',
  filterBy: 'filter_by',
  customerId: 'customer_id',
  salesorderNumber: 'salesorder_number',
  referenceNumber: 'reference_number',
  customerName: 'customer_name',
  itemId: 'item_id',
  date: 'date',
  shipmentDate: 'shipment_date',
  lastModifiedTime: 'last_modified_time',
  sortColumn: 'sort_column',
  searchText: 'search_text',
});

/**
 * Sales orders (`/salesorders`, Zoho Books with inventory only). A draft is marked open
 * (confirmed), then invoiced (`convertToInvoice`) or voided; `invoices` on the order lists the
 * invoices raised against it. Every call on an organisation without sales orders — any Zoho
 * Invoice organisation, a Books one without inventory — throws {@link ModuleUnavailableError}.
 *
 * @example
 * ```ts
 * const order = await client.finance.salesOrders.create({ customer_id, reference_number: 'WO-1042', line_items: [{ item_id, quantity: 2 }] });
 * await client.finance.salesOrders.markOpen(order.salesorder_id);
 * const invoice = await client.finance.salesOrders.convertToInvoice(order.salesorder_id);
 * ```
 */
export class SalesOrdersResource extends FinanceResource<typeof SalesOrderSchema, typeof SalesOrderCreateSchema, typeof SalesOrderUpdateSchema, SalesOrderListParams> {
  constructor(context: FinanceContext) {
    super(context, { path: '/salesorders', one: 'salesorder', many: 'salesorders', label: 'sales order', record: SalesOrderSchema, create: SalesOrderCreateSchema, update: SalesOrderUpdateSchema, filters: SALES_ORDER_FILTERS });
  }

  /** One page of the list; see `list()`. */
  override async listPage(page: number, params: SalesOrderListParams & ListOptions = {}): Promise<Page<SalesOrder>> {
    this.#assertApp('GET /salesorders');
    return this.#translate(() => super.listPage(page, params));
  }

  /** Confirms a draft (or voided) sales order: its status becomes `open`. */
  async markOpen(id: string, options: CallOptions = {}): Promise<void> {
    await this.call('POST', `${this.spec.path}/${idSegment(id, 'sales order id')}/status/open`, options, undefined, true);
  }

  /** Voids a sales order that has no invoices; `reason` is kept on the order. */
  async markVoid(id: string, options: CallOptions & { reason?: string } = {}): Promise<void> {
    const body = options.reason === undefined ? undefined : { reason: options.reason };
    await this.call('POST', `${this.spec.path}/${idSegment(id, 'sales order id')}/status/void`, options, body, true);
  }

  /**
   * Invoices the lines of an open sales order no invoice covers yet (`POST /invoices/fromsalesorder`)
   * and returns the new draft invoice. Not retried after an ambiguous failure: read the order and
   * look at its `invoices` before trying again.
   */
  async convertToInvoice(id: string, options: CallOptions = {}): Promise<FinanceInvoice> {
    const query = { salesorder_id: idSegment(id, 'sales order id') };
    const body = await this.#send('POST /invoices/fromsalesorder', () => financeCall(this.context, { method: 'POST', path: '/invoices/fromsalesorder', query, ...(options.signal ? { signal: options.signal } : {}) }));
    return parseWith(FinanceInvoiceSchema, (body as Record<string, unknown> | undefined)?.invoice, { what: 'POST /invoices/fromsalesorder', kind: 'response', pathPrefix: ['invoice'] });
  }

  /**
   * The sales orders whose `reference_number` is exactly `reference` (Zoho's filter ignores case;
   * this keeps exact matches only). How a caller finds an order it created when the reply was lost.
   */
  async findByReference(reference: string, options: CallOptions = {}): Promise<SalesOrder[]> {
    const found = await this.list({ referenceNumber: reference, ...(options.signal ? { signal: options.signal } : {}) }).toArray();
    return found.filter((order) => order.reference_number === reference);
  }

  /** Every sales-order call: refused unsent in Zoho Invoice, Zoho's inventory refusal made typed. */
  protected override call(method: HttpMethod, path: string, options: CallOptions, body?: unknown, retrySafe?: boolean): Promise<unknown> {
    return this.#send(`${method} ${path}`, () => sendFinance(this.context, method, path, options, body, retrySafe));
  }

  #send(what: string, send: () => Promise<unknown>): Promise<unknown> {
    this.#assertApp(what);
    return this.#translate(send);
  }

  #assertApp(what: string): void {
    if (this.context.app === 'books') return;
    throw new ModuleUnavailableError(`${what}: Zoho Invoice has no sales orders. Use estimates or invoices, or bind a Zoho Books organisation with inventory.`, { status: 0, module: 'salesorders' });
  }

  async #translate<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (error instanceof ApiError && error.zohoCode === SALES_ORDERS_DISABLED_CODE) {
        throw new ModuleUnavailableError(`Sales orders are not enabled in Books organisation ${String(this.context.organizationId)}: enable inventory in Zoho Books, or use estimates or invoices. Nothing was changed.`, {
          status: error.status, zohoCode: error.zohoCode, zohoMessage: error.zohoMessage, module: 'salesorders', cause: error,
        });
      }
      throw error;
    }
  }
}
