import { describe, expect, it } from 'vitest';
import { one, syncWorld } from './helpers.js';

describe('the report, the events and the sync log', () => {
  it('reports per direction and per entity, with the API calls spent, and emits progress and record events', async () => {
    const world = syncWorld();
    const syncer = world.syncer();
    const progress: Array<{ entity: string; phase: string; done: number; total: number | undefined }> = [];
    const records: string[] = [];
    syncer.on('progress', (p) => progress.push(p));
    syncer.on('record', (r) => records.push(`${r.entity} ${r.direction} ${r.action}`));
    let calls = 0;
    world.client.on('request', () => (calls += 1));
    const report = await syncer.run();
    expect(report.apiCalls.total).toBe(calls);
    expect(report.apiCalls.fsm + report.apiCalls.finance).toBe(calls);
    expect(report.entities.map((e) => e.entity)).toEqual(['companies', 'items']);
    const companies = report.entities[0];
    expect(report.toFinance.created).toBe((companies?.toFinance.created ?? 0) + (report.entities[1]?.toFinance.created ?? 0));
    expect(records.filter((r) => r === 'companies toFinance created')).toHaveLength(companies?.toFinance.created ?? -1);
    const lastSync = progress.filter((p) => p.entity === 'companies' && p.phase === 'sync').at(-1);
    expect(lastSync && lastSync.done).toBe(lastSync?.total);
    expect(report.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('keeps every run in the sync log, newest first, and prunes runs older than six months', async () => {
    const world = syncWorld();
    const syncer = world.syncer();
    const first = await syncer.run();
    await world.clock.advance(100 * 86_400_000);
    const second = await syncer.run();
    expect((await syncer.log.list()).map((r) => r.runId)).toEqual([second.runId, first.runId]);
    expect((await syncer.log.get(first.runId))?.toFinance).toEqual(first.toFinance);
    await world.clock.advance(100 * 86_400_000);
    const third = await syncer.run();
    expect((await syncer.log.list()).map((r) => r.runId)).toEqual([third.runId, second.runId]);
  });

  it('backfills a field added to the mapping since the last run, for records that did not change', async () => {
    const world = syncWorld({ syncType: 'I' });
    await world.syncer().run();
    const company = world.sandbox.records(world.fsm, 'Companies')[0] as Record<string, unknown>;
    const booksId = String(one(world, 'books', 'contacts', 'contact_name', company.Company_Name).contact_id);
    world.sandbox.edit(world.fsm, 'Companies', String(company.id), { Region__C: 'North' });
    // A run before the mapping knows the field: nothing to send.
    await world.syncer().run();
    await world.mapper.update('companies', { set: [{ fsm: 'Region__C', finance: 'custom_fields[label=Region].value', direction: 'both' }] });
    const report = await world.syncer().run();
    expect(report.failures).toEqual([]);
    const fields = world.sandbox.record(world.books, 'contacts', booksId)?.custom_fields as Array<Record<string, unknown>>;
    expect(fields.find((f) => f.label === 'Region')?.value).toBe('North');
    // Once backfilled, the field syncs like any other.
    const before = world.sandbox.calls.total;
    await world.syncer().run();
    expect(world.sandbox.calls.list().slice(before).filter((c) => c.method !== 'GET' && c.app !== 'accounts')).toEqual([]);
  });

  it('refuses unknown options with a ConfigError naming the option', async () => {
    const world = syncWorld();
    expect(() => world.syncer({ conflicts: 'newest' as never })).toThrow(/conflicts/);
    expect(() => world.syncer({ deletes: 'cascade' as never })).toThrow(/deletes/);
    expect(() => world.syncer({ entities: ['invoices' as never] })).toThrow(/entities/);
  });
});
