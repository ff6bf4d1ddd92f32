import { describe, expect, it } from 'vitest';
import { EligibilityError } from '../../src/errors/eligibility-error.js';
import { ConfigError } from '../../src/errors/config-error.js';
import { IntegrationHealthError } from '../../src/errors/integration-health-error.js';
import { ValidationError } from '../../src/errors/validation-error.js';
import type { FinanceBinding } from '../../src/eligibility/finance-binding.js';
import { orgIdOf, rejection, setup } from './selector-setup.js';

const NOW = Date.UTC(2026, 0, 1);

describe('OrgSelector.select()', () => {
  it('new_invoice creates a Zoho Invoice org with the FSM org name and stores the binding', async () => {
    const { selector, sandbox, storage, clock } = setup([{ email: 'asha@example.com', region: 'in', books: [], invoice: [] }]);
    await selector.options('asha@example.com');
    const binding = await selector.select({ choice: 'new_invoice' });
    const created = sandbox.orgs({ app: 'invoice' });
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ name: 'Zylker Field Services', edition: 'in', currencyCode: 'INR', plan: 'free' });
    expect(binding).toEqual({
      app: 'invoice',
      organizationId: created[0]?.organizationId,
      name: 'Zylker Field Services',
      edition: 'in',
      currencyCode: 'INR',
      choice: 'new_invoice',
      boundAt: clock.now(),
      email: 'asha@example.com',
    });
    expect(await storage.get('integration/binding')).toEqual(binding);
    expect(await selector.binding()).toEqual(binding);
  });

  it('selecting new_invoice again returns the binding and creates nothing', async () => {
    const { selector, sandbox } = setup([{ email: 'asha@example.com', books: [], invoice: [] }]);
    const first = await selector.select({ choice: 'new_invoice' });
    expect(await selector.select({ choice: 'new_invoice' })).toEqual(first);
    expect(sandbox.calls.count({ method: 'POST', endpoint: '/organizations' })).toBe(1);
  });

  it('a lost reply to the create is not a second org: the retry adopts the one Zoho made', async () => {
    const { selector, sandbox } = setup([{ email: 'asha@example.com', books: [], invoice: [{ name: 'Zylker Field Services' }] }]);
    sandbox.faults.next({ match: { method: 'POST', path: '/organizations' }, fault: 'lost-ack' });
    await rejection(selector.select({ choice: 'new_invoice' }));
    const binding = await selector.select({ choice: 'new_invoice' });
    const named = sandbox.orgs({ app: 'invoice' }).filter((o) => o.name === 'Zylker Field Services');
    // The user's older org of the same name is never taken for the new one.
    expect(named).toHaveLength(2);
    expect(binding.organizationId).toBe(named[1]?.organizationId);
    expect(sandbox.calls.count({ method: 'POST', endpoint: '/organizations' })).toBe(1);
  });

  it('new_invoice takes name, portal name and time zone overrides', async () => {
    const { selector, sandbox } = setup([{ email: 'asha@example.com', books: [], invoice: [] }]);
    await selector.select({ choice: 'new_invoice', name: 'Zylker Billing', portalName: 'zylkerbilling', timeZone: 'PST' });
    expect(sandbox.orgs({ app: 'invoice' })[0]?.name).toBe('Zylker Billing');
  });

  it('new_invoice without an FSM org name is a ConfigError naming the option', async () => {
    const { selector } = setup([{ email: 'asha@example.com', books: [], invoice: [] }], { fsm: undefined });
    const error = await rejection(selector.select({ choice: 'new_invoice' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/fsm: \{ name \}/);
  });

  it('existing_books binds an eligible Books org with its edition, currency and time', async () => {
    const { selector, sandbox, storage } = setup([{ email: 'asha@example.com', region: 'in', books: [{ name: 'Zylker Books' }] }]);
    const organizationId = orgIdOf(sandbox, 'books');
    const binding = await selector.select({ choice: 'existing_books', organizationId }, { email: 'asha@example.com' });
    expect(binding).toEqual<FinanceBinding>({ app: 'books', organizationId, name: 'Zylker Books', edition: 'in', currencyCode: 'INR', choice: 'existing_books', boundAt: NOW, email: 'asha@example.com' });
    expect(await storage.get('integration/binding')).toEqual(binding);
  });

  it('an ineligible org is refused with an EligibilityError carrying the reasons', async () => {
    const { selector, sandbox, storage } = setup([{ email: 'asha@example.com', invoice: [{ name: 'Expired', trialEndsAt: '2025-10-01' }] }]);
    const error = await rejection(selector.select({ choice: 'existing_invoice', organizationId: orgIdOf(sandbox, 'invoice') }));
    expect(error).toBeInstanceOf(EligibilityError);
    expect(error).toMatchObject({ code: 'ELIGIBILITY_REFUSED', reasons: [{ code: 'TRIAL_EXPIRED' }] });
    expect((error as EligibilityError).message).toMatch(/Subscribe to a paid plan/);
    expect(await storage.get('integration/binding')).toBeUndefined();
  });

  it('an org that is not among the user’s orgs is refused with ORG_NOT_FOUND', async () => {
    const { selector, sandbox } = setup([{ email: 'asha@example.com', books: [{}] }]);
    // A Books id asked for as an Invoice org is not in the Invoice list.
    const error = await rejection(selector.select({ choice: 'existing_invoice', organizationId: orgIdOf(sandbox, 'books') }));
    expect(error).toMatchObject({ code: 'ELIGIBILITY_REFUSED', reasons: [{ code: 'ORG_NOT_FOUND' }] });
  });

  it('once bound, choosing another org is refused with ALREADY_INTEGRATED; the same org is idempotent', async () => {
    const { selector, sandbox } = setup([{ email: 'asha@example.com', books: [{}, {}] }]);
    const [first, second] = [orgIdOf(sandbox, 'books', 0), orgIdOf(sandbox, 'books', 1)];
    const binding = await selector.select({ choice: 'existing_books', organizationId: first });
    expect(await selector.select({ choice: 'existing_books', organizationId: first })).toEqual(binding);
    const error = await rejection(selector.select({ choice: 'existing_books', organizationId: second }));
    expect(error).toMatchObject({ reasons: [{ code: 'ALREADY_INTEGRATED' }] });
    expect((error as Error).message).toContain(first);
  });

  it('two selects racing for different orgs: one binds, the other is refused', async () => {
    const { selector, sandbox } = setup([{ email: 'asha@example.com', books: [{}, {}] }]);
    const results = await Promise.allSettled([
      selector.select({ choice: 'existing_books', organizationId: orgIdOf(sandbox, 'books', 0) }),
      selector.select({ choice: 'existing_books', organizationId: orgIdOf(sandbox, 'books', 1) }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected');
    expect(refused?.status === 'rejected' && refused.reason).toMatchObject({ reasons: [{ code: 'ALREADY_INTEGRATED' }] });
  });

  it('refuses a malformed choice', async () => {
    const { selector } = setup([{ email: 'asha@example.com' }]);
    expect(await rejection(selector.select({ choice: 'existing_books' } as never))).toBeInstanceOf(ValidationError);
  });
});

describe('OrgSelector.onboard()', () => {
  function fakes(log: string[], failTaxesOnce = false) {
    let failed = false;
    return {
      mapper: { createDefaults: async () => { log.push('mappings'); return { modules: 4 }; } },
      taxes: {
        push: async (config?: unknown) => {
          if (failTaxesOnce && !failed) { failed = true; throw new Error('Books is down'); }
          log.push(`push ${JSON.stringify(config)}`);
          return { created: 3 };
        },
        pull: async () => { log.push('pull'); return { pulled: 5 }; },
      },
    };
  }

  it('needs a binding first (NOT_INTEGRATED)', async () => {
    const { selector } = setup([{ email: 'asha@example.com' }]);
    const error = await rejection(selector.onboard());
    expect(error).toBeInstanceOf(IntegrationHealthError);
    expect(error).toMatchObject({ code: 'NOT_INTEGRATED' });
  });

  it('a new Invoice account: default mappings, then FSM taxes pushed', async () => {
    const log: string[] = [];
    const { selector } = setup([{ email: 'asha@example.com', books: [], invoice: [] }], fakes(log));
    await selector.select({ choice: 'new_invoice' });
    const report = await selector.onboard({ taxConfig: { rates: [18] } });
    expect(log).toEqual(['mappings', 'push {"rates":[18]}']);
    expect(report.steps).toEqual([
      { step: 'field_mappings', status: 'done', result: { modules: 4 } },
      { step: 'taxes', status: 'done', direction: 'push', result: { created: 3 } },
    ]);
    expect(report.complete).toBe(true);
  });

  it('an existing org: default mappings, then its taxes pulled; a second run does nothing', async () => {
    const log: string[] = [];
    const { selector, sandbox } = setup([{ email: 'asha@example.com', books: [{}] }], fakes(log));
    await selector.select({ choice: 'existing_books', organizationId: orgIdOf(sandbox, 'books') });
    await selector.onboard();
    const again = await selector.onboard();
    expect(log).toEqual(['mappings', 'pull']);
    expect(again.steps.map((s) => s.status)).toEqual(['already_done', 'already_done']);
  });

  it('a failed step is retried by the next run; finished steps are not repeated', async () => {
    const log: string[] = [];
    const { selector } = setup([{ email: 'asha@example.com', books: [], invoice: [] }], fakes(log, true));
    await selector.select({ choice: 'new_invoice' });
    expect(((await rejection(selector.onboard())) as Error).message).toBe('Books is down');
    const report = await selector.onboard();
    expect(log).toEqual(['mappings', 'push undefined']);
    expect(report.steps.map((s) => s.status)).toEqual(['already_done', 'done']);
  });

  it('steps not given are reported not_configured, and the report is not complete', async () => {
    const { selector } = setup([{ email: 'asha@example.com', books: [], invoice: [] }]);
    await selector.select({ choice: 'new_invoice' });
    const report = await selector.onboard();
    expect(report.steps).toEqual([
      { step: 'field_mappings', status: 'not_configured' },
      { step: 'taxes', status: 'not_configured', direction: 'push' },
    ]);
    expect(report.complete).toBe(false);
  });

  it('step factories get the binding, so they can target the org chosen a moment ago', async () => {
    const seen: string[] = [];
    const { selector, sandbox } = setup([{ email: 'asha@example.com', invoice: [{}] }], {
      mapper: (binding) => ({ createDefaults: async () => seen.push(`mapper for ${binding.organizationId}`) }),
      taxes: async (binding) => ({ push: async () => undefined, pull: async () => seen.push(`pull from ${binding.app}`) }),
    });
    const organizationId = orgIdOf(sandbox, 'invoice');
    await selector.select({ choice: 'existing_invoice', organizationId });
    await selector.onboard();
    expect(seen).toEqual([`mapper for ${organizationId}`, 'pull from invoice']);
  });
});
