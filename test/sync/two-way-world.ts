import { IntegrationClient } from '../../src/client/integration-client.js';
import { OrgSelector } from '../../src/eligibility/org-selector.js';
import { FieldMapper, type SyncType } from '../../src/mapping/index.js';
import { ManualClock } from '../../src/manual-clock.js';
import { createSandbox, type RecordCounts } from '../../src/sandbox/index.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import type { Storage } from '../../src/storage/storage.js';
import { BidirectionalSyncer, type BidirectionalSyncerOptions, zohoFinanceSource, zohoFsmSource } from '../../src/sync/index.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';

/**
 * The README wiring on the sandbox: one Storage shared by OrgSelector, FieldMapper and the
 * syncer; a US user with two Books orgs (A holds the records, B is a switch target) and an FSM org.
 */
export function twoWayWorld(options: { books?: RecordCounts; fsm?: RecordCounts; syncType?: SyncType; storage?: (inner: Storage) => Storage } = {}) {
  const clock = new ManualClock({ autoAdvance: true });
  const sandbox = createSandbox({
    seed: 7,
    clock,
    users: [{
      email: 'owner@acme.example',
      region: 'us',
      books: [{ name: 'A', records: options.books ?? { customers: 3, items: 3 } }, { name: 'B', records: 0 }],
      fsm: { records: options.fsm ?? 0 },
    }],
  });
  const [a, b] = sandbox.orgs({ app: 'books' });
  const fsmOrg = sandbox.orgs({ app: 'fsm' })[0];
  if (!a || !b || !fsmOrg) throw new Error('sandbox orgs missing');
  const { clientId, clientSecret, refreshToken, region } = sandbox.credentials();
  const inner = new MemoryStorage();
  const storage = options.storage ? options.storage(inner) : inner;
  const client = new IntegrationClient({
    region,
    finance: { app: 'books', organizationId: a.organizationId },
    auth: { clientId, clientSecret, refreshToken },
    transport: createFetchTransport({ fetch: sandbox.fetch }),
    clock,
    retry: { random: () => 0.5 },
    storage,
  });
  const mapper = new FieldMapper({ storage, syncType: options.syncType ?? 'I', edition: 'us' });
  const selector = new OrgSelector({ client, storage, mapper, fsm: { name: 'Acme Field Services', edition: 'us', currencyCode: 'USD', taxesEnabled: true } });
  const sides = { fsm: zohoFsmSource(client), finance: zohoFinanceSource(client) };
  return {
    sandbox, clock, client, storage, mapper, selector, sides,
    books: a.organizationId,
    other: b.organizationId,
    fsm: fsmOrg.organizationId,
    syncer: (extra: Partial<BidirectionalSyncerOptions> = {}) => new BidirectionalSyncer({ storage, mapper, ...sides, clock, ...extra }),
    /** FSM companies and services, by name. */
    fsmNames(): string[] {
      return [
        ...sandbox.records(fsmOrg.organizationId, 'Companies').map((c) => `company ${String(c.Company_Name)}`),
        ...sandbox.records(fsmOrg.organizationId, 'Service_And_Parts').map((i) => `item ${String(i.Name)}`),
      ].sort();
    },
    /** FSM contacts as `company name | email`. */
    fsmContacts(): string[] {
      return sandbox.records(fsmOrg.organizationId, 'Contacts').map((c) => `${String((c.Company as { name?: unknown } | undefined)?.name ?? '')} | ${String(c.Email).toLowerCase()}`).sort();
    },
    /** Books business customers and items of org A, by name. */
    booksNames(): string[] {
      return [
        ...sandbox.records(a.organizationId, 'contacts').filter((c) => (c.customer_sub_type ?? 'business') === 'business').map((c) => `company ${String(c.contact_name)}`),
        ...sandbox.records(a.organizationId, 'items').map((i) => `item ${String(i.name)}`),
      ].sort();
    },
  };
}

/** Names that appear more than once. */
export function repeated(names: readonly string[]): string[] {
  return names.filter((n, i) => names.indexOf(n) !== i);
}
