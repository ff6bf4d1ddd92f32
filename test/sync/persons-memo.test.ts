import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import type { SourceMemo, SyncReport } from '../../src/sync/index.js';
import { KnownPersons, type WrittenCustomer } from '../../src/sync/sources/known-persons.js';
import { SyncKeys } from '../../src/sync/state/sync-keys.js';
import { customers, duplicates, processSyncer, syncWorld, views, type SyncWorld } from './helpers.js';

/*
 * The contact persons Books returned inside the customers a run read or wrote are kept in the
 * sync's storage, so an initial sync that the daily cap spreads over days, run by a new process
 * each day (a cron job), does not list the persons of every customer not settled before a stop.
 * What is kept is a hint: a customer that moved since is read again.
 */

const DAY = 86_400_000;
const CAP = 10;
const PERSONS_PAGE = '/contacts/{contact_id}/contactpersons';
const records = { syncType: 'III' as const, seed: 11, fsmRecords: { customers: 12, items: 0 }, booksRecords: { customers: 12, items: 0, offset: 6 } };

function cappedWorld(): { world: SyncWorld; day: () => Promise<SyncReport> } {
  const world = syncWorld({ ...records, limits: { perDay: { standard: CAP } } });
  const clientStorage = new MemoryStorage();
  // Each run is a new process: a new client and new sources over the same storages.
  return { world, day: () => processSyncer(world, clientStorage).run() };
}

const personsPages = (w: SyncWorld) => w.sandbox.calls.count({ app: 'books', method: 'GET', endpoint: PERSONS_PAGE });
const memoKeys = async (w: SyncWorld) => (await w.storage.list('sync/')).map((e) => e.key).filter((key) => key.includes('/memo/'));

/** Runs day after day (the clock moved to each `resumeAt`) until a run completes. */
async function untilDone(w: SyncWorld, day: () => Promise<SyncReport>, first: SyncReport): Promise<number> {
  let report = first;
  let days = 1;
  while (report.stopped === 'daily-limit' && days < 40) {
    await w.clock.advance(Date.parse(report.resumeAt ?? '') - w.clock.now());
    report = await day();
    expect(report.failures, `day ${days + 1}`).toEqual([]);
    days++;
  }
  expect(report.status, `still stopped after ${days} days`).toBe('completed');
  return days;
}

describe('an initial sync spread over days by the daily cap, a new process each day', () => {
  it('takes the persons of customers read on an earlier day from storage: no persons page, and the same result as one uncapped run', async () => {
    const { world, day } = cappedWorld();
    const first = await day();
    expect(first).toMatchObject({ stopped: 'daily-limit', failures: [] });
    const keptAtStop = await memoKeys(world);
    expect(keptAtStop.length, 'customers kept at the stop').toBeGreaterThan(0);
    const settled = (await world.storage.list('sync/')).filter((e) => e.key.includes('/settled/contact_persons/')).map((e) => SyncKeys.idOf(e.key));
    const withPersons = new Set(world.sandbox.records(world.books, 'contactpersons').map((p) => String(p.contact_id)));
    const waiting = keptAtStop.map((key) => SyncKeys.idOf(key).slice('persons/'.length)).filter((id) => withPersons.has(id) && !settled.includes(id));
    expect(waiting.length, 'customers read on day 1 whose persons wait for a later day').toBeGreaterThan(0);

    const days = await untilDone(world, day, first);
    expect(days).toBeGreaterThan(1);
    // The bound counts no persons page: every business customer is read whole or created by the run.
    expect(personsPages(world), 'persons pages over all the days').toBe(0);
    expect(duplicates(world)).toEqual([]);
    const free = syncWorld(records);
    await free.syncer().run();
    expect(views(world)).toEqual(views(free));

    // Kept entries go once their customer's persons are settled at its time (the daily full read meets every customer).
    await world.clock.advance(DAY + 60_000);
    const full = await day();
    expect(full.status).toBe('completed');
    expect(await memoKeys(world)).toEqual([]);
    expect(personsPages(world)).toBe(0);
  });

  it('a customer whose person a user edited before the next day is read again: the edit reaches FSM', async () => {
    const { world, day } = cappedWorld();
    // Customers Books alone holds: their persons become new FSM contacts, copied as read.
    const fsmNames = new Set(world.sandbox.records(world.fsm, 'Companies').map((c) => String(c.Company_Name)));
    const booksOnly = new Set(customers(world).filter((c) => !fsmNames.has(String(c.contact_name))).map((c) => String(c.contact_id)));
    let report = await day();
    // The first day that stops with a kept customer whose persons are not settled yet.
    let target: string | undefined;
    for (let d = 0; d < 40 && report.stopped === 'daily-limit' && target === undefined; d++) {
      const settled = new Set((await world.storage.list('sync/')).filter((e) => e.key.includes('/settled/contact_persons/')).map((e) => SyncKeys.idOf(e.key)));
      const business = new Set(customers(world).map((c) => String(c.contact_id)));
      const withPersons = new Set(world.sandbox.records(world.books, 'contactpersons').map((p) => String(p.contact_id)).filter((id) => business.has(id) && booksOnly.has(id)));
      target = (await memoKeys(world)).map((key) => SyncKeys.idOf(key).slice('persons/'.length)).find((id) => withPersons.has(id) && !settled.has(id));
      if (target === undefined) {
        await world.clock.advance(Date.parse(report.resumeAt ?? '') - world.clock.now());
        report = await day();
      }
    }
    if (target === undefined) throw new Error('no day stopped with a kept customer whose persons wait');
    const person = world.sandbox.records(world.books, 'contactpersons').find((p) => String(p.contact_id) === target);
    if (!person) throw new Error('the customer has no person');
    // A minute later, the same day: the customer's time moves past what was kept.
    await world.clock.advance(60_000);
    world.sandbox.edit(world.books, 'contactpersons', String(person.contact_person_id), { phone: '+1 555 0199' });
    world.sandbox.calls.reset();
    await untilDone(world, day, report);
    // Its customer is read again (whole, by the companies unit, since its time moved), not taken from what was kept.
    expect(world.sandbox.calls.list().filter((c) => c.app === 'books' && c.method === 'GET' && c.path.endsWith(`/contacts/${target}`)).length, 'the edited customer read again').toBeGreaterThanOrEqual(1);
    const contact = world.sandbox.records(world.fsm, 'Contacts').find((c) => String(c.Email).toLowerCase() === String(person.email).toLowerCase());
    expect(contact?.Phone).toBe('+1 555 0199');
  });
});

/** A memo over a map, as a new process would find it in storage. */
function mapMemo(now: () => number): SourceMemo & { entries: Map<string, unknown> } {
  const entries = new Map<string, unknown>();
  return {
    entries,
    now,
    getMany: async (keys) => keys.map((key) => entries.get(key)),
    set: (key, value) => {
      if (value === undefined) entries.delete(key);
      else entries.set(key, JSON.parse(JSON.stringify(value)));
    },
  };
}

describe('persons kept in storage, as a new process reads them', () => {
  const T = '2026-01-05T10:00:00+0000';
  const at = Date.parse('2026-01-05T10:00:00Z');
  const customer = (time = T) => ({ contact_id: 'c1', last_modified_time: time, contact_persons: [{ contact_person_id: 'p1', first_name: 'Ada' }] });

  async function fromNewProcess(memo: ReturnType<typeof mapMemo>, walkAt: number, unchanged = false) {
    const fresh = new KnownPersons();
    fresh.begin('run-2', at + DAY, memo);
    await fresh.load([{ id: 'c1', at: walkAt, unchanged }]);
    return fresh.take('c1', walkAt);
  }

  it('are taken when read after their second and the customer has not moved since', async () => {
    const memo = mapMemo(() => at + 120_000);
    const known = new KnownPersons();
    known.begin('run-1', at + 60_000, memo);
    known.remember(customer(), { readAt: known.now(), keep: true });
    expect(memo.entries.size).toBe(1);
    expect(await fromNewProcess(memo, at)).toMatchObject({ time: T, written: false, persons: [{ contact_person_id: 'p1' }] });
  });

  it('are not taken, and are removed, when the customer moved since, or when read within its second (a later change would keep the time)', async () => {
    for (const [readAt, walkAt] of [[at + 120_000, at + 5_000], [at + 500, at]] as const) {
      const memo = mapMemo(() => readAt);
      const known = new KnownPersons();
      known.begin('run-1', at, memo);
      known.remember(customer(), { readAt: known.now(), keep: true });
      expect(await fromNewProcess(memo, walkAt), `read at +${readAt - at} ms, walk at +${walkAt - at} ms`).toBeUndefined();
      expect(memo.entries.size).toBe(0);
    }
  });

  it('from a write reply are exact at its time; a person written since forgets them; settled ones are removed', async () => {
    const memo = mapMemo(() => at);
    const known = new KnownPersons();
    known.begin('run-1', at, memo);
    known.remember(customer(), { written: true, keep: true });
    expect(await fromNewProcess(memo, at)).toMatchObject({ time: T, written: true });
    known.forget('c1');
    expect(await fromNewProcess(memo, at)).toBeUndefined();

    known.remember(customer(), { written: true, keep: true });
    expect(await fromNewProcess(memo, at, true)).toBeUndefined();
    expect(memo.entries.size, 'settled at its time: removed').toBe(0);
  });

  it('persons not asked to be kept (individual customers) stay out of storage', () => {
    const memo = mapMemo(() => at + 120_000);
    const known = new KnownPersons();
    known.begin('run-1', at, memo);
    known.remember(customer(), { readAt: known.now() });
    expect(memo.entries.size).toBe(0);
  });
});

describe('the customers a run wrote, given back after the walk', () => {
  const at = Date.parse('2026-01-05T10:00:00Z');
  // A run that wrote `count` customers (c0, c1, …), one person each, kept in `memo` too.
  const wroteCustomers = (memo: SourceMemo, count: number) => {
    const known = new KnownPersons();
    known.begin('run-1', at, memo);
    const ids = Array.from({ length: count }, (_, i) => `c${i}`);
    for (const id of ids) known.remember({ contact_id: id, last_modified_time: '2026-01-05T10:00:00+0000', contact_persons: [{ contact_person_id: `p-${id}` }] }, { written: true, keep: true });
    return { known, ids };
  };

  it('leaves out those the walk met before looking anything of them up in storage', async () => {
    const memo = mapMemo(() => at);
    const asked: string[] = [];
    const counted: SourceMemo = { ...memo, getMany: async (keys) => (asked.push(...keys), memo.getMany(keys)) };
    // More customers than memory keeps: most are in storage only.
    const { known, ids } = wroteCustomers(counted, 1_500);
    const met = new Set(ids.slice(0, 1_490));
    const written: WrittenCustomer[] = [];
    for await (const page of known.writtenThisRun((id) => met.has(id))) written.push(...page);
    expect(written.map((w) => w.id).sort()).toEqual(ids.slice(1_490).sort());
    expect(written[0]?.persons).toEqual([{ contact_person_id: `p-${written[0]?.id}` }]);
    expect(asked.every((key) => !met.has(key.slice('persons/'.length))), 'no met customer looked up').toBe(true);
  });

  it('are given a page at a time, every one of them once', async () => {
    const { known, ids } = wroteCustomers(mapMemo(() => at), 2_345);
    const sizes: number[] = [];
    const given: string[] = [];
    for await (const page of known.writtenThisRun()) {
      sizes.push(page.length);
      given.push(...page.map((w) => w.id));
    }
    expect(Math.max(...sizes)).toBeLessThanOrEqual(200);
    expect(given.sort()).toEqual([...ids].sort());
  });

  it('leaves out a customer forgotten while earlier pages were taken', async () => {
    const { known } = wroteCustomers(mapMemo(() => at), 1_500);
    const given: string[] = [];
    for await (const page of known.writtenThisRun()) {
      // A person of c450 (kept in storage only, read back in the last page) is written while the first page is synced.
      if (given.length === 0) known.forget('c450');
      given.push(...page.map((w) => w.id));
    }
    expect(given).not.toContain('c450');
    expect(new Set(given).size).toBe(1_499);
  });
});
