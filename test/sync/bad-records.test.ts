import { describe, expect, it } from 'vitest';
import { ZohoIdSchema } from '../../src/schemas/ids.js';
import type { DeletePolicy, RecordSource, SourcePage, SyncCollection, SyncReport, WriteResult } from '../../src/sync/index.js';
import { zohoFinanceSource, zohoFsmSource } from '../../src/sync/index.js';
import { decodeKeySegment, SyncKeys } from '../../src/sync/state/sync-keys.js';
import { customers, type SyncWorld, syncWorld } from './helpers.js';

// A bad record from a source — an id that cannot be a storage key, no record at all, a value that
// is not JSON, a getter that throws, two different records under one id — fails alone, with its
// own reason in the report and the sync log; the good records sync, and the next run does the same.

type Side = 'fsm' | 'finance';

interface Tweaks {
  /** Extra raw values appended to the last page of a read of `companies`. */
  extra?: () => unknown[];
  /** Replaces what `get` answers for an id. */
  get?: (id: string) => unknown;
  /** Replaces what `create` answers (or throws) for the new record's data. */
  create?: (data: Record<string, unknown>, real: () => Promise<WriteResult>) => Promise<unknown>;
  /** Replaces a record (by id) with a raw value, in reads and in `get`. */
  replace?: (id: string) => unknown;
}

/** A user's own source over the sandbox, whose answers can be made bad. */
function tweaked(inner: RecordSource, tweaks: Tweaks): RecordSource {
  return {
    id: inner.id,
    capabilities: (collection) => inner.capabilities(collection),
    async *read(collection, options) {
      const pages: SourcePage[] = [];
      for await (const page of inner.read(collection, options)) pages.push(page);
      if (pages.length === 0) pages.push({ records: [] });
      for (const [index, page] of pages.entries()) {
        let records: unknown[] = page.records.map((r) => (tweaks.replace && collection === 'companies' ? (tweaks.replace(r.id) ?? r) : r));
        if (index === pages.length - 1 && collection === 'companies' && tweaks.extra) records = [...records, ...tweaks.extra()];
        yield { ...page, records } as SourcePage;
      }
    },
    get: async (collection, id, call) => {
      const replaced = collection === 'companies' ? (tweaks.get?.(id) ?? tweaks.replace?.(id)) : undefined;
      return (replaced ?? (await inner.get(collection, id, call))) as never;
    },
    create: async (collection, data, call) => {
      const real = () => inner.create(collection, data, call);
      return (collection === 'companies' && tweaks.create ? await tweaks.create(data, real) : await real()) as WriteResult;
    },
    update: (collection, id, patch, call) => inner.update(collection, id, patch, call),
    deactivate: (collection, id, call) => inner.deactivate(collection, id, call),
    delete: (collection, id, call) => inner.delete(collection, id, call),
    ...(inner.findByKey ? { findByKey: inner.findByKey.bind(inner) } : {}),
  };
}

/** A company's fields on a side, named so the test can find it if it were ever synced. */
function fieldsOf(side: Side, name: string): Record<string, unknown> {
  return side === 'fsm' ? { Company_Name: name } : { contact_name: name, company_name: name, customer_sub_type: 'business' };
}

function cyclic(side: Side, name: string): Record<string, unknown> {
  const data: Record<string, unknown> = { ...fieldsOf(side, name) };
  data.self = data;
  return data;
}

interface BadCase {
  name: string;
  /** The reason each bad record fails with, one entry a failure. */
  reasons: string[];
  records: (side: Side) => unknown[];
}

const BAD_CASES: readonly BadCase[] = [
  { name: 'an object id', reasons: ['INVALID_RECORD_ID'], records: (side) => [{ id: { n: 1 }, data: fieldsOf(side, 'Object Id Co') }] },
  { name: 'a lone surrogate id ("\\ud800")', reasons: ['INVALID_RECORD_ID'], records: (side) => [{ id: '\ud800', data: fieldsOf(side, 'Surrogate Co') }] },
  { name: 'a null record', reasons: ['INVALID_RECORD'], records: () => [null] },
  { name: 'a cyclic value', reasons: ['INVALID_RECORD'], records: (side) => [{ id: 'bad-cyclic', data: cyclic(side, 'Cyclic Co') }] },
  {
    name: 'a throwing getter',
    reasons: ['INVALID_RECORD', 'INVALID_RECORD'],
    records: (side) => [
      { id: 'bad-getter-1', get data(): never { throw new Error('column decode failed'); } },
      { id: 'bad-getter-2', data: Object.defineProperty({ ...fieldsOf(side, 'Getter Co') }, 'Website', { enumerable: true, get: () => { throw new Error('lazy field failed'); } }) },
    ],
  },
  { name: 'two records without id', reasons: ['INVALID_RECORD_ID', 'INVALID_RECORD_ID'], records: (side) => [{ data: fieldsOf(side, 'No Id One') }, { data: fieldsOf(side, 'No Id Two') }] },
  {
    name: 'two different records with one id',
    reasons: ['DUPLICATE_RECORD_ID'],
    records: (side) => [{ id: 'bad-dup', data: fieldsOf(side, 'Dup One') }, { id: 'bad-dup', data: fieldsOf(side, 'Dup Two') }],
  },
];

function failuresOf(report: SyncReport): string[] {
  return report.failures.flatMap((g) => Array.from({ length: g.count }, () => g.reason)).sort();
}

function failedCount(report: SyncReport): number {
  return report.toFinance.failed + report.toFsm.failed;
}

/** Every good company of each side is linked to one of the other side: names agree on both. */
function companyNames(world: SyncWorld): { fsm: string[]; finance: string[] } {
  return {
    fsm: world.sandbox.records(world.fsm, 'Companies').map((c) => String(c.Company_Name)).sort(),
    finance: customers(world).map((c) => String(c.contact_name)).sort(),
  };
}

function world(side: Side, tweaks: Tweaks, deletes: DeletePolicy = 'unlink'): { world: SyncWorld; run: (fullScan?: boolean) => Promise<SyncReport> } {
  const w = syncWorld();
  const fsm = side === 'fsm' ? tweaked(zohoFsmSource(w.client), tweaks) : zohoFsmSource(w.client);
  const finance = side === 'finance' ? tweaked(zohoFinanceSource(w.client), tweaks) : zohoFinanceSource(w.client);
  return { world: w, run: (fullScan = false) => w.syncer({ fsm, finance, deletes }).run(fullScan ? { fullScan: true } : {}) };
}

describe('bad records from a source fail alone', () => {
  for (const side of ['fsm', 'finance'] as const) {
    for (const bad of BAD_CASES) {
      it(`${side} side, ${bad.name}: the run completes, the good records sync, the bad one fails with ${bad.reasons.join(', ')}, twice alike`, async () => {
        const s = world(side, { extra: () => bad.records(side) });
        const first = await s.run();
        expect(first.status, first.stoppedReason).toBe('completed');
        expect(failuresOf(first), 'each bad record is one failure, with its reason').toEqual([...bad.reasons].sort());
        // Counts add up: 4 good companies a side, 2 of them shared: 2 matched, 2 created each way, and the bad ones failed.
        const companies = first.entities.find((e) => e.module === 'companies');
        expect(companies && [companies.matched, companies.toFinance.created, companies.toFsm.created]).toEqual([2, 2, 2]);
        expect(side === 'fsm' ? companies?.toFinance.failed : companies?.toFsm.failed, 'failed in the direction the bad record was going').toBe(bad.reasons.length);
        expect(failedCount(first)).toBe(bad.reasons.length);
        const names = companyNames(s.world);
        expect(names.fsm, 'every good company is on both sides, and no bad one').toEqual(names.finance);
        expect(names.fsm).toHaveLength(6);
        const [logged] = await s.world.syncer().log.list({ limit: 1 });
        expect(logged?.failures.map((g) => [g.reason, g.count]), 'the sync log keeps the failures').toEqual(first.failures.map((g) => [g.reason, g.count]));
        expect(logged?.toFinance.failed).toBe(first.toFinance.failed);
        for (const group of first.failures) for (const record of group.records) expect(record.message.length).toBeLessThan(600);

        const second = await s.run();
        expect(second.status, second.stoppedReason).toBe('completed');
        expect(failuresOf(second), 'the next run fails the same records the same way').toEqual([...bad.reasons].sort());
        expect(second.toFinance.created + second.toFsm.created + second.toFinance.updated + second.toFsm.updated, 'and writes nothing else').toBe(0);
        const again = second.entities.find((e) => e.module === 'companies');
        // Type I: 6 pairs; each is unchanged both ways (nothing to write), and the bad ones failed.
        expect(again && [again.toFinance.unchanged, again.toFsm.unchanged]).toEqual([6, 6]);
      });
    }
  }

  it("a linked record that turns bad holds its pair: 'propagate' and a full read do not delete its counterpart", async () => {
    let badId: string | undefined;
    const s = world('fsm', { replace: (id) => (id === badId ? { id, data: cyclic('fsm', 'Turned Bad') } : undefined) }, 'propagate');
    const first = await s.run();
    expect(first.failures).toEqual([]);
    const company = s.world.sandbox.records(s.world.fsm, 'Companies')[0] as Record<string, unknown>;
    badId = String(company.id);
    const before = customers(s.world).length;
    const report = await s.run(true);
    expect(report.status).toBe('completed');
    expect(failuresOf(report)).toEqual(['INVALID_RECORD']);
    expect(report.toFinance.deleted + report.toFsm.deleted + report.toFinance.unlinked + report.toFsm.unlinked, 'nothing deleted or unlinked').toBe(0);
    expect(customers(s.world)).toHaveLength(before);
    badId = undefined;
    const healed = await s.run(true);
    expect(healed.failures, 'once the record is good again, the pair syncs as before').toEqual([]);
    expect(await s.world.syncer().linkedId('companies', 'fsm', String(company.id))).toBeDefined();
  });

  it('a record retried from an earlier failure whose get answers a bad record fails alone (finance side, read from the cursor)', async () => {
    let refuse = true;
    let badGet: string | undefined;
    const fsmSide = { create: async (data: Record<string, unknown>, real: () => Promise<WriteResult>) => {
      if (refuse) throw new Error('FSM backend refused the company');
      return real();
    } };
    const w = syncWorld();
    const fsm = tweaked(zohoFsmSource(w.client), fsmSide);
    const finance = tweaked(zohoFinanceSource(w.client), { get: (id) => (id === badGet ? { id, data: cyclic('finance', 'x') } : undefined) });
    const run = () => w.syncer({ fsm, finance }).run();
    // A later edit of another customer puts the cursor past the refused ones: the next run reads
    // them only because they failed (their retry marks), with a get.
    const shared = customers(w).find((c) => w.sandbox.records(w.fsm, 'Companies').some((f) => f.Company_Name === c.contact_name));
    w.clock.advance(60_000);
    w.sandbox.edit(w.books, 'contacts', String(shared?.contact_id), { website: 'https://later.example' });
    const first = await run();
    expect(failuresOf(first)).toEqual(['SOURCE_ERROR', 'SOURCE_ERROR']);
    const failedId = first.failures[0]?.records[0]?.financeId;
    expect(failedId).toBeDefined();
    refuse = false;
    badGet = failedId;
    const second = await run();
    expect(second.status, second.stoppedReason).toBe('completed');
    expect(second.failures.find((g) => g.reason === 'INVALID_RECORD')?.records.map((r) => r.financeId)).toEqual([failedId]);
    expect(second.toFsm.created, 'the other retried record is created').toBe(1);
  });

  it('a create that answers an id that cannot name a record fails as INVALID_RECORD_ID, and the run goes on', async () => {
    let creates = 0;
    const s = world('fsm', { create: async (_data, real) => (++creates === 1 ? { id: '\ud800' } : real()) });
    const first = await s.run();
    expect(first.status).toBe('completed');
    expect(failuresOf(first)).toEqual(['INVALID_RECORD_ID']);
    expect(first.entities.find((e) => e.module === 'companies')?.toFsm.created, 'the other Books-only company is created').toBe(1);
  });

  it('two identical copies of one record in a page are one record, not a failure', async () => {
    let copy: unknown;
    const s = world('fsm', { extra: () => (copy ? [copy] : []) });
    await s.run();
    const company = s.world.sandbox.records(s.world.fsm, 'Companies')[0] as Record<string, unknown>;
    const [record] = await zohoFsmSource(s.world.client).get('companies', String(company.id)).then((r) => [r]);
    copy = record;
    const report = await s.run();
    expect(report.failures).toEqual([]);
  });
});

describe('keys and ids with unpaired surrogates', () => {
  it('the storage key encoder is total: a lone surrogate id gets a key, and the key gives the id back', () => {
    const keys = new SyncKeys('fsm~books:1');
    for (const id of ['\ud800', 'a\udc00b', '\udbff\ud800', '😀/%', '%ED%A0%80']) {
      const key = keys.link('companies', 'fsm', id);
      expect(key).toMatch(/^[\x21-\x7e]+$/);
      expect(SyncKeys.idOf(key)).toBe(id);
    }
    expect(keys.link('companies', 'fsm', '\ud800')).not.toBe(keys.link('companies', 'fsm', '\udc00'));
    expect(decodeKeySegment('%E0%A4%A')).toBe('%E0%A4%A');
  });

  it('ZohoIdSchema reads an id with an unpaired surrogate as it is, so one such row does not fail its page', () => {
    expect(ZohoIdSchema.parse('46000\ud800')).toBe('46000\ud800');
    expect(ZohoIdSchema.parse('460000000026049')).toBe('460000000026049');
  });

  it('a Books customer whose id is "\\ud800" fails alone, run after run; the rest of Books syncs', async () => {
    // Zoho's reply is rewritten on the wire: one customer of every GET /contacts page gets a lone
    // surrogate for an id (JSON can carry it as \\ud800).
    let target: string | undefined;
    const world = syncWorld({
      fetch: (inner) => async (input, init) => {
        const reply = await inner(input, init);
        const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
        if (!url.pathname.endsWith('/contacts') || (init?.method ?? 'GET') !== 'GET') return reply;
        const text = await reply.text();
        const body = JSON.parse(text) as { contacts?: Array<{ contact_id: string }> };
        const row = body.contacts?.find((c) => target === undefined || c.contact_id === target);
        if (row) {
          target = row.contact_id;
          row.contact_id = '\ud800';
        }
        return new Response(JSON.stringify(body), { status: reply.status, headers: reply.headers });
      },
    });
    for (let run = 0; run < 2; run++) {
      const report = await world.syncer().run();
      expect(report.status, `run ${run + 1}`).toBe('completed');
      expect(report.failures.map((f) => f.reason), `run ${run + 1}`).toContain('INVALID_RECORD_ID');
    }
    expect(target).toBeDefined();
  });
});

export type { SyncCollection };
