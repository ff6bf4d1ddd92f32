import { ValidationError, type ValidationIssue } from '../errors/validation-error.js';
import { Decimal, type DecimalInput } from './decimal.js';

/** One tax on a line: a percentage, simple or compound (charged on the amount plus the line's simple taxes). */
export interface TotalsTax {
  /** Percent, e.g. `'4'` or `9.975`. */
  rate: DecimalInput;
  /** A compound tax is charged on the amount plus the line's simple taxes. Default false. */
  compound?: boolean;
  /** Groups the summary: taxes with the same id (or name, or rate) are added up. */
  id?: string;
  name?: string;
}

/**
 * A discount: an amount (`5`, `'5.00'`, `{ amount: 5 }`) or a percentage (`'10%'`, `{ percent: 10 }`),
 * as Books writes them (Zoho's Invoices API reference `discount`).
 */
export type DiscountInput = DecimalInput | { percent: DecimalInput } | { amount: DecimalInput };

/** One line of a document: unit price, quantity, an optional line discount and its taxes. */
export interface TotalsLine {
  /** Unit price; includes tax when the totals are `inclusive`. */
  rate: DecimalInput;
  /** Default 1. */
  quantity?: DecimalInput;
  /** Line-level discount (Books' "At Line Item Level"). */
  discount?: DiscountInput;
  /** The line's taxes (a tax group is its member taxes). None: not taxed. */
  taxes?: readonly TotalsTax[];
}

/** A transaction-level discount, applied before or after tax. */
export interface TransactionDiscount {
  value: DiscountInput;
  apply: 'before_tax' | 'after_tax';
}

/** How the total is rounded: Books' "Rounding off in Sales Transactions". */
export type TotalsRounding = 'none' | 'whole' | { increment: DecimalInput };

/** Options of `computeTotals`. */
export interface TotalsOptions {
  /** Prices include tax (Books' "Do you sell your items at rates inclusive of Tax?"). Default false. */
  inclusive?: boolean;
  /** A transaction-level discount. Zoho gives discounts at one level: not together with line discounts. */
  discount?: TransactionDiscount;
  /** Default `'none'`. */
  rounding?: TotalsRounding;
  /** Decimals of the currency: 2 by default, 3 for KWD, BHD and OMR. */
  precision?: number;
}

/** A discount read: a fixed amount or a percentage. */
export type ReadDiscount = { kind: 'amount'; value: Decimal } | { kind: 'percent'; value: Decimal };

/** A line read and checked. */
export interface ReadLine {
  gross: Decimal;
  discount: ReadDiscount | undefined;
  taxes: Array<{ rate: Decimal; compound: boolean; key: string; id: string | undefined; name: string | undefined }>;
}

/** Collects problems so one error lists all of them. */
export class IssueList {
  readonly issues: ValidationIssue[] = [];

  decimal(value: unknown, path: ReadonlyArray<string | number>, what: string, bounds: { min?: Decimal; max?: Decimal } = {}): Decimal | undefined {
    const parsed = Decimal.tryFrom(value);
    if (parsed === undefined) {
      this.issues.push({ path, message: `${what} must be a decimal number (a string like "12.50" or a finite number).` });
      return undefined;
    }
    if (bounds.min !== undefined && parsed.compare(bounds.min) < 0) this.issues.push({ path, message: `${what} must be at least ${bounds.min.toString()}; got ${parsed.toString()}.` });
    else if (bounds.max !== undefined && parsed.compare(bounds.max) > 0) this.issues.push({ path, message: `${what} must be at most ${bounds.max.toString()}; got ${parsed.toString()}.` });
    return parsed;
  }

  add(path: ReadonlyArray<string | number>, message: string): void {
    this.issues.push({ path, message });
  }

  throwIfAny(what: string): void {
    if (this.issues.length === 0) return;
    const first = this.issues[0];
    throw new ValidationError(`${what} is not valid: ${first?.message ?? ''}${this.issues.length > 1 ? ` (and ${this.issues.length - 1} more)` : ''}`, this.issues);
  }
}

/** Reads a discount; percentages must lie within 0–100. */
export function readDiscount(input: DiscountInput, path: ReadonlyArray<string | number>, list: IssueList): ReadDiscount | undefined {
  const bounds = { min: Decimal.ZERO };
  if (typeof input === 'object' && input !== null && !(input instanceof Decimal)) {
    if ('percent' in input) {
      const value = list.decimal(input.percent, [...path, 'percent'], 'A discount percentage', { ...bounds, max: Decimal.HUNDRED });
      return value && { kind: 'percent', value };
    }
    const value = list.decimal(input.amount, [...path, 'amount'], 'A discount amount', bounds);
    return value && { kind: 'amount', value };
  }
  if (typeof input === 'string' && input.trim().endsWith('%')) {
    const value = list.decimal(input.trim().slice(0, -1), path, 'A discount percentage', { ...bounds, max: Decimal.HUNDRED });
    return value && { kind: 'percent', value };
  }
  const value = list.decimal(input, path, 'A discount amount', bounds);
  return value && { kind: 'amount', value };
}

/** The discount's amount on `base`, rounded to the currency; an amount may not exceed the base. */
export function discountOn(discount: ReadDiscount | undefined, base: Decimal, precision: number, path: ReadonlyArray<string | number>, list: IssueList): Decimal {
  if (discount === undefined) return Decimal.ZERO;
  if (discount.kind === 'percent') return base.times(discount.value).dividedBy(100, { scale: precision });
  const amount = discount.value.round(precision);
  if (amount.compare(base) > 0) {
    list.add(path, `A discount of ${amount.toString()} is more than the ${base.toString()} it applies to.`);
    return base;
  }
  return amount;
}

/** Reads one line: the price times the quantity, rounded to the currency, and its taxes. */
export function readLine(line: TotalsLine, index: number, precision: number, list: IssueList): ReadLine {
  const path = ['lines', index];
  const positive = { min: Decimal.ZERO };
  const rate = list.decimal(line.rate, [...path, 'rate'], 'A line rate', positive) ?? Decimal.ZERO;
  const quantity = list.decimal(line.quantity ?? 1, [...path, 'quantity'], 'A quantity', positive) ?? Decimal.ZERO;
  const discount = line.discount === undefined ? undefined : readDiscount(line.discount, [...path, 'discount'], list);
  const taxes = (line.taxes ?? []).map((tax, t) => {
    const taxRate = list.decimal(tax.rate, [...path, 'taxes', t, 'rate'], 'A tax rate', positive) ?? Decimal.ZERO;
    const compound = tax.compound === true;
    const key = tax.id ?? tax.name ?? `${taxRate.toString()}%${compound ? ' compound' : ''}`;
    return { rate: taxRate, compound, key, id: tax.id, name: tax.name };
  });
  // Zoho shows a line's amount in the currency's decimals and adds up what it shows.
  return { gross: rate.times(quantity).round(precision), discount, taxes };
}
