import type { IntegrationClient } from '../client/integration-client.js';
import { ValidationError } from '../errors/validation-error.js';
import type { Clock } from '../clock.js';
import type { Storage } from '../storage/storage.js';
import type { TaxSync } from '../tax/tax-sync.js';
import type { CreatedCounterpart } from './billing-types.js';
import type { CounterpartResolver } from './counterparts.js';
import { buildInvoiceDraft, type InvoiceDraft, type PricingOptions } from './invoice-draft.js';
import { LineTaxChooser } from './line-taxes.js';
import type { BillableLine, BillableWorkOrder } from './work-order.js';

/** A finance document planned from a work order or an estimate, with what had to be created for it. */
export interface DocumentPlan {
  draft: InvoiceDraft;
  customerId: string;
  created: CreatedCounterpart[];
}

// Fields only invoices take: estimates and sales orders are refused or misread with them.
const INVOICE_ONLY = ['payment_terms', 'payment_terms_label', 'contact_persons', 'date'];

/** An invoice payload as an estimate or sales order payload (same lines, taxes and discounts). */
export function withoutInvoiceFields(payload: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([key]) => !INVOICE_ONLY.includes(key)));
}

/**
 * Plans a finance document for some lines: the customer and items (created and linked when
 * missing), the mapped header, each line's tax, the totals to expect. Shared by invoices,
 * estimates and sales orders so all three price a line the same way.
 */
export class DocumentPlanner {
  readonly #counterparts: CounterpartResolver;
  readonly #taxes: TaxSync | undefined;
  readonly #pricing: PricingOptions;

  constructor(counterparts: CounterpartResolver, taxes: TaxSync | undefined, pricing: PricingOptions) {
    this.#counterparts = counterparts;
    this.#taxes = taxes;
    this.#pricing = pricing;
  }

  async plan(order: BillableWorkOrder, lines: readonly BillableLine[], options: { salesperson?: string | undefined; date?: string | undefined; signal?: AbortSignal | undefined } = {}): Promise<DocumentPlan> {
    checkDiscountLevel(order, lines, this.#pricing);
    const taxes = this.#taxes;
    const chooser = await LineTaxChooser.load(taxes);
    const created: CreatedCounterpart[] = [];
    const customer = await this.#counterparts.customer(order, created, options.signal);
    const items = await this.#counterparts.items(order, lines, created, options.signal);
    const mapped = await this.#counterparts.mappedHeader(order, customer.financeId, items);
    const draft = buildInvoiceDraft({
      order, lines, reference: '', customerId: customer.financeId, customer: customer.record, items, mapped,
      chooser,
      totals: taxes ? (l, o) => taxes.totals(l, o) : undefined,
      pricing: this.#pricing,
      ...(options.salesperson === undefined ? {} : { salesperson: options.salesperson }),
      ...(options.date === undefined ? {} : { date: options.date }),
    });
    return { draft, customerId: customer.financeId, created };
  }
}

/**
 * Zoho discounts at one level: a transaction discount in the pricing and a line discount on the
 * work order cannot both apply. Refused before anything is created.
 */
function checkDiscountLevel(order: BillableWorkOrder, lines: readonly BillableLine[], pricing: PricingOptions): void {
  if (!pricing.discount) return;
  const discounted = lines.flatMap((line) => [line, ...(line.parts ?? [])].filter((l) => l.discount !== undefined).map(() => line.id));
  if (discounted.length === 0) return;
  throw new ValidationError(`Work order ${order.name ?? order.id} has line discounts (lines ${[...new Set(discounted)].join(', ')}) while the pricing gives a transaction discount; Zoho discounts at one level only. Nothing was created.`, [
    { path: ['pricing', 'discount'], message: 'a transaction discount cannot go with line discounts' },
  ]);
}

/** What the estimate and sales-order parts of billing share. */
export interface DocumentDeps {
  readonly client: IntegrationClient;
  readonly storage: Storage;
  readonly clock: Clock;
  /** Storage namespace of this billing. */
  readonly prefix: string;
  readonly leaseMs: number;
  readonly planner: DocumentPlanner;
}
