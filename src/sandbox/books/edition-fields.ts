import { editionInfo, type GateGroup } from '../editions.js';
import type { FinanceOrgState } from '../org-state.js';

/**
 * Fields Zoho offers only in some editions, per resource, from the `x-node_available_in` /
 * `x-node_unavailable_in` tags of the Books OpenAPI files. `avalara`
 * marks fields that exist only when the org has the Avalara integration.
 */
type Gate = { only: ReadonlyArray<GateGroup | 'avalara'> } | { not: readonly GateGroup[] };

const only = (...editions: Array<GateGroup | 'avalara'>): Gate => ({ only: editions });
const not = (...editions: GateGroup[]): Gate => ({ not: editions });

const CONTACT: Record<string, Gate> = {
  is_taxable: only('us', 'ca', 'au', 'in', 'za'),
  tax_id: only('in', 'us'),
  tax_name: only('in'),
  tax_authority_id: only('us'),
  tax_exemption_id: only('us', 'ca', 'au', 'in'),
  tax_exemption_code: only('us', 'ca', 'au', 'in'),
  place_of_contact: only('in'),
  gst_no: only('in'),
  gst_treatment: only('in'),
  tax_treatment: only('gcc', 'za'),
  tax_reg_no: only('gcc', 'za'),
  country_code: only('uk', 'gcc', 'avalara'),
  vat_treatment: only('uk'),
  vat_reg_no: only('uk', 'avalara'),
  track_1099: only('us'),
  tax_id_type: only('us'),
  tax_id_value: only('us'),
  avatax_exempt_no: only('avalara'),
  avatax_use_code: only('avalara'),
};

const ITEM: Record<string, Gate> = {
  tax_id: not('us', 'in'),
  hsn_or_sac: only('in', 'za'),
  item_tax_preferences: only('in'),
  is_taxable: only('in', 'us', 'za'),
  tax_exemption_id: only('in', 'us', 'za'),
  purchase_tax_exemption_id: only('za'),
  avatax_tax_code: only('avalara'),
  avatax_use_code: only('avalara'),
};

const TAX: Record<string, Gate> = {
  tax_specific_type: only('in', 'za'),
  tax_authority_id: only('us'),
  country: only('uk', 'eu', 'global'),
  country_code: only('uk', 'eu', 'gcc', 'global'),
  purchase_tax_expense_account_id: only('au', 'ca'),
};

const INVOICE: Record<string, Gate> = {
  is_pre_gst: only('in'),
  place_of_supply: only('in', 'gcc'),
  gst_no: only('in'),
  gst_treatment: only('in'),
  vat_treatment: only('uk'),
  tax_treatment: only('gcc', 'za'),
  is_reverse_charge_applied: only('za'),
  tax_authority_id: only('us'),
  tax_exemption_id: only('us'),
};

/** Resources with edition-gated fields. */
export type GatedResource = 'contact' | 'item' | 'tax' | 'invoice';

const TABLES: Record<GatedResource, Record<string, Gate>> = { contact: CONTACT, item: ITEM, tax: TAX, invoice: INVOICE };

/** The organisation facts gating reads. */
export interface GateContext {
  gate: GateGroup;
  avalara: boolean;
}

/** True when `field` of `resource` exists in the org's edition. Ungated fields always exist. */
export function fieldAvailable(resource: GatedResource, field: string, org: GateContext): boolean {
  const gate = TABLES[resource][field];
  if (!gate) return true;
  if ('not' in gate) return !gate.not.includes(org.gate);
  return gate.only.includes(org.gate) || (org.avalara && gate.only.includes('avalara'));
}

/**
 * A copy of `data` without the fields the org's edition does not have. Zoho ignores such input
 * fields rather than failing (sandbox choice, documented in docs/sandbox.md), and never returns them.
 */
export function withoutUnavailable(resource: GatedResource, data: Record<string, unknown>, org: GateContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) if (fieldAvailable(resource, key, org)) out[key] = value;
  return out;
}

/** The org facts edition gating needs. */
export function gateOf(org: FinanceOrgState): GateContext {
  return { gate: editionInfo(org.edition).gate, avalara: org.avalara };
}
