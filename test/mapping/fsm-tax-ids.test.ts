import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors/api-error.js';
import { TaxSync } from '../../src/tax/index.js';
import { syncWorld, type SyncWorld } from '../sync/helpers.js';
import { rejection } from '../helpers/rejection.js';

// FSM's tax fields hold the bound Books org's tax, tax group, exemption or authority id, and FSM
// refuses anything else. A sync with TaxSync must write those ids, never TaxSync's own (`tax-…`).

function booksTaxId(world: SyncWorld, name: string): string {
  const tax = world.sandbox.records(world.books, 'taxes').find((t) => t.tax_name === name);
  const group = world.sandbox.records(world.books, 'taxgroups').find((g) => g.tax_group_name === name);
  const id = tax?.tax_id ?? group?.tax_group_id;
  if (typeof id !== 'string') throw new Error(`the Books org has no tax or group named ${name}`);
  return id;
}

function indiaWorld(): SyncWorld {
  return syncWorld({ edition: 'in', fsmRecords: { customers: 1, items: 0 }, booksRecords: { customers: 1, items: 3, offset: 4 } });
}

describe('FSM tax fields hold Books tax ids (India)', () => {
  it('a sync with TaxSync writes the Books ids of the intra-state group and the inter-state IGST, which read back as those taxes', async () => {
    const world = indiaWorld();
    const taxes = new TaxSync({ client: world.client, storage: world.storage, edition: 'in' });
    const config = await taxes.pull();
    const booksItems = world.sandbox.records(world.books, 'items');
    expect(booksItems.length).toBeGreaterThan(0);

    const report = await world.syncer({ taxes }).run();
    expect(report.failures).toEqual([]);

    const parts = world.sandbox.records(world.fsm, 'Service_And_Parts');
    expect(parts).toHaveLength(booksItems.length);
    for (const item of booksItems) {
      const prefs = item.item_tax_preferences as Array<{ tax_id: string; tax_specification: string }>;
      const intra = prefs.find((p) => p.tax_specification === 'intra')?.tax_id;
      const inter = prefs.find((p) => p.tax_specification === 'inter')?.tax_id;
      const part = parts.find((p) => p.Name === item.name);
      expect(part, `FSM part for Books item ${String(item.name)}`).toMatchObject({ Intra_State_Tax_Rate: intra, Inter_State_Tax_Rate: inter });
    }

    // Read back: the ids are the Books GST18 group (CGST9 + SGST9) and IGST18, and TaxSync names them.
    const gst18 = booksTaxId(world, 'GST18');
    const igst18 = booksTaxId(world, 'IGST18');
    const part = parts.find((p) => p.Intra_State_Tax_Rate === gst18);
    expect(part, 'a part taxed GST18 within the state').toBeDefined();
    expect(part?.Inter_State_Tax_Rate).toBe(igst18);
    const read = await world.client.fsm.serviceAndParts.get(String(part?.id));
    const intraId = await taxes.toFsmTaxId(String(read.Intra_State_Tax_Rate));
    const interId = await taxes.toFsmTaxId(String(read.Inter_State_Tax_Rate));
    const intraName = config.groups.find((g) => g.id === intraId)?.name;
    const interName = config.taxes.find((t) => t.id === interId)?.name;
    expect([intraName, interName]).toEqual(['GST18', 'IGST18']);
    for (const p of parts) expect(JSON.stringify(p)).not.toMatch(/"(tax|group|exemption|authority)-\d+"/);

    // A second run finds nothing to change: the ids read from FSM equal what Books holds.
    const puts = () => world.sandbox.calls.count({ method: 'PUT', endpoint: '/Service_And_Parts/{id}' });
    const before = puts();
    const again = await world.syncer({ taxes }).run();
    expect(again.failures).toEqual([]);
    expect(puts() - before, 'PUTs to FSM parts in a run with nothing changed').toBe(0);
  });

  it('an FSM edit of the intra-state tax reaches Books as that Books tax id', async () => {
    const world = indiaWorld();
    const taxes = new TaxSync({ client: world.client, storage: world.storage, edition: 'in' });
    await taxes.pull();
    await world.syncer({ taxes }).run();
    const part = world.sandbox.records(world.fsm, 'Service_And_Parts')[0];
    const gst5 = booksTaxId(world, 'GST5');
    world.sandbox.edit(world.fsm, 'Service_And_Parts', String(part?.id), { Intra_State_Tax_Rate: gst5 });
    await world.syncer({ taxes }).run();
    const item = world.sandbox.records(world.books, 'items').find((i) => i.name === part?.Name);
    expect(item?.item_tax_preferences).toContainEqual(expect.objectContaining({ tax_specification: 'intra', tax_id: gst5 }));
  });
});

describe('the sandbox FSM refuses tax fields that do not name a finance tax', () => {
  const base = { Name: 'Fumigation', Unit_Price: 100, Type: 'Service' as const };

  it.each([
    ['Intra_State_Tax_Rate', { Intra_State_Tax_Rate: 'tax-123' }, 'Intra_State_Tax_Rate'],
    ['Inter_State_Tax_Rate', { Inter_State_Tax_Rate: 'group-460000000000048' }, 'Inter_State_Tax_Rate'],
    ['Tax.Tax_Id', { Tax: { Taxable: true, Tax_Id: 'tax-123' } }, 'Tax_Id'],
    ['Tax.Tax_Exemption_Id', { Tax: { Taxable: false, Tax_Exemption_Id: 'exemption-9' } }, 'Tax_Exemption_Id'],
  ])('Service_And_Parts %s: INVALID_DATA naming the field', async (_label, fields, apiName) => {
    const world = indiaWorld();
    const error = await rejection(world.client.fsm.serviceAndParts.create({ ...base, ...fields }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ zohoCode: 'INVALID_DATA', details: { field: apiName } });
    expect(world.sandbox.records(world.fsm, 'Service_And_Parts')).toEqual([]);
  });

  it('refuses a tax id as an exemption, and a tax of another org; accepts the bound org’s ids and blanks', async () => {
    const world = indiaWorld();
    const gst18 = booksTaxId(world, 'GST18');
    const company = world.sandbox.records(world.fsm, 'Companies')[0];
    expect(await rejection(world.client.fsm.companies.update(String(company?.id), { Tax: { Tax_Exemption_Id: gst18 } }))).toMatchObject({ zohoCode: 'INVALID_DATA', details: { field: 'Tax_Exemption_Id' } });
    expect(await rejection(world.client.fsm.companies.update(String(company?.id), { Tax: { Tax_Id: '460000000999999' } }))).toMatchObject({ details: { field: 'Tax_Id' } });

    const exemption = world.sandbox.insert(world.books, 'taxexemptions', { tax_exemption_code: 'EXPORT', type: 'customer' });
    await world.client.fsm.companies.update(String(company?.id), { Tax: { Tax_Id: gst18, Tax_Exemption_Id: String(exemption.tax_exemption_id) } });
    const { id } = await world.client.fsm.serviceAndParts.create({ ...base, Intra_State_Tax_Rate: gst18, Inter_State_Tax_Rate: booksTaxId(world, 'IGST18') });
    await world.client.fsm.serviceAndParts.update(id, { Intra_State_Tax_Rate: null, Tax: { Tax_Id: '' } });
    expect(world.sandbox.record(world.fsm, 'Service_And_Parts', id)).toMatchObject({ Intra_State_Tax_Rate: null });
  });

  it('a person typing a wrong tax id in the UI is refused too', () => {
    const world = indiaWorld();
    const part = world.sandbox.records(world.fsm, 'Companies')[0];
    expect(() => world.sandbox.edit(world.fsm, 'Companies', String(part?.id), { Billing_Address: { Tax: { Tax_Id: 'tax-1' } } })).toThrow(/invalid data/);
  });
});
