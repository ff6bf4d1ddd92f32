import type * as z from 'zod/mini';
import type { CallOptions } from '../list-params.js';
import { idSegment } from '../path.js';
import { sendFinance } from './finance-context.js';
import { FinanceResource } from './finance-resource.js';

/**
 * A finance resource whose records can be marked active or inactive
 * (`POST {path}/{id}/active | /inactive`; contacts and items).
 * Repeating either call is harmless, so both are retried like reads.
 */
export class ActivatableFinanceResource<R extends z.ZodMiniType, C extends z.ZodMiniType, U extends z.ZodMiniType, L extends object = object> extends FinanceResource<R, C, U, L> {
  /** Marks a record active. */
  markActive(id: string, options: CallOptions = {}): Promise<void> {
    return this.#setStatus(id, 'active', options);
  }

  /** Marks a record inactive: Zoho keeps it and its transactions, and hides it from new ones. */
  markInactive(id: string, options: CallOptions = {}): Promise<void> {
    return this.#setStatus(id, 'inactive', options);
  }

  async #setStatus(id: string, status: 'active' | 'inactive', options: CallOptions): Promise<void> {
    await sendFinance(this.context, 'POST', `${this.spec.path}/${idSegment(id, `${this.spec.label} id`)}/${status}`, options, undefined, true);
  }
}
