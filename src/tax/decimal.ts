// Money and tax rates as exact decimals: an integer number of units (a BigInt) and a scale (how many
// of the digits are decimals). Binary floats cannot hold 0.1 exactly, so sums of prices drift;
// these never do. Only rounding, which is always explicit, changes a value.

/**
 * How a value is rounded to fewer decimals. `half-up` rounds ties away from zero (2.345 → 2.35),
 * the commercial rule Zoho's totals follow; `half-even` is banker's rounding; `down` truncates
 * toward zero, `up` away from zero; `floor` and `ceiling` go toward −∞ and +∞.
 */
export type RoundingMode = 'half-up' | 'half-even' | 'down' | 'up' | 'floor' | 'ceiling';

/** What {@link Decimal.from} accepts: a Decimal, a decimal string (`'20.63'`, `'1e-3'`), a finite number or a BigInt. */
export type DecimalInput = Decimal | string | number | bigint;

const PATTERN = /^([+-])?(\d+)?(?:\.(\d*))?(?:e([+-]?\d+))?$/i;
// Bounds the work a hostile input can cause: 10^1000 is far beyond any amount or rate.
const MAX_EXPONENT = 1000;

const TEN = 10n;
const pow10 = (n: number): bigint => TEN ** BigInt(n);

/**
 * `n / d` rounded to an integer by `mode` (`d` is positive). The one rounding primitive: Decimal
 * and Fraction both round through it.
 */
export function divideRounded(n: bigint, d: bigint, mode: RoundingMode): bigint {
  const q = n / d; // truncates toward zero
  const r = n % d;
  if (r === 0n) return q;
  const sign = n < 0n ? -1n : 1n;
  const twice = (r < 0n ? -r : r) * 2n;
  switch (mode) {
    case 'down': return q;
    case 'up': return q + sign;
    case 'floor': return sign < 0n ? q - 1n : q;
    case 'ceiling': return sign > 0n ? q + 1n : q;
    case 'half-up': return twice >= d ? q + sign : q;
    case 'half-even': return twice > d || (twice === d && q % 2n !== 0n) ? q + sign : q;
  }
}

/**
 * An exact decimal number. Immutable; every operation returns a new value. Addition,
 * subtraction and multiplication are exact; division and rounding take an explicit scale and mode.
 *
 * @example
 * ```ts
 * Decimal.from('0.1').plus('0.2').toString();          // '0.3'
 * Decimal.from('20.63').round(0).toFixed(2);           // '21.00'
 * Decimal.from('35').times('0.04').toFixed(2);         // '1.40'
 * Decimal.from(1).dividedBy(3, { scale: 4 }).toString(); // '0.3333'
 * ```
 */
export class Decimal {
  /** The value times 10^scale. */
  readonly units: bigint;
  /** Number of decimals held by `units`. */
  readonly scale: number;

  private constructor(units: bigint, scale: number) {
    this.units = units;
    this.scale = scale;
  }

  static readonly ZERO = /* @__PURE__ */ new Decimal(0n, 0);
  static readonly ONE = /* @__PURE__ */ new Decimal(1n, 0);
  static readonly HUNDRED = /* @__PURE__ */ new Decimal(100n, 0);

  /** `units / 10^scale`, e.g. `Decimal.of(1999n, 2)` is 19.99. */
  static of(units: bigint, scale = 0): Decimal {
    if (!Number.isSafeInteger(scale) || scale < 0) throw new RangeError(`A decimal scale must be a non-negative integer; got ${scale}.`);
    return new Decimal(units, scale).normalized();
  }

  /**
   * Reads a decimal. A number is read by its shortest round-trip form (`0.1` is 0.1, not
   * 0.1000000000000000055…), so pass strings where you have them. Throws a `RangeError` on
   * `NaN`, infinities and text that is not a plain decimal.
   */
  static from(value: DecimalInput): Decimal {
    if (value instanceof Decimal) return value;
    if (typeof value === 'bigint') return new Decimal(value, 0);
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new RangeError(`Expected a finite number; got ${value}.`);
      return Decimal.parse(String(value));
    }
    if (typeof value === 'string') return Decimal.parse(value);
    throw new RangeError(`Expected a decimal string, number or BigInt; got ${typeof value}.`);
  }

  /** Like {@link Decimal.from}, but `undefined` for anything it would refuse. */
  static tryFrom(value: unknown): Decimal | undefined {
    if (!(value instanceof Decimal) && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') return undefined;
    try {
      return Decimal.from(value);
    } catch {
      return undefined;
    }
  }

  private static parse(text: string): Decimal {
    const match = PATTERN.exec(text.trim());
    const [, sign, whole = '', fraction = '', exponentText] = match ?? [];
    if (!match || (whole === '' && fraction === '')) throw new RangeError(`Expected a decimal like "12.50"; got ${JSON.stringify(text.slice(0, 40))}.`);
    const exponent = exponentText === undefined ? 0 : Number(exponentText);
    if (Math.abs(exponent) > MAX_EXPONENT) throw new RangeError(`The exponent of ${JSON.stringify(text.slice(0, 40))} is out of range.`);
    let units = BigInt(`${whole}${fraction}` || '0');
    let scale = fraction.length - exponent;
    if (scale < 0) {
      units *= pow10(-scale);
      scale = 0;
    }
    return new Decimal(sign === '-' ? -units : units, scale).normalized();
  }

  /** The same value with trailing zero decimals dropped (`1.500` → `1.5`). */
  private normalized(): Decimal {
    let { units, scale } = this;
    while (scale > 0 && units % TEN === 0n) {
      units /= TEN;
      scale -= 1;
    }
    return units === this.units ? this : new Decimal(units, scale);
  }

  /** `units` expressed at a larger `scale`. */
  private unitsAt(scale: number): bigint {
    return this.units * pow10(scale - this.scale);
  }

  /** `this + other`, exact. */
  plus(other: DecimalInput): Decimal {
    const b = Decimal.from(other);
    const scale = Math.max(this.scale, b.scale);
    return new Decimal(this.unitsAt(scale) + b.unitsAt(scale), scale).normalized();
  }

  /** `this − other`, exact. */
  minus(other: DecimalInput): Decimal {
    return this.plus(Decimal.from(other).negate());
  }

  /** `this × other`, exact (the scales add up). */
  times(other: DecimalInput): Decimal {
    const b = Decimal.from(other);
    return new Decimal(this.units * b.units, this.scale + b.scale).normalized();
  }

  /** `this / other`, rounded to `scale` decimals (default `half-up`). Throws a `RangeError` on division by zero. */
  dividedBy(other: DecimalInput, options: { scale: number; rounding?: RoundingMode }): Decimal {
    const b = Decimal.from(other);
    if (b.units === 0n) throw new RangeError('Division by zero.');
    // this / b = (this.units / 10^s1) / (b.units / 10^s2); scale the numerator so the quotient has `scale` decimals.
    let n = this.units * pow10(options.scale + b.scale);
    let d = b.units * pow10(this.scale);
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    return new Decimal(divideRounded(n, d, options.rounding ?? 'half-up'), options.scale).normalized();
  }

  negate(): Decimal {
    return new Decimal(-this.units, this.scale);
  }

  abs(): Decimal {
    return this.units < 0n ? this.negate() : this;
  }

  /** Rounded to `scale` decimals (default mode `half-up`). */
  round(scale: number, mode: RoundingMode = 'half-up'): Decimal {
    if (scale >= this.scale) return this;
    return new Decimal(divideRounded(this.units, pow10(this.scale - scale), mode), scale).normalized();
  }

  /**
   * Rounded to the nearest multiple of `increment` (as Books rounds: 20.63 at 0.5 → 20.50,
   * at 0.25 → 20.75). Throws a `RangeError` unless the increment is positive.
   */
  roundToIncrement(increment: DecimalInput, mode: RoundingMode = 'half-up'): Decimal {
    const step = Decimal.from(increment);
    if (step.units <= 0n) throw new RangeError(`A rounding increment must be positive; got ${step.toString()}.`);
    return this.dividedBy(step, { scale: 0, rounding: mode }).times(step);
  }

  /** -1, 0 or 1 as this is less than, equal to or greater than `other`. */
  compare(other: DecimalInput): -1 | 0 | 1 {
    const b = Decimal.from(other);
    const scale = Math.max(this.scale, b.scale);
    const x = this.unitsAt(scale);
    const y = b.unitsAt(scale);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  equals(other: DecimalInput): boolean {
    return this.compare(other) === 0;
  }

  isZero(): boolean {
    return this.units === 0n;
  }

  isNegative(): boolean {
    return this.units < 0n;
  }

  /** The shortest exact form: `'1.5'`, `'-0.25'`, `'35'`. */
  toString(): string {
    return format(this.units, this.scale);
  }

  /** Exactly `scale` decimals, rounding if needed (default `half-up`): `Decimal.from('1.4').toFixed(2)` is `'1.40'`. */
  toFixed(scale: number, mode: RoundingMode = 'half-up'): string {
    const rounded = this.round(scale, mode);
    return format(rounded.unitsAt(scale), scale);
  }

  /** JSON form: the string, so no precision is lost on the way. */
  toJSON(): string {
    return this.toString();
  }
}

function format(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}
