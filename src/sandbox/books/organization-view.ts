import { editionInfo } from '../editions.js';
import type { FinanceOrgState, SandboxPlan } from '../org-state.js';
import { booksDate } from '../time-format.js';
import type { UserState } from '../world.js';

// ⚠️ Zoho does not publish the plan_type numbers; 130 = PROFESSIONAL is the OAS example.
const PLAN_TYPES: Record<SandboxPlan, number> = { free: 0, standard: 120, professional: 130, premium: 140, elite: 150, ultimate: 160 };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * An organisation as `GET /organizations` lists it, plus fields the
 * sandbox declares so eligibility can be tested — Zoho documents none of them (see
 * docs/sandbox.md): `version` (edition), `country_code`, `trial_end_date`, `is_trial_expired`,
 * `is_avalara_integrated`, `is_tax_enabled`, `allow_duplicate_contact_names`.
 */
export function renderOrganization(org: FinanceOrgState, owner: UserState, now: number, view: 'list' | 'full'): Record<string, unknown> {
  const info = editionInfo(org.edition);
  const created = booksDate(org.createdAt, org.utcOffsetMinutes);
  const [y, m, d] = created.split('-');
  const base: Record<string, unknown> = {
    organization_id: org.organizationId,
    name: org.name,
    contact_name: owner.name,
    email: owner.email,
    is_default_org: org.isDefault,
    plan_type: PLAN_TYPES[org.plan],
    tax_group_enabled: true,
    zi_migration_status: 0,
    plan_name: org.plan.toUpperCase(),
    plan_period: 'Monthly',
    language_code: 'en',
    fiscal_year_start_month: 0,
    account_created_date: created,
    account_created_date_formatted: `${d} ${MONTHS[Number(m) - 1]} ${y}`,
    time_zone: org.timeZone,
    is_org_active: org.active,
    currency_id: org.currency.id,
    currency_code: org.currency.code,
    currency_symbol: org.currency.symbol,
    currency_format: '###,##0.00',
    price_precision: 2,
    version: org.edition,
    country_code: info.countryCode,
    is_trial_expired: org.trialEndsAt !== undefined && org.trialEndsAt <= now,
    is_avalara_integrated: org.avalara,
    is_tax_enabled: org.taxEnabled,
    allow_duplicate_contact_names: org.allowDuplicateNames,
  };
  if (org.trialEndsAt !== undefined) base.trial_end_date = booksDate(org.trialEndsAt, org.utcOffsetMinutes);
  if (view === 'list') return base;
  return {
    ...base,
    date_format: 'dd MMM yyyy',
    field_separator: ' ',
    industry_type: 'Field Service',
    industry_size: '',
    org_address: '',
    remit_to_address: '',
    phone: '',
    fax: '',
    website: '',
    address: { street_address1: '', street_address2: '', city: '', state: '', country: info.country, zip: '' },
    custom_fields: [],
  };
}
