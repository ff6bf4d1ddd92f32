import { defineRule, type EligibilityRule, type RuleContext } from './eligibility-rule.js';
import type { FinanceOrg } from './finance-org.js';
import { appName, orgLabel } from './org-label.js';

const OTHERWISE = 'or choose another organisation or a new Zoho Invoice account';

/** Refuses orgs that are not active (`is_org_active: false`). Setup page: only "active" orgs are listed. */
export const orgInactiveRule: EligibilityRule = /* @__PURE__ */ defineRule({
  code: 'ORG_INACTIVE',
  description: 'The organisation is not active',
  refuses: (org) => org.active === false,
  message: (org) => `${orgLabel(org)} is inactive. Reactivate it in ${appName(org.app)}, ${OTHERWISE}.`,
});

/**
 * Refuses orgs whose trial has ended (setup page: "If the trial period has expired ... that
 * organization will not be available"). Zoho's own `trialExpired` verdict wins; otherwise the trial
 * end is compared with the context's clock.
 */
export const trialExpiredRule: EligibilityRule = /* @__PURE__ */ defineRule({
  code: 'TRIAL_EXPIRED',
  description: 'The trial period of the organisation has expired',
  refuses: (org, context) => org.trialExpired ?? (org.trialEndsAt !== undefined && org.trialEndsAt <= context.now),
  message: (org) =>
    `The trial of ${orgLabel(org)} has expired${org.trialEndsAt === undefined ? '' : ` (${new Date(org.trialEndsAt).toISOString().slice(0, 10)})`}. ` +
    `Subscribe to a paid plan in ${appName(org.app)}, ${OTHERWISE}.`,
});

/**
 * The edition Avalara is judged under: the FSM org's, else the org's own (an FSM org bound to an
 * existing org takes that org's edition at onboarding).
 */
function editionInForce(org: FinanceOrg, context: RuleContext): string | undefined {
  return context.fsmEdition ?? org.edition;
}

/**
 * Refuses Avalara-integrated orgs unless the {@link AvalaraPolicy} allows them: by default only
 * under the United States tax edition (the setup page's older rule refused
 * them all, which the `'refuse'` policy keeps).
 */
export const avalaraRule: EligibilityRule = /* @__PURE__ */ defineRule({
  code: 'AVALARA_INTEGRATED',
  description: 'The organisation uses the Avalara integration, allowed only under the US tax edition (policy)',
  refuses: (org, context) =>
    org.avalara === true && (context.avalara === 'refuse' || (context.avalara === 'us-edition-only' && editionInForce(org, context) !== 'us')),
  message: (org, context) =>
    context.avalara === 'refuse'
      ? `${orgLabel(org)} uses the Avalara integration, which this integration does not accept. Disable Avalara in ${appName(org.app)}, ${OTHERWISE}.`
      : `${orgLabel(org)} uses the Avalara integration, which Zoho FSM supports only under the United States tax edition ` +
        `(this one is ${editionInForce(org, context) ?? 'unknown'}). Disable Avalara in ${appName(org.app)}, ${OTHERWISE}.`,
});

/** Refuses deleted orgs: they can hold no records (setup page). */
export const orgDeletedRule: EligibilityRule = /* @__PURE__ */ defineRule({
  code: 'ORG_DELETED',
  description: 'The organisation was deleted',
  refuses: (org) => org.deleted === true,
  message: (org) => `${orgLabel(org)} was deleted. Restore it in ${appName(org.app)} if you can, ${OTHERWISE}.`,
});

/**
 * The rules {@link evaluateEligibility} applies when the context gives none, in the order their
 * reasons are listed: deleted, inactive, trial expired, Avalara.
 */
export const defaultEligibilityRules: readonly EligibilityRule[] = /* @__PURE__ */ Object.freeze([orgDeletedRule, orgInactiveRule, trialExpiredRule, avalaraRule]);
