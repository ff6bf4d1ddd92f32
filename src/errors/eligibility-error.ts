import { FsmBillingError, type FsmBillingErrorOptions } from './fsm-billing-error.js';

/** One reason an org was refused: a stable code (`TRIAL_EXPIRED`, ...) and what to do. */
export interface RefusalReason {
  readonly code: string;
  readonly message: string;
}

/**
 * Thrown by `OrgSelector.select()` when the chosen finance org may not be bound: an eligibility rule
 * refused it (`ORG_INACTIVE`, `TRIAL_EXPIRED`, `AVALARA_INTEGRATED`, `ORG_DELETED`, your own), it is
 * not among the user's orgs (`ORG_NOT_FOUND`), or the FSM org is already bound to another one
 * (`ALREADY_INTEGRATED`). `reasons` lists each with a message that says what to do.
 *
 * @example
 * ```ts
 * try { await selector.select({ choice: 'existing_books', organizationId }); }
 * catch (error) {
 *   if (error instanceof EligibilityError) showReasons(error.reasons);
 * }
 * ```
 */
export class EligibilityError extends FsmBillingError {
  override name = 'EligibilityError';
  declare readonly code: 'ELIGIBILITY_REFUSED';
  readonly reasons: readonly RefusalReason[];

  constructor(message: string, reasons: readonly RefusalReason[], options: FsmBillingErrorOptions = {}) {
    super('ELIGIBILITY_REFUSED', message, { ...options, details: { reasons, ...options.details } });
    this.reasons = reasons;
  }
}
