import { createContact } from '../books/contact-model.js';
import { createInvoice } from '../books/invoice-model.js';
import { createItem } from '../books/item-model.js';
import { editionInfo } from '../editions.js';
import type { FinanceOrgState } from '../org-state.js';
import { streamFor } from '../random.js';
import { isReply } from '../reply.js';
import type { SandboxWorld } from '../world.js';
import type { GeneratedParty } from './parties.js';
import type { GeneratedProduct } from './products.js';
import { pastTimes, type ResolvedCounts } from './record-counts.js';
import { taxSetFor } from './tax-sets.js';

interface TaxIds {
  byKey: Map<string, string>;
  defaultId: string | undefined;
  intraId: string | undefined;
  interId: string | undefined;
  customerExemptionId: string | undefined;
}

/** Creates the edition's taxes, groups, authorities and exemptions in a new org. */
export function seedTaxes(world: SandboxWorld, org: FinanceOrgState, at: number): TaxIds {
  const set = taxSetFor(org.edition);
  const byKey = new Map<string, string>();
  const { tables } = org;
  for (const authority of set.authorities) {
    const data: Record<string, unknown> = { tax_authority_name: authority.name, description: authority.description };
    if (authority.registrationNumber !== undefined) {
      Object.assign(data, { registration_number: authority.registrationNumber, registration_number_label: 'Registration Number' });
    }
    byKey.set(`authority:${authority.key}`, tables.taxauthorities.insert(world.ids.finance(), data, at).id);
  }
  for (const tax of set.taxes) {
    const data: Record<string, unknown> = { tax_name: tax.name, tax_percentage: tax.percentage, tax_type: 'tax', is_default_tax: tax.key === set.defaultKey };
    if (tax.specificType !== undefined) data.tax_specific_type = tax.specificType;
    if (tax.countryCode !== undefined) data.country_code = tax.countryCode;
    if (tax.authorityKey !== undefined) data.tax_authority_id = byKey.get(`authority:${tax.authorityKey}`);
    byKey.set(tax.key, tables.taxes.insert(world.ids.finance(), data, at).id);
  }
  for (const group of set.groups) {
    const ids = group.taxKeys.map((k) => byKey.get(k)).filter((id): id is string => id !== undefined);
    const data = { tax_group_name: group.name, tax_ids: ids, is_default_tax: group.key === set.defaultKey };
    byKey.set(group.key, tables.taxgroups.insert(world.ids.finance(), data, at).id);
  }
  let customerExemptionId: string | undefined;
  for (const exemption of set.exemptions) {
    const row = tables.taxexemptions.insert(world.ids.finance(), { tax_exemption_code: exemption.code, description: exemption.description, type: exemption.type }, at);
    if (exemption.type === 'customer') customerExemptionId ??= row.id;
  }
  const id = (key: string | undefined) => (key === undefined ? undefined : byKey.get(key));
  return { byKey, defaultId: id(set.defaultKey), intraId: id(set.intraKey), interId: id(set.interKey), customerExemptionId };
}

/** The Books contact a generated customer becomes (fields of other editions are dropped on create). */
function contactInput(party: GeneratedParty, taxes: TaxIds, usEdition: boolean): Record<string, unknown> {
  const first = party.persons[0];
  const address = {
    attention: first ? `${first.firstName} ${first.lastName}` : '',
    address: party.address.street,
    street2: party.address.street2,
    city: party.address.city,
    state: party.address.state,
    state_code: party.address.stateCode,
    zip: party.address.zip,
    country: party.address.country,
    phone: first?.phone ?? '',
  };
  const t = party.tax;
  const input: Record<string, unknown> = {
    contact_name: party.displayName,
    company_name: party.companyName,
    customer_sub_type: party.kind,
    website: party.website,
    billing_address: address,
    shipping_address: address,
    is_taxable: t.taxable,
    contact_persons: party.persons.map((p, i) => ({
      salutation: p.salutation,
      first_name: p.firstName,
      last_name: p.lastName,
      email: p.email,
      phone: p.phone,
      mobile: p.mobile,
      designation: p.designation,
      department: p.department,
      is_primary_contact: i === 0,
    })),
  };
  if (t.treatment !== undefined) Object.assign(input, { gst_treatment: t.treatment, vat_treatment: t.treatment, tax_treatment: t.treatment });
  if (t.registrationNumber !== undefined) Object.assign(input, { gst_no: t.registrationNumber, vat_reg_no: t.registrationNumber, tax_reg_no: t.registrationNumber });
  if (t.placeOfSupply !== undefined) Object.assign(input, { place_of_contact: t.placeOfSupply, country_code: t.placeOfSupply });
  // A US customer carries its sales tax; other editions tax by item or place of supply.
  if (usEdition && t.taxable && taxes.defaultId !== undefined) input.tax_id = taxes.defaultId;
  if (!t.taxable && taxes.customerExemptionId !== undefined) input.tax_exemption_id = taxes.customerExemptionId;
  return input;
}

function itemInput(product: GeneratedProduct, taxes: TaxIds): Record<string, unknown> {
  const input: Record<string, unknown> = {
    name: product.name,
    rate: product.rate,
    description: product.description,
    unit: product.unit,
    sku: product.sku,
    product_type: product.kind,
    hsn_or_sac: product.hsnOrSac,
    is_taxable: true,
  };
  if (taxes.defaultId !== undefined) input.tax_id = taxes.defaultId;
  if (taxes.intraId !== undefined && taxes.interId !== undefined) {
    input.item_tax_preferences = [
      { tax_id: taxes.intraId, tax_specification: 'intra' },
      { tax_id: taxes.interId, tax_specification: 'inter' },
    ];
  }
  return input;
}

/**
 * Fills a new Books/Invoice org: the edition's taxes (when taxes are enabled), then generated
 * customers, items and invoices with creation times spread over the past year.
 */
export function populateFinanceOrg(world: SandboxWorld, org: FinanceOrgState, counts: ResolvedCounts): void {
  const now = world.now();
  const random = streamFor(world.seed, `org:${org.organizationId}`);
  const taxes: TaxIds = org.taxEnabled
    ? seedTaxes(world, org, org.createdAt)
    : { byKey: new Map(), defaultId: undefined, intraId: undefined, interId: undefined, customerExemptionId: undefined };
  const contactIds: string[] = [];
  for (const party of world.parties(org.edition).slice(counts.offset, counts.customers)) {
    const { createdAt, modifiedAt } = pastTimes(now, party.ageDays, random.next());
    const row = createContact(world, org, contactInput(party, taxes, org.edition === 'us'), createdAt);
    if (isReply(row)) continue;
    org.tables.contacts.touch(row.id, modifiedAt);
    contactIds.push(row.id);
  }
  const itemIds: string[] = [];
  for (const product of world.products(org.edition).slice(counts.offset, counts.items)) {
    const { createdAt, modifiedAt } = pastTimes(now, product.ageDays, random.next());
    const row = createItem(world, org, itemInput(product, taxes), createdAt);
    if (isReply(row)) continue;
    org.tables.items.touch(row.id, modifiedAt);
    itemIds.push(row.id);
  }
  if (contactIds.length === 0 || itemIds.length === 0) return;
  for (let i = 0; i < counts.invoices; i++) {
    const lines = Array.from({ length: random.int(1, 3) }, () => ({ item_id: random.pick(itemIds), quantity: random.int(1, 5) }));
    const at = now - random.int(1, 120) * 86_400_000;
    const body: Record<string, unknown> = { customer_id: random.pick(contactIds), line_items: lines };
    if (editionInfo(org.edition).gate === 'in') body.place_of_supply = 'TN';
    const row = createInvoice(world, org, body, at);
    if (!isReply(row) && random.chance(0.6)) org.tables.invoices.update(row.id, { status: 'sent' }, at);
  }
}
