import { TaxError } from '../errors/tax-error.js';
import { Decimal } from './decimal.js';
import { taxEditionModel } from './editions/index.js';
import type { LineTax, LineTaxInput, LineTaxParty } from './line-tax-types.js';
import type { TaxConfig } from './tax-config.js';
import { resolveTax, zeroRateTax } from './tax-lookup.js';

/** Which kind of supply a line is, for India GST. */
export type IndiaSupply = 'intra-state' | 'inter-state' | 'zero-rated';

/** One row of India's prefill matrix. */
export interface IndiaPrefillRow {
  /** `'any'`: the row applies whatever the supply. */
  supply: IndiaSupply | 'any';
  customer: 'taxable' | 'non-taxable';
  item: 'taxable' | 'non-taxable';
  source: 'intra-state' | 'inter-state' | 'zero-rated' | 'item-exemption';
  editable: boolean;
  /** True where the doc is cut off and the row follows Indian GST and Books India (⚠️). */
  inferred?: true;
}

/**
 * India's prefill matrix: treatments Regular, Composition, Unregistered,
 * Consumer and Deemed Export with the place of supply in the business's state take the
 * Service/Part's intra-state rate; another state, its inter-state rate (IGST); SEZ and Overseas,
 * IGST zero-rated. A non-taxable contact or item shows the Service/Part's exemption reason. Not
 * Available counts as Taxable (a GST supply is taxable unless exempt — inferred).
 */
export const INDIA_PREFILL_MATRIX: readonly IndiaPrefillRow[] = [
  // The doc's Editable cell is cut off for this row; Books lets you change it.
  { supply: 'intra-state', customer: 'taxable', item: 'taxable', source: 'intra-state', editable: true, inferred: true },
  { supply: 'inter-state', customer: 'taxable', item: 'taxable', source: 'inter-state', editable: true, inferred: true },
  { supply: 'zero-rated', customer: 'taxable', item: 'taxable', source: 'zero-rated', editable: true, inferred: true },
  { supply: 'any', customer: 'taxable', item: 'non-taxable', source: 'item-exemption', editable: true },
  { supply: 'any', customer: 'non-taxable', item: 'taxable', source: 'item-exemption', editable: false },
  { supply: 'any', customer: 'non-taxable', item: 'non-taxable', source: 'item-exemption', editable: false },
];

const flag = (party: LineTaxParty | undefined): 'taxable' | 'non-taxable' => (party?.taxable === false ? 'non-taxable' : 'taxable');

/** The supply kind: zero-rated by treatment, else intra-state when the place of supply is the business's state. */
export function indiaSupply(config: TaxConfig, input: LineTaxInput): IndiaSupply {
  const treatment = taxEditionModel('in').treatments?.values.find((t) => t.code === input.customer?.treatment);
  if (treatment?.zeroRated === true) return 'zero-rated';
  const place = input.placeOfSupply ?? input.customer?.placeOfContact;
  // Books fills a new document's place of supply from the business when the customer has none.
  if (place === undefined) return 'intra-state';
  const origin = input.origin ?? config.origin;
  if (origin === undefined) {
    throw new TaxError('TAX_CONFIG_INVALID', 'India needs the business’s state to choose intra- or inter-state GST: set `origin` (e.g. \'KA\') on TaxSync, the configuration, or the lineTax input.', { details: { placeOfSupply: place } });
  }
  return place.toUpperCase() === origin.toUpperCase() ? 'intra-state' : 'inter-state';
}

/** India's line tax: the row for the flags and supply, then the item's intra/inter tax, IGST zero or its exemption. */
export function indiaLineTax(config: TaxConfig, input: LineTaxInput): LineTax {
  const customer = flag(input.customer);
  const item = flag(input.item);
  const supply = indiaSupply(config, input);
  const row = INDIA_PREFILL_MATRIX.find((r) => r.customer === customer && r.item === item && (r.supply === supply || r.supply === 'any'));
  if (!row) throw new RangeError(`No India prefill row for ${customer}/${item}/${supply}.`);
  const rule = row.supply === 'any' ? `in:${customer}/${item}` : `in:${row.supply}`;
  const exemptionId = input.item?.exemptionId;
  if (row.source === 'item-exemption') {
    const code = exemptionId === undefined ? undefined : config.exemptions.find((e) => e.id === exemptionId)?.code;
    return { taxId: undefined, exemptionId, name: code ?? '', rate: '0', components: [], editable: row.editable, rule, source: 'item-exemption' };
  }
  const intra = resolveTax(config, input.item?.intraStateTaxId) ?? resolveTax(config, input.item?.taxId) ?? resolveTax(config, config.defaultTaxId);
  const tax =
    row.source === 'zero-rated'
      ? zeroRateTax(config, 'igst')
      : row.source === 'intra-state'
        ? intra
        : resolveTax(config, input.item?.interStateTaxId) ?? igstAt(config, intra?.rate);
  if (!tax) {
    const name = row.source === 'zero-rated' ? 'IGST0' : '';
    return { taxId: undefined, exemptionId: undefined, name, rate: '0', components: [], editable: row.editable, rule, source: row.source };
  }
  return { taxId: tax.taxId, exemptionId: undefined, name: tax.name, rate: tax.rate, components: tax.components, editable: row.editable, rule, source: row.source };
}

/** The IGST tax at the rate of the intra-state tax (CGST 9 + SGST 9 → IGST 18), when the item names none. */
function igstAt(config: TaxConfig, rate: string | undefined) {
  if (rate === undefined) return undefined;
  const igst = config.taxes.find((t) => t.specificType === 'igst' && Decimal.from(t.rate).equals(rate));
  return igst && resolveTax(config, igst.id);
}
