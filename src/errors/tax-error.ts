import { FsmBillingError, type FsmBillingErrorOptions } from './fsm-billing-error.js';

/** Stable codes of {@link TaxError}. */
export type TaxErrorCode =
  /** A tax configuration is not valid for its edition: `details.issues` lists each problem. Nothing was sent. */
  | 'TAX_CONFIG_INVALID'
  /** The finance organisation uses another tax edition than the one TaxSync was built for. */
  | 'TAX_EDITION_MISMATCH'
  /** Taxes are disabled in the finance organisation, so none can be pushed. */
  | 'TAX_DISABLED_IN_FINANCE'
  /** The finance organisation's taxes are managed by Avalara: they are not pushed. */
  | 'TAX_MANAGED_BY_AVALARA'
  /** Another push or pull of the same finance organisation holds the tax lease: `details.until` says until when at the latest. */
  | 'TAX_OPERATION_RUNNING'
  /** The push or pull stalled past `leaseMs` and another one took over: it stopped before its next object; the other finishes the work. */
  | 'TAX_LEASE_LOST';

/**
 * Thrown by `TaxSync` when a tax configuration cannot be pulled, pushed or used: an invalid
 * configuration (`TAX_CONFIG_INVALID`, with `details.issues`), a finance organisation of another
 * edition (`TAX_EDITION_MISMATCH`), taxes disabled there (`TAX_DISABLED_IN_FINANCE`) or managed by
 * Avalara (`TAX_MANAGED_BY_AVALARA`), another push or pull of the org in progress
 * (`TAX_OPERATION_RUNNING`, with `details.until`), or a push or pull that lost its lease to another
 * one (`TAX_LEASE_LOST`). The message says what to change.
 *
 * @example
 * ```ts
 * try { await taxes.push(config); }
 * catch (error) {
 *   if (error instanceof TaxError && error.code === 'TAX_CONFIG_INVALID') showIssues(error.details.issues);
 * }
 * ```
 */
export class TaxError extends FsmBillingError {
  override name = 'TaxError';
  declare readonly code: TaxErrorCode;

  constructor(code: TaxErrorCode, message: string, options: FsmBillingErrorOptions = {}) {
    super(code, message, options);
  }
}
