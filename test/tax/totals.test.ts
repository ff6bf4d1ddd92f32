import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validation-error.js';
import { computeTotals, Decimal, type TotalsLine, type TotalsOptions, type TotalsRounding } from '../../src/tax/index.js';

const at4 = (rates: number[]): TotalsLine[] => rates.map((rate) => ({ rate, taxes: [{ rate: 4, name: 'Tax' }] }));
const sum = (values: string[]) => values.reduce((a, b) => a.plus(b), Decimal.ZERO);

describe('computeTotals: the documented examples', () => {
  it('tax-exclusive 20, 10, 5 at 4%: lines 20.80/10.40/5.20, sub total 35, tax 1.40, total 36.40 (the page’s 36.5 is a slip)', () => {
    const result = computeTotals(at4([20, 10, 5]));
    expect(result.lines.map((l) => l.total)).toEqual(['20.80', '10.40', '5.20']);
    expect(result).toMatchObject({ subTotal: '35.00', taxTotal: '1.40', total: '36.40', discount: '0.00', roundingAdjustment: '0.00' });
    expect(result.taxes).toEqual([{ key: 'Tax', id: undefined, name: 'Tax', rate: '4', compound: false, amount: '1.40' }]);
  });

  it('tax-inclusive 20, 10, 5 at 4%: tax = price × r/(1+r) (0.769 + 0.385 + 0.192), total tax 1.35, total 35.00', () => {
    const result = computeTotals(at4([20, 10, 5]), { inclusive: true });
    expect(result).toMatchObject({ subTotal: '35.00', taxTotal: '1.35', total: '35.00' });
    // Each line's tax is its share of the rounded 1.35, closest to the exact 0.7692…, 0.3846…, 0.1923….
    expect(result.lines.map((l) => l.tax)).toEqual(['0.77', '0.39', '0.19']);
  });

  it.each([
    ['none', '20.63', '0.00'],
    ['whole', '21.00', '0.37'],
    [{ increment: '0.5' }, '20.50', '-0.13'],
    [{ increment: '0.25' }, '20.75', '0.12'],
  ] as const)('rounding %j turns 20.63 into %s (adjustment %s)', (rounding, total, adjustment) => {
    expect(computeTotals([{ rate: '20.63' }], { rounding })).toMatchObject({ total, roundingAdjustment: adjustment });
  });
});

describe('computeTotals: discounts, compound taxes, groups, precision', () => {
  it('applies a line discount by amount and by percentage before the line’s tax', () => {
    const result = computeTotals([
      { rate: 100, quantity: 2, discount: '10%', taxes: [{ rate: 10 }] },
      { rate: 50, discount: { amount: 5 }, taxes: [{ rate: 10 }] },
    ]);
    expect(result.lines.map((l) => [l.lineDiscount, l.amount, l.tax, l.total])).toEqual([
      ['20.00', '180.00', '18.00', '198.00'],
      ['5.00', '45.00', '4.50', '49.50'],
    ]);
    expect(result).toMatchObject({ subTotal: '225.00', taxTotal: '22.50', total: '247.50' });
  });

  it('a transaction discount before tax lowers the taxable amount; after tax it comes off the taxed total', () => {
    const before = computeTotals(at4([20, 10, 5]), { discount: { value: '10%', apply: 'before_tax' } });
    expect(before).toMatchObject({ subTotal: '35.00', discount: '3.50', taxTotal: '1.26', total: '32.76' });
    const after = computeTotals(at4([20, 10, 5]), { discount: { value: '10%', apply: 'after_tax' } });
    expect(after).toMatchObject({ subTotal: '35.00', taxTotal: '1.40', discount: '3.64', total: '32.76' });
    const fixed = computeTotals(at4([20, 10, 5]), { discount: { value: 5, apply: 'after_tax' } });
    expect(fixed).toMatchObject({ discount: '5.00', total: '31.40' });
    expect(sum(fixed.lines.map((l) => l.discount)).toFixed(2)).toBe('5.00');
  });

  it('with inclusive prices a discount before tax shrinks the tax inside the price', () => {
    const result = computeTotals([{ rate: 104, taxes: [{ rate: 4 }] }], { inclusive: true, discount: { value: '52', apply: 'before_tax' } });
    expect(result).toMatchObject({ subTotal: '104.00', discount: '52.00', taxTotal: '2.00', total: '52.00' });
  });

  it('charges a compound tax on the amount plus the simple taxes (GST 5% + PST 10% compound on 100 = 115.50)', () => {
    const taxes = [{ rate: 5, name: 'GST' }, { rate: 10, name: 'PST', compound: true }];
    const exclusive = computeTotals([{ rate: 100, taxes }]);
    expect(exclusive.taxes.map((t) => [t.name, t.amount])).toEqual([['GST', '5.00'], ['PST', '10.50']]);
    expect(exclusive.total).toBe('115.50');
    const inclusive = computeTotals([{ rate: '115.50', taxes }], { inclusive: true });
    expect(inclusive.taxes.map((t) => t.amount)).toEqual(['5.00', '10.50']);
    expect(inclusive.total).toBe('115.50');
  });

  it('adds up a group’s member taxes by id across lines (CGST 9% + SGST 9%)', () => {
    const gst18 = [{ id: 'cgst9', name: 'CGST9', rate: 9 }, { id: 'sgst9', name: 'SGST9', rate: 9 }];
    const result = computeTotals([{ rate: 1000, quantity: 2, taxes: gst18 }, { rate: '333.33', taxes: gst18 }]);
    expect(result.taxes.map((t) => [t.key, t.amount])).toEqual([['cgst9', '210.00'], ['sgst9', '210.00']]);
    expect(result).toMatchObject({ subTotal: '2333.33', taxTotal: '420.00', total: '2753.33' });
  });

  it('keeps three decimals for a three-decimal currency (KWD, BHD, OMR)', () => {
    expect(computeTotals([{ rate: '1.2345', taxes: [{ rate: 5 }] }], { precision: 3 })).toMatchObject({ subTotal: '1.235', taxTotal: '0.062', total: '1.297' });
  });

  it('lists every bad input in one ValidationError', () => {
    const lines: TotalsLine[] = [{ rate: -1 }, { rate: 'ten' }, { rate: 5, discount: '150%' }, { rate: 5, taxes: [{ rate: 'x' }] }];
    const error = (() => {
      try {
        computeTotals(lines, { rounding: { increment: 0 }, precision: 9 });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path.join('.'))).toEqual([
      'precision', 'lines.0.rate', 'lines.1.rate', 'lines.2.discount', 'lines.3.taxes.0.rate', 'rounding.increment',
    ]);
  });

  it('refuses line discounts together with a transaction discount, and a discount larger than the amount', () => {
    expect(() => computeTotals([{ rate: 5, discount: 1 }], { discount: { value: 1, apply: 'before_tax' } })).toThrow(/one level/);
    expect(() => computeTotals([{ rate: 5, discount: 6 }])).toThrow(ValidationError);
    expect(() => computeTotals([{ rate: 5 }], { discount: { value: 6, apply: 'before_tax' } })).toThrow(/more than/);
  });
});

describe('computeTotals: properties (fast-check)', () => {
  const money = fc.bigInt({ min: 0n, max: 10_000_000n }).map((cents) => Decimal.of(cents, 2).toString());
  const rate = fc.constantFrom('0', '2.5', '4', '5', '7.25', '9', '9.975', '12', '15', '18', '20');
  const tax = fc.record({ rate, compound: fc.boolean(), id: fc.constantFrom('a', 'b', 'c', 'd') });
  const line = fc.record({
    rate: money,
    quantity: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constantFrom('0.5', '1.25', '2.333')),
    taxes: fc.uniqueArray(tax, { selector: (t) => t.id, maxLength: 3 }),
  });
  const options: fc.Arbitrary<TotalsOptions> = fc.record({
    inclusive: fc.boolean(),
    rounding: fc.constantFrom<TotalsRounding>('none', 'whole', { increment: '0.25' }, { increment: '0.05' }),
    discount: fc.option(fc.record({ value: fc.constantFrom('0%', '5%', '12.5%', '100%'), apply: fc.constantFrom('before_tax' as const, 'after_tax' as const) }), { nil: undefined }),
  }).map(({ discount, ...rest }): TotalsOptions => (discount === undefined ? rest : { ...rest, discount }));

  it('the lines add up: Σ amounts = sub total, Σ line taxes = Σ tax summaries = tax total, Σ line totals = total − rounding', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), options, (lines, opts) => {
        const r = computeTotals(lines, opts);
        expect(sum(r.lines.map((l) => l.amount)).toFixed(2)).toBe(r.subTotal);
        expect(sum(r.lines.map((l) => l.tax)).toFixed(2)).toBe(r.taxTotal);
        expect(sum(r.taxes.map((t) => t.amount)).toFixed(2)).toBe(r.taxTotal);
        expect(sum(r.lines.map((l) => l.discount)).toFixed(2)).toBe(r.discount);
        expect(sum(r.lines.map((l) => l.total)).plus(r.roundingAdjustment).toFixed(2)).toBe(r.total);
        const expected = Decimal.from(r.subTotal).minus(r.discount).plus(opts.inclusive ? 0 : r.taxTotal).plus(r.roundingAdjustment);
        expect(expected.toFixed(2)).toBe(r.total);
      }),
      { numRuns: 300 },
    );
  });

  it('the order of the lines changes no total', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 2, maxLength: 6 }), options, fc.integer(), (lines, opts, seed) => {
        const shuffled = [...lines].sort((a, b) => ((a.rate.length * 31 + seed) % 7) - ((b.rate.length * 31 + seed) % 7)).reverse();
        const a = computeTotals(lines, opts);
        const b = computeTotals(shuffled, opts);
        expect([b.subTotal, b.discount, b.taxTotal, b.total]).toEqual([a.subTotal, a.discount, a.taxTotal, a.total]);
      }),
      { numRuns: 200 },
    );
  });

  it('each simple tax-exclusive tax is its exact amount rounded once: never off by more than half a cent', () => {
    const simple = fc.record({ rate: money, quantity: fc.integer({ min: 1, max: 9 }), taxes: fc.constant([{ rate: '9.975', id: 'qst' }]) });
    fc.assert(
      fc.property(fc.array(simple, { minLength: 1, maxLength: 20 }), (lines) => {
        const exact = lines.reduce((s, l) => s.plus(Decimal.from(l.rate).times(l.quantity).round(2).times('0.09975')), Decimal.ZERO);
        const tax = computeTotals(lines).taxes[0]?.amount ?? '0';
        expect(Decimal.from(tax).minus(exact).abs().compare('0.005')).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('has no binary drift: a thousand lines of 0.10 at 0% total exactly 100.00', () => {
    expect(computeTotals(Array.from({ length: 1000 }, () => ({ rate: 0.1 }))).total).toBe('100.00');
  });
});
