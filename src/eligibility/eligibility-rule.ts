import { ValidationError } from '../errors/validation-error.js';
import type { TaxEdition } from '../schemas/edition-codes.js';
import type { FinanceOrg } from './finance-org.js';

/**
 * Which orgs with the Avalara integration may be bound:
 * - `'us-edition-only'` (default): allowed only when the tax edition in force is the United
 *   States — what FSM's current "Using Avalara Integration" page says;
 * - `'refuse'`: never, as the setup page says ("integrated with Avalara will also be unavailable");
 * - `'allow'`: always.
 */
export type AvalaraPolicy = 'us-edition-only' | 'refuse' | 'allow';

/** What every rule sees besides the org: the time, the FSM tax edition, the Avalara policy. */
export interface RuleContext {
  /** Now, in ms since the epoch. */
  readonly now: number;
  /** The FSM organisation's tax edition, when known. */
  readonly fsmEdition: TaxEdition | undefined;
  /** The Avalara policy in force. */
  readonly avalara: AvalaraPolicy;
}

/** Why an org cannot be bound: a stable code and a message that says what to do. */
export interface EligibilityReason {
  readonly code: string;
  readonly message: string;
}

/**
 * One eligibility rule: a stable `code`, a `description` for rule tables, `refuses` (true when the
 * org may not be bound) and the `message` shown when it refuses. Build your own with {@link defineRule}.
 */
export interface EligibilityRule {
  readonly code: string;
  readonly description: string;
  refuses(org: FinanceOrg, context: RuleContext): boolean;
  message(org: FinanceOrg, context: RuleContext): string;
}

/** The input of {@link defineRule}: `message` may be fixed text or built from the org. */
export interface EligibilityRuleInit {
  /** Stable, machine-readable code, e.g. `'FREE_PLAN'`. */
  code: string;
  /** One line for rule tables and docs. */
  description?: string;
  /** True when the org may not be bound. */
  refuses(org: FinanceOrg, context: RuleContext): boolean;
  /** What happened and what to do. */
  message: string | ((org: FinanceOrg, context: RuleContext) => string);
}

/**
 * Builds an eligibility rule of your own. Add it to the defaults with
 * `rules: [...defaultEligibilityRules, rule]`, or replace them.
 *
 * @example
 * ```ts
 * const notFree = defineRule({
 *   code: 'FREE_PLAN',
 *   refuses: (org) => org.plan === 'FREE',
 *   message: (org) => `${org.name} is on the free plan; upgrade it before binding.`,
 * });
 * evaluateEligibility(orgs, { rules: [...defaultEligibilityRules, notFree] });
 * ```
 */
export function defineRule(init: EligibilityRuleInit): EligibilityRule {
  const { code, refuses, message } = init ?? {};
  if (typeof code !== 'string' || code === '' || typeof refuses !== 'function' || (typeof message !== 'string' && typeof message !== 'function')) {
    throw new ValidationError('defineRule needs { code: non-empty string, refuses: function, message: string or function }.', [
      { path: ['code'], message: 'a rule needs a code, a refuses function and a message' },
    ]);
  }
  return Object.freeze({
    code,
    description: init.description ?? code,
    refuses,
    message: typeof message === 'string' ? () => message : message,
  });
}
