import { allocate } from './allocate.js';
import { Decimal } from './decimal.js';
import { Fraction } from './fraction.js';
import { discountOn, IssueList, readDiscount, readLine, type ReadLine, type TotalsLine, type TotalsOptions } from './totals-input.js';

export type { DiscountInput, TotalsLine, TotalsOptions, TotalsRounding, TotalsTax, TransactionDiscount } from './totals-input.js';

/** One tax of the summary: all lines' amounts of that tax, rounded once. */
export interface TotalsTaxSummary {
  /** The tax's id, else its name, else its rate (`'4%'`). */
  key: string;
  id: string | undefined;
  name: string | undefined;
  rate: string;
  compound: boolean;
  amount: string;
}

/** One line of the result. All amounts are strings with the currency's decimals. */
export interface TotalsLineResult {
  /** Price × quantity − line discount (what the Sub Total adds up). */
  amount: string;
  /** The line discount. */
  lineDiscount: string;
  /** This line's share of the transaction discount. */
  discount: string;
  /** This line's tax (its share of each rounded tax total). */
  tax: string;
  /** `amount − discount + tax` (tax-exclusive) or `amount − discount` (inclusive). */
  total: string;
}

/** What `computeTotals` returns. The lines' totals add up to `total − roundingAdjustment` exactly. */
export interface TotalsResult {
  lines: TotalsLineResult[];
  /** Sum of the line amounts (tax included when inclusive). */
  subTotal: string;
  /** The transaction discount. */
  discount: string;
  taxes: TotalsTaxSummary[];
  taxTotal: string;
  /** What rounding added to (or took from) the total: Books' "Rounding Off" line. */
  roundingAdjustment: string;
  total: string;
}

const HUNDRED = /* @__PURE__ */ Fraction.of(100);
const sum = (values: readonly Decimal[]): Decimal => values.reduce((a, b) => a.plus(b), Decimal.ZERO);

/**
 * The totals of an invoice, estimate or work order as Zoho computes them:
 * tax-exclusive prices get tax on top, tax-inclusive prices have it taken out (`price × r/(1+r)`);
 * line discounts, or one transaction discount before or after tax; compound taxes charged on the
 * amount plus the simple taxes; then the total rounded as Books' rounding setting says. Exact
 * decimal arithmetic throughout, each tax rounded once to the currency's decimals.
 *
 * Throws a `ValidationError` (`INVALID_INPUT`) listing every bad input.
 *
 * @example
 * ```ts
 * const lines = [20, 10, 5].map((rate) => ({ rate, taxes: [{ rate: 4, name: 'Tax' }] }));
 * computeTotals(lines);                     // subTotal '35.00', taxTotal '1.40', total '36.40'
 * computeTotals(lines, { inclusive: true }); // subTotal '35.00', taxTotal '1.35', total '35.00'
 * computeTotals([{ rate: '20.63' }], { rounding: { increment: '0.25' } }).total; // '20.75'
 * ```
 */
export function computeTotals(lines: readonly TotalsLine[], options: TotalsOptions = {}): TotalsResult {
  const list = new IssueList();
  const precision = options.precision ?? 2;
  if (!Number.isInteger(precision) || precision < 0 || precision > 6) list.add(['precision'], `precision must be an integer from 0 to 6; got ${String(precision)}.`);
  const p = Math.min(Math.max(Number.isInteger(precision) ? precision : 2, 0), 6);
  const read = lines.map((line, index) => readLine(line, index, p, list));
  const transaction = options.discount === undefined ? undefined : readDiscount(options.discount.value, ['discount', 'value'], list);
  if (transaction !== undefined && read.some((line) => line.discount !== undefined)) {
    list.add(['discount'], 'Zoho gives discounts at one level: use line discounts or a transaction discount, not both.');
  }
  const increment = roundingIncrement(options.rounding, list);
  list.throwIfAny('The totals input');

  const lineDiscounts = read.map((line, i) => discountOn(line.discount, line.gross, p, ['lines', i, 'discount'], list));
  const amounts = read.map((line, i) => line.gross.minus(lineDiscounts[i] ?? Decimal.ZERO));
  const subTotal = sum(amounts);
  const beforeTax = options.discount?.apply === 'before_tax';
  const discountBeforeTax = beforeTax ? discountOn(transaction, subTotal, p, ['discount', 'value'], list) : Decimal.ZERO;
  list.throwIfAny('The totals input');

  // A before-tax discount lowers every line's taxable amount in proportion to its amount.
  const share = subTotal.isZero() ? Fraction.ONE : Fraction.of(subTotal.minus(discountBeforeTax)).dividedBy(Fraction.of(subTotal));
  const taxes = taxParts(read, amounts, share, options.inclusive === true);
  const summaries = [...taxes.values()].map((tax) => ({ ...tax, rounded: tax.parts.reduce((a, b) => a.plus(b), Fraction.ZERO).round(p) }));
  const lineTaxes = read.map(() => Decimal.ZERO);
  for (const tax of summaries) {
    allocate(tax.rounded, tax.parts, p).forEach((amount, i) => (lineTaxes[i] = (lineTaxes[i] ?? Decimal.ZERO).plus(amount)));
  }
  const taxTotal = sum(summaries.map((tax) => tax.rounded));

  const exclusive = options.inclusive !== true;
  const weights = amounts.map((amount, i) => (exclusive && !beforeTax ? amount.plus(lineTaxes[i] ?? Decimal.ZERO) : amount));
  const discountBase = sum(weights);
  const discount = beforeTax ? discountBeforeTax : discountOn(transaction, discountBase, p, ['discount', 'value'], list);
  list.throwIfAny('The totals input');
  const shares = discountBase.isZero()
    ? weights.map(() => Decimal.ZERO)
    : allocate(discount, weights.map((w) => Fraction.of(discount).times(Fraction.of(w)).dividedBy(Fraction.of(discountBase))), p);

  const lineTotals = amounts.map((amount, i) => amount.minus(shares[i] ?? Decimal.ZERO).plus(exclusive ? (lineTaxes[i] ?? Decimal.ZERO) : Decimal.ZERO));
  const unrounded = sum(lineTotals);
  const total = increment === undefined ? unrounded : unrounded.roundToIncrement(increment);
  const fixed = (value: Decimal): string => value.toFixed(p);
  return {
    lines: amounts.map((amount, i) => ({
      amount: fixed(amount),
      lineDiscount: fixed(lineDiscounts[i] ?? Decimal.ZERO),
      discount: fixed(shares[i] ?? Decimal.ZERO),
      tax: fixed(lineTaxes[i] ?? Decimal.ZERO),
      total: fixed(lineTotals[i] ?? Decimal.ZERO),
    })),
    subTotal: fixed(subTotal),
    discount: fixed(discount),
    taxes: summaries.map((tax) => ({ key: tax.key, id: tax.id, name: tax.name, rate: tax.rate.toString(), compound: tax.compound, amount: fixed(tax.rounded) })),
    taxTotal: fixed(taxTotal),
    roundingAdjustment: fixed(total.minus(unrounded)),
    total: fixed(total),
  };
}

interface TaxParts {
  key: string;
  id: string | undefined;
  name: string | undefined;
  rate: Decimal;
  compound: boolean;
  /** The exact amount of this tax on each line (zero where the line does not carry it). */
  parts: Fraction[];
}

/** Each tax's exact amount per line. Simple taxes apply to the net amount, compound ones to net + simple taxes. */
function taxParts(read: readonly ReadLine[], amounts: readonly Decimal[], share: Fraction, inclusive: boolean): Map<string, TaxParts> {
  const byKey = new Map<string, TaxParts>();
  read.forEach((line, i) => {
    const simple = line.taxes.filter((t) => !t.compound).reduce((a, t) => a.plus(Fraction.of(t.rate).dividedBy(HUNDRED)), Fraction.ZERO);
    const compound = line.taxes.filter((t) => t.compound).reduce((a, t) => a.plus(Fraction.of(t.rate).dividedBy(HUNDRED)), Fraction.ZERO);
    const taxable = Fraction.of(amounts[i] ?? Decimal.ZERO).times(share);
    // Inclusive: price = net × (1 + simple) × (1 + compound), so the net is the price divided by both.
    const net = inclusive ? taxable.dividedBy(Fraction.ONE.plus(simple).times(Fraction.ONE.plus(compound))) : taxable;
    for (const tax of line.taxes) {
      const base = tax.compound ? net.times(Fraction.ONE.plus(simple)) : net;
      const entry = byKey.get(tax.key) ?? { key: tax.key, id: tax.id, name: tax.name, rate: tax.rate, compound: tax.compound, parts: read.map(() => Fraction.ZERO) };
      entry.parts[i] = (entry.parts[i] ?? Fraction.ZERO).plus(base.times(Fraction.of(tax.rate)).dividedBy(HUNDRED));
      byKey.set(tax.key, entry);
    }
  });
  return byKey;
}

function roundingIncrement(rounding: TotalsOptions['rounding'], list: IssueList): Decimal | undefined {
  if (rounding === undefined || rounding === 'none') return undefined;
  if (rounding === 'whole') return Decimal.ONE;
  if (typeof rounding === 'object' && rounding !== null && 'increment' in rounding) {
    const increment = list.decimal(rounding.increment, ['rounding', 'increment'], 'A rounding increment', { min: Decimal.ZERO });
    if (increment?.isZero()) list.add(['rounding', 'increment'], 'A rounding increment must be more than 0.');
    return increment;
  }
  list.add(['rounding'], `rounding must be 'none', 'whole' or { increment }; got ${JSON.stringify(rounding)}.`);
  return undefined;
}
