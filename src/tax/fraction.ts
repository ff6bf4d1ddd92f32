import { Decimal, divideRounded, type DecimalInput, type RoundingMode } from './decimal.js';

// Exact rationals for the inside of a totals computation. Tax-inclusive prices and proportional
// discounts divide (price / 1.04, amount × (S − D) / S); keeping those quotients exact until the
// one rounding at the end is what makes the totals independent of line order and free of drift.

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/**
 * An exact fraction `num / den` (`den > 0`, always reduced). Internal to the tax module.
 *
 * @example
 * ```ts
 * Fraction.of('35').times(Fraction.of('0.04')).dividedBy(Fraction.of('1.04')).round(2).toString(); // '1.35'
 * ```
 */
export class Fraction {
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    const divisor = gcd(num, den) || 1n;
    const sign = den < 0n ? -1n : 1n;
    this.num = (sign * num) / divisor;
    this.den = (sign * den) / divisor;
  }

  static readonly ZERO = /* @__PURE__ */ new Fraction(0n, 1n);
  static readonly ONE = /* @__PURE__ */ new Fraction(1n, 1n);

  /** The exact value of a decimal. */
  static of(value: DecimalInput): Fraction {
    const d = Decimal.from(value);
    return new Fraction(d.units, 10n ** BigInt(d.scale));
  }

  plus(other: Fraction): Fraction {
    return new Fraction(this.num * other.den + other.num * this.den, this.den * other.den);
  }

  minus(other: Fraction): Fraction {
    return new Fraction(this.num * other.den - other.num * this.den, this.den * other.den);
  }

  times(other: Fraction): Fraction {
    return new Fraction(this.num * other.num, this.den * other.den);
  }

  /** Throws a `RangeError` on division by zero. */
  dividedBy(other: Fraction): Fraction {
    if (other.num === 0n) throw new RangeError('Division by zero.');
    return new Fraction(this.num * other.den, this.den * other.num);
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  /** -1, 0 or 1 as this is less than, equal to or greater than `other`. */
  compare(other: Fraction): -1 | 0 | 1 {
    const x = this.num * other.den;
    const y = other.num * this.den;
    return x < y ? -1 : x > y ? 1 : 0;
  }

  /** The value rounded to `scale` decimals (default `half-up`). */
  round(scale: number, mode: RoundingMode = 'half-up'): Decimal {
    return Decimal.of(divideRounded(this.num * 10n ** BigInt(scale), this.den, mode), scale);
  }
}
