import { describe, expect, it } from 'vitest';
import type { SyncReport } from '../../src/sync/index.js';
import { duplicates, runUntilQuiet, syncWorld, type SyncWorld } from './helpers.js';

/** A pause the test ends: `held` resolves when the request arrived, `release()` lets it go on. */
function gate() {
  let arrived!: () => void;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (arrived = resolve));
  const open = new Promise<void>((resolve) => (release = resolve));
  return { held, open, arrived, release };
}

const isCustomerCreate = (request: Request) => request.method === 'POST' && /\/books\/v3\/contacts(\?|$)/.test(request.url);

/**
 * A world whose first Books customer create reaches Zoho (the customer is created) and whose reply
 * is then held until the test releases it — as if the process stalled there — and then returned
 * as it came (`'ok'`) or lost as a dropped connection (`'lost'`).
 */
function stalledWorld(reply: 'ok' | 'lost', options: { leaseMs?: number } = {}) {
  const stall = gate();
  let armed = true;
  const world = syncWorld({
    fetch: (f) => async (input, init) => {
      const request = new Request(input, init);
      if (!armed || !isCustomerCreate(request)) return f(request);
      armed = false;
      const response = await f(request);
      stall.arrived();
      await stall.open;
      if (reply === 'lost') throw new TypeError('fetch failed');
      return response;
    },
  });
  return { world, stall, leaseMs: options.leaseMs ?? 600_000 };
}

/** Every stored key and value but the sync log's entries (a stopped run logs its report). */
async function state(world: SyncWorld) {
  return (await world.storage.list('')).filter((e) => !/\/log\//.test(e.key));
}

function customerCreates(world: SyncWorld, since: number): number {
  return world.sandbox.calls.list().slice(since).filter((c) => c.method === 'POST' && c.app === 'books' && /^\/contacts$/.test(c.path)).length;
}

describe('lease fencing: a run that lost its lease commits nothing', () => {
  it.each(['ok', 'lost'] as const)('a run stalled in a create past its lease while another run takes over: when the create returns (%s), nothing is committed, nothing is created again, and the run throws SYNC_LEASE_LOST', async (reply) => {
    const { world, stall } = stalledWorld(reply);
    const first = world.syncer().run().then(() => undefined, (error: unknown) => error);
    await stall.held;
    // The first run's lease runs out while its create hangs; a new process starts a run.
    await world.clock.advance(600_001);
    const second: SyncReport = await world.syncer().run();
    expect(second.status, 'the second run took the lease over and completed').toBe('completed');
    // Time goes on: anything the stalled run would still commit carries a later time than what is stored.
    await world.clock.advance(1_000);
    const settled = await state(world);
    const callsBefore = world.sandbox.calls.total;

    stall.release();
    const error = await first;
    expect(error, 'the stalled run must fail').toMatchObject({ name: 'SyncLeaseError', code: 'SYNC_LEASE_LOST' });
    expect(await state(world), 'the stalled run committed nothing after it lost its lease').toEqual(settled);
    expect(customerCreates(world, callsBefore), 'no customer created again on the stalled run\'s retry path').toBe(0);
    expect(world.sandbox.calls.list().slice(callsBefore).filter((c) => c.method !== 'GET' && c.app !== 'accounts'), 'no write at all after the lease was lost').toEqual([]);
    const logged = (await world.syncer().log.list()).filter((entry) => entry.runId !== second.runId);
    expect(logged.map((entry) => entry.status), 'the stalled run logged its stop').toEqual(['stopped']);
    expect(logged[0]?.stoppedReason).toMatch(/lost its lease/);

    // Nothing twice: the next runs find everything in place.
    expect(duplicates(world)).toEqual([]);
    await runUntilQuiet(world);
    expect(duplicates(world)).toEqual([]);
  });

  it('a live run waiting on a call keeps its lease (renewed while it waits): another run is refused', async () => {
    const leaseMs = 60;
    const { world, stall } = stalledWorld('ok');
    const first = world.syncer({ leaseMs }).run();
    await stall.held;
    // Half the lease passes on the clock while the call waits; the keep-alive (every leaseMs / 6 of
    // real time) renews it; then the clock passes the first lease's end.
    await world.clock.advance(leaseMs / 2);
    await new Promise((resolve) => setTimeout(resolve, leaseMs));
    await world.clock.advance(leaseMs / 2 + 10);
    await expect(world.syncer({ leaseMs }).run()).rejects.toMatchObject({ code: 'SYNC_ALREADY_RUNNING' });
    stall.release();
    expect((await first).status).toBe('completed');
  });

  it('refuses a storage adapter that does not enforce check ops (ConfigError), before taking the lease', async () => {
    const world = syncWorld();
    const inner = world.storage;
    const careless = {
      get: inner.get.bind(inner), getMany: inner.getMany.bind(inner), list: inner.list.bind(inner), compareAndSet: inner.compareAndSet.bind(inner),
      // Written before check ops existed: anything but a put is taken for a delete.
      batch: (ops: Parameters<typeof inner.batch>[0]) => inner.batch(ops.map((op) => (op.type === 'put' ? op : { type: 'delete' as const, key: op.key }))),
    };
    await expect(world.syncer({ storage: careless }).run()).rejects.toMatchObject({ name: 'ConfigError', message: expect.stringMatching(/check/) });
    expect((await inner.list('')).filter((e) => e.key.endsWith('/lease'))).toEqual([]);
  });
});
