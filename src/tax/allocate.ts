import { Decimal } from './decimal.js';
import { Fraction } from './fraction.js';

/**
 * Splits `total` (a value with `scale` decimals) into one amount per part, each with `scale`
 * decimals, so that the amounts add up to `total` exactly and each is as close to its exact part
 * as a cent allows (largest remainder method; ties go to the earlier part). The parts are the
 * exact, non-negative shares whose sum `total` is the rounding of.
 *
 * Why: a tax total rounded once must still equal the sum of the per-line taxes shown, or the
 * invoice does not add up.
 */
export function allocate(total: Decimal, parts: readonly Fraction[], scale: number): Decimal[] {
  const floors = parts.map((part) => part.round(scale, 'floor'));
  const unit = Decimal.of(1n, scale);
  const spare = floors.reduce((sum, floor) => sum.minus(floor), total);
  let extra = Number(spare.dividedBy(unit, { scale: 0, rounding: 'down' }).units);
  if (extra < 0 || extra > parts.length) {
    throw new RangeError(`Cannot split ${total.toString()} over parts summing to a different value (internal error).`);
  }
  const order = parts
    .map((part, index) => ({ index, remainder: part.minus(Fraction.of(floors[index] ?? Decimal.ZERO)) }))
    .sort((a, b) => b.remainder.compare(a.remainder) || a.index - b.index);
  const amounts = [...floors];
  for (const { index } of order) {
    if (extra === 0) break;
    amounts[index] = (amounts[index] ?? Decimal.ZERO).plus(unit);
    extra -= 1;
  }
  return amounts;
}
