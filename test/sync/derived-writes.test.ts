import { describe, expect, it } from 'vitest';
import { withDerivedWrites } from '../../src/sync/derived-writes.js';
import { fieldPath, readPath } from '../../src/sync/field-paths.js';
import type { PairWrites } from '../../src/sync/pair-writes.js';
import type { MergeEntry } from '../../src/sync/three-way-merge.js';

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
    expect(texts(withDerivedWrites({ ...input, writes: { toFsm: [], toFinance: [] }, changed: { fsm: [fieldPath('Company_Name')] } }))).toEqual({ toFsm: [], toFinance: [] });
  });

  it('follows fields a create wrote (`changed`), and nested paths that overlap the written one', () => {
    const entries = [entry('Billing_Address.City', 'billing_address.city', 'both'), entry('Billing_Address', 'shipping_address', 'to_finance')];
    const writes = withDerivedWrites({
      entries,
      ...converters(entries),
      fsm: { Billing_Address: { City: 'Pune' } },
      finance: { billing_address: { city: 'Pune' }, shipping_address: { City: 'Delhi' } },
      writes: { toFsm: [], toFinance: [] },
      changed: { fsm: [fieldPath('Billing_Address.City')] },
    });
    expect(texts(writes).toFinance).toEqual([['shipping_address', { City: 'Pune' }]]);
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
      changed: { fsm: [fieldPath('A')] },
    });
    expect(calls).toBeLessThanOrEqual(4);
    expect(writes.toFinance).toHaveLength(1);
  });

  it('leaves its input untouched', () => {
    const merge: PairWrites = { toFsm: [{ path: fieldPath('Company_Name'), value: 'New' }], toFinance: [] };
    withDerivedWrites({ entries: companies, ...converters(companies), fsm: { Company_Name: 'Old' }, finance: { company_name: 'Old' }, writes: merge });
    expect(merge.toFinance).toEqual([]);
  });
});
