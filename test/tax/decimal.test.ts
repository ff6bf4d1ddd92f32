import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/tax/index.js';

const d = (value: string | number) => Decimal.from(value);

describe('Decimal', () => {
  it('adds 0.1 and 0.2 to exactly 0.3, where binary floats give 0.30000000000000004', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(d(0.1).plus(0.2).toString()).toBe('0.3');
    expect(d('0.1').plus('0.2').equals('0.3')).toBe(true);
  });

  it.each([
    ['20.630', '20.63'],
    ['-0.50', '-0.5'],
    ['.5', '0.5'],
    ['1e3', '1000'],
    ['1.5E-3', '0.0015'],
    ['+7', '7'],
    ['000012.3400', '12.34'],
  ])('reads %s as %s', (input, output) => {
    expect(d(input).toString()).toBe(output);
  });

  it.each(['', 'abc', '1,5', '12.3.4', '--1', 'NaN', '1e99999'])('refuses %j with a RangeError', (input) => {
    expect(() => Decimal.from(input)).toThrow(RangeError);
    expect(Decimal.tryFrom(input)).toBeUndefined();
  });

  it('refuses NaN and infinities', () => {
    expect(() => Decimal.from(Number.NaN)).toThrow(RangeError);
    expect(() => Decimal.from(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it.each([
    ['2.345', 2, 'half-up', '2.35'],
    ['-2.345', 2, 'half-up', '-2.35'],
    ['2.345', 2, 'half-even', '2.34'],
    ['2.355', 2, 'half-even', '2.36'],
    ['2.349', 2, 'down', '2.34'],
    ['2.341', 2, 'up', '2.35'],
    ['-2.341', 2, 'floor', '-2.35'],
    ['-2.349', 2, 'ceiling', '-2.34'],
  ] as const)('rounds %s to %i decimals %s → %s', (input, scale, mode, output) => {
    expect(d(input).round(scale, mode).toString()).toBe(output);
  });

  it('rounds to increments as Books does (20.63 → 21.00, 20.50, 20.75)', () => {
    expect(d('20.63').roundToIncrement(1).toFixed(2)).toBe('21.00');
    expect(d('20.63').roundToIncrement('0.5').toFixed(2)).toBe('20.50');
    expect(d('20.63').roundToIncrement('0.25').toFixed(2)).toBe('20.75');
    expect(() => d('1').roundToIncrement(0)).toThrow(RangeError);
  });

  it('divides to a chosen scale and refuses division by zero', () => {
    expect(d(1).dividedBy(3, { scale: 4 }).toString()).toBe('0.3333');
    expect(d(2).dividedBy(3, { scale: 2 }).toString()).toBe('0.67');
    expect(d('-1').dividedBy('8', { scale: 2, rounding: 'half-even' }).toString()).toBe('-0.12');
    expect(() => d(1).dividedBy(0, { scale: 2 })).toThrow(RangeError);
  });

  it('formats with toFixed, compares across scales and serialises as a string', () => {
    expect(d('1.4').toFixed(2)).toBe('1.40');
    expect(d('0.005').toFixed(2)).toBe('0.01');
    expect(d('1.50').compare('1.5')).toBe(0);
    expect(d('-3').compare('2')).toBe(-1);
    expect(JSON.stringify({ amount: d('36.40') })).toBe('{"amount":"36.4"}');
  });

  it('agrees with BigInt arithmetic on cents for every sum and product (property)', () => {
    const cents = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });
    fc.assert(
      fc.property(cents, cents, (a, b) => {
        const x = Decimal.of(a, 2);
        const y = Decimal.of(b, 2);
        expect(x.plus(y).equals(Decimal.of(a + b, 2))).toBe(true);
        expect(x.minus(y).plus(y).equals(x)).toBe(true);
        expect(x.times(y).equals(Decimal.of(a * b, 4))).toBe(true);
      }),
    );
  });

  it('reads every number by its shortest decimal form and prints it back (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), (n) => {
        expect(Number(Decimal.from(n).toString())).toBe(n === 0 ? 0 : n);
      }),
    );
  });
});
