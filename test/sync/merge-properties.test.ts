import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../src/sync/merge/content-hash.js';
import { type MergeEntry, mergeRecord } from '../../src/sync/merge/three-way-merge.js';
import { parsePath } from '../../src/mapping/path.js';

// Three-way merge over identity entries (FSM field `F<i>` ↔ finance field `f<i>`, values copied as
// they are): the claims hold for every base, every pair of edits and every policy answer.

const FIELDS = 4;
function entry(i: number, direction: 'both' | 'to_finance' | 'to_fsm'): MergeEntry {
  const path = (text: string) => {
    const segments = parsePath(text);
    if (!Array.isArray(segments)) throw new Error(segments.message);
    return { text, segments };
  };
  return { key: `F${i}|f${i}`, fsm: path(`F${i}`), finance: path(`f${i}`), toFinance: direction !== 'to_fsm', toFsm: direction !== 'to_finance' };
}

const value = fc.oneof(fc.constantFrom('a', 'b', 'c', ''), fc.constant(null), fc.integer({ min: 0, max: 3 }));
const side = fc.array(value, { minLength: FIELDS, maxLength: FIELDS });
const directions = fc.array(fc.constantFrom('both' as const, 'to_finance' as const, 'to_fsm' as const), { minLength: FIELDS, maxLength: FIELDS });

const fsmRecord = (values: unknown[]) => Object.fromEntries(values.map((v, i) => [`F${i}`, v]));
const financeRecord = (values: unknown[]) => Object.fromEntries(values.map((v, i) => [`f${i}`, v]));
const asFinance = (fsm: Record<string, unknown>) => Object.fromEntries(Object.entries(fsm).map(([k, v]) => [k.toLowerCase(), v]));
const asFsm = (finance: Record<string, unknown>) => Object.fromEntries(Object.entries(finance).map(([k, v]) => [k.toUpperCase(), v]));
const snapshot = (fields: Record<string, unknown>) => ({ hash: contentHash(fields), fields });

function apply(record: Record<string, unknown>, writes: Array<{ path: { text: string }; value: unknown }>): Record<string, unknown> {
  const out = { ...record };
  for (const w of writes) out[w.path.text] = w.value;
  return out;
}

const norm = (v: unknown) => (v === '' || v === undefined ? null : typeof v === 'number' ? String(v) : v);

describe('mergeRecord (three-way merge) properties', () => {
  it('after applying its writes, both sides agree on every two-way field not left in manual conflict, and merging again writes nothing', () => {
    fc.assert(fc.property(side, side, side, directions, fc.constantFrom('fsm' as const, 'finance' as const, 'manual' as const), (base, fsmValues, financeValues, dirs, answer) => {
      const entries = dirs.map((d, i) => entry(i, d));
      const baseFsm = fsmRecord(base);
      const input = (fsm: Record<string, unknown>, finance: Record<string, unknown>, b: { fsm: Record<string, unknown>; finance: Record<string, unknown> }) => ({
        entries,
        fsm,
        finance,
        base: { fsm: snapshot(b.fsm), finance: snapshot(b.finance) },
        noBase: new Set<string>(),
        fsmAsFinance: asFinance(fsm),
        financeAsFsm: asFsm(finance),
        recordWinner: 'fsm' as const,
        onConflict: () => answer,
      });
      const fsm = fsmRecord(fsmValues);
      const finance = financeRecord(financeValues);
      const result = mergeRecord(input(fsm, finance, { fsm: baseFsm, finance: asFinance(baseFsm) }));
      const fsmAfter = apply(fsm, result.toFsm);
      const financeAfter = apply(finance, result.toFinance);
      const manual = new Set(result.manual.map((e) => e.key));
      entries.forEach((e, i) => {
        const fsmChanged = norm(fsmValues[i]) !== norm(base[i]);
        const financeChanged = norm(financeValues[i]) !== norm(base[i]);
        if (manual.has(e.key)) return;
        if (e.toFinance && e.toFsm) expect(norm(fsmAfter[`F${i}`])).toBe(norm(financeAfter[`f${i}`]));
        // A value only changed on one side is never overwritten by the other side's unchanged one.
        if (fsmChanged && !financeChanged && e.toFinance) expect(norm(financeAfter[`f${i}`])).toBe(norm(fsmValues[i]));
        if (financeChanged && !fsmChanged && e.toFsm) expect(norm(fsmAfter[`F${i}`])).toBe(norm(financeValues[i]));
      });
      // Idempotence: with the merged state as the new base, a second merge writes nothing.
      const again = mergeRecord(input(fsmAfter, financeAfter, { fsm: fsmAfter, finance: financeAfter }));
      expect(again.toFsm).toEqual([]);
      expect(again.toFinance).toEqual([]);
    }), { numRuns: 400 });
  });

  it('without a base (first pairing), the winner\'s values win except that a blank never erases a value', () => {
    fc.assert(fc.property(side, side, fc.constantFrom('fsm' as const, 'finance' as const), (fsmValues, financeValues, winner) => {
      const entries = fsmValues.map((_, i) => entry(i, 'both'));
      const fsm = fsmRecord(fsmValues);
      const finance = financeRecord(financeValues);
      const result = mergeRecord({ entries, fsm, finance, base: undefined, noBase: new Set(), fsmAsFinance: asFinance(fsm), financeAsFsm: asFsm(finance), recordWinner: winner, onConflict: () => 'manual' });
      const fsmAfter = apply(fsm, result.toFsm);
      const financeAfter = apply(finance, result.toFinance);
      fsmValues.forEach((v, i) => {
        const w = winner === 'fsm' ? norm(v) : norm(financeValues[i]);
        const l = winner === 'fsm' ? norm(financeValues[i]) : norm(v);
        const expected = w === null ? l : w;
        expect(norm(fsmAfter[`F${i}`])).toBe(expected);
        expect(norm(financeAfter[`f${i}`])).toBe(expected);
      });
    }), { numRuns: 300 });
  });
});
