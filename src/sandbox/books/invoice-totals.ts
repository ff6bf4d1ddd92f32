import { ValidationError } from '../../errors/validation-error.js';
import { computeTotals, type TotalsLine, type TotalsOptions, type TotalsTax } from '../../tax/totals.js';
import type { FinanceOrgState } from '../org-state.js';
import { isObject } from '../request-body.js';
import { findTax, type TaxRef } from './tax-model.js';

/** Currencies with three decimals (the rest of the sandbox's editions use two). */
const THREE_DECIMALS = new Set(['KWD', 'BHD', 'OMR']);

/** Decimals of an org's currency: Books' `price_precision`. */
export function pricePrecision(org: FinanceOrgState): number {
  return THREE_DECIMALS.has(org.currency.code) ? 3 : 2;
}

/** One priced line of an invoice. */
export interface InvoiceLineTotals {
  /** Rate × quantity − line discount: Books' `item_total`. */
  itemTotal: number;
  /** The line discount as an amount: `discount_amount`. */
  discountAmount: number;
}

/** Totals of an invoice, as Books shows them. */
export interface InvoiceTotals {
  lines: InvoiceLineTotals[];
  subTotal: number;
  /** The entity-level discount as an amount (0 with line discounts). */
  discountAmount: number;
  taxTotal: number;
  taxes: Array<{ tax_name: string; tax_amount: number }>;
  /** What the org's rounding added to (or took from) the total. */
  roundOff: number;
  /** The invoice's own `adjustment`, added after rounding. */
  adjustment: number;
  total: number;
}

/** Why the totals cannot be computed: the field to name in Zoho's "invalid value" reply. */
export interface InvoiceTotalsProblem {
  field: string;
}

const isDiscount = (value: unknown): boolean => value !== undefined && value !== null && value !== '' && value !== 0 && value !== '0';

/**
 * `discount_type` as Books reads it: as given, else `entity_level` when the invoice has a discount
 * and no line has one (a sandbox reading: the description does not say which level applies then).
 */
export function discountLevel(data: Record<string, unknown>, lines: ReadonlyArray<Record<string, unknown>>): 'entity_level' | 'item_level' {
  if (data.discount_type === 'entity_level' || data.discount_type === 'item_level') return data.discount_type;
  return isDiscount(data.discount) && !lines.some((l) => isDiscount(l.discount)) ? 'entity_level' : 'item_level';
}

function memberTaxes(org: FinanceOrgState, tax: TaxRef | undefined): TotalsTax[] {
  // A tax group is its member taxes; a compound member is charged on the amount plus the simple ones.
  return (tax?.members ?? []).map((m) => ({ id: m.id, name: m.name, rate: m.percentage, compound: org.tables.taxes.get(m.id)?.data.tax_type === 'compound_tax' }));
}

/**
 * The totals of an invoice's stored data, computed by the SDK's own `computeTotals` (exact
 * decimals): line or entity-level discounts before or after tax, tax-inclusive rates, tax groups
 * as their member taxes, then the org's rounding of the total and the invoice's `adjustment`.
 */
export function invoiceTotals(org: FinanceOrgState, data: Record<string, unknown>): InvoiceTotals | InvoiceTotalsProblem {
  const stored = (Array.isArray(data.line_items) ? data.line_items : []).filter(isObject);
  const level = discountLevel(data, stored);
  const lines: TotalsLine[] = stored.map((line) => ({
    rate: Number(line.rate ?? 0),
    quantity: Number(line.quantity ?? 1),
    ...(level === 'item_level' && isDiscount(line.discount) ? { discount: line.discount as string | number } : {}),
    taxes: memberTaxes(org, typeof line.tax_id === 'string' && line.tax_id !== '' ? findTax(org, line.tax_id) : undefined),
  }));
  const precision = pricePrecision(org);
  const options: TotalsOptions = { inclusive: data.is_inclusive_tax === true, rounding: org.rounding, precision };
  if (level === 'entity_level' && isDiscount(data.discount)) {
    options.discount = { value: data.discount as string | number, apply: data.is_discount_before_tax === false ? 'after_tax' : 'before_tax' };
  }
  const adjustment = data.adjustment === undefined || data.adjustment === null || data.adjustment === '' ? 0 : Number(data.adjustment);
  if (!Number.isFinite(adjustment)) return { field: 'adjustment' };
  try {
    const totals = computeTotals(lines, options);
    const number = (text: string) => Number(text);
    return {
      lines: totals.lines.map((line) => ({ itemTotal: number(line.amount), discountAmount: number(line.lineDiscount) })),
      subTotal: number(totals.subTotal),
      discountAmount: number(totals.discount),
      taxTotal: number(totals.taxTotal),
      taxes: totals.taxes.map((tax) => ({ tax_name: tax.name ?? tax.key, tax_amount: number(tax.amount) })),
      roundOff: number(totals.roundingAdjustment),
      adjustment,
      total: Number((number(totals.total) + adjustment).toFixed(precision)),
    };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const path = error.issues[0]?.path ?? [];
    return { field: path[0] === 'lines' ? `line_items.${String(path[2] ?? 'rate')}` : String(path[0] ?? 'line_items') };
  }
}

/** True when `invoiceTotals` could not compute the totals. */
export function isTotalsProblem(value: InvoiceTotals | InvoiceTotalsProblem): value is InvoiceTotalsProblem {
  return 'field' in value;
}
