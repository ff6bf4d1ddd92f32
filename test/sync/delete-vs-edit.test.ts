import { describe, expect, it } from 'vitest';
import type { DeletePolicy, RecordSource, SourceRecord, SyncCollection, SyncReport } from '../../src/sync/index.js';
import { zohoFsmSource } from '../../src/sync/index.js';
import type { SyncType } from '../../src/mapping/index.js';
import { delegatingSource, find, one, type SyncWorld, syncWorld, type SyncWorldOptions, writesSince } from './helpers.js';

// A record deleted on one side while its counterpart is edited on the other, in the same round: the
// run must settle the pair by the delete policy without reporting a failure, whether it knew of
// the delete from its read (a complete read, a tombstone) or only learnt of it from the write's
// "does not exist" reply (a read from a cursor that cannot list deletes).

const POLICIES: readonly DeletePolicy[] = ['unlink', 'deactivate', 'propagate'];

/**
 * FSM as a user's own backend with a change feed: `read({ since })` lists only records modified
 * since the cursor and, with `tombstones`, the ids deleted since the last read. Built over the
 * sandbox's FSM, so writes reach the same records a person edits.
 */
function cursorFedFsm(inner: RecordSource, options: { tombstones: boolean }): RecordSource {
  const known = new Map<SyncCollection, Set<string>>();
  const timeOf = (record: SourceRecord) => Date.parse(record.modifiedTime ?? '') || 0;
  return delegatingSource(inner, {
    capabilities: (collection) => {
      const caps = inner.capabilities(collection);
      return caps && { ...caps, changeFeed: 'cursor', tombstones: options.tombstones };
    },
    async *read(collection, read) {
      const all: SourceRecord[] = [];
      for await (const page of inner.read(collection, { signal: read.signal })) all.push(...page.records);
      const ids = new Set(all.map((r) => r.id));
      const before = known.get(collection) ?? new Set<string>();
      known.set(collection, ids);
      const newest = Math.max(0, ...all.map(timeOf));
      const cursor = String(Math.max(newest, Number(read.since ?? 0)));
      if (read.since === undefined) {
        yield { records: all, complete: true, cursor };
        return;
      }
      const since = Number(read.since);
      // >= and not >: records written in the cursor's own instant are read again (they hash equal).
      const changed = all.filter((r) => timeOf(r) >= since);
      yield { records: changed, cursor, ...(options.tombstones ? { deleted: [...before].filter((id) => !ids.has(id)) } : {}) };
    },
  });
}

type FsmFeed = 'zoho' | 'cursor with tombstones' | 'cursor without tombstones';

interface Synced {
  world: SyncWorld;
  run: (full?: boolean) => Promise<SyncReport>;
}

/** A world synced once (types I or III), with FSM served as `feed`. */
async function synced(deletes: DeletePolicy, feed: FsmFeed = 'zoho', syncType: SyncType = 'I', options: SyncWorldOptions = {}): Promise<Synced> {
  const world = syncWorld({ syncType, ...options });
  const fsm = feed === 'zoho' ? undefined : cursorFedFsm(zohoFsmSource(world.client), { tombstones: feed === 'cursor with tombstones' });
  const run = (full = false) => world.syncer({ deletes, ...(fsm ? { fsm } : {}) }).run(full ? { fullScan: true } : {});
  const first = await run();
  expect(first.failures, 'the first run fails nothing').toEqual([]);
  return { world, run };
}

/** The PUTs the sandbox received for a record since call `since`. */
function putsTo(world: SyncWorld, since: number, id: string): string[] {
  return writesSince(world, since).filter((w) => w.startsWith('PUT') && w.includes(id));
}

/** No failure, and further runs (from the cursors, then a full one) write nothing. */
async function expectSettled(s: Synced, report: SyncReport): Promise<void> {
  expect(report.failures, 'a delete met by an edit is not a failure').toEqual([]);
  const before = s.world.sandbox.calls.total;
  const next = await s.run();
  const full = await s.run(true);
  expect(writesSince(s.world, before), 'later runs write nothing').toEqual([]);
  expect([...next.failures, ...full.failures]).toEqual([]);
}

describe('a Books customer deleted while its FSM company is edited', () => {
  for (const deletes of POLICIES) {
    it(`'${deletes}', full run: the deleted customer is never written to, no failure, the FSM company stays unlinked with its edit`, async () => {
      const s = await synced(deletes);
      const company = s.world.sandbox.records(s.world.fsm, 'Companies')[0] as Record<string, unknown>;
      const booksId = String(one(s.world, 'books', 'contacts', 'contact_name', company.Company_Name).contact_id);
      s.world.sandbox.edit(s.world.fsm, 'Companies', String(company.id), { Website: 'https://edited-in-fsm.example' });
      s.world.sandbox.remove(s.world.books, 'contacts', booksId);
      const before = s.world.sandbox.calls.total;
      const report = await s.run(true);
      expect(putsTo(s.world, before, booksId), 'no PUT to the deleted customer').toEqual([]);
      // FSM companies have no inactive state, and an edited survivor is never deleted: unlinked under every policy.
      expect(report.toFsm.unlinked).toBe(1);
      expect(one(s.world, 'fsm', 'Companies', 'Company_Name', company.Company_Name).Website).toBe('https://edited-in-fsm.example');
      await expectSettled(s, report);
      expect(find(s.world, 'books', 'contacts', 'contact_name', company.Company_Name), 'the customer is not recreated').toEqual([]);
    });

    it(`'${deletes}', run from the cursors: the update's "does not exist" reply hands the pair to the delete policy instead of failing it`, async () => {
      const s = await synced(deletes);
      const company = s.world.sandbox.records(s.world.fsm, 'Companies')[0] as Record<string, unknown>;
      const booksId = String(one(s.world, 'books', 'contacts', 'contact_name', company.Company_Name).contact_id);
      s.world.sandbox.edit(s.world.fsm, 'Companies', String(company.id), { Website: 'https://edited-in-fsm.example' });
      s.world.sandbox.remove(s.world.books, 'contacts', booksId);
      const report = await s.run();
      expect(report.toFsm.unlinked).toBe(1);
      expect(one(s.world, 'fsm', 'Companies', 'Company_Name', company.Company_Name).Website).toBe('https://edited-in-fsm.example');
      await expectSettled(s, report);
      expect(find(s.world, 'books', 'contacts', 'contact_name', company.Company_Name), 'the customer is not recreated').toEqual([]);
    });
  }

  it("'deactivate': a Books item deleted while its FSM service is edited marks the service inactive, with no failure", async () => {
    const s = await synced('deactivate');
    const item = s.world.sandbox.records(s.world.fsm, 'Service_And_Parts')[0] as Record<string, unknown>;
    const booksId = String(one(s.world, 'books', 'items', 'name', item.Name).item_id);
    s.world.sandbox.edit(s.world.fsm, 'Service_And_Parts', String(item.id), { Description: 'edited in FSM' });
    s.world.sandbox.remove(s.world.books, 'items', booksId);
    const before = s.world.sandbox.calls.total;
    const report = await s.run();
    expect(putsTo(s.world, before, booksId)).toEqual([]);
    expect(report.toFsm.deactivated).toBe(1);
    expect(one(s.world, 'fsm', 'Service_And_Parts', 'Name', item.Name).$inactive).toBe(true);
    await expectSettled(s, report);
  });

  for (const full of [true, false]) {
    it(`type III, ${full ? 'full run' : 'run from the cursors'}: a Books contact person deleted while its FSM contact is edited is unlinked, with no failure`, async () => {
      const s = await synced('unlink', 'zoho', 'III');
      const person = s.world.sandbox.records(s.world.books, 'contactpersons').find((p) => typeof p.email === 'string' && find(s.world, 'fsm', 'Contacts', 'Email', p.email).length === 1);
      if (!person) throw new Error('no synced contact person in the world');
      const contact = one(s.world, 'fsm', 'Contacts', 'Email', person.email);
      s.world.sandbox.edit(s.world.fsm, 'Contacts', String(contact.id), { Phone: '+1 555 0142' });
      s.world.sandbox.remove(s.world.books, 'contactpersons', String(person.contact_person_id));
      const before = s.world.sandbox.calls.total;
      const report = await s.run(full);
      if (full) expect(putsTo(s.world, before, String(person.contact_person_id))).toEqual([]);
      expect(report.toFsm.unlinked).toBe(1);
      expect(one(s.world, 'fsm', 'Contacts', 'Email', person.email).Phone).toBe('+1 555 0142');
      await expectSettled(s, report);
    });
  }
});

describe('an FSM company deleted while its Books customer is edited', () => {
  const feeds: readonly FsmFeed[] = ['zoho', 'cursor with tombstones', 'cursor without tombstones'];
  for (const feed of feeds) {
    for (const deletes of POLICIES) {
      it(`'${deletes}', FSM read ${feed === 'zoho' ? 'in full (Zoho FSM)' : `from a ${feed}`}: no failure, the Books customer is settled by the policy and keeps its edit`, async () => {
        const s = await synced(deletes, feed);
        const company = s.world.sandbox.records(s.world.fsm, 'Companies')[0] as Record<string, unknown>;
        const fsmId = String(company.id);
        const booksId = String(one(s.world, 'books', 'contacts', 'contact_name', company.Company_Name).contact_id);
        s.world.sandbox.edit(s.world.books, 'contacts', booksId, { website: 'https://edited-in-books.example' });
        s.world.sandbox.remove(s.world.fsm, 'Companies', fsmId);
        const before = s.world.sandbox.calls.total;
        const report = await s.run();
        // Only a feed that cannot say "deleted" learns it from the update's reply.
        if (feed !== 'cursor without tombstones') expect(putsTo(s.world, before, fsmId), 'no PUT to the deleted company').toEqual([]);
        const customer = s.world.sandbox.record(s.world.books, 'contacts', booksId);
        expect(customer?.website).toBe('https://edited-in-books.example');
        if (deletes === 'deactivate') {
          expect(report.toFinance.deactivated).toBe(1);
          expect(customer?.status).toBe('inactive');
        } else {
          // 'propagate' keeps a survivor edited since the last sync: an edit is not lost to a delete.
          expect(report.toFinance.unlinked).toBe(1);
          expect(customer?.status).toBe('active');
        }
        await expectSettled(s, report);
        expect(find(s.world, 'fsm', 'Companies', 'Company_Name', company.Company_Name), 'the company is not recreated').toEqual([]);
      });
    }
  }

  it("'deactivate': an FSM service deleted while its Books item is edited marks the item inactive, with no failure", async () => {
    const s = await synced('deactivate');
    const item = s.world.sandbox.records(s.world.fsm, 'Service_And_Parts')[0] as Record<string, unknown>;
    const booksItem = one(s.world, 'books', 'items', 'name', item.Name);
    s.world.sandbox.edit(s.world.books, 'items', String(booksItem.item_id), { description: 'edited in Books' });
    s.world.sandbox.remove(s.world.fsm, 'Service_And_Parts', String(item.id));
    const before = s.world.sandbox.calls.total;
    const report = await s.run();
    expect(putsTo(s.world, before, String(item.id))).toEqual([]);
    expect(report.toFinance.deactivated).toBe(1);
    expect(s.world.sandbox.record(s.world.books, 'items', String(booksItem.item_id))?.status).toBe('inactive');
    await expectSettled(s, report);
  });
});

describe('a missing endpoint is not a deleted record', () => {
  it('an update answered "URL Not Found" (UnknownEndpointError, HTTP 404 without code 1002) stays a failure and the pair stays linked', async () => {
    // Zoho's answer to a path it does not serve: HTTP 404 without the "does not exist" code 1002.
    let notServed: string | undefined;
    const fetchWith = (sandboxFetch: typeof fetch): typeof fetch => async (input, init) => {
      const request = new Request(input, init);
      if (notServed !== undefined && request.method === 'PUT' && new URL(request.url).pathname.endsWith(`/contacts/${notServed}`)) {
        notServed = undefined;
        return new Response(JSON.stringify({ message: 'URL Not Found' }), { status: 404, headers: { 'content-type': 'application/json' } });
      }
      return sandboxFetch(request);
    };
    const s = await synced('propagate', 'zoho', 'I', { fetch: fetchWith });
    const company = s.world.sandbox.records(s.world.fsm, 'Companies')[0] as Record<string, unknown>;
    const booksId = String(one(s.world, 'books', 'contacts', 'contact_name', company.Company_Name).contact_id);
    s.world.sandbox.edit(s.world.fsm, 'Companies', String(company.id), { Website: 'https://edited-in-fsm.example' });
    notServed = booksId;
    const report = await s.run();
    expect(report.failures.map((f) => f.reason)).toEqual(['UNKNOWN_ENDPOINT']);
    expect(report.toFinance.deleted + report.toFsm.deleted + report.toFsm.unlinked).toBe(0);
    expect(s.world.sandbox.record(s.world.books, 'contacts', booksId)).toBeDefined();
    const next = await s.run(true);
    expect(next.toFinance.deleted + next.toFsm.deleted + next.toFsm.unlinked, 'the pair is still linked').toBe(0);
    expect(s.world.sandbox.record(s.world.books, 'contacts', booksId)?.status).toBe('active');
  });
});

describe('both records of a pair deleted, seen from a read that shows only one delete', () => {
  for (const deletes of POLICIES) {
    it(`'${deletes}': a survivor found gone as well ("does not exist") only drops the link, with no failure`, async () => {
      const s = await synced(deletes);
      const company = s.world.sandbox.records(s.world.fsm, 'Companies')[0] as Record<string, unknown>;
      const booksId = String(one(s.world, 'books', 'contacts', 'contact_name', company.Company_Name).contact_id);
      s.world.sandbox.remove(s.world.fsm, 'Companies', String(company.id));
      s.world.sandbox.remove(s.world.books, 'contacts', booksId);
      // FSM is read in full (its delete is seen); the Books walk from the cursor lists no delete.
      const report = await s.run();
      expect(report.toFinance.unlinked).toBe(1);
      await expectSettled(s, report);
      expect(find(s.world, 'fsm', 'Companies', 'Company_Name', company.Company_Name)).toEqual([]);
      expect(find(s.world, 'books', 'contacts', 'contact_name', company.Company_Name)).toEqual([]);
    });
  }
});

describe('a contact added in FSM to a company whose Books customer was deleted', () => {
  it('type III, run from the cursors: the person is an unresolved reference (not a Zoho 1002), and the next run applies the delete policy to the company', async () => {
    const s = await synced('unlink', 'zoho', 'III');
    const company = s.world.sandbox.records(s.world.fsm, 'Companies')[0] as Record<string, unknown>;
    const booksId = String(one(s.world, 'books', 'contacts', 'contact_name', company.Company_Name).contact_id);
    s.world.sandbox.remove(s.world.books, 'contacts', booksId);
    s.world.sandbox.insert(s.world.fsm, 'Contacts', { First_Name: 'Nadia', Last_Name: 'Okafor', Email: 'nadia.okafor@late-arrival.example', Company: { id: company.id, name: company.Company_Name } });

    const first = await s.run();
    expect(first.failures.map((f) => f.reason), 'the customer it goes under is gone: no Zoho refusal to remember').toEqual(['UNRESOLVED_REFERENCE']);

    const second = await s.run();
    const unlinked = Object.fromEntries(second.entities.map((e) => [e.module, e.toFsm.unlinked]));
    // The persons synced before went with their customer: unlinked too, not "company changed".
    expect(unlinked.companies, 'the re-read customer is found deleted').toBe(1);
    expect(unlinked.contact_persons, 'its synced persons are gone with it').toBeGreaterThan(0);
    // Under 'unlink' the FSM company stays without a counterpart: its new contact has no customer to go under.
    expect(second.failures.map((f) => f.reason)).toEqual(['UNRESOLVED_REFERENCE']);
    expect(second.failures[0]?.records.map((r) => r.name)).toEqual(['nadia.okafor@late-arrival.example']);
    expect(find(s.world, 'books', 'contacts', 'contact_name', company.Company_Name), 'the customer is not recreated').toEqual([]);
    const before = s.world.sandbox.calls.total;
    await s.run();
    await s.run(true);
    expect(writesSince(s.world, before)).toEqual([]);
  });
});
