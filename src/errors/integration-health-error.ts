import { FsmBillingError, type FsmBillingErrorOptions } from './fsm-billing-error.js';

/** Stable codes of integration health problems (product-rules.md §2, §6). */
export type HealthProblemCode =
  /** No finance org is bound yet. */
  | 'NOT_INTEGRATED'
  /** The bound Books/Invoice org was deleted (or the user lost access to it). */
  | 'FINANCE_ORG_DELETED'
  /** Taxes are on in the FSM configuration but off in the finance org. */
  | 'TAX_DISABLED_IN_FINANCE'
  /** The finance org's base currency differs from the FSM org's. */
  | 'CURRENCY_MISMATCH'
  /** The finance org's tax edition differs from the FSM org's. */
  | 'EDITION_MISMATCH'
  /** A tax used by FSM records is missing in the finance org (reported by TaxSync.health()). */
  | 'TAX_MISSING_IN_FINANCE'
  /** Zoho refused the credentials: the refresh token was revoked or expired. */
  | 'TOKEN_REVOKED';

/**
 * Thrown by `OrgSelector.assertCanCreate()` when a blocking health problem forbids creating work
 * orders, service appointments or assets (setup page: a deleted finance org blocks them). `code` is
 * the problem's; the message says what to do.
 *
 * @example
 * ```ts
 * try { await selector.assertCanCreate('work_order'); }
 * catch (error) {
 *   if (error instanceof IntegrationHealthError && error.code === 'FINANCE_ORG_DELETED') showSwitchDialog();
 * }
 * ```
 */
export class IntegrationHealthError extends FsmBillingError {
  override name = 'IntegrationHealthError';
  declare readonly code: HealthProblemCode;

  constructor(code: HealthProblemCode, message: string, options: FsmBillingErrorOptions = {}) {
    super(code, message, options);
  }
}
