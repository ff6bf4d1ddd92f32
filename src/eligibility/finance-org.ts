import type { FinanceApp } from '../client/finance/finance-context.js';
import type { TaxEdition } from '../schemas/edition-codes.js';

/**
 * A Zoho Books or Zoho Invoice organisation as the eligibility rules see it: plain data, so a
 * browser page can build one from anything (its own backend, a Zoho reply through
 * {@link financeOrgFromZoho}).
 *
 * Optional facts that are absent are unknown, and a rule never refuses on an unknown fact: an org
 * with no `active` flag is taken as active, one with no trial data as not on an expired trial.
 *
 * @example
 * ```ts
 * const org: FinanceOrg = { app: 'books', organizationId: '60012345', name: 'Zylker', edition: 'us', avalara: true };
 * ```
 */
export interface FinanceOrg {
  /** `'books'` (Zoho Books) or `'invoice'` (Zoho Invoice). */
  app: FinanceApp;
  /** Zoho's organisation id (digits). */
  organizationId: string;
  /** The organisation's name. */
  name: string;
  /** Its tax edition (country), when known. Zoho documents no edition field. */
  edition?: TaxEdition | undefined;
  /** Base currency (`currency_code`), e.g. `'INR'`. */
  currencyCode?: string | undefined;
  /** Subscription plan name (`plan_name`), e.g. `'PROFESSIONAL'`. */
  plan?: string | undefined;
  /** End of the trial, in ms since the epoch; absent when not on a trial or unknown. */
  trialEndsAt?: number | undefined;
  /** Zoho's own verdict on the trial, when the org record carries one; wins over `trialEndsAt`. */
  trialExpired?: boolean | undefined;
  /** Whether the org uses Zoho's Avalara integration. */
  avalara?: boolean | undefined;
  /** `is_org_active`. */
  active?: boolean | undefined;
  /** Whether the org was deleted in Zoho. */
  deleted?: boolean | undefined;
  /** Whether taxes are enabled in the org. */
  taxEnabled?: boolean | undefined;
  /** `is_default_org`. */
  isDefault?: boolean | undefined;
}
