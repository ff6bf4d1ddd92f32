import { describe, expect, it } from 'vitest';
import { financeOrgFromZoho, zohoOrgEdition, type TaxEdition } from '../../src/eligibility/index.js';
import { FinanceOrganizationSchema } from '../../src/schemas/finance/organization.js';

describe('zohoOrgEdition: the edition from the strongest signal', () => {
  it.each<[string, Record<string, unknown>, TaxEdition | undefined]>([
    ['version code (sandbox)', { version: 'ae', country_code: 'IN' }, 'ae'],
    ['version as a country name', { version: 'India' }, 'in'],
    ['country_code', { country_code: 'GB', currency_code: 'USD' }, 'uk'],
    ['address.country as Books writes it', { address: { country: 'U.S.A' } }, 'us'],
    ['address.country, long name', { address: { country: 'United Arab Emirates' } }, 'ae'],
    ['a country outside the editions is global', { country_code: 'SG', currency_code: 'USD' }, 'global'],
    ['currency alone', { currency_code: 'zar' }, 'za'],
    ['an unknown currency alone is global', { currency_code: 'SGD' }, 'global'],
    ['no signal at all', { name: 'x' }, undefined],
    ['blank fields are no signal', { version: ' ', country_code: '', currency_code: '' }, undefined],
  ])('%s', (_label, record, edition) => {
    expect(zohoOrgEdition(record)).toBe(edition);
  });
});

describe('financeOrgFromZoho', () => {
  it('reads the list fields Zoho documents for GET /organizations', () => {
    const record = FinanceOrganizationSchema.parse({
      organization_id: 10234695,
      name: 'Zillium Inc',
      is_default_org: false,
      plan_name: 'PROFESSIONAL',
      is_org_active: true,
      currency_code: 'USD',
    });
    expect(financeOrgFromZoho('books', record)).toEqual({
      app: 'books',
      organizationId: '10234695',
      name: 'Zillium Inc',
      edition: 'us',
      currencyCode: 'USD',
      plan: 'PROFESSIONAL',
      trialEndsAt: undefined,
      trialExpired: undefined,
      avalara: undefined,
      active: true,
      deleted: undefined,
      taxEnabled: undefined,
      isDefault: false,
    });
  });

  it('reads the undocumented flags when present, the trial running to the end of its last day', () => {
    const org = financeOrgFromZoho('invoice', {
      organization_id: '1',
      name: 'Flags',
      trial_end_date: '2026-02-28',
      is_trial_expired: false,
      is_avalara_integrated: true,
      is_tax_enabled: false,
      is_deleted: true,
      version: 'in',
    });
    expect(org).toMatchObject({ trialEndsAt: Date.UTC(2026, 2, 1), trialExpired: false, avalara: true, taxEnabled: false, deleted: true, edition: 'in' });
  });

  it('takes overrides for what the caller knows better, and falls back to the id for a name', () => {
    expect(financeOrgFromZoho('books', { organization_id: '5' }, { edition: 'ca', avalara: false })).toMatchObject({ name: '5', edition: 'ca', avalara: false });
  });
});
