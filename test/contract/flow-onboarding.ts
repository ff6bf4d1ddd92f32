import { OrgSelector } from '../../src/eligibility/org-selector.js';
import { IntegrationClient } from '../../src/client/integration-client.js';
import { FieldMapper } from '../../src/mapping/index.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { TaxSync } from '../../src/tax/index.js';
import { firstOrg, recordedWorld, type FlowSetting } from './contract-world.js';
import type { Exchange } from './record-exchanges.js';

type Choice = 'new_invoice' | 'existing_invoice' | 'existing_books';

/** Onboarding as FSM runs it: options, select, then default mappings and the tax step. */
async function onboard(log: Exchange[], setting: FlowSetting, choice: Choice): Promise<void> {
  const email = 'onboard@example.com';
  const world = recordedWorld(log, {
    seed: 11,
    undocumented: setting.undocumented,
    records: 3,
    users: [{ email, region: 'us', books: [{ edition: 'us' }], invoice: [{ edition: 'us' }], fsm: { edition: 'us' } }],
  });
  const client = world.client(undefined, email);
  const storage = new MemoryStorage();
  const clientFor = (binding: { app: 'books' | 'invoice'; organizationId: string }): IntegrationClient =>
    world.client({ app: binding.app, organizationId: binding.organizationId }, email);
  const selector = new OrgSelector({
    client,
    storage,
    fsm: { name: 'Contract Field Services', edition: 'us', currencyCode: 'USD', taxesEnabled: true },
    mapper: new FieldMapper({ storage, syncType: 'III', edition: 'us' }),
    taxes: (binding) => new TaxSync({ client: clientFor(binding), storage, edition: 'us' }),
  });
  await selector.options(email);
  if (choice === 'new_invoice') await selector.select({ choice });
  else await selector.select({ choice, organizationId: firstOrg(world.sandbox, choice === 'existing_books' ? 'books' : 'invoice') });
  await selector.onboard();
  await selector.health();
}

/** Onboarding in its three forms: a new Invoice org, an existing Invoice org, an existing Books org. */
export async function onboardingFlow(log: Exchange[], setting: FlowSetting): Promise<void> {
  for (const choice of ['new_invoice', 'existing_invoice', 'existing_books'] as const) await onboard(log, setting, choice);
}
