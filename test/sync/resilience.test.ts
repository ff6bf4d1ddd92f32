import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import type { Storage, StorageEntry, StorageListOptions, StorageOp } from '../../src/storage/storage.js';
import type { SyncType } from '../../src/mapping/index.js';
import { basesIn, duplicates, find, runUntilQuiet, syncWorld, views, writesSince } from './helpers.js';

/** A storage that dies at its nth batch, like a process killed there: nothing after it is written. */
class CrashingStorage implements Storage {
  readonly inner = new MemoryStorage();
  batches = 0;
  crashAt = Number.POSITIVE_INFINITY;
  /** Dies at the first batch this accepts (besides `crashAt`). */
  crashOn: ((ops: readonly StorageOp[]) => boolean) | undefined;
  dead = false;

  #check(): void {
    if (this.dead) throw new Error('process killed');
  }
  get<T>(key: string) { return this.inner.get<T>(key); }
  getMany<T>(keys: readonly string[]) { return this.inner.getMany<T>(keys); }
  list<T>(prefix: string, options?: StorageListOptions): Promise<Array<StorageEntry<T>>> { return this.inner.list<T>(prefix, options); }
  async batch(ops: readonly StorageOp[]): Promise<void> {
    this.#check();
    this.batches += 1;
    if (this.batches === this.crashAt || this.crashOn?.(ops) === true) {
      this.dead = true;
      throw new Error(`process killed at batch ${this.batches}`);
    }
    await this.inner.batch(ops);
  }
  async compareAndSet<T>(key: string, expected: T | undefined, next: T | undefined): Promise<boolean> {
    this.#check();
    return this.inner.compareAndSet(key, expected, next);
  }
}

interface Case {
  syncType: SyncType;
  /** `duplicates: 'clone'` with Books allowing duplicate names: only the intents prevent a second create. */
  clone?: boolean;
}

function caseWorld(c: Case, extra: Parameters<typeof syncWorld>[0] = {}) {
  return syncWorld({ syncType: c.syncType, ...(c.clone ? { books: { allowDuplicateNames: true } } : {}), ...extra });
}

const caseOptions = (c: Case) => (c.clone ? { duplicates: 'clone' as const } : {});

/** The final state of a clean run, to compare recovered runs with. */
async function cleanState(c: Case | SyncType) {
  const spec = typeof c === 'string' ? { syncType: c } : c;
  const world = caseWorld(spec);
  await runUntilQuiet(world, caseOptions(spec));
  return { view: views(world), duplicates: duplicates(world) };
}

/** A storage whose process dies at the first batch that settles a base after a write-ahead note (the write was sent). */
class DiesAfterWriteAhead extends MemoryStorage {
  armed = false;
  #noted = false;

  override async batch(ops: readonly StorageOp[]): Promise<void> {
    const bases = basesIn(ops);
    const noted = bases.some((b) => b.fsm.written !== undefined || b.finance.written !== undefined);
    if (this.armed && this.#noted && bases.length > 0 && !noted) throw new Error('process killed');
    if (this.armed && noted) this.#noted = true;
    return super.batch(ops);
  }
}

/** The batches of a clean run of a case (runs until quiet), and the state it ends in: computed once per case. */
const probes = new Map<string, Promise<{ points: number; view: ReturnType<typeof views>; duplicates: string[] }>>();
function probe(c: Case) {
  const name = `${c.syncType}${c.clone ? '-clone' : ''}`;
  let found = probes.get(name);
  if (!found) {
    found = (async () => {
      const storage = new CrashingStorage();
      const world = caseWorld(c, { storage });
      await runUntilQuiet(world, caseOptions(c));
      // A storage that never dies is a clean run: its end state is the one every recovery must reach.
      return { points: storage.batches, view: views(world), duplicates: duplicates(world) };
    })();
    probes.set(name, found);
  }
  return found;
}

/** Crash points are dealt to this many tests per case (point n to test n mod SHARDS): each stays short, none is skipped. */
const SHARDS = 5;

describe('nothing lost, nothing twice: interrupted runs complete on the next run', () => {
  const cases: Case[] = [{ syncType: 'I' }, { syncType: 'III' }, { syncType: 'I', clone: true }, { syncType: 'III', clone: true }];
  for (const c of cases) {
    it(`Type ${c.syncType}${c.clone ? ", 'clone'" : ''}: a clean run has enough storage batches to kill it at`, async () => {
      expect((await probe(c)).points).toBeGreaterThan(10);
    });
    for (let shard = 0; shard < SHARDS; shard++) {
      it(`Type ${c.syncType}${c.clone ? ", 'clone'" : ''}: killed at every storage batch (${shard + 1}/${SHARDS}: batches ≡ ${shard} mod ${SHARDS}), the next run (after the lease expires) ends equal to a clean run, without duplicates`, async () => {
        const clean = await probe(c);
        for (let crashAt = shard === 0 ? SHARDS : shard; crashAt <= clean.points; crashAt += SHARDS) {
          const storage = new CrashingStorage();
          storage.crashAt = crashAt;
          const world = caseWorld(c, { storage });
          // The crash point may lie in a later run (the probe counted the batches of every run).
          let crashed = false;
          for (let run = 0; run < 5 && !crashed; run++) crashed = await world.syncer(caseOptions(c)).run().then(() => false, (e: Error) => /process killed/.test(e.message));
          expect(crashed, `a crash at batch ${crashAt} should end a run`).toBe(true);
          storage.dead = false;
          // A killed run's lease stays until it expires: a new run is refused meanwhile.
          const lease = (await storage.inner.list<{ until: number; released?: true }>('sync/')).find((e) => e.key.endsWith('/lease'));
          if (lease && lease.value.released !== true) await expect(world.syncer(caseOptions(c)).run()).rejects.toMatchObject({ code: 'SYNC_ALREADY_RUNNING' });
          await world.clock.advance(600_000);
          await runUntilQuiet(world, caseOptions(c));
          expect(views(world), `state after a crash at batch ${crashAt}`).toEqual(clean.view);
          expect(duplicates(world), `duplicates after a crash at batch ${crashAt}`).toEqual(clean.duplicates);
        }
      });
    }
  }

  for (const c of [{ syncType: 'III' }, { syncType: 'I', clone: true }, { syncType: 'III', clone: true }] as Case[]) {
    it(`Type ${c.syncType}${c.clone ? ", 'clone'" : ''}: a reply lost at every write point (the write happened) leads to the clean state, without duplicates`, async () => {
      const clean = await cleanState(c);
      let writes = 0;
      const counting = caseWorld(c, { fetch: (f) => async (input, init) => {
        const request = new Request(input, init);
        if (request.method !== 'GET' && !request.url.includes('/oauth/')) writes += 1;
        return f(request);
      } });
      await runUntilQuiet(counting, caseOptions(c));
      expect(writes).toBeGreaterThan(10);
      for (let lostAt = 1; lostAt <= writes; lostAt++) {
        let n = 0;
        const world = caseWorld(c, { fetch: (f) => async (input, init) => {
          const request = new Request(input, init);
          if (request.method !== 'GET' && !request.url.includes('/oauth/') && ++n === lostAt) {
            await f(request);
            throw new TypeError('fetch failed');
          }
          return f(request);
        } });
        await runUntilQuiet(world, caseOptions(c));
        expect(views(world), `state after losing reply ${lostAt}`).toEqual(clean.view);
        expect(duplicates(world), `duplicates after losing reply ${lostAt}`).toEqual(clean.duplicates);
      }
    });
  }

  it('a record deleted after its copy was created but before the link was committed: the copy is kept, detached, and the intent is settled', async () => {
    const storage = new CrashingStorage();
    // Killed right after an item's create in FSM, before its link is committed.
    storage.crashOn = (ops) => ops.some((op) => op.type === 'delete' && op.key.includes('/intent/items/finance/'));
    const world = syncWorld({ storage });
    await expect(world.syncer().run()).rejects.toThrow(/process killed/);
    storage.dead = false;
    storage.crashOn = undefined;
    const [intent] = (await storage.inner.list<{ target: string }>('sync/')).filter((e) => e.key.includes('/intent/items/finance/'));
    expect(intent, 'an open intent for a Books item').toBeDefined();
    const booksId = decodeURIComponent(intent?.key.split('/').pop() ?? '');
    const name = world.sandbox.record(world.books, 'items', booksId)?.name;
    expect(find(world, 'fsm', 'Service_And_Parts', 'Name', name)).toHaveLength(1);
    world.sandbox.remove(world.books, 'items', booksId);
    await world.clock.advance(600_000);
    const report = await world.syncer().run({ fullScan: true });
    expect(report.entities.find((e) => e.module === 'items')?.toFsm.unlinked).toBe(1);
    expect((await storage.inner.list('sync/')).filter((e) => e.key.includes('/intent/'))).toEqual([]);
    const before = world.sandbox.calls.total;
    await world.syncer().run({ fullScan: true });
    expect(writesSince(world, before)).toEqual([]);
    expect(find(world, 'fsm', 'Service_And_Parts', 'Name', name)).toHaveLength(1);
    expect(find(world, 'books', 'items', 'name', name)).toEqual([]);
  });

  it('a copy renamed by the run that settles its intent, killed again before the link, is still found by the next run: no duplicate under clone (soak seed 83)', async () => {
    const storage = new CrashingStorage();
    const linkOfItemFrom = (side: 'fsm' | 'finance') => (ops: readonly StorageOp[]) => ops.some((op) => op.type === 'delete' && op.key.includes(`/intent/items/${side}/`));
    // Killed after an FSM item's copy is created in Books, before the link is committed.
    storage.crashOn = linkOfItemFrom('fsm');
    const world = syncWorld({ storage, books: { allowDuplicateNames: false } });
    const fsmId = String(world.sandbox.insert(world.fsm, 'Service_And_Parts', { Name: 'Old Belt', Unit_Price: 12 }).id);
    await expect(world.syncer({ duplicates: 'clone' }).run()).rejects.toThrow(/process killed/);
    storage.dead = false;
    // Renamed in FSM: the run that settles the intent renames the copy, and is killed before the link again.
    world.sandbox.edit(world.fsm, 'Service_And_Parts', fsmId, { Name: 'New Belt' });
    await world.clock.advance(600_000);
    await expect(world.syncer({ duplicates: 'clone' }).run()).rejects.toThrow(/process killed/);
    storage.dead = false;
    storage.crashOn = undefined;
    await world.clock.advance(600_000);
    await runUntilQuiet(world, { duplicates: 'clone' });
    expect(find(world, 'fsm', 'Service_And_Parts', 'Name', 'New Belt')).toHaveLength(1);
    expect(find(world, 'books', 'items', 'name', 'New Belt')).toHaveLength(1);
    expect(find(world, 'books', 'items', 'name', 'Old Belt')).toEqual([]);
  });

  it('a lost acknowledgement on a create is resolved in the same run: the record is found, not created again', async () => {
    const world = syncWorld();
    world.sandbox.faults.next({ match: { method: 'POST', app: 'books', path: '/contacts' }, fault: 'lost-ack' });
    world.sandbox.faults.next({ match: { method: 'POST', app: 'fsm', path: '/Companies' }, fault: 'lost-ack' });
    const report = await world.syncer({ entities: ['companies'] }).run();
    expect(report.failures).toEqual([]);
    expect(world.sandbox.faults.history.filter((h) => h.fault.kind === 'lost-ack')).toHaveLength(2);
    expect(duplicates(world)).toEqual([]);
    const { fsm, finance } = views(world);
    expect(finance.companies).toEqual(fsm.companies);
  });

  it('a lost acknowledgement on a Books individual: the one found keeps one contact person through later edits (its id is in the base)', async () => {
    const world = syncWorld({ syncType: 'II' });
    await world.syncer().run();
    const fsmContact = world.sandbox.insert(world.fsm, 'Contacts', { First_Name: 'Lost', Last_Name: 'Reply', Email: 'lost.reply@example.com' });
    world.sandbox.faults.next({ match: { method: 'POST', app: 'books', path: '/contacts' }, fault: 'lost-ack' });
    await world.syncer().run();
    expect(world.sandbox.faults.history.filter((h) => h.fault.kind === 'lost-ack')).toHaveLength(1);
    const [booksContact] = find(world, 'books', 'contacts', 'contact_name', 'Lost Reply');
    expect(booksContact).toBeDefined();

    world.sandbox.edit(world.fsm, 'Contacts', String(fsmContact.id), { Phone: '+1 555 0142' });
    await world.syncer().run();
    const persons = (world.sandbox.record(world.books, 'contacts', String(booksContact?.contact_id))?.contact_persons ?? []) as Array<Record<string, unknown>>;
    expect(persons.map((p) => [p.email, p.phone, p.is_primary_contact])).toEqual([['lost.reply@example.com', '+1 555 0142', true]]);
  });

  it('killed after an update was sent but before its base was stored: a later edit on the same side is not taken for a conflict with the sync\'s own write', async () => {
    const storage = new DiesAfterWriteAhead();
    const world = syncWorld({ storage });
    await world.syncer().run();
    const item = world.sandbox.records(world.fsm, 'Service_And_Parts')[0] as Record<string, unknown>;
    const fsmId = String(item.id);
    const booksId = String(find(world, 'books', 'items', 'name', item.Name)[0]?.item_id);

    world.sandbox.edit(world.fsm, 'Service_And_Parts', fsmId, { Name: 'First Rename' });
    storage.armed = true;
    await expect(world.syncer({ conflicts: 'finance-wins' }).run()).rejects.toThrow(/process killed/);
    expect(world.sandbox.record(world.books, 'items', booksId)?.name).toBe('First Rename');

    storage.armed = false;
    world.sandbox.edit(world.fsm, 'Service_And_Parts', fsmId, { Name: 'Second Rename' });
    await world.clock.advance(600_000);
    const report = await world.syncer({ conflicts: 'finance-wins' }).run();
    expect(report.conflicts.total).toBe(0);
    expect(world.sandbox.record(world.books, 'items', booksId)?.name).toBe('Second Rename');
    expect(world.sandbox.record(world.fsm, 'Service_And_Parts', fsmId)?.Name).toBe('Second Rename');
  });

  it('429 and 5xx faults end in the same state as a run without faults', async () => {
    const clean = await cleanState('III');
    const world = syncWorld({ syncType: 'III', faults: { rates: { 'rate-limit': 0.15, 'server-error': 0.08, unavailable: 0.04 }, seed: 3 } });
    await runUntilQuiet(world, {}, 8);
    expect(world.sandbox.faults.history.length).toBeGreaterThan(5);
    expect(views(world)).toEqual(clean.view);
    expect(duplicates(world)).toEqual(clean.duplicates);
  });
});

describe('one run at a time, and clean stops', () => {
  it('two concurrent runs of one binding: one refuses with SYNC_ALREADY_RUNNING', async () => {
    const world = syncWorld();
    const results = await Promise.allSettled([world.syncer().run(), world.syncer().run()]);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ name: 'SyncLeaseError', code: 'SYNC_ALREADY_RUNNING' });
    expect(String((refused[0] as PromiseRejectedResult).reason.message)).toMatch(/in progress|same moment/);
  });

  it('an AbortSignal stops the run between records; the partial report is logged and the next run finishes the work', async () => {
    const clean = await cleanState('I');
    const world = syncWorld();
    const controller = new AbortController();
    const syncer = world.syncer();
    let records = 0;
    syncer.on('record', () => {
      if (++records === 3) controller.abort(new Error('stop requested'));
    });
    await expect(syncer.run({ signal: controller.signal })).rejects.toThrow('stop requested');
    const [logged] = await syncer.log.list({ limit: 1 });
    expect(logged?.status).toBe('aborted');
    // Records already being synced when the signal fired finish (up to `concurrency` − 1 more, 4 by default); no new one starts.
    const written = (logged?.toFinance.created ?? 0) + (logged?.toFsm.created ?? 0) + (logged?.toFsm.updated ?? 0);
    expect(written).toBeGreaterThanOrEqual(3);
    expect(written).toBeLessThanOrEqual(3 + 3);
    await runUntilQuiet(world);
    expect(views(world)).toEqual(clean.view);
  });

  it('a dry run reads and plans but writes nothing, to either side or to storage', async () => {
    const world = syncWorld();
    const keysBefore = (await world.storage.list('sync/')).length;
    const before = world.sandbox.calls.total;
    const report = await world.syncer().run({ dryRun: true });
    expect(writesSince(world, before)).toEqual([]);
    expect((await world.storage.list('sync/')).length).toBe(keysBefore);
    expect(report.dryRun).toBe(true);
    expect(report.plan?.filter((p) => p.action === 'create').length).toBe(report.toFinance.created + report.toFsm.created);
    expect(report.plan?.some((p) => p.action === 'create' && p.direction === 'toFinance' && typeof p.fields?.contact_name === 'string')).toBe(true);
    const real = await world.syncer().run();
    expect(real.toFinance.created).toBe(report.toFinance.created);
    expect(real.toFsm.created).toBe(report.toFsm.created);
  });
});
