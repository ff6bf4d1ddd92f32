import { FinanceInvoiceCreateSchema, FinanceInvoiceSchema, FinanceInvoiceUpdateSchema } from '../../schemas/finance/index.js';
import type { FinanceContext } from './finance-context.js';
import { FinanceResource } from './finance-resource.js';

/** Filters and sorting of `GET /invoices` (zoho-api.md §2.5). */
export interface InvoiceListParams {
  status?: 'sent' | 'draft' | 'overdue' | 'paid' | 'void' | 'unpaid' | 'partially_paid' | 'viewed';
  customerId?: string;
  /** Invoices modified after this time, `2023-11-18T02:02:51-0800` form. */
  lastModifiedTime?: string;
  sortColumn?: string;
  sortOrder?: 'A' | 'D';
  searchText?: string;
  filterBy?: string;
}

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
    });
  }
}
