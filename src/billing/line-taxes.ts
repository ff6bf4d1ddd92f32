import { TaxError } from '../errors/tax-error.js';
import type { LineTax, LineTaxCustomer, LineTaxItem } from '../tax/line-tax-types.js';
import type { TaxIdMapEntry } from '../tax/tax-store.js';
import type { TaxSync } from '../tax/tax-sync.js';
import type { TotalsTax } from '../tax/totals-input.js';

type Row = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The tax a line goes out with: the finance tax id (`''` when exempt) and what the totals charge. */
export interface ChosenLineTax {
  financeTaxId: string | undefined;
  components: TotalsTax[];
  tax: LineTax;
}

/**
 * Picks each line's tax with the prefill matrix, from the finance customer and items (the synced
 * copies of the FSM records), and translates between finance ids and TaxSync's ids both ways.
 */
export class LineTaxChooser {
  readonly #taxes: TaxSync;
  readonly #toSdk = new Map<string, string>();
  readonly #toFinance = new Map<string, string>();

  private constructor(taxes: TaxSync, rows: readonly TaxIdMapEntry[]) {
    this.#taxes = taxes;
    for (const row of rows) {
      if (row.financeId === undefined) continue;
      this.#toSdk.set(`${row.kind === 'group' ? 'tax' : row.kind}:${row.financeId}`, row.fsmId);
      this.#toFinance.set(row.fsmId, row.financeId);
    }
  }

  /** A chooser, or `undefined` when taxes are off or computed by Avalara at invoicing (then Books picks). */
  static async load(taxes: TaxSync | undefined): Promise<LineTaxChooser | undefined> {
    if (!taxes) return undefined;
    const config = taxes.config ?? (await taxes.load());
    if (!config || !config.taxesEnabled || config.managedBy !== 'fsm') return undefined;
    // Checked before anything is created: without it every Indian line's tax is undecidable.
    if (config.edition === 'in' && config.origin === undefined) {
      throw new TaxError('TAX_CONFIG_INVALID', 'India needs the business’s state to choose intra- or inter-state GST: set `origin` (e.g. \'KA\') on TaxSync before invoicing. Nothing was created.', { details: { edition: 'in' } });
    }
    return new LineTaxChooser(taxes, await taxes.idMap());
  }

  #sdk(kind: 'tax' | 'exemption', financeId: unknown): string | undefined {
    const id = text(financeId);
    return id === undefined ? undefined : this.#toSdk.get(`${kind}:${id}`);
  }

  customer(record: Row): LineTaxCustomer {
    const treatment = text(record.gst_treatment) ?? text(record.tax_treatment) ?? text(record.vat_treatment);
    return {
      taxable: typeof record.is_taxable === 'boolean' ? record.is_taxable : undefined,
      taxId: this.#sdk('tax', record.tax_id),
      exemptionId: this.#sdk('exemption', record.tax_exemption_id),
      ...(treatment === undefined ? {} : { treatment }),
      ...(text(record.place_of_contact) === undefined ? {} : { placeOfContact: text(record.place_of_contact) }),
    };
  }

  item(record: Row): LineTaxItem {
    const preferences = Array.isArray(record.item_tax_preferences) ? (record.item_tax_preferences as Row[]) : [];
    const preference = (spec: string) => this.#sdk('tax', preferences.find((p) => p.tax_specification === spec)?.tax_id);
    return {
      taxable: typeof record.is_taxable === 'boolean' ? record.is_taxable : undefined,
      taxId: this.#sdk('tax', record.tax_id),
      exemptionId: this.#sdk('exemption', record.tax_exemption_id),
      intraStateTaxId: preference('intra'),
      interStateTaxId: preference('inter'),
    };
  }

  choose(customer: LineTaxCustomer, item: LineTaxItem, placeOfSupply: string | undefined): ChosenLineTax {
    const tax = this.#taxes.lineTax({ customer, item, ...(placeOfSupply === undefined ? {} : { placeOfSupply }) });
    const financeTaxId = tax.taxId === undefined ? '' : this.#toFinance.get(tax.taxId);
    // Sent without a tax, the line would be exempt in finance while the expected totals charge it.
    if (financeTaxId === undefined) {
      throw new TaxError('TAX_CONFIG_INVALID', `The line's tax ${tax.name} (${String(tax.taxId)}) has no finance id in the tax id map: run taxes.pull() (or push()) so it is known, then invoice again. Nothing was sent.`, { details: { taxId: tax.taxId } });
    }
    // The totals charge what Books will: the finance tax's members, named by their finance ids.
    const components = tax.taxId === undefined ? [] : tax.components.map((c) => ({ rate: c.rate, compound: c.compound, name: c.name, id: this.#toFinance.get(c.taxId) ?? c.taxId }));
    return { financeTaxId, components, tax };
  }
}
