import { OrgSelector } from '../../src/eligibility/org-selector.js';
import { IntegrationHealthError } from '../../src/errors/integration-health-error.js';
import { SwitchRefusedError } from '../../src/errors/switch-refused-error.js';
import { FieldMapper } from '../../src/mapping/index.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { TaxSync } from '../../src/tax/index.js';
import { firstOrg, recordedWorld, type FlowSetting } from './contract-world.js';
import type { Exchange } from './record-exchanges.js';

const EMAIL = 'guard@example.com';

function guardWorld(log: Exchange[], setting: FlowSetting) {
  return recordedWorld(log, {
    seed: 14,
    records: 2,
    undocumented: setting.undocumented,
    users: [{
      email: EMAIL,
      region: 'us',
      books: [{ edition: 'us', name: 'Guard Books' }, { edition: 'us', name: 'Guard Books 2', isDefault: false }],
      invoice: [{ edition: 'us', name: 'Guard Invoice' }],
      fsm: { edition: 'us', records: { customers: 2, items: 2 } },
    }],
  });
}

/**
 * FSM creates behind the health guard: a work order while the finance org is healthy, then the
 * org deleted in Zoho (its check calls must still follow the description), and limitsFor().
 */
export async function healthGuardFlow(log: Exchange[], setting: FlowSetting): Promise<void> {
  const world = guardWorld(log, setting);
  const organizationId = world.sandbox.orgs({ app: setting.app })[0]?.organizationId ?? '';
  const client = world.client({ app: setting.app, organizationId }, EMAIL);
  await client.limitsFor();
  await client.limitsFor(organizationId, { refresh: true });
  await client.fsm.workOrders.create({ Summary: 'Boiler check' });
  world.sandbox.updateOrg(organizationId, { deleted: true });
  await world.clock.advance(3_600_000);
  try {
    await client.fsm.workOrders.create({ Summary: 'Refused while the finance org is deleted' });
  } catch (error) {
    if (error instanceof IntegrationHealthError) return;
    throw error;
  }
  throw new Error('a work order was created while the finance organisation is deleted');
}

/** Runs a switch that may be refused; anything but a refusal fails the flow. */
async function attempt(call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof SwitchRefusedError)) throw error;
  }
}

/** OrgSelector.switch(): refused (not an admin, an ineligible target), done, then rate-limited. */
export async function switchFlow(log: Exchange[], setting: FlowSetting): Promise<void> {
  const world = guardWorld(log, setting);
  const storage = new MemoryStorage();
  const client = world.client(undefined, EMAIL);
  const [books, books2] = world.sandbox.orgs({ app: 'books' }).map((o) => o.organizationId);
  if (books === undefined || books2 === undefined) throw new Error('two Books orgs expected');
  const selector = new OrgSelector({
    client,
    storage,
    fsm: { name: 'Guard Field Services', edition: 'us', currencyCode: 'USD', taxesEnabled: true },
    mapper: new FieldMapper({ storage, syncType: 'I', edition: 'us' }),
    taxes: (binding) => new TaxSync({ client: world.client(binding, EMAIL), storage, edition: 'us' }),
  });
  await selector.options(EMAIL);
  await selector.select({ choice: 'existing_books', organizationId: books });
  await selector.onboard();
  await attempt(selector.switch({ app: 'books', organizationId: books2 }, { actor: { isAdmin: false } }));
  await attempt(selector.switch({ app: 'books', organizationId: '99999999' }, { actor: { isAdmin: true } }));
  await selector.switch({ app: 'books', organizationId: books2 }, { actor: { isAdmin: true } });
  await attempt(selector.switch({ app: 'invoice', organizationId: firstOrg(world.sandbox, 'invoice') }, { actor: { isAdmin: true } }));
  await attempt(selector.switch({ app: 'books', organizationId: books }, { actor: { isAdmin: true } }));
  await selector.health();
}
