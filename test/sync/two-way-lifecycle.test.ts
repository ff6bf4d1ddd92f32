import { describe, expect, it } from 'vitest';
import { SwitchRefusedError } from '../../src/errors/switch-refused-error.js';
import { TwoWaySyncError } from '../../src/errors/two-way-sync-error.js';
import { countLinkedRecords } from '../../src/sync/state/linked-records.js';
import { enableTwoWaySync, twoWaySyncState } from '../../src/sync/state/two-way-state.js';
import { twoWayWorld } from './two-way-world.js';
import { rejection } from '../helpers/rejection.js';

const ADMIN = { actor: { isAdmin: true } };

/** Onboarded as the README shows: bound to Books org A, default mappings created. */
async function onboarded(options: Parameters<typeof twoWayWorld>[0] = {}) {
  const world = twoWayWorld(options);
  await world.selector.select({ choice: 'existing_books', organizationId: world.books });
  await world.selector.onboard();
  return world;
}

describe('switch safety with OrgSelector and BidirectionalSyncer on one Storage', () => {
  it('before any sync the switch is allowed', async () => {
    const world = await onboarded();
    expect((await world.selector.switch({ app: 'books', organizationId: world.other }, ADMIN)).organizationId).toBe(world.other);
  });

  it('after a sync that linked records, switch() is refused for the links and for two-way sync', async () => {
    const world = await onboarded();
    const report = await world.syncer().run();
    const linked = world.fsmNames().length;
    expect(linked, 'the sync should have copied every Books customer and item into the empty FSM org').toBe(world.booksNames().length);
    expect(report.toFsm.created).toBe(linked);
    expect((await countLinkedRecords(world.storage)).count).toBe(linked);

    const error = await rejection(world.selector.switch({ app: 'books', organizationId: world.other }, ADMIN));
    expect(error).toBeInstanceOf(SwitchRefusedError);
    const refusal = error as SwitchRefusedError;
    expect(refusal.reasons.map((r) => r.code)).toEqual(['SWITCH_TWO_WAY_SYNC_ENABLED', 'SWITCH_LINKED_RECORDS_EXIST']);
    expect(refusal.reasons[1]?.message).toContain(`${linked} record(s) are still linked`);
    expect((await world.selector.binding())?.organizationId).toBe(world.books);
  });

  it('deleting every linked record lifts the link refusal; the two-way sync refusal stays (no way back)', async () => {
    const world = await onboarded();
    await world.syncer().run();
    for (const company of world.sandbox.records(world.fsm, 'Companies')) world.sandbox.remove(world.fsm, 'Companies', String(company.id));
    for (const item of world.sandbox.records(world.fsm, 'Service_And_Parts')) world.sandbox.remove(world.fsm, 'Service_And_Parts', String(item.id));
    await world.syncer().run();
    expect(await countLinkedRecords(world.storage)).toEqual({ count: 0, capped: false, bindings: [] });

    const refusal = (await rejection(world.selector.switch({ app: 'books', organizationId: world.other }, ADMIN))) as SwitchRefusedError;
    expect(refusal.reasons.map((r) => r.code)).toEqual(['SWITCH_TWO_WAY_SYNC_ENABLED']);
    expect((await twoWaySyncState(world.storage)).enabled).toBe(true);
  });

  it('a run that crashed after unlinking is counted from its link keys, not from the counts of the run before', async () => {
    let crash = false;
    const world = await onboarded({
      storage: (inner) => ({
        get: (key) => inner.get(key),
        getMany: (keys) => inner.getMany(keys),
        list: (prefix, options) => inner.list(prefix, options),
        compareAndSet: (key, expected, next) => inner.compareAndSet(key, expected, next),
        async batch(ops) {
          // The crash comes as the run would write its clean counts: every link is already committed.
          if (crash && ops.some((op) => op.key.endsWith('/links-summary') && op.type === 'put' && !('changing' in (op.value as object)))) throw new Error('process killed');
          await inner.batch(ops);
        },
      }),
    });
    await world.syncer().run();
    expect((await countLinkedRecords(world.storage)).count).toBeGreaterThan(0);
    for (const company of world.sandbox.records(world.fsm, 'Companies')) world.sandbox.remove(world.fsm, 'Companies', String(company.id));
    crash = true;
    await rejection(world.syncer().run());
    crash = false;
    const items = world.sandbox.records(world.fsm, 'Service_And_Parts').length;
    expect(items).toBeGreaterThan(0);
    expect((await countLinkedRecords(world.storage)).count, 'only the items are still linked').toBe(items);
  });

  it('a dry run does not enable two-way sync; the first real run does, once, with its duplicate handling', async () => {
    const world = await onboarded();
    await world.syncer({ duplicates: 'clone' }).run({ dryRun: true });
    expect((await twoWaySyncState(world.storage)).enabled).toBe(false);
    await world.syncer({ duplicates: 'clone' }).run();
    const state = await twoWaySyncState(world.storage);
    expect(state).toMatchObject({ enabled: true, duplicates: 'clone' });
    const again = await enableTwoWaySync({ storage: world.storage, duplicates: 'overwrite' });
    expect(again).toMatchObject({ enabled: true, alreadyEnabled: true, duplicates: 'clone', enabledAt: state.enabledAt });
  });
});

describe('enableTwoWaySync()', () => {
  it('is refused with IMPORT_IN_PROGRESS while an import holds its lease, and allowed once the lease expires', async () => {
    const world = await onboarded();
    // An import that crashed: its lease stays until it expires.
    await world.storage.batch([{ type: 'put', key: 'integration/two-way-sync', value: { import: { importId: 'import-1', startedAt: world.clock.now(), until: world.clock.now() + 60_000 } } }]);
    const error = await rejection(enableTwoWaySync({ storage: world.storage, duplicates: 'overwrite', clock: world.clock }));
    expect(error).toBeInstanceOf(TwoWaySyncError);
    expect(error).toMatchObject({ code: 'IMPORT_IN_PROGRESS', details: { importId: 'import-1' } });
    expect(await rejection(world.syncer().run())).toMatchObject({ code: 'IMPORT_IN_PROGRESS' });
    expect(world.fsmNames(), 'a refused run must sync nothing').toEqual([]);
    expect((await twoWaySyncState(world.storage, { clock: world.clock })).importRunning?.importId).toBe('import-1');

    await world.clock.advance(60_000);
    expect(await enableTwoWaySync({ storage: world.storage, duplicates: 'overwrite', clock: world.clock })).toMatchObject({ enabled: true, alreadyEnabled: false });
    expect((await twoWaySyncState(world.storage, { clock: world.clock })).importRunning).toBeUndefined();
  });

  it('refuses an unknown duplicates choice', async () => {
    const world = twoWayWorld();
    expect(await rejection(enableTwoWaySync({ storage: world.storage, duplicates: 'merge' as never }))).toMatchObject({ code: 'INVALID_CONFIG' });
  });
});
