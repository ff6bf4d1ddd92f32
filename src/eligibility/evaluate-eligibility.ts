import { ValidationError, type ValidationIssue } from '../errors/validation-error.js';
import type { TaxEdition } from '../schemas/edition-codes.js';
import { defaultEligibilityRules } from './default-rules.js';
import type { AvalaraPolicy, EligibilityReason, EligibilityRule, RuleContext } from './eligibility-rule.js';
import type { FinanceOrg } from './finance-org.js';

/** The three onboarding choices of the setup page. */
export type OnboardingChoice = 'new_invoice' | 'existing_invoice' | 'existing_books';

/** Options of {@link evaluateEligibility}. */
export interface EligibilityContext {
  /** The FSM organisation's tax edition; the Avalara rule judges by it. */
  fsmEdition?: TaxEdition | undefined;
  /** The rules to apply, replacing the defaults. Add to them with `[...defaultEligibilityRules, mine]`. */
  rules?: readonly EligibilityRule[] | undefined;
  /** Which Avalara-integrated orgs are allowed. Default `'us-edition-only'`. */
  avalara?: AvalaraPolicy | undefined;
  /** The time trials are judged at (ms since the epoch or a Date). Default: `Date.now()`. */
  now?: number | Date | undefined;
}

/** An org that may not be bound, with every reason. */
export interface IneligibleOrg {
  readonly org: FinanceOrg;
  readonly reasons: readonly EligibilityReason[];
}

/** What the onboarding page offers. */
export interface EligibilityResult {
  /** The choice pre-selected: `new_invoice` when no org is eligible (see {@link evaluateEligibility}). */
  readonly defaultChoice: OnboardingChoice;
  /** A new Invoice account is always possible; the dropdowns list the eligible orgs in input order. */
  readonly choices: {
    readonly new_invoice: true;
    readonly existing_invoice: readonly FinanceOrg[];
    readonly existing_books: readonly FinanceOrg[];
  };
  /** The orgs left out, each with the reasons. */
  readonly ineligible: readonly IneligibleOrg[];
}

/**
 * Evaluates the user's Books and Invoice orgs against the eligibility rules and decides what the
 * onboarding page offers. Pure: no I/O, same answer in Node and in a browser.
 *
 * The default choice: `new_invoice` when **no org is eligible** — ineligible orgs do not count,
 * because the existing-org choices list only eligible orgs and an empty dropdown is no choice (the
 * setup page: "If you do not have any existing finance orgs, this option will be chosen by
 * default"). Otherwise `existing_books` when a Books org is eligible, else `existing_invoice`:
 * someone actively using Books is the setup page's "existing Zoho Books account" case (an inference;
 * Zoho does not say which existing choice comes first).
 *
 * @example
 * ```ts
 * const result = evaluateEligibility(
 *   [{ app: 'books', organizationId: '1', name: 'Zylker', trialEndsAt: Date.parse('2025-01-01') }],
 *   { fsmEdition: 'us' },
 * );
 * result.defaultChoice;           // 'new_invoice'
 * result.ineligible[0]?.reasons;  // [{ code: 'TRIAL_EXPIRED', message: '...' }]
 * ```
 */
export function evaluateEligibility(orgs: readonly FinanceOrg[], context: EligibilityContext = {}): EligibilityResult {
  checkOrgs(orgs);
  const rules = context.rules ?? defaultEligibilityRules;
  const now = context.now ?? Date.now();
  const ruleContext: RuleContext = {
    now: typeof now === 'number' ? now : now.getTime(),
    fsmEdition: context.fsmEdition,
    avalara: context.avalara ?? 'us-edition-only',
  };
  const existing_invoice: FinanceOrg[] = [];
  const existing_books: FinanceOrg[] = [];
  const ineligible: IneligibleOrg[] = [];
  for (const org of orgs) {
    const reasons = rules.filter((rule) => rule.refuses(org, ruleContext)).map((rule) => ({ code: rule.code, message: rule.message(org, ruleContext) }));
    if (reasons.length > 0) ineligible.push({ org, reasons });
    else (org.app === 'books' ? existing_books : existing_invoice).push(org);
  }
  const defaultChoice: OnboardingChoice = existing_books.length > 0 ? 'existing_books' : existing_invoice.length > 0 ? 'existing_invoice' : 'new_invoice';
  return { defaultChoice, choices: { new_invoice: true, existing_invoice, existing_books }, ineligible };
}

// Browsers call this with data from anywhere: a malformed org fails here, not deep in a rule.
function checkOrgs(orgs: readonly FinanceOrg[]): void {
  if (!Array.isArray(orgs)) throw new ValidationError('evaluateEligibility needs an array of orgs.', [{ path: [], message: 'expected an array' }]);
  const issues: ValidationIssue[] = [];
  orgs.forEach((org: Partial<FinanceOrg> | null, index) => {
    if (org?.app !== 'books' && org?.app !== 'invoice') issues.push({ path: [index, 'app'], message: "expected 'books' or 'invoice'" });
    if (typeof org?.organizationId !== 'string' || org.organizationId === '') issues.push({ path: [index, 'organizationId'], message: 'expected a non-empty string' });
  });
  if (issues.length > 0) throw new ValidationError(`evaluateEligibility got ${issues.length} malformed org field(s); each org needs app and organizationId.`, issues);
}
