import { describe, expect, it } from 'vitest';
import type { SyncType } from '../../src/mapping/index.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import type { StorageOp } from '../../src/storage/storage.js';
import { twoWaySyncState, type BidirectionalSyncerOptions, type SyncEntity, type SyncOneResult } from '../../src/sync/index.js';
import { customers, find, one, runUntilQuiet, type SyncWorld, syncWorld, type SyncWorldOptions, views, writesSince } from './helpers.js';

/** A world whose existing records a run has already settled: what syncOne does next stands alone. */
async function settled(syncType: SyncType, extra: SyncWorldOptions = {}, options: Partial<BidirectionalSyncerOptions> = {}): Promise<SyncWorld> {
  const world = syncWorld({ syncType, ...extra });
  await runUntilQuiet(world, options);
  return world;
}

/** Runs the syncer once and returns the writes it sent and its report. */
async function nextRun(world: SyncWorld, options: Partial<BidirectionalSyncerOptions> = {}) {
  const before = world.sandbox.calls.total;
  const report = await world.syncer(options).run();
  return { writes: writesSince(world, before), report };
}

/** A linked FSM company and its Books customer. */
function linkedCompany(world: SyncWorld): { fsmId: string; booksId: string; name: string } {
  const company = world.sandbox.records(world.fsm, 'Companies')[0] as Record<string, unknown>;
  const name = String(company.Company_Name);
  return { fsmId: String(company.id), booksId: String(one(world, 'books', 'contacts', 'contact_name', name).contact_id), name };
}

const personsWith = (world: SyncWorld, email: string) => world.sandbox.records(world.books, 'contactpersons').filter((p) => p.email === email);

interface CreateCase {
  name: string;
  syncType: SyncType;
  entity: SyncEntity;
  side: 'fsm' | 'finance';
  /** Makes the record on its side; returns its id (and a person's customer). */
  make(world: SyncWorld): { id: string; parentId?: string };
  /** How many records on the other side carry the record's key. */
  copies(world: SyncWorld): number;
}

const CREATE_CASES: CreateCase[] = [
  {
    name: 'Type I: an FSM company becomes a Books business customer',
    syncType: 'I', entity: 'companies', side: 'fsm',
    make: (w) => ({ id: String(w.sandbox.insert(w.fsm, 'Companies', { Company_Name: 'On Demand Co', Website: 'https://on-demand.example' }).id) }),
    copies: (w) => find(w, 'books', 'contacts', 'contact_name', 'On Demand Co').length,
  },
  {
    name: 'Type I: a Books item becomes an FSM service',
    syncType: 'I', entity: 'items', side: 'finance',
    make: (w) => ({ id: String(w.sandbox.insert(w.books, 'items', { name: 'On Demand Item', rate: 7, product_type: 'service' }).item_id) }),
    copies: (w) => find(w, 'fsm', 'Service_And_Parts', 'Name', 'On Demand Item').length,
  },
  {
    name: 'Type II: an FSM contact becomes a Books individual customer',
    syncType: 'II', entity: 'contacts', side: 'fsm',
    make: (w) => ({ id: String(w.sandbox.insert(w.fsm, 'Contacts', { First_Name: 'Ida', Last_Name: 'Demand', Email: 'ida.demand@example.com' }).id) }),
    copies: (w) => customers(w, 'individual').filter((c) => c.contact_name === 'Ida Demand').length,
  },
  {
    name: 'Type II: a Books individual customer becomes an FSM contact',
    syncType: 'II', entity: 'contacts', side: 'finance',
    make: (w) => ({
      id: String(w.sandbox.insert(w.books, 'contacts', {
        contact_name: 'Ivo Demand', customer_sub_type: 'individual',
        contact_persons: [{ first_name: 'Ivo', last_name: 'Demand', email: 'ivo.demand@example.com', is_primary_contact: true }],
      }).contact_id),
    }),
    copies: (w) => find(w, 'fsm', 'Contacts', 'Email', 'ivo.demand@example.com').length,
  },
  {
    name: 'Type III: an FSM contact of a linked company becomes a contact person of its customer',
    syncType: 'III', entity: 'contacts', side: 'fsm',
    make: (w) => ({ id: String(w.sandbox.insert(w.fsm, 'Contacts', { First_Name: 'Pia', Last_Name: 'Demand', Email: 'pia.demand@example.com', Company: { id: linkedCompany(w).fsmId } }).id) }),
    copies: (w) => personsWith(w, 'pia.demand@example.com').length,
  },
  {
    name: 'Type III: a Books business customer becomes an FSM company',
    syncType: 'III', entity: 'companies', side: 'finance',
    make: (w) => ({ id: String(w.sandbox.insert(w.books, 'contacts', { contact_name: 'Books Demand Co', company_name: 'Books Demand Co', customer_sub_type: 'business' }).contact_id) }),
    copies: (w) => find(w, 'fsm', 'Companies', 'Company_Name', 'Books Demand Co').length,
  },
  {
    name: 'Type IV: an FSM contact without company becomes a Books individual customer',
    syncType: 'IV', entity: 'contacts', side: 'fsm',
    make: (w) => ({ id: String(w.sandbox.insert(w.fsm, 'Contacts', { First_Name: 'Solo', Last_Name: 'Demand', Email: 'solo.demand@example.com' }).id) }),
    copies: (w) => customers(w, 'individual').filter((c) => c.contact_name === 'Solo Demand').length,
  },
  {
    name: 'Type IV: a Books contact person of a linked customer becomes an FSM contact of its company',
    syncType: 'IV', entity: 'contacts', side: 'finance',
    make: (w) => {
      const { booksId } = linkedCompany(w);
      const person = w.sandbox.insert(w.books, 'contactpersons', { contact_id: booksId, first_name: 'Per', last_name: 'Demand', email: 'per.demand@example.com' });
      return { id: String(person.contact_person_id), parentId: booksId };
    },
    copies: (w) => find(w, 'fsm', 'Contacts', 'Email', 'per.demand@example.com').length,
  },
];

describe('syncOne: one record now, and the next run has nothing left to write', () => {
  for (const c of CREATE_CASES) {
    it(`${c.name}, once; the next run writes nothing`, async () => {
      const world = await settled(c.syncType);
      const { id, parentId } = c.make(world);
      const result = await world.syncer().syncOne(c.entity, c.side, id, parentId === undefined ? {} : { parentId });
      expect(result, 'the counterpart was created and linked').toMatchObject({ entity: c.entity, side: c.side, id, action: 'created' });
      expect(result.counterpartId).toEqual(expect.any(String));
      expect(result[c.side === 'fsm' ? 'finance' : 'fsm']).toMatchObject({ id: result.counterpartId, action: 'created' });
      expect(c.copies(world), 'one counterpart').toBe(1);

      const { writes, report } = await nextRun(world);
      expect(writes, 'the run after syncOne writes nothing').toEqual([]);
      expect([report.toFinance.created, report.toFsm.created, report.toFinance.updated, report.toFsm.updated]).toEqual([0, 0, 0, 0]);

      const again = await world.syncer().syncOne(c.entity, c.side, id, parentId === undefined ? {} : { parentId });
      expect(again, 'a second syncOne finds the pair in sync').toMatchObject({ action: 'unchanged', counterpartId: result.counterpartId });
      expect(c.copies(world)).toBe(1);
    });
  }

  it('does not enable two-way sync; the first run() does', async () => {
    const world = syncWorld({ syncType: 'I' });
    const fsmId = String(world.sandbox.insert(world.fsm, 'Companies', { Company_Name: 'Before Enabling' }).id);
    const result = await world.syncer().syncOne('companies', 'fsm', fsmId);
    expect(result.action).toBe('created');
    expect((await twoWaySyncState(world.storage)).enabled).toBe(false);
    await world.syncer().run();
    expect((await twoWaySyncState(world.storage)).enabled).toBe(true);
    expect(find(world, 'books', 'contacts', 'contact_name', 'Before Enabling')).toHaveLength(1);
  });

  it('keeps an entry in the sync log, marked with its scope, and announces its writes as record events', async () => {
    const world = await settled('I');
    const fsmId = String(world.sandbox.insert(world.fsm, 'Service_And_Parts', { Name: 'Logged Item', Unit_Price: 4, Type: 'Service' }).id);
    const syncer = world.syncer();
    const events: string[] = [];
    syncer.on('record', (e) => events.push(`${e.action} ${e.direction} ${e.fsmId}`));
    const result = await syncer.syncOne('items', 'fsm', fsmId);
    expect(events).toEqual([`created toFinance ${fsmId}`]);
    const entry = await syncer.log.get(result.runId);
    expect(entry?.scope).toEqual({ kind: 'one', entity: 'items', side: 'fsm', id: fsmId });
    expect(entry?.toFinance.created).toBe(1);
  });
});

describe('syncOne of a linked record merges like run()', () => {
  interface EditCase {
    syncType: SyncType;
    entity: SyncEntity;
    side: 'fsm' | 'finance';
    /** Edits the pair in a world (the same in both worlds); returns the id syncOne is given. */
    edit(world: SyncWorld): string;
  }
  const EDITS: EditCase[] = [
    {
      syncType: 'I', entity: 'companies', side: 'fsm',
      edit: (w) => {
        const { fsmId, booksId } = linkedCompany(w);
        w.sandbox.edit(w.fsm, 'Companies', fsmId, { Website: 'https://fsm-edit.example' });
        w.sandbox.edit(w.books, 'contacts', booksId, { notes: 'edited in Books', website: 'https://books-edit.example' });
        return fsmId;
      },
    },
    {
      syncType: 'II', entity: 'contacts', side: 'finance',
      edit: (w) => {
        const contact = w.sandbox.records(w.fsm, 'Contacts').find((c) => typeof c.Email === 'string') as Record<string, unknown>;
        const books = customers(w, 'individual').find((c) => ((c.contact_persons ?? []) as Array<Record<string, unknown>>).some((p) => p.email === contact.Email)) as Record<string, unknown>;
        // An FSM edit, synced from the finance record's id: the pair is merged whichever side is named.
        w.sandbox.edit(w.fsm, 'Contacts', String(contact.id), { Phone: '+1 555 0177', Last_Name: 'Renamed' });
        return String(books.contact_id);
      },
    },
    {
      syncType: 'III', entity: 'contacts', side: 'fsm',
      edit: (w) => {
        const contact = w.sandbox.records(w.fsm, 'Contacts').find((c) => c.Company !== undefined && c.Company !== null && typeof c.Email === 'string') as Record<string, unknown>;
        w.sandbox.edit(w.fsm, 'Contacts', String(contact.id), { Last_Name: 'Edited' });
        return String(contact.id);
      },
    },
    {
      syncType: 'IV', entity: 'items', side: 'finance',
      edit: (w) => {
        const item = w.sandbox.records(w.books, 'items')[0] as Record<string, unknown>;
        w.sandbox.edit(w.books, 'items', String(item.item_id), { rate: 99, description: 'edited in Books' });
        return String(item.item_id);
      },
    },
  ];
  for (const c of EDITS) {
    it(`Type ${c.syncType} ${c.entity}: both sides end as run() leaves them, with the same writes`, async () => {
      const byRun = await settled(c.syncType);
      const bySyncOne = await settled(c.syncType);
      c.edit(byRun);
      const id = c.edit(bySyncOne);
      const { writes: runWrites } = await nextRun(byRun);
      const before = bySyncOne.sandbox.calls.total;
      const result = await bySyncOne.syncer().syncOne(c.entity, c.side, id);
      expect(runWrites.length, 'the edit needs a write').toBeGreaterThan(0);
      expect(writesSince(bySyncOne, before), 'syncOne sends what run() sends').toEqual(runWrites);
      expect(views(bySyncOne)).toEqual(views(byRun));
      expect(result.action).toBe('updated');
      expect(result.fsm.action === 'updated' || result.finance.action === 'updated').toBe(true);
      expect((await nextRun(bySyncOne)).writes, 'and the next run writes nothing').toEqual([]);
    });
  }

  it('a conflict is settled by the policy and listed in the result', async () => {
    const world = await settled('I');
    const { fsmId, booksId } = linkedCompany(world);
    world.sandbox.edit(world.fsm, 'Companies', fsmId, { Website: 'https://fsm.example' });
    await world.clock.advance(5_000);
    world.sandbox.edit(world.books, 'contacts', booksId, { website: 'https://books.example' });
    const result = await world.syncer({ conflicts: 'latest-wins' }).syncOne('companies', 'fsm', fsmId);
    expect(result.conflicts.map((c) => [c.conflict.field.fsm, c.resolution])).toEqual([['Website', 'finance']]);
    expect(result.fsm).toMatchObject({ action: 'updated', written: { Website: 'https://books.example' } });
    expect(world.sandbox.record(world.fsm, 'Companies', fsmId)?.Website).toBe('https://books.example');
  });

  it('a counterpart deleted on the other side is settled by the delete policy', async () => {
    const world = await settled('I');
    const { fsmId, booksId, name } = linkedCompany(world);
    world.sandbox.remove(world.books, 'contacts', booksId);
    const result = await world.syncer({ deletes: 'unlink' }).syncOne('companies', 'fsm', fsmId);
    expect(result).toMatchObject({ action: 'unlinked', counterpartId: booksId, fsm: { action: 'unlinked' } });
    expect(world.sandbox.record(world.fsm, 'Companies', fsmId)).toBeDefined();
    const again = await world.syncer().syncOne('companies', 'fsm', fsmId);
    expect(again.action, 'unlinked on purpose: not copied again').toBe('skipped');
    expect(find(world, 'books', 'contacts', 'contact_name', name)).toHaveLength(0);
  });
});

/** A storage whose process dies at the first batch that links a record of a unit (after the create was sent). */
class DiesAtLink extends MemoryStorage {
  armed = false;
  constructor(readonly unit: string) {
    super();
  }
  override async batch(ops: readonly StorageOp[]): Promise<void> {
    if (this.armed && ops.some((op) => op.type === 'put' && op.key.includes(`/link/${this.unit}/fsm/`))) {
      this.armed = false;
      throw new Error('process killed');
    }
    return super.batch(ops);
  }
}

describe('syncOne never creates a counterpart twice', () => {
  it('a reply lost on the create is found in the same call', async () => {
    const world = await settled('I');
    world.sandbox.faults.next({ match: { method: 'POST', app: 'books', path: '/contacts' }, fault: 'lost-ack' });
    const fsmId = String(world.sandbox.insert(world.fsm, 'Companies', { Company_Name: 'Lost Ack Co' }).id);
    const result = await world.syncer().syncOne('companies', 'fsm', fsmId);
    expect(world.sandbox.faults.history.filter((h) => h.fault.kind === 'lost-ack')).toHaveLength(1);
    expect(result.action).toBe('created');
    expect(find(world, 'books', 'contacts', 'contact_name', 'Lost Ack Co')).toHaveLength(1);
    expect((await nextRun(world)).writes).toEqual([]);
  });

  it('a reply lost and the look-up failing too: the second syncOne links the record made, without a second create', async () => {
    let lose = false;
    let down = 0;
    const world = syncWorld({ syncType: 'III', fetch: (f) => async (input, init) => {
      const request = new Request(input, init);
      const path = new URL(request.url).pathname;
      if (down > 0 && request.method === 'GET' && path.endsWith('/contactpersons')) {
        down -= 1;
        throw new TypeError('fetch failed');
      }
      if (lose && request.method === 'POST' && path.endsWith('/contactpersons')) {
        lose = false;
        await f(request);
        down = 50;
        throw new TypeError('fetch failed');
      }
      return f(request);
    } });
    await runUntilQuiet(world);
    const contactId = String(world.sandbox.insert(world.fsm, 'Contacts', { First_Name: 'Lou', Last_Name: 'Lost', Email: 'lou.lost@example.com', Company: { id: linkedCompany(world).fsmId } }).id);
    lose = true;
    const first = await world.syncer().syncOne('contacts', 'fsm', contactId);
    expect(first.action).toBe('failed');
    expect(first.failure?.reason).toMatch(/NETWORK|TIMEOUT/);
    expect(personsWith(world, 'lou.lost@example.com'), 'the create happened').toHaveLength(1);
    down = 0;
    const second = await world.syncer().syncOne('contacts', 'fsm', contactId);
    expect(second.action, 'found by its intent, not created again').toBe('linked');
    expect(personsWith(world, 'lou.lost@example.com')).toHaveLength(1);
    expect(second.counterpartId).toBe(String(personsWith(world, 'lou.lost@example.com')[0]?.contact_person_id));
    expect((await nextRun(world)).writes).toEqual([]);
  });

  for (const side of ['fsm', 'finance'] as const) {
    it(`killed between the create and its link (${side} record): the next syncOne links the copy made`, async () => {
      const storage = new DiesAtLink('items');
      const world = await settled('I', { storage });
      const id = side === 'fsm'
        ? String(world.sandbox.insert(world.fsm, 'Service_And_Parts', { Name: 'Killed Item', Unit_Price: 3, Type: 'Service' }).id)
        : String(world.sandbox.insert(world.books, 'items', { name: 'Killed Item', rate: 3, product_type: 'service' }).item_id);
      storage.armed = true;
      await expect(world.syncer().syncOne('items', side, id)).rejects.toThrow(/process killed/);
      await world.clock.advance(600_000); // the dead process's lease expires
      const result = await world.syncer().syncOne('items', side, id);
      expect(result.action).toBe('linked');
      expect(find(world, 'fsm', 'Service_And_Parts', 'Name', 'Killed Item')).toHaveLength(1);
      expect(find(world, 'books', 'items', 'name', 'Killed Item')).toHaveLength(1);
      expect((await nextRun(world)).writes).toEqual([]);
    });
  }

  it("under 'clone', a crash after the create links the copy it made, not the record that already had the name", async () => {
    const storage = new DiesAtLink('companies');
    const options = { duplicates: 'clone' as const };
    const world = await settled('I', { storage, books: { allowDuplicateNames: true } }, options);
    const older = world.sandbox.insert(world.books, 'contacts', { contact_name: 'Twin Co', company_name: 'Twin Co', customer_sub_type: 'business' });
    await runUntilQuiet(world, options);
    const fsmId = String(world.sandbox.insert(world.fsm, 'Companies', { Company_Name: 'Twin Co' }).id);
    storage.armed = true;
    await expect(world.syncer(options).syncOne('companies', 'fsm', fsmId)).rejects.toThrow(/process killed/);
    await world.clock.advance(600_000);
    const result = await world.syncer(options).syncOne('companies', 'fsm', fsmId);
    expect(result.action).toBe('linked');
    expect(result.counterpartId).not.toBe(String(older.contact_id));
    expect(find(world, 'books', 'contacts', 'contact_name', 'Twin Co'), 'the older record and the one copy').toHaveLength(2);
  });
});

describe('first pairing by match key', () => {
  it("'overwrite': an unlinked record of the other side with the same key is paired, nothing is created", async () => {
    const world = await settled('I');
    const books = world.sandbox.insert(world.books, 'items', { name: 'Twin Widget', rate: 5, product_type: 'goods' });
    const fsmId = String(world.sandbox.insert(world.fsm, 'Service_And_Parts', { Name: 'Twin Widget', Unit_Price: 6, Type: 'Goods' }).id);
    const result = await world.syncer({ duplicates: 'overwrite' }).syncOne('items', 'fsm', fsmId);
    expect(result).toMatchObject({ action: 'linked', counterpartId: String(books.item_id) });
    expect(find(world, 'books', 'items', 'name', 'Twin Widget')).toHaveLength(1);
    expect(find(world, 'fsm', 'Service_And_Parts', 'Name', 'Twin Widget')).toHaveLength(1);
    expect((await nextRun(world)).writes).toEqual([]);
  });

  it("'overwrite' from the finance side: the FSM record with the same key is paired", async () => {
    const world = await settled('I');
    const fsm = world.sandbox.insert(world.fsm, 'Companies', { Company_Name: 'Paired From Books' });
    const booksId = String(world.sandbox.insert(world.books, 'contacts', { contact_name: 'Paired From Books', company_name: 'Paired From Books', customer_sub_type: 'business' }).contact_id);
    const result = await world.syncer().syncOne('companies', 'finance', booksId);
    expect(result).toMatchObject({ action: 'linked', counterpartId: String(fsm.id) });
    expect(find(world, 'fsm', 'Companies', 'Company_Name', 'Paired From Books')).toHaveLength(1);
    expect((await nextRun(world)).writes).toEqual([]);
  });

  it("'clone': the record is copied even though the other side has its key", async () => {
    const options = { duplicates: 'clone' as const };
    const world = await settled('I', { books: { allowDuplicateNames: true } }, options);
    world.sandbox.insert(world.books, 'contacts', { contact_name: 'Cloned Co', company_name: 'Cloned Co', customer_sub_type: 'business' });
    await runUntilQuiet(world, options);
    const fsmId = String(world.sandbox.insert(world.fsm, 'Companies', { Company_Name: 'Cloned Co' }).id);
    const result = await world.syncer(options).syncOne('companies', 'fsm', fsmId);
    expect(result.action).toBe('created');
    expect(find(world, 'books', 'contacts', 'contact_name', 'Cloned Co')).toHaveLength(2);
    expect((await nextRun(world, options)).writes).toEqual([]);
  });
});

describe('contact persons need their company', () => {
  for (const syncType of ['III', 'IV'] as const) {
    it(`Type ${syncType}: an FSM contact whose company is unlinked gets the company synced first`, async () => {
      const world = await settled(syncType);
      const company = world.sandbox.insert(world.fsm, 'Companies', { Company_Name: 'Parent First Co' });
      const contactId = String(world.sandbox.insert(world.fsm, 'Contacts', { First_Name: 'Kid', Last_Name: 'First', Email: 'kid.first@example.com', Company: { id: company.id } }).id);
      const result: SyncOneResult = await world.syncer().syncOne('contacts', 'fsm', contactId);
      expect(result.parent, 'the company went first').toMatchObject({ entity: 'companies', action: 'created', id: String(company.id) });
      expect(result).toMatchObject({ module: 'contact_persons', action: 'created' });
      const customer = one(world, 'books', 'contacts', 'contact_name', 'Parent First Co');
      expect(personsWith(world, 'kid.first@example.com').map((p) => String(p.contact_id))).toEqual([String(customer.contact_id)]);
      expect((await nextRun(world)).writes).toEqual([]);
    });
  }

  it('Type III: a Books person whose customer is unlinked gets the customer synced first', async () => {
    const world = await settled('III');
    const customer = world.sandbox.insert(world.books, 'contacts', { contact_name: 'Books Parent Co', company_name: 'Books Parent Co', customer_sub_type: 'business' });
    const person = world.sandbox.insert(world.books, 'contactpersons', { contact_id: customer.contact_id, first_name: 'Bea', last_name: 'Parent', email: 'bea.parent@example.com' });
    const result = await world.syncer().syncOne('contacts', 'finance', String(person.contact_person_id), { parentId: String(customer.contact_id) });
    expect(result.parent).toMatchObject({ action: 'created', id: String(customer.contact_id) });
    expect(result.action).toBe('created');
    const company = one(world, 'fsm', 'Companies', 'Company_Name', 'Books Parent Co');
    const contact = one(world, 'fsm', 'Contacts', 'Email', 'bea.parent@example.com');
    expect((contact.Company as { id?: unknown }).id).toBe(company.id);
    expect((await nextRun(world)).writes).toEqual([]);
  });

  it('Type III: an FSM contact without a company is skipped, as run() skips it', async () => {
    const world = await settled('III');
    const contactId = String(world.sandbox.insert(world.fsm, 'Contacts', { First_Name: 'No', Last_Name: 'Company', Email: 'no.company@example.com' }).id);
    const before = world.sandbox.calls.total;
    const result = await world.syncer().syncOne('contacts', 'fsm', contactId);
    expect(result.action).toBe('skipped');
    expect(result.skipped).toMatch(/without a company/);
    expect(writesSince(world, before)).toEqual([]);
  });
});

describe('refusals', () => {
  it('an id that does not exist: NotFoundError NOT_FOUND, nothing written, no log entry', async () => {
    const world = await settled('I');
    const before = world.sandbox.calls.total;
    const syncer = world.syncer();
    const logged = (await syncer.log.list()).length;
    await expect(syncer.syncOne('companies', 'fsm', '4150868000999999999')).rejects.toMatchObject({ name: 'NotFoundError', code: 'NOT_FOUND', details: { side: 'fsm', id: '4150868000999999999' } });
    await expect(syncer.syncOne('items', 'finance', '460000999999999')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(writesSince(world, before)).toEqual([]);
    expect(await syncer.log.list()).toHaveLength(logged);
    // The lease was given back.
    expect((await world.syncer().syncOne('items', 'fsm', String(world.sandbox.records(world.fsm, 'Service_And_Parts')[0]?.id))).action).toBe('unchanged');
  });

  it('an entity the sync type does not sync, and a finance person without its customer: ValidationError INVALID_INPUT', async () => {
    const typeOne = await settled('I');
    const contact = String(typeOne.sandbox.records(typeOne.fsm, 'Contacts')[0]?.id ?? '1');
    await expect(typeOne.syncer().syncOne('contacts', 'fsm', contact)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const typeThree = await settled('III');
    const person = typeThree.sandbox.insert(typeThree.books, 'contactpersons', { contact_id: linkedCompany(typeThree).booksId, first_name: 'No', last_name: 'Parent', email: 'no.parent@example.com' });
    await expect(typeThree.syncer().syncOne('contacts', 'finance', String(person.contact_person_id))).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/parentId/) });
  });
});

describe('the lease', () => {
  it('while a run holds the lease: SyncLeaseError SYNC_ALREADY_RUNNING, and nothing written by syncOne', async () => {
    const world = await settled('I');
    const fsmId = String(world.sandbox.insert(world.fsm, 'Companies', { Company_Name: 'Waits For Run' }).id);
    const syncer = world.syncer();
    let attempt: Promise<SyncOneResult> | undefined;
    syncer.on('progress', () => {
      attempt ??= world.syncer().syncOne('companies', 'fsm', fsmId);
    });
    await syncer.run({ fullScan: true });
    expect(attempt, 'syncOne was tried during the run').toBeDefined();
    await expect(attempt).rejects.toMatchObject({ name: 'SyncLeaseError', code: 'SYNC_ALREADY_RUNNING' });
  });

  it('with waitMs, it waits for the run to end and then syncs', async () => {
    const world = await settled('I');
    const syncer = world.syncer();
    let attempt: Promise<SyncOneResult> | undefined;
    const fsmId = String(world.sandbox.insert(world.fsm, 'Service_And_Parts', { Name: 'Waited Item', Unit_Price: 2, Type: 'Service' }).id);
    syncer.on('progress', () => {
      attempt ??= world.syncer().syncOne('items', 'fsm', fsmId, { waitMs: 3_600_000 });
    });
    const report = await syncer.run();
    expect(report.toFinance.created, 'the run itself created the item').toBe(1);
    const result = await attempt;
    expect(result?.action, 'then syncOne found it in sync').toBe('unchanged');
    expect(find(world, 'books', 'items', 'name', 'Waited Item')).toHaveLength(1);
  });

  it('a syncOne holding the lease refuses a run, and the run goes once it is done', async () => {
    const world = await settled('I');
    const fsmId = String(world.sandbox.insert(world.fsm, 'Companies', { Company_Name: 'Run Waits' }).id);
    const syncer = world.syncer();
    let run: Promise<unknown> | undefined;
    syncer.on('record', () => {
      run ??= world.syncer().run();
    });
    await syncer.syncOne('companies', 'fsm', fsmId);
    await expect(run).rejects.toMatchObject({ code: 'SYNC_ALREADY_RUNNING' });
    expect((await nextRun(world)).writes).toEqual([]);
  });

  it('an AbortSignal stops it with the signal reason', async () => {
    const world = await settled('I');
    const controller = new AbortController();
    controller.abort(new Error('no longer needed'));
    const fsmId = String(world.sandbox.insert(world.fsm, 'Companies', { Company_Name: 'Aborted Co' }).id);
    await expect(world.syncer().syncOne('companies', 'fsm', fsmId, { signal: controller.signal })).rejects.toThrow('no longer needed');
    expect(find(world, 'books', 'contacts', 'contact_name', 'Aborted Co')).toHaveLength(0);
  });
});
