import { describe, expect, it } from 'vitest';
import type { FinanceContactCreate, FinanceContactPersonCreate, FinanceInvoiceCreate, FinanceItemCreate } from '../../src/schemas/finance/index.js';
import type { FsmCompanyCreate, FsmContactCreate, FsmServiceAndPartCreate } from '../../src/schemas/fsm/index.js';
import { first, identityTaxes, lookupId, mappingWorld, resolver, type MappingWorld } from './helpers.js';

// US edition, seed 11: the sandbox's FSM org starts with Summit Inc (company 4150868000000000006,
// its contact Michael Johnson ...009), the individual Carlos Smith (...012) and the service Fire
// Alarm Installation (...042). Books holds later customers (offset 6), so what FSM creates there
// never collides with a seeded name.

const SUMMIT_ADDRESS = { address: '2942 Oak Ave', street2: '', city: 'Denver', state: 'Colorado', zip: '06605', country: 'U.S.A' };
const KEYSTONE_ADDRESS = { Street_1: '4954 Broadway', Street_2: '', City: 'Austin', State: 'Texas', Zip_Code: '88581', Country: 'U.S.A' };
const FIRE_ALARM_ITEM = {
  name: 'Fire Alarm Installation', rate: 258.62, description: 'Installation by a certified fire alarm technician',
  sku: 'SRV-00001', unit: 'hrs', product_type: 'service', is_taxable: true,
};

function fsm(world: MappingWorld, module: 'Companies' | 'Contacts' | 'Service_And_Parts' | 'Work_Orders', id: string) {
  return first(world.sandbox.records(world.fsm, module), (r) => r.id === id, `${module} ${id}`);
}

function books(world: MappingWorld, name: string) {
  return first(world.sandbox.records(world.books, 'contacts'), (r) => r.contact_name === name, `Books customer ${name}`);
}

/** Creates the FSM items in Books and returns the FSM id → Books id pairs, as a push would. */
async function pushItems(world: MappingWorld): Promise<Array<[string, string]>> {
  const pairs: Array<[string, string]> = [];
  for (const part of world.sandbox.records(world.fsm, 'Service_And_Parts')) {
    const item = await world.client.finance.items.create((await world.mapper.toFinance('items', part)) as FinanceItemCreate);
    pairs.push([String(part.id), item.item_id]);
  }
  return pairs;
}

describe('sync type I: Companies ↔ business customers', () => {
  it('maps a seeded company to the exact customer payload (email and phones on the primary person), and Books creates it', async () => {
    const world = mappingWorld({ edition: 'us', syncType: 'I' });
    const payload = await world.mapper.toFinance('companies', fsm(world, 'Companies', '4150868000000000006'));
    expect(payload).toEqual({
      contact_type: 'customer',
      customer_sub_type: 'business',
      contact_name: 'Summit Inc',
      company_name: 'Summit Inc',
      website: 'https://www.summitinc.example',
      contact_persons: [{ is_primary_contact: true, email: 'michael.johnson@summitinc.example', phone: '+1-119-387-8205' }],
      billing_address: SUMMIT_ADDRESS,
      shipping_address: SUMMIT_ADDRESS,
      is_taxable: true,
    });
    const created = await world.client.finance.contacts.create(payload as FinanceContactCreate);
    expect(created).toMatchObject({ contact_name: 'Summit Inc', customer_sub_type: 'business', is_taxable: true, billing_address: SUMMIT_ADDRESS });
    expect(created.contact_persons).toEqual([expect.objectContaining({ email: 'michael.johnson@summitinc.example', is_primary_contact: true })]);
  });

  it('maps a seeded Books business customer to the exact FSM company payload (tax through the tax map), and FSM creates it', async () => {
    const world = mappingWorld({ edition: 'us', syncType: 'I' });
    const payload = await world.mapper.toFsm('companies', books(world, 'Keystone Electrical Inc'), { resolve: resolver({ taxes: identityTaxes(world) }) });
    expect(payload).toEqual({
      Company_Name: 'Keystone Electrical Inc',
      Website: 'https://www.keystoneelectricalinc.example',
      Email: 'kevin.miller@keystoneelectricalinc.example',
      Phone: '+1-139-814-0340',
      Mobile: '+1-246-550-4259',
      Fax: '',
      Billing_Address: KEYSTONE_ADDRESS,
      Service_Address: KEYSTONE_ADDRESS,
      Taxable: true,
      Tax: { Tax_Id: '460000000000030' },
    });
    const { id } = await world.client.fsm.companies.create(payload as FsmCompanyCreate);
    expect(world.sandbox.record(world.fsm, 'Companies', id)).toMatchObject(payload);
  });

  it('maps services and parts to items both ways, and each side creates the other’s record', async () => {
    const world = mappingWorld({ edition: 'us', syncType: 'I' });
    const toBooks = await world.mapper.toFinance('items', fsm(world, 'Service_And_Parts', '4150868000000000042'));
    expect(toBooks).toEqual(FIRE_ALARM_ITEM);
    expect(await world.client.finance.items.create(toBooks as FinanceItemCreate)).toMatchObject(FIRE_ALARM_ITEM);
    const part = first(world.sandbox.records(world.books, 'items'), (i) => i.product_type === 'goods', 'goods item');
    const toFsm = await world.mapper.toFsm('items', part);
    expect(toFsm).toEqual({
      Name: 'Condenser Fan Motor (Solar)', Unit_Price: 106.2, Description: 'Condenser Fan Motor for solar jobs',
      SKU: 'PRT-00007', Unit: 'pcs', Type: 'Part', Tax: { Taxable: true },
    });
    const { id } = await world.client.fsm.serviceAndParts.create(toFsm as FsmServiceAndPartCreate);
    expect(world.sandbox.record(world.fsm, 'Service_And_Parts', id)).toMatchObject(toFsm);
  });

  it('bills a work order to its company: the exact invoice payload, and Books creates the draft', async () => {
    const world = mappingWorld({ edition: 'us', syncType: 'I' });
    const order = fsm(world, 'Work_Orders', '4150868000000000054');
    const company = fsm(world, 'Companies', lookupId(order.Company));
    const customer = await world.client.finance.contacts.create((await world.mapper.toFinance('companies', company)) as FinanceContactCreate);
    const items = await pushItems(world);
    const payload = await world.mapper.toFinance('invoices', order, { resolve: resolver({ companies: [[String(company.id), customer.contact_id]], items }) });
    const repairVisit = items.find(([fsmId]) => fsmId === '4150868000000000045')?.[1];
    expect(payload).toEqual({ customer_id: customer.contact_id, reference_number: 'WO1', line_items: [{ item_id: repairVisit, quantity: 1, rate: 130.56 }] });
    const invoice = await world.client.finance.invoices.create(payload as FinanceInvoiceCreate);
    expect(invoice).toMatchObject({ customer_id: customer.contact_id, status: 'draft', reference_number: 'WO1', total: 130.56 });
  });
});

describe('sync type II: Contacts ↔ individual customers', () => {
  it('maps a seeded contact to the exact individual customer payload, and Books creates it', async () => {
    const world = mappingWorld({ edition: 'us', syncType: 'II' });
    const payload = await world.mapper.toFinance('contacts', fsm(world, 'Contacts', '4150868000000000009'));
    expect(payload).toEqual({
      contact_type: 'customer',
      customer_sub_type: 'individual',
      contact_name: 'Michael Johnson',
      contact_persons: [{
        is_primary_contact: true, salutation: 'Dr.', first_name: 'Michael', last_name: 'Johnson',
        email: 'michael.johnson@summitinc.example', phone: '+1-119-387-8205', mobile: '+1-175-921-0426',
      }],
      billing_address: SUMMIT_ADDRESS,
      shipping_address: SUMMIT_ADDRESS,
    });
    const created = await world.client.finance.contacts.create(payload as FinanceContactCreate);
    expect(created).toMatchObject({ contact_name: 'Michael Johnson', customer_sub_type: 'individual' });
    expect(created.contact_persons?.[0]).toMatchObject({ first_name: 'Michael', last_name: 'Johnson', email: 'michael.johnson@summitinc.example' });
  });

  it('maps a seeded individual customer to the exact FSM contact payload, and FSM creates it', async () => {
    const world = mappingWorld({ edition: 'us', syncType: 'II' });
    const payload = await world.mapper.toFsm('contacts', books(world, 'William Brown'), { resolve: resolver({ taxes: identityTaxes(world) }) });
    const address = { Street_1: '6351 Oak Ave', Street_2: '', City: 'Austin', State: 'Texas', Zip_Code: '73922', Country: 'U.S.A' };
    expect(payload).toEqual({
      Salutation: 'Mr.', First_Name: 'William', Last_Name: 'Brown', Email: 'william.brown@mail.example',
      Phone: '+1-565-577-8436', Mobile: '+1-246-399-1146', Billing_Address: address, Service_Address: address,
      Taxable: true, Tax: { Tax_Id: '460000000000030' },
    });
    const { id } = await world.client.fsm.contacts.create(payload as FsmContactCreate);
    expect(world.sandbox.record(world.fsm, 'Contacts', id)).toMatchObject({ Full_Name: 'William Brown', Email: 'william.brown@mail.example' });
  });

  it('bills a work order to its contact', async () => {
    const world = mappingWorld({ edition: 'us', syncType: 'II' });
    const order = fsm(world, 'Work_Orders', '4150868000000000054');
    const contact = fsm(world, 'Contacts', lookupId(order.Contact));
    const customer = await world.client.finance.contacts.create((await world.mapper.toFinance('contacts', contact)) as FinanceContactCreate);
    const items = await pushItems(world);
    const payload = await world.mapper.toFinance('invoices', order, { resolve: resolver({ contacts: [[String(contact.id), customer.contact_id]], items }) });
    expect(payload.customer_id).toBe(customer.contact_id);
    expect(await world.client.finance.invoices.create(payload as FinanceInvoiceCreate)).toMatchObject({ customer_name: 'David Davis', status: 'draft' });
  });
});

describe('sync type III: Companies ↔ customers, Contacts ↔ their contact persons', () => {
  it('maps the company (phone on the billing address) and its contact as a person of the created customer', async () => {
    const world = mappingWorld({ edition: 'us', syncType: 'III' });
    const company = await world.mapper.toFinance('companies', fsm(world, 'Companies', '4150868000000000006'));
    expect(company).toEqual({
      contact_type: 'customer',
      customer_sub_type: 'business',
      contact_name: 'Summit Inc',
      company_name: 'Summit Inc',
      website: 'https://www.summitinc.example',
      billing_address: { phone: '+1-119-387-8205', ...SUMMIT_ADDRESS },
      shipping_address: SUMMIT_ADDRESS,
      is_taxable: true,
    });
    const customer = await world.client.finance.contacts.create(company as FinanceContactCreate);
    const contact = fsm(world, 'Contacts', '4150868000000000009');
    expect(world.mapper.route('Contacts', contact)).toBe('contact_persons');
    const person = await world.mapper.toFinance('contact_persons', contact, { resolve: resolver({ companies: [['4150868000000000006', customer.contact_id]] }) });
    expect(person).toEqual({
      contact_id: customer.contact_id, salutation: 'Dr.', first_name: 'Michael', last_name: 'Johnson',
      email: 'michael.johnson@summitinc.example', phone: '+1-119-387-8205', mobile: '+1-175-921-0426',
    });
    const created = await world.client.finance.contactPersons.create(person as FinanceContactPersonCreate);
    expect(world.sandbox.record(world.books, 'contactpersons', created.contact_person_id)).toMatchObject({ contact_id: customer.contact_id, email: 'michael.johnson@summitinc.example' });
  });

  it('maps a Books contact person back to an FSM contact of the linked company', async () => {
    const world = mappingWorld({ edition: 'us', syncType: 'III' });
    const keystone = books(world, 'Keystone Electrical Inc');
    const person = (keystone.contact_persons as Array<Record<string, unknown>>)[1];
    const { id: companyId } = await world.client.fsm.companies.create((await world.mapper.toFsm('companies', keystone, { unresolved: 'omit' })) as FsmCompanyCreate);
    const payload = await world.mapper.toFsm('contact_persons', { ...person, contact_id: keystone.contact_id }, { resolve: resolver({ companies: [[companyId, String(keystone.contact_id)]] }) });
    expect(payload).toEqual({
      Company: companyId, Salutation: 'Mrs.', First_Name: 'Jennifer', Last_Name: 'Wilson',
      Email: 'jennifer.wilson@keystoneelectricalinc.example', Phone: '+1-417-933-6256', Mobile: '+1-653-824-8669',
    });
    const { id } = await world.client.fsm.contacts.create(payload as FsmContactCreate);
    expect(world.sandbox.record(world.fsm, 'Contacts', id)).toMatchObject({ Company: { id: companyId, name: 'Keystone Electrical Inc' } });
  });

  it('has no individual-customer module and links only companies and items', () => {
    const world = mappingWorld({ edition: 'us', syncType: 'III' });
    expect(world.mapper.modules().map((b) => [b.module, b.linkable])).toEqual([['companies', true], ['contact_persons', false], ['items', true], ['invoices', false]]);
    expect(world.mapper.routeFinance('contacts', { customer_sub_type: 'individual' })).toBeUndefined();
  });
});

describe('sync type IV: Companies or Contacts ↔ customers', () => {
  it('routes a contact without a company to an individual customer and one with a company to a person', async () => {
    const world = mappingWorld({ edition: 'us', syncType: 'IV' });
    const loner = fsm(world, 'Contacts', '4150868000000000012');
    const employee = fsm(world, 'Contacts', '4150868000000000009');
    expect([world.mapper.route('Contacts', loner), world.mapper.route('Contacts', employee)]).toEqual(['contacts', 'contact_persons']);
    const individual = await world.mapper.toFinance('contacts', loner);
    const address = { address: '4221 Main St', street2: 'Suite 822', city: 'Austin', state: 'Texas', zip: '23432', country: 'U.S.A' };
    expect(individual).toEqual({
      contact_type: 'customer',
      customer_sub_type: 'individual',
      contact_name: 'Carlos Smith',
      contact_persons: [{
        is_primary_contact: true, salutation: 'Dr.', first_name: 'Carlos', last_name: 'Smith',
        email: 'carlos.smith@mail.example', phone: '+1-975-273-0934', mobile: '+1-697-589-9876',
      }],
      billing_address: address,
      shipping_address: address,
      is_taxable: true,
    });
    expect(await world.client.finance.contacts.create(individual as FinanceContactCreate)).toMatchObject({ contact_name: 'Carlos Smith', customer_sub_type: 'individual' });
    const company = await world.client.finance.contacts.create((await world.mapper.toFinance('companies', fsm(world, 'Companies', '4150868000000000006'))) as FinanceContactCreate);
    const person = await world.mapper.toFinance('contact_persons', employee, { resolve: resolver({ companies: [['4150868000000000006', company.contact_id]] }) });
    expect(person).toMatchObject({ contact_id: company.contact_id, first_name: 'Michael', email: 'michael.johnson@summitinc.example' });
    expect(await world.client.finance.contactPersons.create(person as FinanceContactPersonCreate)).toMatchObject({ first_name: 'Michael' });
  });

  it('bills a work order to its company when it has one, else to its contact', async () => {
    const world = mappingWorld({ edition: 'us', syncType: 'IV' });
    const order = fsm(world, 'Work_Orders', '4150868000000000054');
    const resolve = resolver({ companies: [['4150868000000000015', 'C-PIONEER']], contacts: [['4150868000000000018', 'C-DAVID']], items: [['4150868000000000045', 'I-1']] });
    expect((await world.mapper.toFinance('invoices', order, { resolve })).customer_id).toBe('C-PIONEER');
    const { Company: _company, ...withoutCompany } = order;
    expect((await world.mapper.toFinance('invoices', withoutCompany, { resolve })).customer_id).toBe('C-DAVID');
  });

  it('maps Books customers by their type: business to companies, individual to contacts', () => {
    const world = mappingWorld({ edition: 'us', syncType: 'IV' });
    expect(world.mapper.routeFinance('contacts', books(world, 'Keystone Electrical Inc'))).toBe('companies');
    expect(world.mapper.routeFinance('contacts', books(world, 'William Brown'))).toBe('contacts');
    expect(world.mapper.modules().filter((b) => b.linkable).map((b) => b.module)).toEqual(['companies', 'contacts', 'contact_persons', 'items']);
  });
});
