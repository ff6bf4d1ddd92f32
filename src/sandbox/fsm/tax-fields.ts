import { isObject } from '../request-body.js';
import type { FinanceOrgState, FsmOrgState, SandboxFinanceResource } from '../org-state.js';
import type { SandboxWorld } from '../world.js';
import { invalidField } from './errors.js';

// FSM has no tax API of its own: its tax fields hold ids of the bound Books/Invoice org's taxes,
// tax groups, exemptions and authorities. India's item fields name the intra-state tax (usually a
// CGST + SGST group) and the inter-state one (IGST), each by its Books id.
const ID_FIELDS_OF_TAX_BLOCK: Readonly<Record<string, readonly SandboxFinanceResource[]>> = {
  Tax_Id: ['taxes', 'taxgroups'],
  Tax_Exemption_Id: ['taxexemptions'],
  Tax_Authority_Id: ['taxauthorities'],
};
const TOP_LEVEL_TAX_FIELDS: Readonly<Record<string, readonly SandboxFinanceResource[]>> = {
  Intra_State_Tax_Rate: ['taxes', 'taxgroups'],
  Inter_State_Tax_Rate: ['taxes', 'taxgroups'],
};
// Where a `Tax` block sits: on the record, on its addresses, on work order lines.
const ADDRESS_FIELDS = ['Billing_Address', 'Service_Address'];

/** A field that names a finance object, and where it sits in the record. */
interface TaxReference {
  /** The field's API name (the key holding the id). */
  apiName: string;
  /** Dotted path from the record, e.g. `Service_Address.Tax.Tax_Id`. */
  path: string;
  value: unknown;
  tables: readonly SandboxFinanceResource[];
}

function blockReferences(block: unknown, prefix: string): TaxReference[] {
  if (!isObject(block)) return [];
  return Object.entries(ID_FIELDS_OF_TAX_BLOCK)
    .filter(([field]) => Object.hasOwn(block, field))
    .map(([field, tables]) => ({ apiName: field, path: `${prefix}.${field}`, value: block[field], tables }));
}

function lineReferences(lines: unknown, prefix: string): TaxReference[] {
  if (!Array.isArray(lines)) return [];
  return lines.flatMap((line, i) => {
    if (!isObject(line)) return [];
    return [...blockReferences(line.Tax, `${prefix}[${i}].Tax`), ...lineReferences(line.Part_Line_Items, `${prefix}[${i}].Part_Line_Items`)];
  });
}

/** Every finance id an FSM record input carries in its tax fields. */
function taxReferences(input: Readonly<Record<string, unknown>>): TaxReference[] {
  const refs = blockReferences(input.Tax, 'Tax');
  for (const [field, tables] of Object.entries(TOP_LEVEL_TAX_FIELDS)) {
    if (Object.hasOwn(input, field)) refs.push({ apiName: field, path: field, value: input[field], tables });
  }
  for (const address of ADDRESS_FIELDS) if (isObject(input[address])) refs.push(...blockReferences(input[address].Tax, `${address}.Tax`));
  refs.push(...lineReferences(input.Service_Line_Items, 'Service_Line_Items'));
  return refs;
}

function holds(finance: FinanceOrgState, tables: readonly SandboxFinanceResource[], value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (typeof value !== 'string' && typeof value !== 'number') return false;
  const id = String(value);
  return tables.some((t) => finance.tables[t].get(id) !== undefined);
}

/**
 * The per-record error FSM answers when a tax field names something that is not a tax, tax group,
 * exemption or authority (as the field requires) of the org's finance org; `undefined` when every
 * tax field is empty or names one. An FSM org bound to no finance org has no taxes to check
 * against, so nothing is refused (a sandbox choice).
 */
export function invalidTaxReference(world: SandboxWorld, org: FsmOrgState, input: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  const finance = org.finance === undefined ? undefined : world.financeOrg(org.finance.organizationId);
  if (finance === undefined) return undefined;
  const bad = taxReferences(input).find((ref) => !holds(finance, ref.tables, ref.value));
  return bad === undefined ? undefined : invalidField(bad.apiName, { json_path: `$.${bad.path}` });
}
