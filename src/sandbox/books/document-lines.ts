import { ValidationError } from '../../errors/validation-error.js';
import { computeTotals, type TotalsLine, type TotalsOptions, type TotalsResult, type TotalsRounding } from '../../tax/totals.js';
import { isReply, type Reply } from '../reply.js';
import { isObject } from '../request-body.js';
import type { FinanceOrgState } from '../org-state.js';
import type { SandboxWorld } from '../world.js';
import { booksErrors } from './errors.js';
import { findTax, type TaxRef } from './tax-model.js';

// Line items of a sales document (invoice, estimate, sales order): read from a request, and priced with the
// SDK's own computeTotals, so the sandbox's totals are the ones the SDK predicts.

/** One line as sent, completed from its item: name, description, rate, unit and tax. */
function lineInput(world: SandboxWorld, org: FinanceOrgState, raw: unknown): Record<string, unknown> | Reply {
  if (!isObject(raw)) return booksErrors.invalidValue('line_items');
  const line: Record<string, unknown> = { ...raw };
  if (typeof line.line_item_id !== 'string' || line.line_item_id === '') line.line_item_id = world.ids.finance();
  if (typeof raw.item_id === 'string' && raw.item_id !== '') {
    const item = org.tables.items.get(raw.item_id);
    if (!item) return booksErrors.notFound('Item');
    line.name ??= item.data.name;
    line.description ??= item.data.description ?? '';
    line.rate ??= item.data.rate;
    line.unit ??= item.data.unit ?? '';
    line.product_type ??= item.data.product_type;
    if (line.tax_id === undefined && typeof item.data.tax_id === 'string') line.tax_id = item.data.tax_id;
  }
  if (typeof line.name !== 'string' || line.name === '') return booksErrors.invalidValue('line_items.name');
  line.rate = Number(line.rate ?? 0);
  line.quantity = Number(line.quantity ?? 1);
  if (!Number.isFinite(line.rate) || !Number.isFinite(line.quantity)) return booksErrors.invalidValue('line_items.rate');
  if (typeof line.tax_id === 'string' && line.tax_id !== '' && !findTax(org, line.tax_id)) return booksErrors.notFound('Tax');
  return line;
}

/** The lines of a request, each checked and completed; the first refusal otherwise. */
export function readLines(world: SandboxWorld, org: FinanceOrgState, raw: unknown): Array<Record<string, unknown>> | Reply {
  if (!Array.isArray(raw) || raw.length === 0) return booksErrors.invalidValue('line_items');
  const lines: Array<Record<string, unknown>> = [];
  for (const entry of raw) {
    const line = lineInput(world, org, entry);
    if (isReply(line)) return line;
    lines.push(line);
  }
  return lines;
}

/** The stored lines of a document. */
export function storedLines(data: Record<string, unknown>): Array<Record<string, unknown>> {
  return (Array.isArray(data.line_items) ? data.line_items : []).filter(isObject);
}

function taxesOf(org: FinanceOrgState, tax: TaxRef | undefined): NonNullable<TotalsLine['taxes']> {
  if (!tax) return [];
  // A group's members are plain taxes or compound ones, as each member tax says.
  return tax.members.map((m) => ({ id: m.id, name: m.name, rate: m.percentage, compound: org.tables.taxes.get(m.id)?.data.tax_type === 'compound_tax' }));
}

function lineDiscount(value: unknown): TotalsLine['discount'] {
  if (typeof value === 'number') return value === 0 ? undefined : value;
  if (typeof value === 'string' && value.trim() !== '' && Number.parseFloat(value) !== 0) return value.trim();
  return undefined;
}

/** The org's rounding of sales totals, as its invoices use it (none where the org has no such setting). */
function roundingOf(org: FinanceOrgState): TotalsRounding {
  return 'rounding' in org ? (org.rounding as TotalsRounding) : 'none';
}

/** A document's lines with their taxes, and the totals `computeTotals` gives for them. */
export interface PricedDocument {
  lines: Array<{ line: Record<string, unknown>; tax: TaxRef | undefined }>;
  totals: TotalsResult;
}

/**
 * Prices a document: line discounts, or one transaction discount (`discount_type: entity_level`,
 * before or after tax as `is_discount_before_tax` says), inclusive or exclusive taxes, and the
 * org's rounding. Throws the `ValidationError` of `computeTotals` for a discount it cannot apply.
 */
export function priceDocument(org: FinanceOrgState, data: Record<string, unknown>): PricedDocument {
  const lines = storedLines(data).map((line) => ({ line, tax: typeof line.tax_id === 'string' && line.tax_id !== '' ? findTax(org, line.tax_id) : undefined }));
  const entityLevel = data.discount_type === 'entity_level';
  const transaction = entityLevel ? lineDiscount(data.discount) : undefined;
  const options: TotalsOptions = {
    inclusive: data.is_inclusive_tax === true,
    rounding: roundingOf(org),
    ...(transaction === undefined ? {} : { discount: { value: transaction, apply: data.is_discount_before_tax === false ? 'after_tax' : 'before_tax' } }),
  };
  const totalsLines: TotalsLine[] = lines.map(({ line, tax }) => {
    const discount = entityLevel ? undefined : lineDiscount(line.discount);
    return { rate: Number(line.rate), quantity: Number(line.quantity), taxes: taxesOf(org, tax), ...(discount === undefined ? {} : { discount }) };
  });
  return { lines, totals: computeTotals(totalsLines, options) };
}

/** The refusal for a document whose discounts `computeTotals` rejects, or `undefined` when it prices. */
export function unpriceable(org: FinanceOrgState, data: Record<string, unknown>): Reply | undefined {
  try {
    priceDocument(org, data);
    return undefined;
  } catch (error) {
    if (error instanceof ValidationError) return booksErrors.invalidValue('discount');
    throw error;
  }
}

/** The priced lines as Zoho returns them, and the document's money fields. */
export function renderPriced(priced: PricedDocument): { line_items: Array<Record<string, unknown>>; sub_total: number; tax_total: number; total: number; taxes: Array<Record<string, unknown>> } {
  const { lines, totals } = priced;
  return {
    line_items: lines.map(({ line, tax }, i) => ({
      ...line,
      item_order: i + 1,
      item_total: Number(totals.lines[i]?.amount ?? 0),
      discount_amount: Number(totals.lines[i]?.lineDiscount ?? 0),
      tax_id: tax?.id ?? '',
      tax_name: tax?.name ?? '',
      tax_type: tax?.type ?? '',
      tax_percentage: tax?.percentage ?? 0,
      line_item_category: 'line_item',
    })),
    sub_total: Number(totals.subTotal),
    tax_total: Number(totals.taxTotal),
    total: Number(totals.total),
    taxes: totals.taxes.map((t) => ({ tax_name: t.name ?? t.key, tax_amount: Number(t.amount) })),
  };
}
