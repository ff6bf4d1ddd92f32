import { describe, expect, it } from 'vitest';
import { TwoWaySyncError } from '../../src/errors/two-way-sync-error.js';
import type { StorageOp } from '../../src/storage/storage.js';
import { importFromFinance, type ImportFromFinanceOptions } from '../../src/sync/run/finance-import.js';
import { countLinkedRecords } from '../../src/sync/state/linked-records.js';
import { enableTwoWaySync, twoWaySyncState } from '../../src/sync/state/two-way-state.js';
import { repeated, twoWayWorld } from './two-way-world.js';
import { rejection } from '../helpers/rejection.js';

type World = ReturnType<typeof twoWayWorld>;

const run = (world: World, extra: Partial<ImportFromFinanceOptions> = {}) =>
  importFromFinance({ storage: world.storage, mapper: world.mapper, ...world.sides, clock: world.clock, ...extra });

describe('importFromFinance(): the one-time copy of customers and items into FSM', () => {
  it('copies every Books customer and item into FSM, unlinked, and reports what it created', async () => {
    const world = twoWayWorld();
    const report = await run(world);
    expect(world.fsmNames()).toEqual(world.booksNames());
    expect(report.created.map((r) => `${r.module === 'items' ? 'item' : 'company'} ${r.name}`).sort()).toEqual(world.booksNames().map((n) => n.toLowerCase()));
    expect(report).toMatchObject({ existing: [], alreadyImported: 0, failed: [] });
    // A copy, not a link: later edits do not flow, and the finance org may still be switched.
    expect((await countLinkedRecords(world.storage)).count).toBe(0);
    expect(await twoWaySyncState(world.storage, { clock: world.clock })).toMatchObject({ enabled: false, lastImport: { importId: report.importId, status: 'completed', created: report.created.length } });
  });

  it('run again, it creates nothing: every record is already imported', async () => {
    const world = twoWayWorld();
    const first = await run(world);
    const second = await run(world);
    expect(second.created).toEqual([]);
    expect(second.alreadyImported).toBe(first.created.length);
    expect(repeated(world.fsmNames())).toEqual([]);
  });

  it('a record FSM already has under the same name is not created again', async () => {
    const world = twoWayWorld({ books: { customers: 3, items: 3 }, fsm: { customers: 3, items: 2 } });
    const before = world.fsmNames();
    const report = await run(world);
    expect(report.existing.length).toBeGreaterThan(0);
    expect(repeated(world.fsmNames())).toEqual([]);
    expect(world.fsmNames().length).toBe(before.length + report.created.length);
  });

  it('an import interrupted between a create and its ledger row, run again, creates no duplicate', async () => {
    let creates = 0;
    let dead = false;
    const world = twoWayWorld({
      storage: (inner) => ({
        get: (key) => inner.get(key),
        getMany: (keys) => inner.getMany(keys),
        list: (prefix, options) => inner.list(prefix, options),
        async compareAndSet(key, expected, next) {
          if (dead && key.startsWith('integration/')) throw new Error('process killed');
          return inner.compareAndSet(key, expected, next);
        },
        async batch(ops: readonly StorageOp[]) {
          const settles = ops.some((op) => op.type === 'put' && op.key.startsWith('integration/import/') && (op.value as { status?: string }).status === 'created');
          // The process dies right after the third record was created in FSM, before its ledger row.
          if (dead || (settles && ++creates === 3)) {
            dead = true;
            throw new Error('process killed');
          }
          await inner.batch(ops);
        },
      }),
    });
    expect(await rejection(run(world))).toMatchObject({ message: 'process killed' });
    dead = false;
    // The dead import's lease still stands: nothing else may start until it expires.
    expect(await rejection(run(world))).toMatchObject({ code: 'IMPORT_IN_PROGRESS' });
    await world.clock.advance(600_000);
    const report = await run(world);
    expect(report.alreadyImported).toBe(2);
    expect(report.created.length).toBe(world.booksNames().length - 2);
    expect(repeated(world.fsmNames())).toEqual([]);
    expect(world.fsmNames()).toEqual(world.booksNames());
  });

  it('stops between records when cancelled; running it again finishes the copy without duplicates', async () => {
    const world = twoWayWorld();
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const error = await rejection(run(world, { signal: controller.signal, onProgress: ({ done }) => done === 2 && controller.abort(reason) }));
    expect(error).toBe(reason);
    expect(await twoWaySyncState(world.storage, { clock: world.clock })).toMatchObject({ lastImport: { status: 'aborted', created: 2 } });
    expect((await twoWaySyncState(world.storage, { clock: world.clock })).importRunning).toBeUndefined();
    const report = await run(world);
    expect(report.alreadyImported).toBe(2);
    expect(world.fsmNames()).toEqual(world.booksNames());
  });

  it('while it runs, enabling two-way sync and sync runs are refused with IMPORT_IN_PROGRESS', async () => {
    const world = twoWayWorld();
    const attempts: Array<Promise<unknown>> = [];
    await run(world, {
      onProgress: ({ done }) => {
        if (done !== 1) return;
        attempts.push(rejection(enableTwoWaySync({ storage: world.storage, duplicates: 'overwrite', clock: world.clock })));
        attempts.push(rejection(world.syncer().run()));
      },
    });
    const [enable, sync] = await Promise.all(attempts);
    expect(enable).toBeInstanceOf(TwoWaySyncError);
    expect(enable).toMatchObject({ code: 'IMPORT_IN_PROGRESS' });
    expect(sync).toMatchObject({ code: 'IMPORT_IN_PROGRESS' });
    expect((await twoWaySyncState(world.storage, { clock: world.clock })).enabled).toBe(false);
  });

  it('under sync type III, contact persons become FSM contacts of the companies their customers became', async () => {
    const world = twoWayWorld({ syncType: 'III' });
    const report = await run(world);
    const persons = report.created.filter((r) => r.module === 'contact_persons');
    expect(report.failed).toEqual([]);
    expect(persons.length).toBeGreaterThan(0);
    expect(world.fsmContacts().length).toBe(persons.length);
    for (const contact of world.fsmContacts()) expect(contact, 'every imported contact sits under its company').not.toMatch(/^ \|/);
    expect((await run(world)).created).toEqual([]);
  });

  it('is refused with IMPORT_UNAVAILABLE once two-way sync is enabled', async () => {
    const world = twoWayWorld();
    await enableTwoWaySync({ storage: world.storage, duplicates: 'overwrite', clock: world.clock });
    const error = await rejection(run(world));
    expect(error).toBeInstanceOf(TwoWaySyncError);
    expect(error).toMatchObject({ code: 'IMPORT_UNAVAILABLE' });
    expect(world.fsmNames()).toEqual([]);
  });

  it('after an import, the first two-way sync pairs the copies instead of duplicating them', async () => {
    const world = twoWayWorld();
    await run(world);
    const report = await world.syncer().run();
    expect(report.toFsm.created).toBe(0);
    expect(report.toFinance.created).toBe(0);
    expect(repeated(world.fsmNames())).toEqual([]);
    expect((await countLinkedRecords(world.storage)).count).toBe(world.fsmNames().length);
    expect(await rejection(run(world))).toMatchObject({ code: 'IMPORT_UNAVAILABLE' });
  });
});
