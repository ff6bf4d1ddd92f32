import { describe, expect, it } from 'vitest';
import { SwitchRefusedError, type SwitchRefusalCode } from '../../src/errors/switch-refused-error.js';
import { ValidationError } from '../../src/errors/validation-error.js';
import type { SwitchOptions, SwitchTarget } from '../../src/eligibility/org-selector.js';
import type { Storage } from '../../src/storage/storage.js';
import { enableTwoWaySync } from '../../src/sync/state/two-way-state.js';
import { orgIdOf, rejection, setup } from './selector-setup.js';

const HOUR = 3_600_000;
const ADMIN: SwitchOptions = { actor: { isAdmin: true } };

/** An Indian user bound to Books org A; B is a valid target, C–F each break one rule. */
async function bound(options: Parameters<typeof setup>[1] = {}) {
  const ctx = setup(
    [
      {
        email: 'asha@example.com',
        region: 'in',
        books: [
          { name: 'A' },
          { name: 'B' },
          { name: 'C US edition', edition: 'us', currencyCode: 'INR' },
          { name: 'D in USD', currencyCode: 'USD' },
          { name: 'E expired', trialEndsAt: '2025-12-01' },
          { name: 'F', deleted: false },
        ],
        invoice: [{ name: 'Inv' }],
      },
    ],
    options,
  );
  const id = (index: number) => orgIdOf(ctx.sandbox, 'books', index);
  await ctx.selector.select({ choice: 'existing_books', organizationId: id(0) });
  const books = (index: number): SwitchTarget => ({ app: 'books', organizationId: id(index) });
  return { ...ctx, id, books };
}

type Ctx = Awaited<ReturnType<typeof bound>>;

interface RefusalCase {
  name: string;
  target: (ctx: Ctx) => SwitchTarget;
  options?: Partial<SwitchOptions>;
  prepare?: (ctx: Ctx & { storage: Storage }) => Promise<void> | void;
  code: SwitchRefusalCode;
  also?: SwitchRefusalCode[];
  message: RegExp;
}

const REFUSALS: RefusalCase[] = [
  { name: 'a user who is not an admin', target: (c) => c.books(1), options: { actor: { isAdmin: false } }, code: 'SWITCH_NOT_ADMIN', message: /Administrator profile/ },
  { name: 'the org already integrated', target: (c) => c.books(0), code: 'SWITCH_SAME_ORG', message: /already the integrated organisation; choose another/ },
  { name: 'an org of another tax edition', target: (c) => c.books(2), code: 'SWITCH_EDITION_MISMATCH', message: /uses the us tax edition, this FSM organisation the in edition/ },
  { name: 'an org with another base currency', target: (c) => c.books(3), code: 'SWITCH_CURRENCY_MISMATCH', message: /base currency USD, this FSM organisation INR/ },
  { name: 'two-way sync enabled (given in the call)', target: (c) => c.books(1), options: { twoWaySyncEnabled: true }, code: 'SWITCH_TWO_WAY_SYNC_ENABLED', message: /support@zohofsm\.com/ },
  {
    name: 'two-way sync enabled (enableTwoWaySync() in the selector’s Storage)',
    target: (c) => c.books(1),
    prepare: async ({ storage }) => void (await enableTwoWaySync({ storage, duplicates: 'overwrite' })),
    code: 'SWITCH_TWO_WAY_SYNC_ENABLED',
    message: /two-way sync is enabled/,
  },
  {
    name: 'two-way sync enabled (the older hand-written sync/two-way key)',
    target: (c) => c.books(1),
    prepare: ({ storage }) => storage.batch([{ type: 'put', key: 'sync/two-way', value: { enabled: true } }]),
    code: 'SWITCH_TWO_WAY_SYNC_ENABLED',
    message: /two-way sync is enabled/,
  },
  {
    name: 'linked records still present (links of two sync bindings; a deliberately unlinked record is not one)',
    target: (c) => c.books(1),
    prepare: ({ storage }) =>
      storage.batch([
        { type: 'put', key: 'sync/zoho-fsm~books%3A1/link/companies/fsm/1', value: { financeId: '9', linkedAt: 0 } },
        { type: 'put', key: 'sync/zoho-fsm~books%3A1/link/companies/finance/9', value: { fsmId: '1' } },
        { type: 'put', key: 'sync/zoho-fsm~books%3A1/link/items/fsm/3', value: { detached: true, at: 0, reason: 'finance record deleted' } },
        { type: 'put', key: 'sync/my-db/link/items/fsm/2', value: { financeId: '8', linkedAt: 0 } },
      ]),
    code: 'SWITCH_LINKED_RECORDS_EXIST',
    message: /2 record\(s\) are still linked .* delete them first/,
  },
  {
    name: 'linked records still present (older hand-written link/ keys)',
    target: (c) => c.books(1),
    prepare: ({ storage }) => storage.batch([{ type: 'put', key: 'link/companies/fsm/1', value: { financeId: '9' } }]),
    code: 'SWITCH_LINKED_RECORDS_EXIST',
    message: /1 record\(s\) are still linked/,
  },
  { name: 'linked records still present (count given in the call)', target: (c) => c.books(1), options: { linkedRecordCount: 12 }, code: 'SWITCH_LINKED_RECORDS_EXIST', message: /12 record\(s\)/ },
  { name: 'a target whose trial expired', target: (c) => c.books(4), code: 'SWITCH_TARGET_INELIGIBLE', message: /trial .* has expired/ },
  { name: 'a target that is not among the user’s orgs', target: (c) => ({ app: 'invoice', organizationId: c.id(1) }), code: 'SWITCH_TARGET_NOT_FOUND', message: /not among this user's Zoho Invoice organisations/ },
  {
    name: 'a target deleted in Zoho',
    target: (c) => c.books(5),
    prepare: (c) => void c.sandbox.updateOrg(c.id(5), { deleted: true }),
    code: 'SWITCH_TARGET_NOT_FOUND',
    message: /deleted, or the user is not an admin there/,
  },
  {
    name: 'several problems at once: the first is the code, all are reasons',
    target: (c) => c.books(2),
    options: { twoWaySyncEnabled: true, linkedRecordCount: 3 },
    code: 'SWITCH_EDITION_MISMATCH',
    also: ['SWITCH_TWO_WAY_SYNC_ENABLED', 'SWITCH_LINKED_RECORDS_EXIST'],
    message: /tax edition/,
  },
];

describe('OrgSelector.switch() refusals', () => {
  it.each(REFUSALS)('refuses $name with $code', async ({ target, options, prepare, code, also = [], message }) => {
    const ctx = await bound();
    await prepare?.(ctx);
    const before = await ctx.selector.binding();
    const error = await rejection(ctx.selector.switch(target(ctx), { ...ADMIN, ...options }));
    expect(error).toBeInstanceOf(SwitchRefusedError);
    const refusal = error as SwitchRefusedError;
    expect(refusal.code).toBe(code);
    expect(refusal.reasons.map((r) => r.code)).toEqual([code, ...also]);
    expect(refusal.message).toMatch(message);
    expect(await ctx.selector.binding()).toEqual(before);
  });

  it('an ineligible target’s rule reasons are in targetReasons and details.targetReasons', async () => {
    const ctx = await bound();
    const error = await rejection(ctx.selector.switch(ctx.books(4), ADMIN));
    expect(error).toBeInstanceOf(SwitchRefusedError);
    const refusal = error as SwitchRefusedError;
    expect(refusal.code).toBe('SWITCH_TARGET_INELIGIBLE');
    expect(refusal.targetReasons.map((r) => r.code)).toEqual(['TRIAL_EXPIRED']);
    expect(refusal.details.targetReasons).toEqual(refusal.targetReasons);
    expect(refusal.targetReasons[0]?.message).toMatch(/trial .* has expired/);
  });

  it('a refusal without an ineligible target has no targetReasons', async () => {
    const ctx = await bound();
    const refusal = (await rejection(ctx.selector.switch(ctx.books(0), ADMIN))) as SwitchRefusedError;
    expect(refusal.code).toBe('SWITCH_SAME_ORG');
    expect(refusal.targetReasons).toEqual([]);
    expect(refusal.details).not.toHaveProperty('targetReasons');
  });

  it('refuses when nothing is bound yet (use select)', async () => {
    const { selector, sandbox } = setup([{ email: 'asha@example.com', books: [{}] }]);
    const error = await rejection(selector.switch({ app: 'books', organizationId: orgIdOf(sandbox, 'books') }, ADMIN));
    expect(error).toMatchObject({ code: 'SWITCH_NOT_INTEGRATED' });
  });

  it('refuses a fourth attempt within an hour, and allows it once the hour has passed', async () => {
    const ctx = await bound();
    for (let i = 0; i < 3; i++) expect(await rejection(ctx.selector.switch(ctx.books(0), ADMIN))).toMatchObject({ code: 'SWITCH_SAME_ORG' });
    await ctx.clock.advance(HOUR - 1);
    const fourth = await rejection(ctx.selector.switch(ctx.books(1), ADMIN));
    expect(fourth).toMatchObject({ code: 'SWITCH_RATE_LIMITED' });
    expect((fourth as Error).message).toMatch(/at most 3 switch attempts .* within an hour; try again later/);
    await ctx.clock.advance(1);
    expect((await ctx.selector.switch(ctx.books(1), ADMIN)).organizationId).toBe(ctx.id(1));
  });

  it('attempts by non-admins and refused rate-limited attempts do not count', async () => {
    const ctx = await bound();
    for (let i = 0; i < 5; i++) await rejection(ctx.selector.switch(ctx.books(1), { actor: { isAdmin: false } }));
    for (let i = 0; i < 2; i++) await rejection(ctx.selector.switch(ctx.books(0), ADMIN));
    expect((await ctx.selector.switch(ctx.books(1), ADMIN)).organizationId).toBe(ctx.id(1));
    expect(await rejection(ctx.selector.switch(ctx.books(0), ADMIN))).toMatchObject({ code: 'SWITCH_RATE_LIMITED' });
  });

  it('facts come from the call first, then the hooks, then Storage', async () => {
    const ctx = await bound({ switchFacts: { twoWaySyncEnabled: () => true, linkedRecordCount: async () => 0 } });
    await ctx.storage.batch([{ type: 'put', key: 'sync/b/link/companies/fsm/1', value: { financeId: '9', linkedAt: 0 } }]);
    expect(await rejection(ctx.selector.switch(ctx.books(1), ADMIN))).toMatchObject({ reasons: [{ code: 'SWITCH_TWO_WAY_SYNC_ENABLED' }] });
    expect((await ctx.selector.switch(ctx.books(1), { ...ADMIN, twoWaySyncEnabled: false })).organizationId).toBe(ctx.id(1));
  });

  it('refuses malformed input', async () => {
    const ctx = await bound();
    expect(await rejection(ctx.selector.switch(ctx.books(1), {} as never))).toBeInstanceOf(ValidationError);
    expect(await rejection(ctx.selector.switch({ app: 'crm', organizationId: '1' } as never, ADMIN))).toBeInstanceOf(ValidationError);
  });
});

describe('OrgSelector.switch() success', () => {
  it('rebinds to the target, remembers the previous org, and onboarding starts over for it', async () => {
    const log: string[] = [];
    const ctx = await bound({ mapper: { createDefaults: async () => log.push('mappings') } });
    await ctx.selector.onboard();
    await ctx.clock.advance(60_000);
    const next = await ctx.selector.switch(ctx.books(1), ADMIN);
    expect(next).toMatchObject({
      app: 'books',
      organizationId: ctx.id(1),
      name: 'B',
      edition: 'in',
      currencyCode: 'INR',
      choice: 'switch',
      boundAt: ctx.clock.now(),
      previous: { app: 'books', organizationId: ctx.id(0), name: 'A', unboundAt: ctx.clock.now() },
    });
    expect(await ctx.selector.binding()).toEqual(next);
    expect((await ctx.selector.onboard()).steps[0]?.status).toBe('done');
    expect(log).toEqual(['mappings', 'mappings']);
    expect((await ctx.selector.health()).ok).toBe(true);
  });
});
