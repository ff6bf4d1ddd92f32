import type { LineTaxComponent } from './tax-lookup.js';

/** A customer, item or service address as the prefill matrix sees it. Ids are FSM ids of the configuration. */
export interface LineTaxParty {
  /** `true` Taxable, `false` Non-Taxable, `undefined`/`null` Not Available. */
  taxable?: boolean | null | undefined;
  /** The tax or group on the record (FSM `Tax_Name` / `Tax_Id`). */
  taxId?: string | undefined;
  /** The exemption reason on the record (FSM `Tax_Exemption_Code` / `Tax_Exemption_Id`). */
  exemptionId?: string | undefined;
}

/** The customer of the document: the module the Sync Type picks. */
export interface LineTaxCustomer extends LineTaxParty {
  /** India `GST_Treatment`, or the GCC/ZA `tax_treatment`, UK `VAT_Treatment`. */
  treatment?: string | undefined;
  /** India: the customer's `Place_of_Supply` (state code), used when the document has none. */
  placeOfContact?: string | undefined;
}

/** The Service/Part of the line. */
export interface LineTaxItem extends LineTaxParty {
  /** India: `Intra_State_Tax_Rate`, the tax (usually a CGST + SGST group) within the state. */
  intraStateTaxId?: string | undefined;
  /** India: `Inter_State_Tax_Rate`, the IGST across states. */
  interStateTaxId?: string | undefined;
}

/** What `lineTax` needs to prefill one line. */
export interface LineTaxInput {
  customer?: LineTaxCustomer | undefined;
  item?: LineTaxItem | undefined;
  /** India: the work order's place of supply (state code). */
  placeOfSupply?: string | undefined;
  /** US: the service address's tax, which overrides the customer's. */
  serviceAddress?: LineTaxParty | undefined;
  /** India: the business's state, when the configuration has no `origin`. */
  origin?: string | undefined;
}

/** Where the line's tax came from. */
export type LineTaxSource =
  | 'customer-tax'
  | 'service-address-tax'
  | 'item-tax'
  | 'default-tax'
  | 'customer-exemption'
  | 'item-exemption'
  | 'intra-state'
  | 'inter-state'
  | 'zero-rated'
  | 'none';

/** The prefilled tax of a line. */
export interface LineTax {
  /** FSM id of the tax or group; undefined when the line is exempt or nothing applies. */
  taxId: string | undefined;
  /** FSM id of the exemption reason when the line is exempt. */
  exemptionId: string | undefined;
  /** The tax's name, or the exemption's code. */
  name: string;
  /** Percent, exact decimal string (`'0'` when exempt). */
  rate: string;
  /** The taxes to charge, for `computeTotals` (a group's members; none when exempt). */
  components: LineTaxComponent[];
  /** Whether the user may change the tax on the line. */
  editable: boolean;
  /** The matrix row that decided: `'taxable/non-taxable'`, `'in:inter-state'`, `'service-address:taxable/taxable'`... */
  rule: string;
  source: LineTaxSource;
}
