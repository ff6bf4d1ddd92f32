import type { FinanceApp } from '../client/finance/finance-context.js';
import { zohoOrgEdition } from './edition-of-org.js';
import type { FinanceOrg } from './finance-org.js';

/**
 * A Books/Invoice organisation as Zoho returns it (`GET /organizations`), or as
 * the client's `organizations.list()` parses it. Only `organization_id` is required.
 */
export interface ZohoOrganizationRecord {
  readonly organization_id: string | number;
  readonly [field: string]: unknown;
}

const flag = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

// `trial_end_date` is a day (yyyy-mm-dd); the trial runs to the end of it.
function endOfDay(value: unknown): number | undefined {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1) : undefined;
}

/**
 * Turns a Zoho org record into a {@link FinanceOrg}. What it reads:
 * documented — `organization_id`, `name`, `is_org_active`, `currency_code`, `plan_name`,
 * `is_default_org`; undocumented, read when present (the sandbox sends them, docs/eligibility.md) —
 * `version` / `country_code` / `address.country` for the edition, `trial_end_date`,
 * `is_trial_expired`, `is_avalara_integrated`, `is_tax_enabled`, `is_deleted`. Facts you know
 * better go in `overrides`.
 *
 * @example
 * ```ts
 * const orgs = (await client.financeFor('books').organizations.list()).map((r) => financeOrgFromZoho('books', r));
 * financeOrgFromZoho('books', record, { edition: 'in', avalara: false });
 * ```
 */
export function financeOrgFromZoho(app: FinanceApp, record: ZohoOrganizationRecord, overrides: Partial<FinanceOrg> = {}): FinanceOrg {
  const organizationId = String(record.organization_id);
  const org: FinanceOrg = {
    app,
    organizationId,
    name: text(record.name) ?? organizationId,
    edition: zohoOrgEdition(record),
    currencyCode: text(record.currency_code),
    plan: text(record.plan_name),
    trialEndsAt: endOfDay(record.trial_end_date),
    trialExpired: flag(record.is_trial_expired),
    avalara: flag(record.is_avalara_integrated),
    active: flag(record.is_org_active),
    deleted: flag(record.is_deleted),
    taxEnabled: flag(record.is_tax_enabled),
    isDefault: flag(record.is_default_org),
  };
  return { ...org, ...overrides };
}
