import { describe, expect, it } from 'vitest';
import { IntegrationClient, type IntegrationClientOptions } from '../../src/client/integration-client.js';
import { ManualClock } from '../../src/manual-clock.js';
import { createSandbox, type LimitOptions, type Sandbox, type SandboxPlan } from '../../src/sandbox/index.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import type { Storage } from '../../src/storage/storage.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import type { ClientEvents } from '../../src/transport/pipeline-events.js';

const HOUR = 3_600_000;

interface PlanWorld {
  sandbox: Sandbox;
  clock: ManualClock;
  org: string;
  ids: string[];
  client(options?: Partial<IntegrationClientOptions> & { storage?: Storage }): IntegrationClient;
}

/** A sandbox with one Books org on `plan`, replies that take 2 s (so calls overlap), and clients on it. */
function planWorld(plan: SandboxPlan, limits: LimitOptions = {}): PlanWorld {
  const clock = new ManualClock({ autoAdvance: true });
  const sandbox = createSandbox({ seed: 3, clock, latencyMs: 2000, limits, users: [{ email: 'plan@example.com', region: 'us', books: [{ plan, records: { customers: 40, items: 0 } }], fsm: false }] });
  const org = sandbox.orgs({ app: 'books' })[0]?.organizationId ?? '';
  const ids = sandbox.records(org, 'contacts').map((c) => String(c.contact_id));
  const storage = new MemoryStorage();
  // Refresh-token auth: some tests move the clock past an access token's hour.
  const { clientId, clientSecret, refreshToken } = sandbox.credentials();
  const credentials = { clientId, clientSecret, refreshToken };
  return {
    sandbox, clock, org, ids,
    client: (options = {}) =>
      new IntegrationClient({
        region: 'us',
        finance: { app: 'books', organizationId: org },
        auth: credentials,
        transport: createFetchTransport({ fetch: sandbox.fetch }),
        clock,
        storage,
        retry: { random: () => 0.5 },
        ...options,
      }),
  };
}

/** The most calls the client had in flight at once, from its own request/response events. */
function trackInFlight(client: IntegrationClient): { max: number } {
  const seen = { max: 0 };
  let inFlight = 0;
  client.on('request', () => (seen.max = Math.max(seen.max, ++inFlight)));
  client.on('response', () => inFlight--);
  return seen;
}

describe('limits follow the organisation’s plan', () => {
  it('a free org is paced at 5 calls at once by default: 40 parallel reads all succeed and the sandbox never answers 1070', async () => {
    const world = planWorld('free');
    const client = world.client();
    const limits: Array<ClientEvents['limits']> = [];
    client.on('limits', (e) => limits.push(e));
    const seen = trackInFlight(client);
    const read = await Promise.all(world.ids.map((id) => client.finance.contacts.get(id)));
    expect(read).toHaveLength(40);
    expect(world.sandbox.calls.count({ app: 'books', status: 429 }), 'HTTP 429 answers (1070) from the sandbox').toBe(0);
    expect(seen.max).toBe(5);
    expect(limits).toEqual([expect.objectContaining({ organizationId: world.org, source: 'plan', plan: 'free', planName: 'FREE', concurrency: 5, perMinute: 100, perDay: 1000 })]);
  });

  it('the same reads with concurrency forced to 10 on a free org do meet 1070 (the pacing above is what avoids it)', async () => {
    const world = planWorld('free');
    const client = world.client({ limits: { concurrency: 10 } });
    await Promise.all(world.ids.map((id) => client.finance.contacts.get(id)));
    expect(world.sandbox.calls.count({ app: 'books', status: 429 })).toBeGreaterThan(0);
  });

  it('a paid org goes 10 at once; explicit numbers override the plan’s', async () => {
    const world = planWorld('professional');
    const client = world.client();
    const seen = trackInFlight(client);
    await Promise.all(world.ids.map((id) => client.finance.contacts.get(id)));
    expect(seen.max).toBe(10);
    expect(await client.limitsFor()).toMatchObject({ plan: 'professional', source: 'plan', concurrency: 10, perDay: 5000, perMinute: 100 });
    const capped = world.client({ storage: new MemoryStorage(), limits: { concurrency: 3 } });
    const cappedSeen = trackInFlight(capped);
    await Promise.all(world.ids.map((id) => capped.finance.contacts.get(id)));
    expect(cappedSeen.max).toBe(3);
    expect(await capped.limitsFor()).toMatchObject({ plan: 'professional', concurrency: 3, perDay: 5000 });
  });

  it('reads the plan once per TTL, cached in storage: a second client on the same storage does not read it again', async () => {
    const world = planWorld('standard');
    await world.client().finance.contacts.get(world.ids[0] ?? '');
    await world.client().finance.contacts.get(world.ids[1] ?? '');
    expect(world.sandbox.calls.list().filter((c) => c.path === `/organizations/${world.org}`)).toHaveLength(1);
  });

  it('picks up a plan change after the TTL (or at once with refresh: true)', async () => {
    const world = planWorld('free');
    const client = world.client({ limits: { planTtlMs: HOUR } });
    expect(await client.limitsFor()).toMatchObject({ plan: 'free', concurrency: 5, perDay: 1000 });
    world.sandbox.updateOrg(world.org, { plan: 'premium' });
    await world.clock.advance(HOUR - 60_000);
    await client.finance.contacts.get(world.ids[0] ?? '');
    expect(await client.limitsFor(), 'still within the TTL').toMatchObject({ plan: 'free', concurrency: 5 });
    await world.clock.advance(60_000);
    const seen = trackInFlight(client);
    await Promise.all(world.ids.map((id) => client.finance.contacts.get(id)));
    expect(seen.max).toBe(10);
    expect(await client.limitsFor()).toMatchObject({ plan: 'premium', concurrency: 10, perDay: 10_000 });
    world.sandbox.updateOrg(world.org, { plan: 'standard' });
    expect(await client.limitsFor(undefined, { refresh: true })).toMatchObject({ plan: 'standard', perDay: 2000 });
  });

  it('a plan that cannot be read: the free plan’s pace, a fallback event with the reason, and the call still succeeds', async () => {
    const world = planWorld('premium');
    world.sandbox.faults.next({ match: { path: new RegExp(`^/organizations/${world.org}$`) }, fault: 'server-error' });
    const client = world.client();
    const limits: Array<ClientEvents['limits']> = [];
    client.on('limits', (e) => limits.push(e));
    const seen = trackInFlight(client);
    await Promise.all(world.ids.map((id) => client.finance.contacts.get(id)));
    expect(seen.max).toBe(5);
    expect(limits).toEqual([expect.objectContaining({ source: 'fallback', plan: undefined, concurrency: 5, perDay: undefined, reason: expect.stringContaining('could not be read') })]);
    // Read again once the fallback has held a while.
    await world.clock.advance(16 * 60_000);
    await client.finance.contacts.get(world.ids[0] ?? '');
    expect(limits.at(-1)).toMatchObject({ source: 'plan', plan: 'premium', concurrency: 10 });
  });

  it('a plan name the SDK does not know falls back the same way', async () => {
    const world = planWorld('standard');
    const client = world.client({
      transport: createFetchTransport({
        fetch: async (input, init) => {
          const reply = await world.sandbox.fetch(input, init);
          if (!new URL(String(input instanceof Request ? input.url : input)).pathname.endsWith(`/organizations/${world.org}`)) return reply;
          const body = (await reply.json()) as { organization: Record<string, unknown> };
          return Response.json({ ...body, organization: { ...body.organization, plan_name: 'ENTERPRISE PLUS' } });
        },
      }),
    });
    expect(await client.limitsFor()).toMatchObject({ source: 'fallback', plan: undefined, planName: 'ENTERPRISE PLUS', concurrency: 5, perDay: undefined });
  });

  it('limits: { plan } or every number given: nothing is read', async () => {
    const world = planWorld('free');
    const named = world.client({ limits: { plan: 'professional' } });
    await named.finance.contacts.get(world.ids[0] ?? '');
    const numbers = world.client({ storage: new MemoryStorage(), limits: { perMinute: 50, concurrency: 2, perDay: 300 } });
    await numbers.finance.contacts.get(world.ids[0] ?? '');
    expect(world.sandbox.calls.list().filter((c) => c.path.startsWith('/organizations'))).toEqual([]);
    expect(await named.limitsFor()).toMatchObject({ source: 'configured', plan: 'professional', concurrency: 10, perDay: 5000 });
    expect(await numbers.limitsFor()).toMatchObject({ source: 'configured', perMinute: 50, concurrency: 2, perDay: 300 });
  });

  it('refuses a limits.plan or limits.perDay it cannot use', () => {
    const world = planWorld('free');
    expect(() => world.client({ limits: { plan: 'gold' as never } })).toThrow(/limits\.plan/);
    expect(() => world.client({ limits: { perDay: 0 } })).toThrow(/limits\.perDay/);
  });
});

describe('the daily budget', () => {
  it('is counted in storage: a restarted client on the same storage refuses the call past the cap without sending it', async () => {
    const world = planWorld('free');
    const first = world.client({ limits: { plan: 'free', perDay: 4 } });
    for (const id of world.ids.slice(0, 4)) await first.finance.contacts.get(id);
    const sent = world.sandbox.calls.count({ app: 'books' });
    const restarted = world.client({ limits: { plan: 'free', perDay: 4 } });
    const refused: Array<ClientEvents['rate-limited']> = [];
    restarted.on('rate-limited', (e) => refused.push(e));
    const error = await restarted.finance.contacts.get(world.ids[5] ?? '').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RateLimitError', code: 'DAILY_LIMIT_REACHED', kind: 'day', resumeAt: Date.UTC(2026, 0, 2) });
    expect(world.sandbox.calls.count({ app: 'books' }), 'a refused call reached the sandbox').toBe(sent);
    expect(refused).toEqual([expect.objectContaining({ kind: 'day', source: 'client', waitMs: Date.UTC(2026, 0, 2) - world.clock.now() })]);
    expect(await restarted.limitsFor()).toMatchObject({ usedToday: 4, resumeAt: Date.UTC(2026, 0, 2) });
    await world.clock.advance(Date.UTC(2026, 0, 2) - world.clock.now());
    await expect(restarted.finance.contacts.get(world.ids[5] ?? '')).resolves.toMatchObject({ contact_id: world.ids[5] });
  });

  it('Zoho’s code 45 is the same error, never retried, quotes the plan’s cap, and stops other clients on the storage too', async () => {
    const world = planWorld('standard', { perDay: { standard: 3 } });
    const client = world.client();
    for (const id of world.ids.slice(0, 3)) await client.finance.contacts.get(id);
    const before = world.sandbox.calls.count({ app: 'books' });
    const error = await client.finance.contacts.get(world.ids[3] ?? '').catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'DAILY_LIMIT_REACHED',
      zohoCode: 45,
      zohoMessage: 'The API call for this organization has exceeded the maximum call rate limit of 3.',
      resumeAt: Date.UTC(2026, 0, 2),
    });
    expect(world.sandbox.calls.count({ app: 'books' }) - before, 'calls after code 45').toBe(1);
    const other = world.client();
    await expect(other.finance.contacts.get(world.ids[4] ?? '')).rejects.toMatchObject({ code: 'DAILY_LIMIT_REACHED' });
    expect(world.sandbox.calls.count({ app: 'books' }) - before).toBe(1);
  });
});
