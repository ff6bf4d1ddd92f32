import type { RefusalReason } from './eligibility-error.js';
import { FsmBillingError, type FsmBillingErrorOptions } from './fsm-billing-error.js';

/** Stable codes of a refused switch of the finance org. */
export type SwitchRefusalCode =
  /** The acting user is not an FSM administrator. */
  | 'SWITCH_NOT_ADMIN'
  /** A fourth attempt within an hour. */
  | 'SWITCH_RATE_LIMITED'
  /** Nothing is bound yet: use `select()`. */
  | 'SWITCH_NOT_INTEGRATED'
  /** The target is the org already bound. */
  | 'SWITCH_SAME_ORG'
  /** The target is not among the user's orgs (or was deleted). */
  | 'SWITCH_TARGET_NOT_FOUND'
  /** The target fails an eligibility rule (inactive, trial expired, Avalara...). */
  | 'SWITCH_TARGET_INELIGIBLE'
  /** The target has another tax edition. */
  | 'SWITCH_EDITION_MISMATCH'
  /** The target has another base currency. */
  | 'SWITCH_CURRENCY_MISMATCH'
  /** Two-way sync is on. */
  | 'SWITCH_TWO_WAY_SYNC_ENABLED'
  /** Records are still linked to the current org. */
  | 'SWITCH_LINKED_RECORDS_EXIST'
  /** The binding changed while switching (another process switched first). */
  | 'SWITCH_CONFLICT';

/** One reason a switch was refused. */
export interface SwitchRefusal extends RefusalReason {
  readonly code: SwitchRefusalCode;
  /** `SWITCH_TARGET_INELIGIBLE` only: each eligibility rule the target fails (`TRIAL_EXPIRED`, `AVALARA_INTEGRATED`...). */
  readonly targetReasons?: readonly RefusalReason[];
}

/**
 * Thrown by `OrgSelector.switch()` when the finance org may not be changed. `code` is the first
 * (most fundamental) refusal; `reasons` lists them all, each saying what to do. A target failing an
 * eligibility rule puts that rule's reasons in `targetReasons` (also `details.targetReasons`), so
 * the UI can show why the org cannot be chosen.
 *
 * @example
 * ```ts
 * try { await selector.switch({ app: 'books', organizationId }, { actor: { isAdmin: true } }); }
 * catch (error) {
 *   if (error instanceof SwitchRefusedError && error.code === 'SWITCH_RATE_LIMITED') retryLater();
 * }
 * ```
 */
export class SwitchRefusedError extends FsmBillingError {
  override name = 'SwitchRefusedError';
  declare readonly code: SwitchRefusalCode;
  readonly reasons: readonly SwitchRefusal[];
  /** The target's ineligibility reasons, when it fails an eligibility rule; empty otherwise. */
  readonly targetReasons: readonly RefusalReason[];

  constructor(reasons: readonly [SwitchRefusal, ...SwitchRefusal[]], options: FsmBillingErrorOptions = {}) {
    const [first] = reasons;
    const more = reasons.length > 1 ? ` (${reasons.length - 1} more reason(s) in error.reasons)` : '';
    const targetReasons = reasons.flatMap((r) => r.targetReasons ?? []);
    super(first.code, `The finance organisation cannot be switched: ${first.message}${more}`, {
      ...options,
      details: { reasons, ...(targetReasons.length > 0 ? { targetReasons } : {}), ...options.details },
    });
    this.reasons = reasons;
    this.targetReasons = targetReasons;
  }
}
