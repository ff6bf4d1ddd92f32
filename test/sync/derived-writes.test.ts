import { describe, expect, it } from 'vitest';
import { withDerivedWrites } from '../../src/sync/run/derived-writes.js';
import { fieldPath, readPath } from '../../src/sync/merge/field-paths.js';
import type { PairWrites } from '../../src/sync/run/pair-writes.js';
import type { MergeEntry } from '../../src/sync/merge/three-way-merge.js';

type Direction = 'both' | 'to_finance' | 'to_fsm';

function entry(fsm: string, finance: string, direction: Direction): MergeEntry {
  return { key: `${fsm}|${finance}`, fsm: fieldPath(fsm), finance: fieldPath(finance), toFinance: direction !== 'to_fsm', toFsm: direction !== 'to_finance' };
}

/** A plain copy-through conversion of the entries (what the mapper does without transforms). */
function converters(entries: readonly MergeEntry[]) {
  const convert = (record: Record<string, unknown>, from: 'fsm' | 'finance') => {
    const out: Record<string, unknown> = {};
    for (const e of entries) {
      if (from === 'fsm' ? !e.toFinance : !e.toFsm) continue;
      const value = readPath(record, e[from]);
      const target = from === 'fsm' ? e.finance : e.fsm;
      if (value !== undefined) {
        // Flat or one-level paths are enough here.
        const [head, tail] = target.text.split('.') as [string, string | undefined];
        if (tail === undefined) out[head] = value;
        else out[head] = { ...(out[head] as object), [tail]: value };
      }
    }
    return out;
  };
  return { toFinance: (r: Record<string, unknown>) => convert(r, 'fsm'), toFsm: (r: Record<string, unknown>) => convert(r, 'finance') };
}

const texts = (writes: PairWrites) => ({
  toFsm: writes.toFsm.map((w) => [w.path.text, w.value]),
  toFinance: writes.toFinance.map((w) => [w.path.text, w.value]),
});

describe('withDerivedWrites', () => {
  const companies = [entry('Company_Name', 'contact_name', 'both'), entry('Company_Name', 'company_name', 'to_finance'), entry('Website', 'website', 'both')];

  it('adds the one-way write whose source the merge rewrote', () => {
    const writes = withDerivedWrites({
      entries: companies,
      ...converters(companies),
      fsm: { Company_Name: 'Old', Website: 'w' },
      finance: { contact_name: 'New', company_name: 'Old', website: 'w' },
      writes: { toFsm: [{ path: fieldPath('Company_Name'), value: 'New' }], toFinance: [] },
    });
    expect(texts(writes)).toEqual({ toFsm: [['Company_Name', 'New']], toFinance: [['company_name', 'New']] });
  });

  it('replaces a write the merge computed from the old value (a first pairing won by Books)', () => {
    const writes = withDerivedWrites({
      entries: companies,
      ...converters(companies),
      fsm: { Company_Name: 'Old' },
      finance: { contact_name: 'New', company_name: 'Legal' },
      writes: { toFsm: [{ path: fieldPath('Company_Name'), value: 'New' }], toFinance: [{ path: fieldPath('company_name'), value: 'Old' }] },
    });
    expect(texts(writes).toFinance).toEqual([['company_name', 'New']]);
  });

  it('adds nothing when no source of a one-way entry changed, or its target already holds the value', () => {
    const input = { entries: companies, ...converters(companies), fsm: { Company_Name: 'A', Website: 'old' }, finance: { contact_name: 'A', company_name: 'A', website: 'new' } };
    expect(texts(withDerivedWrites({ ...input, writes: { toFsm: [{ path: fieldPath('Website'), value: 'new' }], toFinance: [] } }))).toEqual({ toFsm: [['Website', 'new']], toFinance: [] });
    expect(texts(withDerivedWrites({ ...input, writes: { toFsm: [], toFinance: [] }, fresh: 'fsm' }))).toEqual({ toFsm: [], toFinance: [] });
  });

  it('keeps a one-way write the merge made from a source the sync did not change', () => {
    const writes = withDerivedWrites({
      entries: companies,
      ...converters(companies),
      fsm: { Company_Name: 'A', Website: 'old' },
      finance: { contact_name: 'A', company_name: 'Legal', website: 'new' },
      writes: { toFsm: [{ path: fieldPath('Website'), value: 'new' }], toFinance: [{ path: fieldPath('company_name'), value: 'A' }] },
    });
    expect(texts(writes).toFinance).toEqual([['company_name', 'A']]);
  });

  it('a fresh record (just created by the sync): every one-way entry reading it follows, nested paths included', () => {
    const entries = [entry('Billing_Address.City', 'billing_address.city', 'both'), entry('Billing_Address', 'shipping_address', 'to_finance')];
    const writes = withDerivedWrites({
      entries,
      ...converters(entries),
      fsm: { Billing_Address: { City: 'Pune' } },
      finance: { billing_address: { city: 'Pune' }, shipping_address: { City: 'Delhi' } },
      writes: { toFsm: [], toFinance: [] },
      fresh: 'fsm',
    });
    expect(texts(writes).toFinance).toEqual([['shipping_address', { City: 'Pune' }]]);
  });

  it('a fresh record whose conversion yields nothing for an entry (a computed field without a reader, an unresolved reference) leaves the target alone', () => {
    const entries = [entry('Name', 'name', 'both'), entry('Display', 'label', 'to_finance')];
    const writes = withDerivedWrites({
      entries,
      toFinance: (r) => ({ name: r.Name }),
      toFsm: (r) => ({ Name: r.name }),
      fsm: { Name: 'A' },
      finance: { name: 'A', label: 'Kept' },
      writes: { toFsm: [], toFinance: [] },
      fresh: 'fsm',
      computed: { fsm: ['Display'] },
    });
    expect(texts(writes)).toEqual({ toFsm: [], toFinance: [] });
  });

  it('a computed source (FSM Full_Name from First_Name and Last_Name) follows a write of its inputs', () => {
    const entries = [entry('Last_Name', 'last_name', 'both'), entry('Full_Name', 'contact_name', 'to_finance')];
    const fullName = (r: Record<string, unknown>) => (typeof r.Full_Name === 'string' ? r.Full_Name : `${String(r.First_Name)} ${String(r.Last_Name)}`);
    const input = {
      entries,
      toFinance: (r: Record<string, unknown>) => ({ last_name: r.Last_Name, contact_name: fullName(r) }),
      toFsm: (r: Record<string, unknown>) => ({ Last_Name: r.last_name }),
      fsm: { First_Name: 'Ann', Last_Name: 'Old', Full_Name: 'Ann Old' },
      finance: { last_name: 'New', contact_name: 'Ann Old' },
      writes: { toFsm: [{ path: fieldPath('Last_Name'), value: 'New' }], toFinance: [] },
    };
    expect(texts(withDerivedWrites({ ...input, computed: { fsm: ['Full_Name'] } })).toFinance).toEqual([['contact_name', 'Ann New']]);
    // Read as it was, the stale Full_Name hides the change.
    expect(texts(withDerivedWrites(input)).toFinance).toEqual([]);
  });

  it('follows a chain across sides: a to_fsm write feeding a to_finance entry', () => {
    const entries = [entry('Name', 'name', 'both'), entry('SKU', 'name', 'to_fsm'), entry('SKU', 'sku', 'to_finance')];
    const writes = withDerivedWrites({
      entries,
      ...converters(entries),
      fsm: { Name: 'New', SKU: 'Old' },
      finance: { name: 'Old', sku: 'Old' },
      writes: { toFsm: [], toFinance: [{ path: fieldPath('name'), value: 'New' }] },
    });
    expect(texts(writes)).toEqual({ toFsm: [['SKU', 'New']], toFinance: [['name', 'New'], ['sku', 'New']] });
  });

  it('stops after a bounded number of rounds when two one-way entries keep rewriting each other', () => {
    const entries = [entry('A', 'a', 'to_finance'), entry('A', 'a', 'to_fsm')];
    let calls = 0;
    const flip = (r: Record<string, unknown>, key: string, out: string) => {
      calls++;
      return { [out]: `${String(r[key])}!` };
    };
    const writes = withDerivedWrites({
      entries,
      toFinance: (r) => flip(r, 'A', 'a'),
      toFsm: (r) => flip(r, 'a', 'A'),
      fsm: { A: 'x' },
      finance: { a: 'x' },
      writes: { toFsm: [], toFinance: [] },
      fresh: 'fsm',
    });
    expect(calls).toBeLessThanOrEqual(8);
    expect(writes.toFinance).toHaveLength(1);
  });

  it('leaves its input untouched', () => {
    const merge: PairWrites = { toFsm: [{ path: fieldPath('Company_Name'), value: 'New' }], toFinance: [] };
    withDerivedWrites({ entries: companies, ...converters(companies), fsm: { Company_Name: 'Old' }, finance: { company_name: 'Old' }, writes: merge });
    expect(merge.toFinance).toEqual([]);
  });
});

describe('a derived write owed by a run that stopped half-way through a pair', () => {
  it('the FSM write landed (its reply lost), the Books write was never sent: the next run sends company_name', async () => {
    const { syncWorld, one } = await import('./helpers.js');
    const world = syncWorld({ syncType: 'I' });
    await world.syncer().run();
    const customer = world.sandbox.records(world.books, 'contacts').find((c) => c.customer_sub_type !== 'individual' && world.sandbox.records(world.fsm, 'Companies').some((f) => f.Company_Name === c.contact_name));
    if (!customer) throw new Error('the world needs a linked company');
    const booksId = String(customer.contact_id);
    world.sandbox.edit(world.books, 'contacts', booksId, { contact_name: 'Renamed In Books' });
    await world.clock.advance(60_000);
    // The FSM update happens, its reply is lost: the pair fails before its Books write.
    world.sandbox.faults.next({ match: { method: 'PUT', app: 'fsm', path: '/Companies/{id}' }, fault: 'lost-ack', times: 20 });
    await world.syncer().run();
    expect(one(world, 'fsm', 'Companies', 'Company_Name', 'Renamed In Books')).toBeDefined();
    await world.clock.advance(60_000);
    await world.syncer().run();
    expect(world.sandbox.record(world.books, 'contacts', booksId)?.company_name).toBe('Renamed In Books');
  });
});
