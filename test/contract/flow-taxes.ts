import { TAX_EDITIONS, type TaxEdition } from '../../src/schemas/edition-codes.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { checkTaxConfig, defaultTaxConfig, TaxSync, type TaxConfig } from '../../src/tax/index.js';
import { recordedWorld, type FlowSetting } from './contract-world.js';
import type { Exchange } from './record-exchanges.js';

// Editions whose defaults hold no objects (no single national rate) push one of their own.
function configFor(edition: TaxEdition): TaxConfig {
  if (edition === 'us') {
    return checkTaxConfig({
      authorities: [{ id: 'cdtfa', name: 'California Department of Tax and Fee Administration', description: 'Sales and use tax' }],
      taxes: [{ id: 'ca', name: 'California State Tax', rate: '7.25', authorityId: 'cdtfa' }, { id: 'la', name: 'Los Angeles County Tax', rate: '2.25', authorityId: 'cdtfa' }],
      groups: [{ id: 'la_group', name: 'Los Angeles Sales Tax', taxIds: ['ca', 'la'] }],
      exemptions: [{ id: 'reseller', code: 'RESELLER', type: 'customer', description: 'Resale certificate' }],
    }, edition);
  }
  if (edition === 'global') return checkTaxConfig({ taxes: [{ id: 'gst', name: 'GST', rate: 9 }, { id: 'levy', name: 'Service Levy', rate: 2, compound: true }], groups: [{ id: 'both', name: 'GST + Levy', taxIds: ['gst', 'levy'] }] }, edition);
  if (edition === 'kw' || edition === 'qa') return checkTaxConfig({ taxes: [{ id: 'zero', name: 'Zero Rate', rate: 0, countryCode: edition.toUpperCase() }] }, edition);
  return defaultTaxConfig(edition);
}

/** TaxSync in one edition: a pull from a seeded org, a push into an empty one, health of both. */
async function taxesIn(log: Exchange[], setting: FlowSetting, edition: TaxEdition): Promise<void> {
  const { app } = setting;
  const world = recordedWorld(log, {
    seed: 3,
    records: 2,
    undocumented: setting.undocumented,
    users: [{ email: 'tax@example.com', region: 'us', [app]: [{ edition }, { edition, taxEnabled: false }], ...(app === 'books' ? { invoice: [] } : { books: [] }), fsm: false }],
  });
  const [seeded, empty] = world.sandbox.orgs({ app }).map((o) => o.organizationId);
  if (seeded === undefined || empty === undefined) throw new Error(`two ${app} orgs expected`);
  // The generator seeds taxes only where taxes are enabled: an org switched on afterwards is empty.
  world.sandbox.updateOrg(empty, { taxEnabled: true });
  const pulled = new TaxSync({ client: world.client({ app, organizationId: seeded }), storage: new MemoryStorage(), edition });
  await pulled.pull();
  await pulled.health();
  const pushed = new TaxSync({ client: world.client({ app, organizationId: empty }), storage: new MemoryStorage(), edition });
  await pushed.push(configFor(edition));
  await pushed.push(configFor(edition));
  await pushed.health();
}

/** TaxSync pull and push in every edition the SDK supports. */
export async function taxFlow(log: Exchange[], setting: FlowSetting): Promise<void> {
  for (const edition of TAX_EDITIONS) await taxesIn(log, setting, edition);
}
