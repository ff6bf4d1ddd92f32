import { describe, expect, it } from 'vitest';
import { customers, names, syncWorld, writesSince } from './helpers.js';

describe('companies: first run and incremental, both ways', () => {
  it('pairs duplicates by company name, creates the rest on each side, and a second run writes nothing', async () => {
    const world = syncWorld();
    const syncer = world.syncer({ entities: ['companies'] });
    const report = await syncer.run();
    expect(report.status).toBe('completed');
    expect(report.failures).toEqual([]);
    const fsmNames = names(world.sandbox.records(world.fsm, 'Companies'), 'Company_Name');
    const booksNames = names(customers(world), 'contact_name');
    expect(booksNames).toEqual(fsmNames);
    const before = world.sandbox.calls.total;
    const second = await syncer.run();
    expect(writesSince(world, before)).toEqual([]);
    expect(second.toFinance.created + second.toFinance.updated + second.toFsm.created + second.toFsm.updated).toBe(0);
  });
});
