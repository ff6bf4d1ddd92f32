import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import type { StorageOp } from '../../src/storage/storage.js';
import { basesIn, customers, one, type SyncWorld, syncWorld, writesSince } from './helpers.js';

// The default Companies mapping carries FSM Company_Name both ways with Books contact_name, and one
// way into Books company_name. A name that comes from Books reaches FSM and, from FSM, company_name.

/** A synced world and one linked company. */
async function synced(options: Parameters<typeof syncWorld>[0] = {}): Promise<{ world: SyncWorld; fsmId: string; booksId: string }> {
  const world = syncWorld(options);
  await world.syncer().run();
  const company = world.sandbox.records(world.fsm, 'Companies')[0] as Record<string, unknown>;
  const booksId = String(one(world, 'books', 'contacts', 'contact_name', company.Company_Name).contact_id);
  return { world, fsmId: String(company.id), booksId };
}

/** A Books business customer whose legal name differs from its display name. */
function insertBooksCompany(world: SyncWorld): string {
  const created = world.sandbox.insert(world.books, 'contacts', {
    contact_name: 'Trade Co',
    company_name: 'Legal Holdings Ltd',
    customer_sub_type: 'business',
    contact_persons: [{ first_name: 'Tara', last_name: 'Trade', email: 'tara@trade.example', is_primary_contact: true }],
  });
  return String(created.contact_id);
}

async function quiet(world: SyncWorld): Promise<string[]> {
  const before = world.sandbox.calls.total;
  await world.syncer().run();
  return writesSince(world, before);
}

describe('one-way entries follow the values the sync brings in', () => {
  it('a Books rename reaches FSM Company_Name and, from there, Books company_name, in the same run', async () => {
    const { world, fsmId, booksId } = await synced();
    world.sandbox.edit(world.books, 'contacts', booksId, { contact_name: 'Renamed Trading Co' });
    const before = world.sandbox.calls.total;
    const report = await world.syncer().run();
    expect(writesSince(world, before).sort()).toEqual([`PUT books /contacts/${booksId}`, `PUT fsm /Companies/${fsmId}`]);
    expect(report.toFsm.updated).toBe(1);
    expect(report.toFinance.updated).toBe(1);
    expect(world.sandbox.record(world.fsm, 'Companies', fsmId)?.Company_Name).toBe('Renamed Trading Co');
    expect(world.sandbox.record(world.books, 'contacts', booksId)?.company_name).toBe('Renamed Trading Co');
    expect(await quiet(world)).toEqual([]);
  });

  it('a company created in FSM from Books writes its derived company_name back to Books, counted as one update', async () => {
    const { world } = await synced();
    const booksId = insertBooksCompany(world);
    const report = await world.syncer().run();
    expect(report.failures).toEqual([]);
    expect(one(world, 'fsm', 'Companies', 'Company_Name', 'Trade Co')).toBeDefined();
    expect(world.sandbox.record(world.books, 'contacts', booksId)?.company_name).toBe('Trade Co');
    expect(report.toFsm.created).toBe(1);
    expect(report.toFinance.updated).toBe(1);
    expect(report.toFsm.unchanged + report.toFsm.created).toBe(report.toFinance.unchanged + report.toFinance.updated);
    expect(await quiet(world)).toEqual([]);
  });

  it('no derived write when the origin already holds the value (no extra call)', async () => {
    const { world } = await synced();
    world.sandbox.insert(world.books, 'contacts', { contact_name: 'Same Name Co', company_name: 'Same Name Co', customer_sub_type: 'business' });
    const before = world.sandbox.calls.total;
    await world.syncer().run();
    expect(writesSince(world, before)).toEqual(['POST fsm /Companies']);
  });

  it('a dry run plans the create and the derived update, and writes nothing', async () => {
    const { world } = await synced();
    const booksId = insertBooksCompany(world);
    const before = world.sandbox.calls.total;
    const report = await world.syncer().run({ dryRun: true });
    expect(writesSince(world, before)).toEqual([]);
    expect(report.plan).toContainEqual(expect.objectContaining({ action: 'create', direction: 'toFsm', financeId: booksId }));
    expect(report.plan).toContainEqual(expect.objectContaining({ action: 'update', direction: 'toFinance', financeId: booksId, fields: { company_name: 'Trade Co' } }));
  });

  it('a derived write that fails is reported, the pair stays linked, and the next run writes it', async () => {
    const { world } = await synced();
    const booksId = insertBooksCompany(world);
    // 500 on the first try and each of the client's 6 retries.
    world.sandbox.faults.next({ match: { method: 'PUT', app: 'books', path: `/contacts/${booksId}` }, fault: 'server-error', times: 7 });
    const first = await world.syncer().run();
    expect(first.failures).toContainEqual(expect.objectContaining({ direction: 'toFinance', count: 1 }));
    expect(world.sandbox.record(world.books, 'contacts', booksId)?.company_name).toBe('Legal Holdings Ltd');

    world.sandbox.faults.clear();
    const before = world.sandbox.calls.total;
    const next = await world.syncer().run();
    expect(writesSince(world, before)).toEqual([`PUT books /contacts/${booksId}`]);
    expect(next.failures).toEqual([]);
    expect(world.sandbox.records(world.fsm, 'Companies').filter((c) => c.Company_Name === 'Trade Co')).toHaveLength(1);
    expect(world.sandbox.record(world.books, 'contacts', booksId)?.company_name).toBe('Trade Co');
    expect(await quiet(world)).toEqual([]);
  });

  it('killed after the derived write, before its base is stored: the next run finishes without writing again or duplicating', async () => {
    const storage = new KilledAfterPending();
    const { world } = await synced({ storage });
    const booksId = insertBooksCompany(world);
    storage.armed = true;
    await expect(world.syncer().run()).rejects.toThrow(/process killed/);
    expect(world.sandbox.record(world.books, 'contacts', booksId)?.company_name).toBe('Trade Co');

    storage.armed = false;
    await world.clock.advance(600_000);
    const before = world.sandbox.calls.total;
    const next = await world.syncer().run();
    expect(next.failures).toEqual([]);
    expect(writesSince(world, before)).toEqual([]);
    expect(world.sandbox.records(world.fsm, 'Companies').filter((c) => c.Company_Name === 'Trade Co')).toHaveLength(1);
    expect(await quiet(world)).toEqual([]);
  });

  it('a computed source follows its inputs: a Books last name reaches FSM, whose Full_Name becomes Books\' contact_name (type II)', async () => {
    const world = syncWorld({ syncType: 'II' });
    await world.syncer().run();
    const individual = customers(world, 'individual')[0] as Record<string, unknown>;
    const booksId = String(individual.contact_id);
    const person = world.sandbox.records(world.books, 'contactpersons').find((p) => p.contact_id === booksId && p.is_primary_contact === true) as Record<string, unknown>;
    const fsmContact = one(world, 'fsm', 'Contacts', 'Email', person.email);
    world.sandbox.edit(world.books, 'contactpersons', String(person.contact_person_id), { last_name: 'Newname' });
    await world.syncer().run();
    const fsm = world.sandbox.record(world.fsm, 'Contacts', String(fsmContact.id)) ?? {};
    expect(fsm.Last_Name).toBe('Newname');
    expect(world.sandbox.record(world.books, 'contacts', booksId)?.contact_name).toBe(fsm.Full_Name);
    expect(String(fsm.Full_Name)).toContain('Newname');
    expect(await quiet(world)).toEqual([]);
  });

  it('after the sync wrote an FSM contact (its Full_Name then unknown), a later FSM last-name edit still reaches Books\' contact_name, and other edits never blank it', async () => {
    const world = syncWorld({ syncType: 'II' });
    await world.syncer().run();
    const individual = customers(world, 'individual')[0] as Record<string, unknown>;
    const booksId = String(individual.contact_id);
    const primary = () => ((world.sandbox.record(world.books, 'contacts', booksId)?.contact_persons ?? []) as Array<Record<string, unknown>>).find((p) => p.is_primary_contact === true) as Record<string, unknown>;
    const fsmId = String(one(world, 'fsm', 'Contacts', 'Email', primary().email).id);
    const name = world.sandbox.record(world.books, 'contacts', booksId)?.contact_name;

    // A Books phone change is written to FSM: FSM's Full_Name is not known from that write.
    world.sandbox.edit(world.books, 'contactpersons', String(primary().contact_person_id), { phone: '+1 555 0199' });
    await world.syncer().run();
    expect(world.sandbox.record(world.fsm, 'Contacts', fsmId)?.Phone).toBe('+1 555 0199');

    // Another Books-only edit: the FSM contact did not change, and contact_name keeps its value.
    world.sandbox.edit(world.books, 'contactpersons', String(primary().contact_person_id), { mobile: '+1 555 0198' });
    const before = world.sandbox.calls.total;
    const report = await world.syncer().run();
    expect(report.failures.flatMap((g) => g.records).filter((r) => r.fsmId === fsmId || r.financeId === booksId)).toEqual([]);
    expect(writesSince(world, before)).toEqual([`PUT fsm /Contacts/${fsmId}`]);
    expect(world.sandbox.record(world.books, 'contacts', booksId)?.contact_name).toBe(name);

    world.sandbox.edit(world.fsm, 'Contacts', fsmId, { Last_Name: 'Laterchange' });
    await world.syncer().run();
    const fsm = world.sandbox.record(world.fsm, 'Contacts', fsmId) ?? {};
    expect(world.sandbox.record(world.books, 'contacts', booksId)?.contact_name).toBe(fsm.Full_Name);
    expect(String(fsm.Full_Name)).toContain('Laterchange');
    expect(await quiet(world)).toEqual([]);
  });

  it('a write-back Zoho refuses (the derived display name another customer has) is reported once and not sent again while nothing changes', async () => {
    const world = syncWorld({ syncType: 'II', books: { allowDuplicateNames: false } });
    await world.syncer().run();
    const taken = String(customers(world, 'individual')[0]?.contact_name);
    const [first, ...rest] = taken.split(' ');
    const alias = world.sandbox.insert(world.books, 'contacts', {
      contact_name: 'Alias Customer',
      customer_sub_type: 'individual',
      contact_persons: [{ first_name: first, last_name: rest.join(' '), email: 'alias.customer@example.com', is_primary_contact: true }],
    });
    const report = await world.syncer().run();
    expect(report.failures).toContainEqual(expect.objectContaining({ reason: 'DUPLICATE_NAME', records: expect.arrayContaining([expect.objectContaining({ financeId: alias.contact_id })]) }));
    expect(one(world, 'fsm', 'Contacts', 'Email', 'alias.customer@example.com')).toBeDefined();

    const before = world.sandbox.calls.total;
    const next = await world.syncer().run();
    expect(writesSince(world, before)).toEqual([]);
    expect(next.failures).toContainEqual(expect.objectContaining({ reason: 'DUPLICATE_NAME', records: expect.arrayContaining([expect.objectContaining({ financeId: alias.contact_id })]) }));
  });

  it('mirror: a to_fsm entry reading a field the sync writes in Books follows it (items: name → SKU)', async () => {
    const world = syncWorld();
    await world.mapper.createDefaults();
    await world.mapper.update('items', { remove: [{ fsm: 'SKU', finance: 'sku' }], set: [{ fsm: 'SKU', finance: 'name', direction: 'to_fsm' }] });
    await world.syncer().run();
    expect(await quiet(world)).toEqual([]);

    const item = world.sandbox.records(world.fsm, 'Service_And_Parts')[0] as Record<string, unknown>;
    world.sandbox.edit(world.fsm, 'Service_And_Parts', String(item.id), { Name: 'Renamed Part' });
    await world.syncer().run();
    expect(world.sandbox.record(world.fsm, 'Service_And_Parts', String(item.id))?.SKU).toBe('Renamed Part');
    expect(one(world, 'books', 'items', 'name', 'Renamed Part')).toBeDefined();

    const created = world.sandbox.insert(world.fsm, 'Service_And_Parts', { Name: 'New Widget', SKU: 'W-1', Unit_Price: 5, Type: 'Goods' });
    await world.syncer().run();
    expect(one(world, 'books', 'items', 'name', 'New Widget')).toBeDefined();
    expect(world.sandbox.record(world.fsm, 'Service_And_Parts', String(created.id))?.SKU).toBe('New Widget');
    expect(await quiet(world)).toEqual([]);
  });
});

/** Storage whose process dies at the batch that stores a settled base (no longer pending) after a pending one. */
class KilledAfterPending extends MemoryStorage {
  armed = false;
  #sawPending = false;

  override async batch(ops: readonly StorageOp[]): Promise<void> {
    const bases = basesIn(ops);
    if (this.armed && this.#sawPending && bases.some((base) => base.pending === undefined)) throw new Error('process killed');
    if (this.armed && bases.some((base) => base.pending !== undefined)) this.#sawPending = true;
    return super.batch(ops);
  }
}
