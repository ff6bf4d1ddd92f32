import { ApiError } from '../../errors/api-error.js';
import { EstimateCreateSchema, EstimateSchema, EstimateUpdateSchema, type FinanceInvoice } from '../../schemas/finance/index.js';
import { type CallOptions, listFilters } from '../list-params.js';
import { idSegment } from '../path.js';
import { financeCall, sendFinance, type FinanceContext } from './finance-context.js';
import { FinanceResource } from './finance-resource.js';
import { InvoicesResource } from './invoices.js';

/** Filters and sorting of `GET /estimates` (Zoho's Estimates API reference), in camelCase. */
export interface EstimateListParams {
  status?: 'draft' | 'sent' | 'accepted' | 'declined' | 'invoiced' | 'expired' | (string & {});
  filterBy?: string;
  customerId?: string;
  estimateNumber?: string;
  referenceNumber?: string;
  customerName?: string;
  itemId?: string;
  /** `yyyy-mm-dd` */
  date?: string;
  expiryDateBefore?: string;
  expiryDateAfter?: string;
  /** Estimates modified at or after this time, `2023-11-18T02:02:51-0800` form. */
  lastModifiedTime?: string;
  sortColumn?: 'customer_name' | 'estimate_number' | 'date' | 'total' | 'created_time' | 'last_modified_time';
  searchText?: string;
}

/**
 * The query names GET /estimates declares.
 */
export const ESTIMATE_FILTERS = /* @__PURE__ */ listFilters<EstimateListParams>({
  status: 'status',
  filterBy: 'filter_by',
  customerId: 'customer_id',
  estimateNumber: 'estimate_number',
  referenceNumber: 'reference_number',
  customerName: 'customer_name',
  itemId: 'item_id',
  date: 'date',
  expiryDateBefore: 'expiry_date_before',
  expiryDateAfter: 'expiry_date_after',
  lastModifiedTime: 'last_modified_time',
  sortColumn: 'sort_column',
  searchText: 'search_text',
});

/**
 * Estimates (quotes, `/estimates`): a draft is marked sent, then accepted or declined by the
 * customer; an accepted estimate converts to an invoice.
 *
 * @example
 * ```ts
 * const estimate = await client.finance.estimates.create({ customer_id, expiry_date: '2026-03-31', line_items: [{ item_id, quantity: 2 }] });
 * await client.finance.estimates.markSent(estimate.estimate_id);
 * await client.finance.estimates.markAccepted(estimate.estimate_id);
 * const invoice = await client.finance.estimates.convertToInvoice(estimate.estimate_id);
 * ```
 */
export class EstimatesResource extends FinanceResource<typeof EstimateSchema, typeof EstimateCreateSchema, typeof EstimateUpdateSchema, EstimateListParams> {
  readonly #invoices: InvoicesResource;

  constructor(context: FinanceContext) {
    super(context, { path: '/estimates', one: 'estimate', many: 'estimates', label: 'estimate', record: EstimateSchema, create: EstimateCreateSchema, update: EstimateUpdateSchema, filters: ESTIMATE_FILTERS });
    this.#invoices = new InvoicesResource(context);
  }

  /** Marks a draft estimate as sent (without emailing it). Zoho refuses it for any other status. */
  markSent(id: string, options: CallOptions = {}): Promise<void> {
    return this.#mark(id, 'sent', options);
  }

  /** Records the customer's acceptance of a sent estimate. Zoho refuses it unless the estimate is sent. */
  markAccepted(id: string, options: CallOptions = {}): Promise<void> {
    return this.#mark(id, 'accepted', options);
  }

  /** Records the customer's refusal of a sent estimate. Zoho refuses it unless the estimate is sent. */
  markDeclined(id: string, options: CallOptions = {}): Promise<void> {
    return this.#mark(id, 'declined', options);
  }

  /**
   * Converts an accepted estimate into a draft invoice (`POST /invoices/fromestimates`) and returns
   * that invoice. Zoho's reply names no invoice, so it is read back: the invoices of the estimate's
   * customer whose reference number is the estimate number, the one naming the estimate
   * (`invoiced_estimate_id`). Not retried after an ambiguous failure: on a network error read the
   * estimate; status `invoiced` means the conversion happened.
   *
   * @throws ApiError when Zoho refuses (the estimate is not accepted), or when no such invoice can be found afterwards.
   */
  async convertToInvoice(id: string, options: CallOptions = {}): Promise<FinanceInvoice> {
    const estimate = await this.get(id, options);
    const query = { estimate_ids: idSegment(id, 'estimate id') };
    await financeCall(this.context, { method: 'POST', path: '/invoices/fromestimates', query, ...(options.signal ? { signal: options.signal } : {}) });
    const listOptions = { ...(estimate.customer_id ? { customerId: estimate.customer_id } : {}), ...(options.signal ? { signal: options.signal } : {}) };
    const candidates = (await this.#invoices.list(listOptions).toArray())
      .filter((invoice) => invoice.reference_number === estimate.estimate_number)
      .sort((a, b) => String(b.created_time ?? '').localeCompare(String(a.created_time ?? '')));
    let unnamed: FinanceInvoice | undefined;
    for (const candidate of candidates) {
      const invoice = await this.#invoices.get(candidate.invoice_id, options);
      const source = (invoice as { invoiced_estimate_id?: unknown }).invoiced_estimate_id;
      if (source === id) return invoice;
      if (source === undefined || source === null || source === '') unnamed ??= invoice;
    }
    // A Zoho that does not echo invoiced_estimate_id: the newest invoice carrying the estimate number.
    if (unnamed) return unnamed;
    throw new ApiError(`Zoho converted estimate ${String(estimate.estimate_number)} but no invoice of its customer carries its number as reference; look for it with client.finance.invoices.list().`, {
      status: 200, method: 'POST', details: { estimateId: id },
    });
  }

  async #mark(id: string, status: 'sent' | 'accepted' | 'declined', options: CallOptions): Promise<void> {
    // Repeating a status change is refused, never applied twice: safe to retry like a read.
    await sendFinance(this.context, 'POST', `${this.spec.path}/${idSegment(id, 'estimate id')}/status/${status}`, options, undefined, true);
  }
}
