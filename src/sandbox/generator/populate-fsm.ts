import { editionInfo } from '../editions.js';
import { createFsmRecord } from '../fsm/record-model.js';
import type { FsmOrgState } from '../org-state.js';
import { streamFor } from '../random.js';
import type { StoredRecord } from '../record-table.js';
import type { SandboxWorld } from '../world.js';
import type { GeneratedAddress, GeneratedParty } from './parties.js';
import { populateWorkOrders, type SeededCustomer, type SeededProduct } from './populate-work-orders.js';
import { pastTimes, type ResolvedCounts } from './record-counts.js';

function fsmAddress(a: GeneratedAddress): Record<string, unknown> {
  return { Street_1: a.street, Street_2: a.street2, City: a.city, State: a.state, Zip_Code: a.zip, Country: a.country };
}

/** Edition tax fields of an FSM company or contact. */
function taxFields(org: FsmOrgState, party: GeneratedParty): Record<string, unknown> {
  const t = party.tax;
  const gate = editionInfo(org.edition).gate;
  if (gate === 'in') {
    const fields: Record<string, unknown> = { GST_Treatment: t.treatment, Place_of_Supply: t.placeOfSupply };
    if (t.registrationNumber !== undefined) fields.Tax_Reg_Number = t.registrationNumber;
    return fields;
  }
  if (gate === 'uk') return { VAT_Treatment: t.treatment };
  return { Taxable: t.taxable };
}

function stamp(org: FsmOrgState, module: 'Companies' | 'Contacts' | 'Service_And_Parts' | 'Work_Orders', row: StoredRecord, modifiedAt: number): void {
  org.tables[module].touch(row.id, modifiedAt);
}

/**
 * Fills a new FSM org from the same customer and product sequences the finance orgs use: each
 * business becomes a Company with its people as Contacts, each individual a Contact; products
 * become Service_And_Parts; work orders join them (populate-work-orders.ts).
 */
export function populateFsmOrg(world: SandboxWorld, org: FsmOrgState, counts: ResolvedCounts): void {
  const now = world.now();
  const random = streamFor(world.seed, `org:${org.organizationId}`);
  const companies: SeededCustomer[] = [];
  const individuals: SeededCustomer[] = [];
  for (const party of world.parties(org.edition).slice(counts.offset, counts.customers)) {
    const { createdAt, modifiedAt } = pastTimes(now, party.ageDays, random.next());
    const address = fsmAddress(party.address);
    const first = party.persons[0];
    let companyId: string | undefined;
    if (party.kind === 'business') {
      const company = createFsmRecord(world, org, 'Companies', {
        Company_Name: party.companyName,
        Company_Type: 'Customer',
        Email: first?.email ?? '',
        Phone: first?.phone ?? '',
        Website: party.website,
        Billing_Address: address,
        Service_Address: { Address_Name: 'Head office', ...address },
        ...taxFields(org, party),
      }, createdAt);
      if ('error' in company) continue;
      stamp(org, 'Companies', company, modifiedAt);
      companyId = company.id;
    }
    const contactIds: string[] = [];
    for (const person of party.persons) {
      const input: Record<string, unknown> = {
        Salutation: person.salutation,
        First_Name: person.firstName,
        Last_Name: person.lastName,
        Email: person.email,
        Phone: person.phone,
        Mobile: person.mobile,
        Billing_Address: address,
        Service_Address: { Address_Name: 'Primary', ...address },
      };
      if (companyId !== undefined) input.Company = companyId;
      else Object.assign(input, taxFields(org, party));
      const contact = createFsmRecord(world, org, 'Contacts', input, createdAt);
      if ('error' in contact) continue;
      stamp(org, 'Contacts', contact, modifiedAt);
      contactIds.push(contact.id);
    }
    if (companyId !== undefined) companies.push({ id: companyId, contactIds, address });
    else individuals.push(...contactIds.map((id) => ({ id, contactIds: [], address })));
  }
  const products: SeededProduct[] = [];
  for (const product of world.products(org.edition).slice(counts.offset, counts.items)) {
    const { createdAt, modifiedAt } = pastTimes(now, product.ageDays, random.next());
    const row = createFsmRecord(world, org, 'Service_And_Parts', {
      Name: product.name,
      Type: product.kind === 'service' ? 'Service' : 'Part',
      Unit: product.unit,
      Unit_Price: product.rate,
      Description: product.description,
      SKU: product.sku,
      Tax: { Taxable: true },
    }, createdAt);
    if ('error' in row) continue;
    stamp(org, 'Service_And_Parts', row, modifiedAt);
    products.push({ id: row.id, name: product.name, price: product.rate, kind: product.kind, unit: product.unit });
  }
  populateWorkOrders(world, org, random, { companies, individuals, products, count: counts.workOrders });
}
