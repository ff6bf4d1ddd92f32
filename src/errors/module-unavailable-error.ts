import { ApiError, type ApiErrorInit } from './api-error.js';

/**
 * Thrown when the organisation does not have the module a call needs: sales orders in a Zoho
 * Invoice organisation (Invoice has none; the SDK refuses without calling), or in a Books
 * organisation without inventory (Zoho refuses the call). `module` names it (`'salesorders'`).
 * Nothing was read or changed: enable the module in Zoho Books, or use another document (an
 * estimate, an invoice).
 *
 * @example
 * ```ts
 * try {
 *   await client.finance.salesOrders.create(order);
 * } catch (error) {
 *   if (error instanceof ModuleUnavailableError) return client.finance.invoices.create(invoice);
 *   throw error;
 * }
 * ```
 */
export class ModuleUnavailableError extends ApiError {
  override name = 'ModuleUnavailableError';
  /** The module the organisation lacks, e.g. `'salesorders'`. */
  readonly module: string;

  constructor(message: string, init: ApiErrorInit & { module: string }) {
    const { module, ...rest } = init;
    super(message, { ...rest, details: { ...rest.details, module } }, 'MODULE_UNAVAILABLE');
    this.module = module;
  }
}
