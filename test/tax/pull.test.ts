import { describe, expect, it } from 'vitest';
import { TaxError } from '../../src/errors/tax-error.js';
import { SANDBOX_EDITIONS } from '../../src/sandbox/index.js';
import { taxFingerprint, taxWorld } from './helpers.js';

describe('TaxSync.pull() from an org seeded for each edition', () => {
  it.each(SANDBOX_EDITIONS)('%s: the configuration is what the finance org holds, with a stable id map', async (edition) => {
    const world = taxWorld(edition);
    const taxes = world.taxSync();
    const config = await taxes.pull();
    const { sandbox, orgId } = world;

    expect(config).toMatchObject({ edition, managedBy: 'fsm', taxesEnabled: true, finance: { organizationId: orgId, edition, avalara: false } });
    expect(taxFingerprint(config.taxes, 'name', 'rate')).toEqual(taxFingerprint(sandbox.records(orgId, 'taxes')));
    const groups = sandbox.records(orgId, 'taxgroups');
    expect(config.groups.map((g) => g.name).sort()).toEqual(groups.map((g) => String(g.tax_group_name)).sort());
    for (const group of config.groups) {
      const financeGroup = groups.find((g) => g.tax_group_name === group.name);
      const members = await Promise.all(group.taxIds.map((id) => taxes.toFinanceTaxId(id)));
      expect(members).toEqual((financeGroup?.taxes as Array<{ tax_id: string }>).map((t) => t.tax_id));
    }
    expect(config.authorities.map((a) => a.name).sort()).toEqual(sandbox.records(orgId, 'taxauthorities').map((a) => String(a.tax_authority_name)).sort());
    expect(config.exemptions.map((e) => `${e.code}/${e.type}`).sort()).toEqual(sandbox.records(orgId, 'taxexemptions').map((e) => `${String(e.tax_exemption_code)}/${String(e.type)}`).sort());

    // Every object is mapped both ways.
    const map = await taxes.idMap();
    expect(map).toHaveLength(config.taxes.length + config.groups.length + config.authorities.length + config.exemptions.length);
    for (const entry of map) {
      expect(entry.status).toBe('pulled');
      if (entry.kind === 'tax' || entry.kind === 'group') expect(await taxes.toFsmTaxId(entry.financeId ?? '')).toBe(entry.fsmId);
    }
    // The default tax is the one Books marks default.
    const defaultRow = (await world.client.finance.taxes.list().toArray()).find((t) => t.is_default_tax === true);
    expect(config.defaultTaxId === undefined ? undefined : await taxes.toFinanceTaxId(config.defaultTaxId)).toBe(defaultRow?.tax_id);

    // A second pull, by another process, gives the same ids.
    const again = await world.taxSync().pull();
    expect(again.taxes.map((t) => t.id)).toEqual(config.taxes.map((t) => t.id));
    expect(again.groups).toEqual(config.groups);
  });

  it('India: CGST/SGST/IGST with their specific types, GST groups of CGST + SGST, GST18 as default', async () => {
    const world = taxWorld('in');
    const config = await world.taxSync({ origin: 'TN' }).pull();
    expect(config.origin).toBe('TN');
    expect(config.taxes.filter((t) => t.specificType === 'igst').map((t) => t.name)).toEqual(['IGST5', 'IGST12', 'IGST18', 'IGST28']);
    const gst18 = config.groups.find((g) => g.name === 'GST18');
    expect(gst18?.taxIds.map((id) => config.taxes.find((t) => t.id === id)?.name)).toEqual(['CGST9', 'SGST9']);
    expect(config.defaultTaxId).toBe(gst18?.id);
  });

  it('US: taxes keep their authority, exemptions their type', async () => {
    const config = await taxWorld('us').taxSync().pull();
    const california = config.taxes.find((t) => t.name === 'California State Tax');
    expect(config.authorities.find((a) => a.id === california?.authorityId)?.name).toBe('California Department of Tax and Fee Administration');
    expect(config.exemptions.map((e) => [e.code, e.type])).toEqual([['RESELLER', 'customer'], ['NONPROFIT', 'customer'], ['LABOUR', 'item']]);
  });

  it('Canada: authorities keep their registration number', async () => {
    const config = await taxWorld('ca').taxSync().pull();
    expect(config.authorities.find((a) => a.name === 'Canada Revenue Agency')).toMatchObject({ registrationNumber: '123456782RT0001', registrationNumberLabel: 'Registration Number' });
    expect(config.taxes.find((t) => t.name === 'QST')?.rate).toBe('9.975');
  });

  it('a tax deleted in Books disappears from the configuration and the id map on the next pull', async () => {
    const world = taxWorld('au');
    const taxes = world.taxSync();
    const first = await taxes.pull();
    const free = first.taxes.find((t) => t.name === 'GST Free');
    world.sandbox.remove(world.orgId, 'taxes', (await taxes.toFinanceTaxId(free?.id ?? '')) ?? '');
    const second = await taxes.pull();
    expect(second.taxes.map((t) => t.name)).toEqual(['GST']);
    expect((await taxes.idMap()).map((e) => e.fsmId)).not.toContain(free?.id);
  });

  it('an org with taxes disabled pulls as taxes off', async () => {
    const config = await taxWorld('uk', { taxEnabled: false }).taxSync().pull();
    expect(config).toMatchObject({ taxesEnabled: false, taxes: [] });
  });

  it('Avalara (US): reports taxes managed by Avalara and keeps only the items’ tax codes', async () => {
    const world = taxWorld('us', { avalara: true, records: { items: 2, customers: 0 } });
    const item = world.sandbox.insert(world.orgId, 'items', { name: 'Drain cleaning', rate: 90, avatax_tax_code: 'SC060000' });
    const config = await world.taxSync().pull();
    expect(config).toMatchObject({ managedBy: 'avalara', taxes: [], groups: [], authorities: [], exemptions: [], itemTaxCodes: { [String(item.item_id)]: 'SC060000' } });
    expect(await world.taxSync().idMap()).toEqual([]);
    // Pushing the Avalara configuration back creates nothing; pushing taxes into the org is refused.
    expect(await world.taxSync().push()).toEqual({ created: [], matched: [], existing: [] });
    await expect(world.taxSync().push({ taxes: [{ id: 'ca', name: 'California', rate: '7.25' }] })).rejects.toMatchObject({ code: 'TAX_MANAGED_BY_AVALARA' });
    expect(world.posts('/settings/taxes')).toBe(0);
  });

  it('refuses an org of another edition (TAX_EDITION_MISMATCH) and Avalara outside the US (TAX_MANAGED_BY_AVALARA)', async () => {
    await expect(taxWorld('de').taxSync({ edition: 'uk' }).pull()).rejects.toMatchObject({ code: 'TAX_EDITION_MISMATCH', details: { edition: 'uk', financeEdition: 'de' } });
    const error = await taxWorld('ca', { avalara: true }).taxSync().pull().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaxError);
    expect(error).toMatchObject({ code: 'TAX_MANAGED_BY_AVALARA' });
  });
});

describe('docs/taxes.md quick start', () => {
  it('pulls an India org and prices an inter-state line: 2 × 1000 at IGST 18% = 2360.00', async () => {
    const taxes = taxWorld('in').taxSync({ origin: 'KA' });
    const config = await taxes.pull();
    const gst18 = config.groups.find((g) => g.name === 'GST18')?.id;
    const igst18 = config.taxes.find((t) => t.name === 'IGST18')?.id;
    const line = taxes.lineTax({
      customer: { taxable: true, treatment: 'business_gst' },
      item: { taxable: true, intraStateTaxId: gst18, interStateTaxId: igst18 },
      placeOfSupply: 'MH',
    });
    expect(taxes.totals([{ rate: '1000', quantity: 2, taxes: line.components }]).total).toBe('2360.00');
    expect(await taxes.toFinanceTaxId(line.taxId ?? '')).toMatch(/^\d+$/);
  });
});
