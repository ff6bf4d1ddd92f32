import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors/api-error.js';
import { TaxError } from '../../src/errors/tax-error.js';
import { ManualClock } from '../../src/manual-clock.js';
import type { SandboxResource } from '../../src/sandbox/index.js';
import type { Storage, StorageListOptions, StorageOp } from '../../src/storage/storage.js';
import { checkTaxConfig, type TaxConfig, type TaxPushReport } from '../../src/tax/index.js';
import { taxWorld, type TaxWorld } from './helpers.js';

// One of each kind the lease must keep from being created twice: authority, taxes, group, exemptions.
const US_CONFIG: TaxConfig = checkTaxConfig({
  authorities: [{ id: 'cdtfa', name: 'California Department of Tax and Fee Administration' }],
  taxes: [
    { id: 'ca', name: 'California State Tax', rate: '7.25', authorityId: 'cdtfa' },
    { id: 'la', name: 'Los Angeles County Tax', rate: '2.25', authorityId: 'cdtfa' },
  ],
  groups: [{ id: 'la_group', name: 'Los Angeles Sales Tax', taxIds: ['ca', 'la'] }],
  exemptions: [{ id: 'reseller', code: 'RESELLER', type: 'customer' }, { id: 'labour', code: 'LABOUR', type: 'item' }],
}, 'us');
const OBJECTS = 6;
const LEASE_MS = 10_000;

const leaseKey = (world: TaxWorld) => `tax-lease/${world.orgId}`;

/** The world's clock, to move time by hand (it also jumps ahead whenever everything waits on it). */
function clockOf(world: TaxWorld): ManualClock {
  const clock = world.client.clock;
  if (!(clock instanceof ManualClock)) throw new Error('the tax world should run on a ManualClock');
  return clock;
}

/** Asserts the org holds each configured object exactly once (by kind and name). */
function expectEachOnce(world: TaxWorld, config: TaxConfig): void {
  const names = (resource: SandboxResource, field: string) => world.sandbox.records(world.orgId, resource).map((r) => String(r[field])).sort();
  expect(names('taxes', 'tax_name'), 'taxes in the org').toEqual(config.taxes.map((t) => t.name).sort());
  expect(names('taxgroups', 'tax_group_name'), 'tax groups in the org').toEqual(config.groups.map((g) => g.name).sort());
  expect(names('taxauthorities', 'tax_authority_name'), 'tax authorities in the org').toEqual(config.authorities.map((a) => a.name).sort());
  expect(names('taxexemptions', 'tax_exemption_code'), 'tax exemptions in the org').toEqual(config.exemptions.map((e) => e.code).sort());
}

/** What a promise settled to, caught at once so a rejection is never left unhandled while the test goes on. */
const settle = <T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> => promise.then((value) => ({ value }), (error: unknown) => ({ error }));

/**
 * A Storage seen through a process that goes away: `onBatch(n)` runs before its n-th batch (from 1)
 * and may stall it (await other work) or return 'kill', after which every call of this process fails.
 */
function processStorage(inner: Storage, onBatch: (n: number) => Promise<'kill' | void>): Storage {
  let batches = 0;
  let dead = false;
  const alive = () => {
    if (dead) throw new Error('process killed');
  };
  return {
    async get<T>(key: string) { alive(); return inner.get<T>(key); },
    async getMany<T>(keys: readonly string[]) { alive(); return inner.getMany<T>(keys); },
    async list<T>(prefix: string, options?: StorageListOptions) { alive(); return inner.list<T>(prefix, options); },
    async batch(ops: readonly StorageOp[]) {
      alive();
      if ((await onBatch(++batches)) === 'kill') dead = true;
      alive();
      return inner.batch(ops);
    },
    async compareAndSet<T>(key: string, expected: T | undefined, next: T | undefined) { alive(); return inner.compareAndSet(key, expected, next); },
  };
}

describe('TaxSync: one push or pull per finance organisation at a time', () => {
  it.each([
    ['two processes (two TaxSync on one Storage)', (world: TaxWorld) => [world.taxSync(), world.taxSync()]],
    ['one TaxSync called twice', (world: TaxWorld) => { const taxes = world.taxSync(); return [taxes, taxes]; }],
  ])('%s: of two pushes started together one runs, the other is refused with TAX_OPERATION_RUNNING; nothing is created twice', async (_, make) => {
    const world = taxWorld('us', { empty: true });
    const [a, b] = make(world);
    const results = await Promise.allSettled([a!.push(US_CONFIG), b!.push(US_CONFIG)]);

    const done = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
    expect(done, 'exactly one push ran').toHaveLength(1);
    expect(done[0]!.value.created).toHaveLength(OBJECTS);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(TaxError);
    expect(refused[0]).toMatchObject({ code: 'TAX_OPERATION_RUNNING', details: { organizationId: world.orgId } });
    expect((refused[0] as TaxError).message).toMatch(/^TaxSync\.push\(\) cannot start: another push or pull of organisation \d+ is in progress until \d{4}-\d\d-\d\dT.*Z at the latest\. Wait for it to finish and run again\.$/);
    expectEachOnce(world, US_CONFIG);

    const again = await world.taxSync().push(US_CONFIG);
    expect(again).toMatchObject({ created: [], matched: [] });
    expect(again.existing).toHaveLength(OBJECTS);
    expectEachOnce(world, US_CONFIG);
  });

  it('a push that fails on an API error gives the lease back: the next push runs at once and completes without duplicates', async () => {
    const world = taxWorld('us', { empty: true });
    // A 500 on a create is not retried (a POST) and, as nothing landed, push stops with it.
    world.sandbox.faults.next({ match: { method: 'POST', path: '/settings/taxes' }, fault: 'server-error' });
    const failing = world.taxSync();
    const heldDuringPush: Array<Promise<unknown>> = [];
    failing.on('progress', () => heldDuringPush.push(world.storage.get(leaseKey(world))));
    const error: unknown = await failing.push(US_CONFIG).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 500 });
    expect(await Promise.all(heldDuringPush), 'the lease is held while the push works').toEqual([expect.objectContaining({ until: expect.any(Number) })]);
    // Released, not deleted: the record stays, marked released, so the next lease's fencing token grows.
    expect(await world.storage.get(leaseKey(world)), 'the lease is given back after the failure').toMatchObject({ released: true });

    const before = world.client.clock.now();
    const report = await world.taxSync().push(US_CONFIG);
    expect(world.client.clock.now(), 'no waiting for a lease to expire').toBe(before);
    expect(report.existing.map((i) => i.fsmId)).toEqual(['cdtfa']);
    expect(report.created).toHaveLength(OBJECTS - 1);
    expectEachOnce(world, US_CONFIG);
  });

  it('a crashed push leaves its lease: push and pull are refused until leaseMs has passed on the clock, then a push completes without duplicates', async () => {
    const world = taxWorld('us', { empty: true });
    const clock = clockOf(world);
    const startedAt = clock.now();
    // The process dies at its third write (the intent of the second object), before it can release anything.
    const crashing = world.taxSync({ leaseMs: LEASE_MS, storage: processStorage(world.storage, async (n) => (n === 3 ? 'kill' : undefined)) });
    await expect(crashing.push(US_CONFIG)).rejects.toThrow('process killed');

    const next = world.taxSync({ leaseMs: LEASE_MS });
    const until = new Date(startedAt + LEASE_MS).toISOString();
    await expect(next.push(US_CONFIG)).rejects.toMatchObject({ name: 'TaxError', code: 'TAX_OPERATION_RUNNING', details: { organizationId: world.orgId, until } });
    await expect(next.pull()).rejects.toMatchObject({ code: 'TAX_OPERATION_RUNNING', message: expect.stringMatching(/^TaxSync\.pull\(\) cannot start/) });
    await clock.advanceTo(startedAt + LEASE_MS - 1);
    await expect(next.push(US_CONFIG), 'still refused 1 ms before the lease ends').rejects.toMatchObject({ code: 'TAX_OPERATION_RUNNING' });
    expect(world.sandbox.records(world.orgId, 'taxes'), 'nothing was created while refused').toHaveLength(0);

    await clock.advanceTo(startedAt + LEASE_MS);
    const report = await next.push(US_CONFIG);
    expect(report.existing.map((i) => i.fsmId)).toEqual(['cdtfa']);
    expect(report.created).toHaveLength(OBJECTS - 1);
    expectEachOnce(world, US_CONFIG);
  });

  it('a pull started during a push is refused with TAX_OPERATION_RUNNING and leaves the push’s id map alone', async () => {
    const world = taxWorld('us', { empty: true });
    const pushing = world.taxSync();
    let pulled: Promise<{ value: unknown } | { error: unknown }> | undefined;
    pushing.on('progress', () => {
      pulled ??= settle(world.taxSync().pull());
    });
    const report = await pushing.push(US_CONFIG);
    expect(report.created).toHaveLength(OBJECTS);
    const outcome = await pulled;
    expect(outcome, 'the pull during the push').toMatchObject({ error: { name: 'TaxError', code: 'TAX_OPERATION_RUNNING', details: { organizationId: world.orgId } } });
    expect((await world.taxSync().idMap()).map((e) => `${e.fsmId} ${e.status}`).sort()).toEqual(['ca created', 'cdtfa created', 'la created', 'la_group created', 'labour created', 'reseller created']);

    // Once the push is over, a pull runs and keeps the pushed ids.
    const config = await world.taxSync().pull();
    expect(config.taxes.map((t) => t.id).sort()).toEqual(['ca', 'la']);
    expectEachOnce(world, US_CONFIG);
  });

  it('a push longer than leaseMs renews its lease: a push started past leaseMs is still refused, and the long push completes', async () => {
    const world = taxWorld('us', { empty: true });
    const clock = clockOf(world);
    // Each create answers 3 s later on the clock: six objects take 18 s against a 10 s lease.
    world.sandbox.faults.next({ match: { method: 'POST' }, fault: { kind: 'slow', ms: 3000 }, times: OBJECTS });
    const startedAt = clock.now();
    const long = world.taxSync({ leaseMs: LEASE_MS });
    let late: Promise<{ value: unknown } | { error: unknown }> | undefined;
    long.on('progress', () => {
      if (late === undefined && clock.now() - startedAt > LEASE_MS) late = settle(world.taxSync({ leaseMs: LEASE_MS }).push(US_CONFIG));
    });
    const report = await long.push(US_CONFIG);
    expect(clock.now() - startedAt, 'the push outlived its first lease').toBeGreaterThan(LEASE_MS);
    expect(report.created).toHaveLength(OBJECTS);
    expect(late, 'a second push was started past leaseMs').toBeDefined();
    const outcome = await late;
    expect(outcome, 'the push started past leaseMs').toMatchObject({ error: { code: 'TAX_OPERATION_RUNNING' } });
    const until = Date.parse(String((outcome as { error: TaxError }).error.details.until));
    expect(until, 'the lease was renewed beyond its first term').toBeGreaterThan(startedAt + LEASE_MS);
    expectEachOnce(world, US_CONFIG);
  });

  it('a pull longer than leaseMs renews its lease: a push started past leaseMs, as the pull writes, is refused', async () => {
    const world = taxWorld('us');
    const clock = clockOf(world);
    // Each group read answers 7 s later on the clock: the seeded org's groups take longer than the 10 s lease.
    world.sandbox.faults.next({ match: { method: 'GET', path: /^\/settings\/taxgroups\/\d+$/ }, fault: { kind: 'slow', ms: 7000 }, times: 10 });
    const startedAt = clock.now();
    let late: { value: unknown } | { error: unknown } | undefined;
    // The pull's only write is its last step: a push tried just before it must find the lease still held.
    const storage = processStorage(world.storage, async () => {
      late ??= await settle(world.taxSync({ leaseMs: LEASE_MS }).push(US_CONFIG));
    });
    const config = await world.taxSync({ leaseMs: LEASE_MS, storage }).pull();
    expect(clock.now() - startedAt, 'the pull outlived its first lease').toBeGreaterThan(LEASE_MS);
    expect(config.groups.length).toBeGreaterThan(1);
    expect(late, 'the push tried as the pull wrote').toMatchObject({ error: { code: 'TAX_OPERATION_RUNNING' } });
  });

  it('a push that stalls past leaseMs while another takes over stops with TAX_LEASE_LOST; the other completes the work, nothing twice', async () => {
    const world = taxWorld('us', { empty: true });
    const clock = clockOf(world);
    let takeover: TaxPushReport | undefined;
    // The stalled process hangs in its second write (recording the first object it created) while time passes and another push runs.
    const stalled = world.taxSync({
      leaseMs: LEASE_MS,
      storage: processStorage(world.storage, async (n) => {
        if (n !== 2) return;
        await clock.advance(LEASE_MS);
        takeover = await world.taxSync({ leaseMs: LEASE_MS }).push(US_CONFIG);
      }),
    });
    const error: unknown = await stalled.push(US_CONFIG).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaxError);
    expect(error).toMatchObject({ code: 'TAX_LEASE_LOST', details: { organizationId: world.orgId } });
    expect(takeover?.created.length, 'the push that took over did the rest').toBe(OBJECTS);
    expectEachOnce(world, US_CONFIG);
    expect(await world.taxSync().push(US_CONFIG)).toMatchObject({ created: [], matched: [] });
  });
});

describe('TaxSync: leaseMs and refused configurations', () => {
  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses leaseMs %s with a ConfigError naming the option', (leaseMs) => {
    const world = taxWorld('us', { empty: true });
    expect(() => world.taxSync({ leaseMs })).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG', details: { option: 'leaseMs' } }));
  });

  it('refuses an invalid configuration with TAX_CONFIG_INVALID even while another push holds the lease', async () => {
    const world = taxWorld('us', { empty: true });
    const pushing = world.taxSync();
    let refused: Promise<{ value: unknown } | { error: unknown }> | undefined;
    pushing.on('progress', () => {
      refused ??= settle(world.taxSync().push({ taxes: [{ id: 'x', name: 'X', rate: 200 }] }));
    });
    await pushing.push(US_CONFIG);
    expect(await refused).toMatchObject({ error: { code: 'TAX_CONFIG_INVALID' } });
  });
});
