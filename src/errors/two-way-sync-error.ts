import { FsmBillingError, type FsmBillingErrorOptions } from './fsm-billing-error.js';

/** Why the two-way sync lifecycle refused a step. */
export type TwoWaySyncErrorCode =
  /** Two-way sync cannot be enabled (and no second import can start) while an import from the finance org runs. */
  | 'IMPORT_IN_PROGRESS'
  /** Importing from the finance org is no longer available: two-way sync is enabled and keeps both sides in step instead. */
  | 'IMPORT_UNAVAILABLE';

/**
 * Thrown by `enableTwoWaySync()`, the first `BidirectionalSyncer.run()` and `importFromFinance()`
 * when the one-time steps of the integration come in the wrong order:
 *
 * - `IMPORT_IN_PROGRESS`: an import is running (`details.importId`, `details.until`, when its
 *   lease ends). Wait for it to finish; an import that crashed stops blocking once its lease expires.
 * - `IMPORT_UNAVAILABLE`: two-way sync is already on (`details.enabledAt`), so a one-time copy
 *   from the finance org is not offered any more; run the syncer instead.
 *
 * @example
 * ```ts
 * try { await enableTwoWaySync({ storage, duplicates: 'overwrite' }); }
 * catch (error) {
 *   if (error instanceof TwoWaySyncError && error.code === 'IMPORT_IN_PROGRESS') retryAfter(error.details.until);
 * }
 * ```
 */
export class TwoWaySyncError extends FsmBillingError {
  override name = 'TwoWaySyncError';
  declare readonly code: TwoWaySyncErrorCode;

  constructor(code: TwoWaySyncErrorCode, message: string, options: FsmBillingErrorOptions = {}) {
    super(code, message, options);
  }
}
