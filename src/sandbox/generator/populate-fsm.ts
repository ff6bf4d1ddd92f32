import { editionInfo } from '../editions.js';
import { createFsmRecord } from '../fsm/record-model.js';
import type { FsmOrgState } from '../org-state.js';
import { streamFor } from '../random.js';
import type { StoredRecord } from '../record-table.js';
import type { SandboxWorld } from '../world.js';
import type { GeneratedAddress, GeneratedParty } from './parties.js';
import { pastTimes, type ResolvedCounts } from './record-counts.js';

function fsmAddress(a: GeneratedAddress): Record<string, unknown> {
  return { Street_1: a.street, Street_2: a.street2, City: a.city, State: a.state, Zip_Code: a.zip, Country: a.country };
}

/** Edition tax fields of an FSM company or contact (zoho-api.md §4.3). */
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
 * become Service_And_Parts; work orders join them.
 */
export function populateFsmOrg(world: SandboxWorld, org: FsmOrgState, counts: ResolvedCounts): void {
  const now = world.now();
  const random = streamFor(world.seed, `org:${org.organizationId}`);
  const companies: Array<{ id: string; contactIds: string[] }> = [];
  const individuals: string[] = [];
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
    if (companyId !== undefined) companies.push({ id: companyId, contactIds });
    else individuals.push(...contactIds);
  }
  const services: Array<{ id: string; name: string; price: number }> = [];
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
    services.push({ id: row.id, name: product.name, price: product.rate });
  }
  if (companies.length === 0 || services.length === 0) return;
  for (let i = 0; i < counts.workOrders; i++) {
    const company = random.pick(companies);
    const service = random.pick(services);
    const quantity = random.int(1, 4);
    const input: Record<string, unknown> = {
      Summary: `${service.name} visit`,
      Priority: random.pick(['Low', 'Medium', 'High']),
      Status: random.pick(['New', 'In Progress', 'Completed']),
      Company: company.id,
      Service_Line_Items: [{ Service: { id: service.id, name: service.name }, Quantity: quantity, List_Price: service.price, Amount: Math.round(service.price * quantity * 100) / 100 }],
    };
    const contactId = company.contactIds[0];
    if (contactId !== undefined) input.Contact = contactId;
    createFsmRecord(world, org, 'Work_Orders', input, now - random.int(1, 90) * 86_400_000);
  }
}
