import type { LineTax } from '../tax/line-tax-types.js';
import type { TotalsLine, TotalsOptions, TotalsRounding, TransactionDiscount } from '../tax/totals-input.js';
import type { TotalsResult } from '../tax/totals.js';
import type { ChosenLineTax, LineTaxChooser } from './line-taxes.js';
import type { BillableLine, BillablePart, BillableWorkOrder } from './work-order.js';

type Row = Readonly<Record<string, unknown>>;

/**
 * How the finance organisation prices documents. Books keeps these settings; billing sends the
 * first two on each invoice and needs the third only to preview the same total Books will compute.
 */
export interface PricingOptions {
  /** Prices include tax ("Do you sell your items at rates inclusive of Tax?"). Default false. */
  inclusive?: boolean;
  /** A transaction-level discount, before or after tax. Not together with line discounts. */
  discount?: TransactionDiscount;
  /** Books' "Rounding off in Sales Transactions". Default `'none'`. */
  rounding?: TotalsRounding;
}

/** A finance item a line bills, with the record read from finance. */
export interface ResolvedItem {
  financeId: string;
  record: Row;
}

/** One invoice line as billing planned it. */
export interface PlannedLine {
  /** The service line this invoice line comes from (a part line bills under its service line). */
  lineId: string;
  /** The part line's id, for part lines. */
  partLineId?: string;
  itemId: string;
  financeItemId: string;
  rate: number;
  quantity: number;
  discount?: number | string;
  /** The prefilled tax (absent when finance picks it: no TaxSync, or Avalara). */
  tax?: LineTax;
}

/** What {@link buildInvoiceDraft} needs. */
export interface DraftInput {
  order: BillableWorkOrder;
  lines: readonly BillableLine[];
  reference: string;
  customerId: string;
  /** The finance customer as read (payment terms, persons, tax facts). */
  customer: Row;
  items: ReadonlyMap<string, ResolvedItem>;
  /** Header fields from the invoice mapping (line items and the customer are billing's own). */
  mapped: Record<string, unknown>;
  chooser: LineTaxChooser | undefined;
  totals: ((lines: readonly TotalsLine[], options: TotalsOptions) => TotalsResult) | undefined;
  pricing: PricingOptions;
  salesperson?: string;
  date?: string;
}

/** The invoice to create, and what billing expects Books to compute for it. */
export interface InvoiceDraft {
  payload: Record<string, unknown>;
  /** The work order's billing address, in finance's shape, set on the invoice after it is created. */
  billingAddress: Record<string, string> | undefined;
  lines: PlannedLine[];
  /** The totals Books will show (undefined when finance picks the taxes). */
  totals: TotalsResult | undefined;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function number(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** The FSM address as the invoice's billing-address endpoint takes it. */
export function financeAddress(address: Row | undefined): Record<string, string> | undefined {
  if (!address) return undefined;
  const street = [text(address.Street_1), text(address.Street_2)].filter((s): s is string => s !== undefined).join('\n');
  const fields: Record<string, string | undefined> = {
    address: street || undefined,
    city: text(address.City),
    state: text(address.State),
    zip: text(address.Zip_Code) ?? text(address.Zip),
    country: text(address.Country),
  };
  const present = Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return present.length === 0 ? undefined : Object.fromEntries(present);
}

function primaryPersonId(customer: Row): string | undefined {
  const persons = Array.isArray(customer.contact_persons) ? (customer.contact_persons as Row[]) : [];
  return text(persons.find((p) => p.is_primary_contact === true)?.contact_person_id);
}

function planLine(input: DraftInput, line: BillableLine, part: BillablePart | undefined): { planned: PlannedLine; chosen: ChosenLineTax | undefined } {
  const source = part ?? line;
  const item = input.items.get(source.itemId) as ResolvedItem;
  const rate = source.rate ?? number(item.record.rate) ?? 0;
  const placeOfSupply = input.order.placeOfSupply ?? text(input.customer.place_of_contact);
  const tax = input.chooser?.choose(input.chooser.customer(input.customer), input.chooser.item(item.record), placeOfSupply);
  const planned: PlannedLine = {
    lineId: line.id,
    ...(part?.id === undefined ? {} : { partLineId: part.id }),
    itemId: source.itemId,
    financeItemId: item.financeId,
    rate,
    quantity: source.quantity ?? 1,
    ...(source.discount === undefined ? {} : { discount: source.discount }),
    ...(tax ? { tax: tax.tax } : {}),
  };
  return { planned, chosen: tax };
}

/**
 * The invoice for the chosen lines: the mapped header, the customer's payment terms and primary
 * contact person, one invoice line per service line and per part used on it, each with the tax the
 * prefill matrix gives, and the totals Books will compute. Pure: reads nothing, writes nothing.
 */
export function buildInvoiceDraft(input: DraftInput): InvoiceDraft {
  const plans = input.lines.flatMap((line) => [planLine(input, line, undefined), ...(line.parts ?? []).map((part) => planLine(input, line, part))]);
  const planned = plans.map((p) => p.planned);
  const chosen = input.chooser ? plans.map((p) => p.chosen) : undefined;
  const lineItems = planned.map((p, i) => ({
    item_id: p.financeItemId,
    rate: p.rate,
    quantity: p.quantity,
    ...(p.discount === undefined ? {} : { discount: discountText(p.discount) }),
    ...(chosen?.[i] ? { tax_id: chosen[i].financeTaxId ?? '' } : {}),
  }));
  const { line_items: _lines, customer_id: _customer, billing_address: _address, reference_number: _reference, ...header } = input.mapped;
  const terms = number(input.customer.payment_terms);
  const person = primaryPersonId(input.customer);
  const { pricing } = input;
  const lineDiscounts = planned.some((p) => p.discount !== undefined);
  const payload: Record<string, unknown> = {
    ...header,
    customer_id: input.customerId,
    reference_number: input.reference,
    ...(input.date === undefined ? {} : { date: input.date }),
    ...(terms === undefined ? {} : { payment_terms: terms, ...(text(input.customer.payment_terms_label) ? { payment_terms_label: input.customer.payment_terms_label } : {}) }),
    ...(person === undefined ? {} : { contact_persons: [person] }),
    ...(input.salesperson === undefined ? {} : { salesperson_name: input.salesperson }),
    ...(pricing.inclusive === undefined ? {} : { is_inclusive_tax: pricing.inclusive }),
    ...(pricing.discount
      ? { discount: discountText(pricing.discount.value), is_discount_before_tax: pricing.discount.apply === 'before_tax', discount_type: 'entity_level' }
      : lineDiscounts ? { discount_type: 'item_level' } : {}),
    line_items: lineItems,
  };
  const totals = input.totals && chosen
    ? input.totals(planned.map((p, i) => ({ rate: p.rate, quantity: p.quantity, ...(p.discount === undefined ? {} : { discount: p.discount }), taxes: chosen[i]?.components ?? [] })), {
      ...(pricing.inclusive === undefined ? {} : { inclusive: pricing.inclusive }),
      ...(pricing.discount ? { discount: pricing.discount } : {}),
      ...(pricing.rounding ? { rounding: pricing.rounding } : {}),
    })
    : undefined;
  return { payload, billingAddress: financeAddress(input.order.billingAddress), lines: planned, totals };
}

/**
 * A discount as finance takes it: a percentage is text with its sign (`'10%'`), an amount a number.
 * Zoho's Invoices API reference types `discount` number and says a percentage "should include the % symbol"; an
 * amount given as text (`'12.50'`) went out as a string the description does not allow.
 */
function discountText(value: TransactionDiscount['value']): string | number {
  if (typeof value === 'object' && value !== null && 'percent' in value) return `${String(value.percent)}%`;
  if (typeof value === 'object' && value !== null && 'amount' in value) return Number(value.amount);
  if (typeof value === 'string' && value.trim().endsWith('%')) return value.trim();
  return Number(value);
}
