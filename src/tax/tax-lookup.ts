import { Decimal } from './decimal.js';
import type { TaxConfig } from './tax-config.js';

/** One tax of a line, ready for `computeTotals` (a group gives its members). */
export interface LineTaxComponent {
  taxId: string;
  name: string;
  /** Percent, exact decimal string. */
  rate: string;
  compound: boolean;
}

/** A tax or group of the configuration, with its member taxes and total rate. */
export interface ResolvedTax {
  taxId: string;
  name: string;
  rate: string;
  components: LineTaxComponent[];
}

/** The tax or group with this FSM id, or undefined. A group's rate is the sum of its members' (as Books shows it). */
export function resolveTax(config: TaxConfig, id: string | undefined): ResolvedTax | undefined {
  if (id === undefined) return undefined;
  const component = (taxId: string): LineTaxComponent | undefined => {
    const tax = config.taxes.find((t) => t.id === taxId);
    return tax && { taxId: tax.id, name: tax.name, rate: tax.rate, compound: tax.compound === true };
  };
  const single = component(id);
  if (single) return { taxId: id, name: single.name, rate: single.rate, components: [single] };
  const group = config.groups.find((g) => g.id === id);
  if (!group) return undefined;
  const components = group.taxIds.map(component).filter((c): c is LineTaxComponent => c !== undefined);
  return { taxId: id, name: group.name, rate: components.reduce((sum, c) => sum.plus(c.rate), Decimal.ZERO).toString(), components };
}

/** The exemption reason with this FSM id: its code, or undefined. */
export function exemptionCode(config: TaxConfig, id: string | undefined): string | undefined {
  return id === undefined ? undefined : config.exemptions.find((e) => e.id === id)?.code;
}

/** A zero-rate tax of the configuration, preferring one of the given `tax_specific_type`. */
export function zeroRateTax(config: TaxConfig, specificType?: string): ResolvedTax | undefined {
  const zero = config.taxes.filter((t) => Decimal.from(t.rate).isZero());
  const tax = zero.find((t) => specificType !== undefined && t.specificType === specificType) ?? zero.find((t) => /zero/i.test(t.name)) ?? zero[0];
  return tax && resolveTax(config, tax.id);
}
