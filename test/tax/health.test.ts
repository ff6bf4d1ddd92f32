import { describe, expect, it } from 'vitest';
import { taxWorld } from './helpers.js';

describe('TaxSync.health()', () => {
  it('reports nothing for a freshly pulled org', async () => {
    const world = taxWorld('in');
    const taxes = world.taxSync();
    await taxes.pull();
    expect(await taxes.health()).toEqual([]);
  });

  it('TAX_DISABLED_IN_FINANCE: taxes on in the FSM configuration, off in Books', async () => {
    const world = taxWorld('au');
    const taxes = world.taxSync();
    await taxes.pull();
    world.sandbox.updateOrg(world.orgId, { taxEnabled: false });
    expect(await taxes.health()).toEqual([
      expect.objectContaining({ code: 'TAX_DISABLED_IN_FINANCE', blocking: false, message: expect.stringMatching(/enable taxes in Books/) }),
    ]);
  });

  it('EDITION_MISMATCH: the org uses another edition than FSM', async () => {
    const world = taxWorld('de');
    const problems = await world.taxSync({ edition: 'uk' }).health();
    expect(problems).toEqual([expect.objectContaining({ code: 'EDITION_MISMATCH', details: expect.objectContaining({ edition: 'uk', financeEdition: 'de' }) })]);
  });

  it('TAX_MISSING_IN_FINANCE: a tax used by FSM records was deleted in Books', async () => {
    const world = taxWorld('us');
    const taxes = world.taxSync();
    const config = await taxes.pull();
    const texas = config.taxes.find((t) => t.name === 'Texas State Tax');
    world.sandbox.remove(world.orgId, 'taxes', (await taxes.toFinanceTaxId(texas?.id ?? '')) ?? '');
    expect(await taxes.health()).toEqual([
      expect.objectContaining({ code: 'TAX_MISSING_IN_FINANCE', details: expect.objectContaining({ fsmTaxId: texas?.id, name: 'Texas State Tax' }) }),
    ]);
    // Only the taxes the records use count.
    expect(await taxes.health({ inUse: [config.taxes[0]?.id ?? ''] })).toEqual([]);
  });

  it('TAX_MISSING_IN_FINANCE for a tax the FSM records use that was never pushed', async () => {
    const world = taxWorld('uk');
    const taxes = world.taxSync();
    await taxes.pull();
    const [problem] = await taxes.health({ inUse: ['vat_legacy'] });
    expect(problem).toMatchObject({ code: 'TAX_MISSING_IN_FINANCE', message: expect.stringMatching(/run push\(\)/) });
  });

  it('an Avalara org has no taxes to miss', async () => {
    const world = taxWorld('us', { avalara: true });
    const taxes = world.taxSync();
    await taxes.pull();
    expect(await taxes.health({ inUse: ['anything'] })).toEqual([]);
  });
});
