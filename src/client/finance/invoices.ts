import * as z from 'zod/mini';
import { ValidationError } from '../../errors/validation-error.js';
import {
  FinanceInvoiceCreateSchema,
  FinanceInvoicePaymentSchema,
  FinanceInvoiceSchema,
  FinanceInvoiceUpdateSchema,
  FinancePaymentLinkReplySchema,
  type FinanceInvoice,
  type FinanceInvoicePayment,
} from '../../schemas/finance/index.js';
import { type CallOptions, listFilters } from '../list-params.js';
import { parseWith } from '../parse.js';
import { idSegment } from '../path.js';
import { financeCall, sendFinance, type FinanceContext } from './finance-context.js';
import { FinanceResource } from './finance-resource.js';

/** Options of {@link InvoicesResource.paymentLink}. */
export interface PaymentLinkOptions extends CallOptions {
  /** Last day the link can be paid, `yyyy-mm-dd`. */
  expiresOn: string;
  /** `'public'` (anyone with the link, the default) or `'private'` (the customer signs in to the portal). */
  linkType?: 'public' | 'private';
}

const InvoicePaymentsSchema = /* @__PURE__ */ z.array(FinanceInvoicePaymentSchema);

// The fields Zoho's description gives the invoice billing-address update; nothing else is sent.
const InvoiceBillingAddressSchema = /* @__PURE__ */ z.strictObject({
  address: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  street2: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  city: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  state: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  zip: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  country: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  fax: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
});

/** An invoice's own billing address, as `setBillingAddress` sends it. */
export type InvoiceBillingAddress = z.input<typeof InvoiceBillingAddressSchema>;

/** Filters and sorting of `GET /invoices`. */
export interface InvoiceListParams {
  status?: 'sent' | 'draft' | 'overdue' | 'paid' | 'void' | 'unpaid' | 'partially_paid' | 'viewed';
  customerId?: string;
  /** Invoices modified after this time, `2023-11-18T02:02:51-0800` form. */
  lastModifiedTime?: string;
  sortColumn?: string;
  searchText?: string;
  filterBy?: string;
  /** Invoices whose reference number is this (Zoho compares without case). */
  referenceNumber?: string;
}

/**
 * The query names GET /invoices declares (it declares no sort_order).
 */
export const INVOICE_FILTERS = /* @__PURE__ */ listFilters<InvoiceListParams>({
  status: 'status',
  customerId: 'customer_id',
  lastModifiedTime: 'last_modified_time',
  sortColumn: 'sort_column',
  searchText: 'search_text',
  filterBy: 'filter_by',
  referenceNumber: 'reference_number',
});

/**
 * Invoices (`/invoices`).
 *
 * @example
 * ```ts
 * const invoice = await client.finance.invoices.create({ customer_id, line_items: [{ item_id, quantity: 2 }] });
 * // customer_id and the full line_items (each with item_id) on every update:
 * await client.finance.invoices.update(invoice.invoice_id, { customer_id, line_items: [{ item_id, quantity: 3 }], notes: 'Thanks' });
 * ```
 */
export class InvoicesResource extends FinanceResource<
  typeof FinanceInvoiceSchema,
  typeof FinanceInvoiceCreateSchema,
  typeof FinanceInvoiceUpdateSchema,
  InvoiceListParams
> {
  constructor(context: FinanceContext) {
    super(context, {
      path: '/invoices',
      one: 'invoice',
      many: 'invoices',
      label: 'invoice',
      record: FinanceInvoiceSchema,
      create: FinanceInvoiceCreateSchema,
      update: FinanceInvoiceUpdateSchema,
      filters: INVOICE_FILTERS,
    });
  }

  /**
   * Marks a draft invoice as sent (nothing is emailed). Zoho refuses (HTTP 400) an invoice that
   * is not a draft.
   *
   * @example
   * ```ts
   * await client.finance.invoices.markSent(invoice.invoice_id);
   * ```
   */
  markSent(id: string, options: CallOptions = {}): Promise<void> {
    return this.#status(id, 'sent', options);
  }

  /**
   * Voids an invoice: it stays, with nothing owed. Zoho's description says payments and credits
   * applied to it become customer credits; the sandbox refuses to void an invoice with payments.
   *
   * @example
   * ```ts
   * await client.finance.invoices.markVoid(invoice.invoice_id);
   * ```
   */
  markVoid(id: string, options: CallOptions = {}): Promise<void> {
    return this.#status(id, 'void', options);
  }

  /**
   * Turns a void invoice back into a draft (only a void invoice can be).
   *
   * @example
   * ```ts
   * await client.finance.invoices.markDraft(invoice.invoice_id);
   * ```
   */
  markDraft(id: string, options: CallOptions = {}): Promise<void> {
    return this.#status(id, 'draft', options);
  }

  /**
   * A link the customer pays the invoice through online, valid through `expiresOn`
   * (`GET /share/paymentlink`). Zoho decides what the link looks like: treat it as opaque.
   *
   * @example
   * ```ts
   * const link = await client.finance.invoices.paymentLink(invoice.invoice_id, { expiresOn: '2026-07-31' });
   * ```
   */
  async paymentLink(id: string, options: PaymentLinkOptions): Promise<string> {
    const transactionId = idSegment(id, 'invoice id');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(options.expiresOn)) {
      throw new ValidationError(`expiresOn must be a yyyy-mm-dd date; got ${JSON.stringify(options.expiresOn)}. Nothing was sent to Zoho.`, [
        { path: ['expiresOn'], message: 'not a yyyy-mm-dd date', code: 'invalid_date' },
      ]);
    }
    const body = await financeCall(this.context, {
      method: 'GET',
      path: '/share/paymentlink',
      query: { transaction_id: transactionId, transaction_type: 'invoice', link_type: options.linkType ?? 'public', expiry_time: options.expiresOn },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return parseWith(FinancePaymentLinkReplySchema, body, { what: 'GET /share/paymentlink', kind: 'response' }).data.share_link;
  }

  /**
   * The invoices whose `reference_number` is exactly `reference` (case and all): the list filter,
   * then only exact matches, since Zoho compares without case.
   *
   * @example
   * ```ts
   * const [invoice] = await client.finance.invoices.findByReference('WO-2031');
   * ```
   */
  async findByReference(reference: string, options: CallOptions = {}): Promise<FinanceInvoice[]> {
    const listed = await this.list({ referenceNumber: reference, ...(options.signal ? { signal: options.signal } : {}) }).toArray();
    return listed.filter((invoice) => invoice.reference_number === reference);
  }

  /**
   * The payments applied to an invoice (`GET /invoices/{id}/payments`): one row a customer
   * payment, with the amount it applied here.
   *
   * @example
   * ```ts
   * const paid = (await client.finance.invoices.payments(invoice.invoice_id)).reduce((sum, p) => sum + (p.amount ?? 0), 0);
   * ```
   */
  async payments(id: string, options: CallOptions = {}): Promise<FinanceInvoicePayment[]> {
    const body = await this.call('GET', `/invoices/${idSegment(id, 'invoice id')}/payments`, options);
    const list = (body as Record<string, unknown> | undefined)?.payments ?? [];
    return parseWith(InvoicePaymentsSchema, list, { what: 'GET /invoices/{id}/payments', kind: 'response', pathPrefix: ['payments'] });
  }

  /**
   * Sets this invoice's own billing address (`PUT /invoices/{id}/address/billing`); the
   * customer's address stays as it is. Safe to repeat.
   *
   * @example
   * ```ts
   * await client.finance.invoices.setBillingAddress(invoice.invoice_id, { address: '12 MG Road', city: 'Bengaluru', zip: '560001', country: 'India' });
   * ```
   */
  async setBillingAddress(id: string, address: InvoiceBillingAddress, options: CallOptions = {}): Promise<void> {
    const body = parseWith(InvoiceBillingAddressSchema, address, { what: 'the billing address', kind: 'input' });
    await sendFinance(this.context, 'PUT', `/invoices/${idSegment(id, 'invoice id')}/address/billing`, options, body);
  }

  // Not retried after an ambiguous failure: a repeat of a change that landed is refused (the
  // invoice is no longer in the state it starts from), which would read as a failure.
  async #status(id: string, status: 'sent' | 'void' | 'draft', options: CallOptions): Promise<void> {
    await sendFinance(this.context, 'POST', `/invoices/${idSegment(id, 'invoice id')}/status/${status}`, options);
  }
}
