import { describe, expect, it } from 'vitest';
import { defineRule, defaultEligibilityRules } from '../../src/eligibility/index.js';
import { ValidationError } from '../../src/errors/validation-error.js';
import type { SandboxUserInit } from '../../src/sandbox/index.js';
import { orgIdOf, rejection, setup } from './selector-setup.js';

const summary = (result: Awaited<ReturnType<ReturnType<typeof setup>['selector']['options']>>) => ({
  defaultChoice: result.defaultChoice,
  books: result.choices.existing_books.map((o) => o.name),
  invoice: result.choices.existing_invoice.map((o) => o.name),
  ineligible: result.ineligible.map((i) => [i.org.name, ...i.reasons.map((r) => r.code)]),
});

interface OptionsCase {
  name: string;
  user: Omit<SandboxUserInit, 'email'>;
  fsmEdition?: 'us' | 'in';
  expected: ReturnType<typeof summary>;
}

const OPTIONS_CASES: OptionsCase[] = [
  { name: 'a user with no finance orgs gets a new Invoice account by default', user: { books: [], invoice: [] }, expected: { defaultChoice: 'new_invoice', books: [], invoice: [], ineligible: [] } },
  {
    name: 'a user with only trial-expired orgs: both refused, new Invoice by default',
    user: { books: [{ name: 'Old Books', trialEndsAt: '2025-11-30' }], invoice: [{ name: 'Old Invoice', trialEndsAt: '2025-12-31' }] },
    expected: { defaultChoice: 'new_invoice', books: [], invoice: [], ineligible: [['Old Books', 'TRIAL_EXPIRED'], ['Old Invoice', 'TRIAL_EXPIRED']] },
  },
  {
    name: 'an Avalara Books org is offered under the US edition',
    user: { region: 'us', books: [{ name: 'Tax US', avalara: true }] },
    fsmEdition: 'us',
    expected: { defaultChoice: 'existing_books', books: ['Tax US'], invoice: [], ineligible: [] },
  },
  {
    name: 'an Avalara Books org is refused under the India edition',
    user: { region: 'in', books: [{ name: 'Tax IN', avalara: true }] },
    fsmEdition: 'in',
    expected: { defaultChoice: 'new_invoice', books: [], invoice: [], ineligible: [['Tax IN', 'AVALARA_INTEGRATED']] },
  },
  {
    name: 'a deleted org is not listed by Zoho at all; the active one is offered',
    user: { books: [{ name: 'Gone', deleted: true }, { name: 'Here' }] },
    expected: { defaultChoice: 'existing_books', books: ['Here'], invoice: [], ineligible: [] },
  },
  {
    name: 'orgs from both apps: Books first, an inactive Invoice org refused',
    user: { books: [{ name: 'B1' }], invoice: [{ name: 'I1' }, { name: 'I2', active: false }] },
    expected: { defaultChoice: 'existing_books', books: ['B1'], invoice: ['I1'], ineligible: [['I2', 'ORG_INACTIVE']] },
  },
  {
    name: 'an expired Books org and an active Invoice org: existing Invoice by default',
    user: { books: [{ name: 'B1', trialEndsAt: '2025-06-01' }], invoice: [{ name: 'I1', trialEndsAt: '2026-06-01' }] },
    expected: { defaultChoice: 'existing_invoice', books: [], invoice: ['I1'], ineligible: [['B1', 'TRIAL_EXPIRED']] },
  },
];

describe('OrgSelector.options(email) against the sandbox', () => {
  it.each(OPTIONS_CASES)('$name', async ({ user, fsmEdition, expected }) => {
    const { selector } = setup([{ email: 'asha@example.com', ...user }], fsmEdition ? { fsm: { name: 'Zylker', edition: fsmEdition } } : {});
    const result = await selector.options('asha@example.com');
    expect(summary(result)).toEqual(expected);
    expect(result.email).toBe('asha@example.com');
  });

  it('reads edition, currency, plan and flags from the org records', async () => {
    const { selector, sandbox } = setup([{ email: 'asha@example.com', region: 'in', books: [{ plan: 'premium', trialEndsAt: '2026-03-01' }] }]);
    const [org] = (await selector.options('asha@example.com')).choices.existing_books;
    expect(org).toMatchObject({
      app: 'books',
      organizationId: orgIdOf(sandbox, 'books'),
      edition: 'in',
      currencyCode: 'INR',
      plan: 'PREMIUM',
      active: true,
      avalara: false,
      taxEnabled: true,
      trialExpired: false,
      trialEndsAt: Date.UTC(2026, 2, 2),
    });
  });

  it('judges trials by the client clock: a trial that ends while the page is open is refused next time', async () => {
    const { selector, clock } = setup([{ email: 'asha@example.com', books: [{ name: 'Trial', trialEndsAt: Date.UTC(2026, 0, 2) }] }]);
    expect((await selector.options('asha@example.com')).defaultChoice).toBe('existing_books');
    await clock.advance(2 * 86_400_000);
    expect(summary(await selector.options('asha@example.com')).ineligible).toEqual([['Trial', 'TRIAL_EXPIRED']]);
  });

  it('applies custom rules and the Avalara policy given to the selector', async () => {
    const freePlan = defineRule({ code: 'FREE_PLAN', refuses: (o) => o.plan === 'FREE', message: (o) => `${o.name} (${o.organizationId}) is on the free plan; upgrade it first.` });
    const { selector } = setup([{ email: 'asha@example.com', books: [{ name: 'Avalara', avalara: true }], invoice: [{ name: 'Free' }] }], {
      rules: [...defaultEligibilityRules, freePlan],
      avalara: 'refuse',
    });
    expect(summary(await selector.options('asha@example.com')).ineligible).toEqual([['Avalara', 'AVALARA_INTEGRATED'], ['Free', 'FREE_PLAN']]);
  });

  it('describeOrg corrects what Zoho does not say (here: Avalara known from elsewhere)', async () => {
    const { selector } = setup([{ email: 'asha@example.com', region: 'in', books: [{ name: 'Known' }] }], {
      describeOrg: (org, record) => ({ ...org, avalara: record.name === 'Known' }),
    });
    expect(summary(await selector.options('asha@example.com')).ineligible).toEqual([['Known', 'AVALARA_INTEGRATED']]);
  });

  it('needs the sign-up email', async () => {
    const { selector } = setup([{ email: 'asha@example.com' }]);
    expect(await rejection(selector.options(' '))).toBeInstanceOf(ValidationError);
  });
});
