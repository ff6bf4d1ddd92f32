/**
 * `fsm-billing-sync/eligibility`: pure, I/O-free pieces that ship to browsers in a tiny bundle.
 *
 * @packageDocumentation
 * @module fsm-billing-sync/eligibility
 */
// It must import nothing that pulls in zod, p-retry or eventemitter3 (the size budget, 4 kB
// min+gzip, is checked in CI by scripts/check-bundle-size.mjs). OrgSelector, which does I/O, is
// exported from the core entry and is not reachable from here.
export {
  TAX_EDITIONS,
  ZOHO_EDITION_TAGS,
  GCC_TAX_EDITIONS,
  isTaxEdition,
  toZohoEditionTag,
  type TaxEdition,
  type ZohoEditionTag,
} from '../schemas/edition-codes.js';
export type { FinanceOrg } from './finance-org.js';
export {
  defineRule,
  type AvalaraPolicy,
  type EligibilityReason,
  type EligibilityRule,
  type EligibilityRuleInit,
  type RuleContext,
} from './eligibility-rule.js';
export { avalaraRule, defaultEligibilityRules, orgDeletedRule, orgInactiveRule, trialExpiredRule } from './default-rules.js';
export {
  evaluateEligibility,
  type EligibilityContext,
  type EligibilityResult,
  type IneligibleOrg,
  type OnboardingChoice,
} from './evaluate-eligibility.js';
export { financeOrgFromZoho, type ZohoOrganizationRecord } from './finance-org-from-zoho.js';
export { zohoOrgEdition } from './edition-of-org.js';
export { evaluateSwitch, SWITCH_ATTEMPTS_PER_HOUR, type SwitchInput } from './switch-rules.js';
export type { SwitchRefusal, SwitchRefusalCode } from '../errors/switch-refused-error.js';
