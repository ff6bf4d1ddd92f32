import { describe, expect, it } from 'vitest';
import { NetworkError } from '../../src/errors/network-error.js';
import { SANDBOX_EDITIONS, type SandboxEdition } from '../../src/sandbox/index.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { checkTaxConfig, defaultTaxConfig, type TaxConfig, type TaxConfigInput } from '../../src/tax/index.js';
import { taxFingerprint, taxWorld, type TaxWorld } from './helpers.js';

// Editions whose defaults are empty (no single national rate) push a configuration of their own.
const CUSTOM: Partial<Record<SandboxEdition, TaxConfigInput>> = {
  us: {
    authorities: [{ id: 'cdtfa', name: 'California Department of Tax and Fee Administration', description: 'Sales and use tax' }],
    taxes: [
      { id: 'ca', name: 'California State Tax', rate: '7.25', authorityId: 'cdtfa' },
      { id: 'la', name: 'Los Angeles County Tax', rate: '2.25', authorityId: 'cdtfa' },
    ],
    groups: [{ id: 'la_group', name: 'Los Angeles Sales Tax', taxIds: ['ca', 'la'] }],
    exemptions: [{ id: 'reseller', code: 'RESELLER', type: 'customer', description: 'Resale certificate' }, { id: 'labour', code: 'LABOUR', type: 'item' }],
    defaultTaxId: 'la_group',
  },
  global: {
    taxes: [{ id: 'gst', name: 'GST', rate: 9 }, { id: 'levy', name: 'Service Levy', rate: 2, compound: true }],
    groups: [{ id: 'gst_levy', name: 'GST + Levy', taxIds: ['gst', 'levy'] }],
  },
  kw: { taxes: [{ id: 'zero', name: 'Zero Rate', rate: 0, countryCode: 'KW' }] },
  qa: { taxes: [{ id: 'zero', name: 'Zero Rate', rate: 0, countryCode: 'QA' }] },
};

function configFor(edition: SandboxEdition): TaxConfig {
  const custom = CUSTOM[edition];
  return custom === undefined ? defaultTaxConfig(edition) : checkTaxConfig(custom, edition);
}

const objectCount = (c: TaxConfig) => c.taxes.length + c.groups.length + c.authorities.length + c.exemptions.length;

/** Asserts the finance org holds exactly the configured objects, once each. */
async function expectExactly(world: TaxWorld, config: TaxConfig): Promise<void> {
  const { sandbox, orgId } = world;
  expect(taxFingerprint(sandbox.records(orgId, 'taxes'))).toEqual(taxFingerprint(config.taxes.map((t) => ({ tax_name: t.name, tax_percentage: Number(t.rate) }))));
  const groups = sandbox.records(orgId, 'taxgroups');
  expect(groups.map((g) => String(g.tax_group_name)).sort()).toEqual(config.groups.map((g) => g.name).sort());
  const taxes = world.taxSync();
  for (const group of config.groups) {
    const members = (groups.find((g) => g.tax_group_name === group.name)?.taxes as Array<{ tax_id: string }>).map((t) => t.tax_id);
    expect(members).toEqual(await Promise.all(group.taxIds.map((id) => taxes.toFinanceTaxId(id))));
  }
  expect(sandbox.records(orgId, 'taxauthorities').map((a) => String(a.tax_authority_name)).sort()).toEqual(config.authorities.map((a) => a.name).sort());
  expect(sandbox.records(orgId, 'taxexemptions').map((e) => `${String(e.tax_exemption_code)}/${String(e.type)}`).sort()).toEqual(config.exemptions.map((e) => `${e.code}/${e.type}`).sort());
}

describe('TaxSync.push() into a new org of each edition', () => {
  it.each(SANDBOX_EDITIONS)('%s: creates exactly the configured objects; a second push creates none', async (edition) => {
    const world = taxWorld(edition, { empty: true });
    const config = configFor(edition);
    const report = await world.taxSync().push(config);
    expect(report.created).toHaveLength(objectCount(config));
    await expectExactly(world, config);

    const posts = world.sandbox.calls.count({ method: 'POST' });
    const again = await world.taxSync().push(config);
    expect(again).toMatchObject({ created: [], matched: [] });
    expect(again.existing).toHaveLength(objectCount(config));
    expect(world.sandbox.calls.count({ method: 'POST' })).toBe(posts);
    await expectExactly(world, config);
  });

  it.each(SANDBOX_EDITIONS)('%s: a push killed half-way and run again completes without duplicates', async (edition) => {
    const world = taxWorld(edition, { empty: true });
    const config = configFor(edition);
    const half = Math.max(1, Math.floor(objectCount(config) / 2));
    const controller = new AbortController();
    const first = world.taxSync();
    let done = 0;
    first.on('progress', () => {
      if (++done === half) controller.abort();
    });
    if (objectCount(config) > 1) await expect(first.push(config, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    else await first.push(config, { signal: controller.signal });

    const report = await world.taxSync().push(config);
    expect(report.existing).toHaveLength(half);
    expect(report.created).toHaveLength(objectCount(config) - half);
    await expectExactly(world, config);
  });
});

describe('TaxSync.push(): crash safety', () => {
  const india = () => ({ world: taxWorld('in', { empty: true }), config: defaultTaxConfig('in') });

  it('a create whose reply is lost (lost-ack) is found again at once: one run, no duplicate', async () => {
    const { world, config } = india();
    world.sandbox.faults.next({ match: { method: 'POST', path: '/settings/taxes' }, fault: 'lost-ack' });
    const report = await world.taxSync().push(config);
    expect(report.created).toHaveLength(objectCount(config));
    expect(world.sandbox.calls.count({ method: 'POST', endpoint: '/settings/taxes', status: 'no-reply' })).toBe(1);
    await expectExactly(world, config);
  });

  it('a dropped create (nothing written) fails the run; the next run creates the rest', async () => {
    const { world, config } = india();
    world.sandbox.faults.next({ match: { method: 'POST', path: '/settings/taxgroups' }, fault: 'drop' });
    await expect(world.taxSync().push(config)).rejects.toBeInstanceOf(NetworkError);
    expect(world.sandbox.records(world.orgId, 'taxgroups')).toHaveLength(0);
    const report = await world.taxSync().push(config);
    expect(report.created.map((c) => c.kind)).toEqual(['group', 'group', 'group']);
    await expectExactly(world, config);
  });

  it('a write that landed while Zoho stayed unreachable is adopted by the next run, not created twice', async () => {
    const { world, config } = india();
    // The first tax is written but its reply lost, and the re-read fails on every retry: the run stops with an intent stored.
    world.sandbox.faults.next({ match: { method: 'POST', path: '/settings/taxes' }, fault: 'lost-ack' });
    const stop = world.client.on('request', ({ method }) => {
      if (method !== 'POST') return;
      world.sandbox.faults.next({ match: { method: 'GET', path: '/settings/taxes' }, fault: 'server-error', times: 20 });
      stop();
    });
    await expect(world.taxSync().push(config)).rejects.toMatchObject({ status: 500 });
    expect((await world.taxSync().idMap()).find((e) => e.fsmId === 'cgst5')).toMatchObject({ status: 'pending' });
    world.sandbox.faults.clear();
    const taxes = world.taxSync();
    await taxes.push(config);
    expect((await taxes.idMap()).find((e) => e.fsmId === 'cgst5')).toMatchObject({ status: 'created' });
    await expectExactly(world, config);
  });

  it('with the id map lost, a re-run matches every object by name and rate', async () => {
    const { world, config } = india();
    await world.taxSync().push(config);
    const fresh = world.taxSync({ storage: new MemoryStorage() });
    const report = await fresh.push(config);
    expect(report.created).toEqual([]);
    expect(report.matched).toHaveLength(objectCount(config));
    expect(await fresh.toFinanceTaxId('gst18')).toBe(await world.taxSync().toFinanceTaxId('gst18'));
    await expectExactly(world, config);
  });
});

describe('TaxSync.push(): into existing orgs, and refusals', () => {
  it('adopts taxes already in the org (same name and rate) and creates only the rest', async () => {
    const world = taxWorld('au');
    const actions: string[] = [];
    const taxes = world.taxSync();
    taxes.on('progress', (p) => actions.push(`${p.action} ${p.kind} ${p.name}`));
    await taxes.push(defaultTaxConfig('au'));
    expect(actions).toEqual(['matched tax GST', 'created exemption GST FREE', 'created exemption GST FREE EXPORT', 'created exemption INPUT TAXED SALES']);
    expect(world.sandbox.records(world.orgId, 'taxes').filter((t) => t.tax_name === 'GST')).toHaveLength(1);
  });

  it('a pushed tax deleted in Books is reported missing, then created again by the next push under the same FSM id', async () => {
    const world = taxWorld('ae', { empty: true });
    const taxes = world.taxSync();
    await taxes.push(defaultTaxConfig('ae'));
    const oldId = (await taxes.toFinanceTaxId('vat_standard')) ?? '';
    world.sandbox.remove(world.orgId, 'taxes', oldId);
    expect((await taxes.health()).map((p) => p.code)).toEqual(['TAX_MISSING_IN_FINANCE']);
    const report = await taxes.push();
    expect(report.created.map((c) => c.fsmId)).toEqual(['vat_standard']);
    expect(await taxes.toFinanceTaxId('vat_standard')).not.toBe(oldId);
    expect(await taxes.toFsmTaxId(oldId)).toBeUndefined();
    expect(await taxes.health()).toEqual([]);
  });

  it('keeps the FSM ids of pushed objects on a later pull', async () => {
    const world = taxWorld('uk', { empty: true });
    await world.taxSync().push(defaultTaxConfig('uk'));
    const pulled = await world.taxSync().pull();
    expect(pulled.taxes.map((t) => t.id)).toEqual(['vat20', 'vat5', 'vat0']);
  });

  it('without a configuration, pushes the edition’s defaults', async () => {
    const world = taxWorld('sa', { empty: true });
    await world.taxSync().push();
    expect(taxFingerprint(world.sandbox.records(world.orgId, 'taxes'))).toEqual(['VAT 15% 15%', 'Zero Rate 0%']);
  });

  it('refuses an invalid configuration, taxes disabled, and another edition, before creating anything', async () => {
    const world = taxWorld('in', { empty: true });
    await expect(world.taxSync().push({ taxes: [{ id: 'x', name: 'X', rate: 200 }] })).rejects.toMatchObject({ code: 'TAX_CONFIG_INVALID' });
    world.sandbox.updateOrg(world.orgId, { taxEnabled: false });
    await expect(world.taxSync().push()).rejects.toMatchObject({ code: 'TAX_DISABLED_IN_FINANCE' });
    await expect(taxWorld('de', { empty: true }).taxSync({ edition: 'uk' }).push()).rejects.toMatchObject({ code: 'TAX_EDITION_MISMATCH' });
    expect(world.sandbox.calls.count({ method: 'POST' })).toBe(0);
  });
});
