import { describe, expect, it } from 'vitest';
import type { FsmOrgProfile } from '../../src/eligibility/fsm-org-profile.js';
import type { CreatableRecord } from '../../src/eligibility/org-selector.js';
import { IntegrationHealthError, type HealthProblemCode } from '../../src/errors/integration-health-error.js';
import { NetworkError } from '../../src/errors/network-error.js';
import { ValidationError } from '../../src/errors/validation-error.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { orgIdOf, rejection, revokeRefreshToken, setup } from './selector-setup.js';

/** An Indian user bound to their Books org; the FSM profile can be changed between checks. */
async function bound() {
  const fsm: FsmOrgProfile = { name: 'Zylker Field Services', edition: 'in', currencyCode: 'INR', taxesEnabled: true };
  const ctx = setup([{ email: 'asha@example.com', region: 'in', books: [{ name: 'Zylker Books' }] }], { fsm: () => fsm });
  const organizationId = orgIdOf(ctx.sandbox, 'books');
  await ctx.selector.select({ choice: 'existing_books', organizationId });
  return { ...ctx, fsm, organizationId };
}

interface HealthCase {
  name: string;
  change: (ctx: Awaited<ReturnType<typeof bound>>) => Promise<void> | void;
  problems: HealthProblemCode[];
  message?: RegExp;
}

const HEALTH_CASES: HealthCase[] = [
  { name: 'nothing wrong', change: () => undefined, problems: [] },
  {
    name: 'the sandbox deletes the Books org',
    change: (c) => void c.sandbox.updateOrg(c.organizationId, { deleted: true }),
    problems: ['FINANCE_ORG_DELETED'],
    message: /was deleted .*\. Work orders, service appointments and assets cannot be created until you switch to another organisation with OrgSelector\.switch\(\)/,
  },
  {
    name: 'taxes turned off in Books while on in FSM',
    change: (c) => void c.sandbox.updateOrg(c.organizationId, { taxEnabled: false }),
    problems: ['TAX_DISABLED_IN_FINANCE'],
    message: /Taxes are enabled in FSM but disabled in Zoho Books organisation "Zylker Books" .*: enable taxes in Zoho Books/,
  },
  {
    name: 'taxes off in both: no problem',
    change: (c) => {
      c.sandbox.updateOrg(c.organizationId, { taxEnabled: false });
      c.fsm.taxesEnabled = false;
    },
    problems: [],
  },
  {
    name: 'FSM taxes unknown: the tax check is skipped',
    change: (c) => {
      c.sandbox.updateOrg(c.organizationId, { taxEnabled: false });
      delete c.fsm.taxesEnabled;
    },
    problems: [],
  },
  { name: 'the FSM org now uses another currency', change: (c) => void (c.fsm.currencyCode = 'USD'), problems: ['CURRENCY_MISMATCH'], message: /base currency INR but the FSM organisation uses USD/ },
  { name: 'the FSM org now uses another tax edition', change: (c) => void (c.fsm.edition = 'ae'), problems: ['EDITION_MISMATCH'], message: /uses the in tax edition but the FSM organisation the ae edition/ },
  {
    name: 'taxes, currency and edition all wrong: three problems',
    change: (c) => {
      c.sandbox.updateOrg(c.organizationId, { taxEnabled: false });
      Object.assign(c.fsm, { currencyCode: 'AED', edition: 'ae' });
    },
    problems: ['TAX_DISABLED_IN_FINANCE', 'CURRENCY_MISMATCH', 'EDITION_MISMATCH'],
  },
  {
    name: 'the refresh token is revoked',
    change: (c) => revokeRefreshToken(c.sandbox as Sandbox, c.email),
    problems: ['TOKEN_REVOKED'],
    message: /refresh token was revoked or expired\. Authorise again/,
  },
];

describe('OrgSelector.health()', () => {
  it.each(HEALTH_CASES)('$name → [$problems]', async ({ change, problems, message }) => {
    const ctx = await bound();
    await change(ctx);
    const report = await ctx.selector.health();
    expect(report.problems.map((p) => p.code)).toEqual(problems);
    expect(report.ok).toBe(problems.length === 0);
    expect(report.checkedAt).toBe(ctx.clock.now());
    if (message) expect(report.problems[0]?.message).toMatch(message);
  });

  it('reports NOT_INTEGRATED before select()', async () => {
    const { selector } = setup([{ email: 'asha@example.com' }]);
    expect((await selector.health()).problems).toMatchObject([{ code: 'NOT_INTEGRATED', blocking: true }]);
  });

  it('gives the org as Zoho lists it now', async () => {
    const ctx = await bound();
    expect((await ctx.selector.health()).org).toMatchObject({ organizationId: ctx.organizationId, edition: 'in', currencyCode: 'INR', taxEnabled: true });
  });

  it('throws errors that say nothing about the integration (a dropped connection)', async () => {
    const ctx = await bound();
    for (let i = 0; i < 7; i++) ctx.sandbox.faults.next({ match: { path: '/organizations' }, fault: 'drop' });
    expect(await rejection(ctx.selector.health())).toBeInstanceOf(NetworkError);
  });
});

describe('OrgSelector.assertCanCreate()', () => {
  it.each<CreatableRecord>(['work_order', 'service_appointment', 'asset'])('blocks %s while the finance org is deleted, saying why and what to do', async (record) => {
    const ctx = await bound();
    await ctx.selector.assertCanCreate(record);
    ctx.sandbox.updateOrg(ctx.organizationId, { deleted: true });
    const error = await rejection(ctx.selector.assertCanCreate(record));
    expect(error).toBeInstanceOf(IntegrationHealthError);
    expect(error).toMatchObject({ code: 'FINANCE_ORG_DELETED', details: { record } });
    const label = { work_order: 'work orders', service_appointment: 'service appointments', asset: 'assets' }[record];
    expect((error as Error).message).toMatch(new RegExp(`^Cannot create ${label}: Zoho Books organisation "Zylker Books" \\(${ctx.organizationId}\\) .* was deleted`));
    expect((error as Error).message).toMatch(/OrgSelector\.switch\(\)|support@zohofsm\.com/);
  });

  it('a switch to a live org unblocks work-order creation', async () => {
    const ctx = setup([{ email: 'asha@example.com', region: 'in', books: [{}, {}] }]);
    await ctx.selector.select({ choice: 'existing_books', organizationId: orgIdOf(ctx.sandbox, 'books', 0) });
    ctx.sandbox.updateOrg(orgIdOf(ctx.sandbox, 'books', 0), { deleted: true });
    await rejection(ctx.selector.assertCanCreate('work_order'));
    await ctx.selector.switch({ app: 'books', organizationId: orgIdOf(ctx.sandbox, 'books', 1) }, { actor: { isAdmin: true } });
    await expect(ctx.selector.assertCanCreate('work_order')).resolves.toBeUndefined();
  });

  it('does not block on non-blocking problems (taxes disabled, revoked token)', async () => {
    const ctx = await bound();
    ctx.sandbox.updateOrg(ctx.organizationId, { taxEnabled: false });
    await expect(ctx.selector.assertCanCreate('work_order')).resolves.toBeUndefined();
    await revokeRefreshToken(ctx.sandbox, ctx.email);
    await expect(ctx.selector.assertCanCreate('asset')).resolves.toBeUndefined();
  });

  it('blocks everything before select() (NOT_INTEGRATED)', async () => {
    const { selector } = setup([{ email: 'asha@example.com' }]);
    expect(await rejection(selector.assertCanCreate('work_order'))).toMatchObject({ code: 'NOT_INTEGRATED' });
  });

  it('uses a report it is given instead of calling Zoho', async () => {
    const ctx = await bound();
    const report = await ctx.selector.health();
    const calls = ctx.sandbox.calls.count({ endpoint: '/organizations' });
    await ctx.selector.assertCanCreate('work_order', { report });
    expect(ctx.sandbox.calls.count({ endpoint: '/organizations' })).toBe(calls);
  });

  it('refuses an unknown record kind', async () => {
    const ctx = await bound();
    expect(await rejection(ctx.selector.assertCanCreate('invoice' as never))).toBeInstanceOf(ValidationError);
  });
});
