import { taxEditionModel } from './editions/index.js';
import { indiaLineTax } from './india-line-tax.js';
import type { LineTax, LineTaxCustomer, LineTaxInput, LineTaxParty, LineTaxSource } from './line-tax-types.js';
import type { TaxConfig } from './tax-config.js';
import { exemptionCode, resolveTax, zeroRateTax, type ResolvedTax } from './tax-lookup.js';

/** A Taxable flag as the matrix reads it. */
export type TaxableState = 'taxable' | 'non-taxable' | 'not-available';

/** One row of the prefill matrix. */
export interface PrefillRow {
  customer: TaxableState;
  item: TaxableState;
  /** What the line's Tax Name is taken from. */
  source: 'customer-tax' | 'customer-exemption' | 'item-exemption' | 'default-tax';
  editable: boolean;
  /** How the row departs from the printed table, if it does. */
  note?: string;
}

/**
 * The prefill matrix of Estimate and Work Order lines (Zoho's "Tax
 * Setting" page): the customer's Taxable flag × the item's gives the line's Tax Name and whether
 * it can be edited. India has its own table (INDIA_PREFILL_MATRIX).
 */
export const PREFILL_MATRIX: readonly PrefillRow[] = [
  { customer: 'taxable', item: 'taxable', source: 'customer-tax', editable: true },
  { customer: 'taxable', item: 'non-taxable', source: 'item-exemption', editable: true },
  { customer: 'non-taxable', item: 'taxable', source: 'customer-exemption', editable: false },
  { customer: 'non-taxable', item: 'non-taxable', source: 'customer-exemption', editable: false },
  { customer: 'not-available', item: 'taxable', source: 'default-tax', editable: true },
  { customer: 'not-available', item: 'non-taxable', source: 'item-exemption', editable: true },
  { customer: 'taxable', item: 'not-available', source: 'customer-tax', editable: true },
  // Printed as "Contact Tax", editable: a non-taxable contact has no tax, only its exemption reason.
  { customer: 'non-taxable', item: 'not-available', source: 'customer-exemption', editable: true, note: 'printed as "Contact Tax [sic]"' },
  // Not in the table: Books applies "the Default Tax … for which the tax preference is not set" (the Canada edition's rule).
  { customer: 'not-available', item: 'not-available', source: 'default-tax', editable: true, note: 'inferred from the Canada default-tax rule' },
];

/** `true`/`false`/absent as the matrix's three states. */
export function taxableState(party: LineTaxParty | undefined): TaxableState {
  if (party?.taxable === true) return 'taxable';
  if (party?.taxable === false) return 'non-taxable';
  return 'not-available';
}

const none = (rule: string, editable: boolean): LineTax => ({ taxId: undefined, exemptionId: undefined, name: '', rate: '0', components: [], editable, rule, source: 'none' });

/** A line taxed with `tax`. */
export function taxed(tax: ResolvedTax, editable: boolean, rule: string, source: LineTaxSource): LineTax {
  return { taxId: tax.taxId, exemptionId: undefined, name: tax.name, rate: tax.rate, components: tax.components, editable, rule, source };
}

/** A line exempted by a reason (or by no reason, when the record has none). */
export function exempted(config: TaxConfig, exemptionId: string | undefined, editable: boolean, rule: string, source: LineTaxSource): LineTax {
  return { taxId: undefined, exemptionId, name: exemptionCode(config, exemptionId) ?? '', rate: '0', components: [], editable, rule, source };
}

/**
 * The tax a new Estimate or Work Order line gets: the generic matrix; in
 * the US edition a service address with its own tax stands in for the customer; India picks
 * the intra- or inter-state rate by GST treatment and place of supply; a customer whose treatment
 * is zero-rated (South Africa overseas) gets the zero rate. Where the source the row names is
 * empty, the line falls back to the item's tax, then the default tax.
 *
 * @example
 * ```ts
 * const line = lineTax(config, { customer: { taxable: true, taxId: 'gst' }, item: { taxable: false, exemptionId: 'gst_free' } });
 * // { taxId: undefined, exemptionId: 'gst_free', name: 'GST FREE', rate: '0', editable: true, rule: 'taxable/non-taxable', ... }
 * ```
 */
export function lineTax(config: TaxConfig, input: LineTaxInput): LineTax {
  const model = taxEditionModel(config.edition);
  if (model.prefill === 'india') return indiaLineTax(config, input);
  const address = model.prefill === 'us' && hasTax(input.serviceAddress) ? input.serviceAddress : undefined;
  const override = address !== undefined;
  const customer: LineTaxCustomer | undefined = address ? { ...input.customer, ...serviceAddressParty(address) } : input.customer;
  const row = findRow(taxableState(customer), taxableState(input.item));
  const rule = `${override ? 'service-address:' : ''}${row.customer}/${row.item}`;
  let result: LineTax;
  switch (row.source) {
    case 'customer-exemption':
      result = exempted(config, customer?.exemptionId, row.editable, rule, 'customer-exemption');
      break;
    case 'item-exemption':
      result = exempted(config, input.item?.exemptionId, row.editable, rule, 'item-exemption');
      break;
    case 'customer-tax':
      result = firstTax(config, row.editable, rule, [
        [customer?.taxId, override ? 'service-address-tax' : 'customer-tax'],
        [input.item?.taxId, 'item-tax'],
        [config.defaultTaxId, 'default-tax'],
      ]);
      break;
    case 'default-tax':
      result = firstTax(config, row.editable, rule, [[config.defaultTaxId, 'default-tax'], [input.item?.taxId, 'item-tax']]);
      break;
  }
  const zeroRated = model.treatments?.values.find((t) => t.code === customer?.treatment)?.zeroRated === true;
  if (zeroRated && result.taxId !== undefined) {
    const zero = zeroRateTax(config);
    return zero ? taxed(zero, true, `${rule}+zero-rated`, 'zero-rated') : { ...none(`${rule}+zero-rated`, true), source: 'zero-rated' };
  }
  return result;
}

/** A service address's tax as a party: a tax makes it taxable, a reason alone non-taxable. */
function serviceAddressParty(address: LineTaxParty): LineTaxParty {
  const taxable = address.taxable ?? (address.taxId !== undefined ? true : address.exemptionId !== undefined ? false : undefined);
  return { taxable, taxId: address.taxId, exemptionId: address.exemptionId };
}

function hasTax(party: LineTaxParty | undefined): boolean {
  return party !== undefined && (party.taxId !== undefined || party.exemptionId !== undefined || typeof party.taxable === 'boolean');
}

function findRow(customer: TaxableState, item: TaxableState): PrefillRow {
  const row = PREFILL_MATRIX.find((r) => r.customer === customer && r.item === item);
  // The table covers all nine combinations; this cannot fail.
  if (!row) throw new RangeError(`No prefill row for ${customer}/${item}.`);
  return row;
}

function firstTax(config: TaxConfig, editable: boolean, rule: string, candidates: Array<[string | undefined, LineTaxSource]>): LineTax {
  for (const [id, source] of candidates) {
    const tax = resolveTax(config, id);
    if (tax) return taxed(tax, editable, rule, source);
  }
  return none(rule, editable);
}
