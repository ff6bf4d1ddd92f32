import { IntegrationClient } from '../../src/client/integration-client.js';
import { createMapResolver, FieldMapper, type ReferencePairs, type SyncType } from '../../src/mapping/index.js';
import { ManualClock } from '../../src/manual-clock.js';
import type { Region } from '../../src/regions.js';
import { createSandbox, type RecordCounts, type Sandbox, type SandboxEdition } from '../../src/sandbox/index.js';
import type { TaxEdition } from '../../src/schemas/edition-codes.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';

/** The data centre a test org of an edition lives in. */
const REGION_OF: Partial<Record<TaxEdition, Region>> = { in: 'in', uk: 'uk', ae: 'sa', sa: 'sa', us: 'us', au: 'au', de: 'eu', ca: 'ca' };

/** A sandbox with one user owning a Books org and an FSM org of one edition, a client on both, and a mapper. */
export interface MappingWorld {
  sandbox: Sandbox;
  client: IntegrationClient;
  books: string;
  fsm: string;
  mapper: FieldMapper;
  storage: MemoryStorage;
}

export function mappingWorld(options: { edition: SandboxEdition & TaxEdition; syncType: SyncType; records?: RecordCounts; seed?: number; multiCurrency?: boolean }): MappingWorld {
  const region = REGION_OF[options.edition] ?? 'us';
  const clock = new ManualClock({ autoAdvance: true });
  // Books draws later customers and items than FSM (offset), so creating FSM's records in Books
  // does not collide with a seeded name (Books refuses duplicate names, code 3062).
  const records = options.records ?? { customers: 6, items: 3, workOrders: 2 };
  const financeRecords = options.records ?? { customers: 6, items: 3, offset: 6 };
  const sandbox = createSandbox({
    seed: options.seed ?? 11,
    clock,
    users: [{ email: 'map@example.com', region, books: [{ edition: options.edition, records: financeRecords }], fsm: { edition: options.edition, records } }],
  });
  const books = sandbox.orgs({ app: 'books' })[0]?.organizationId;
  const fsm = sandbox.orgs({ app: 'fsm' })[0]?.organizationId;
  if (books === undefined || fsm === undefined) throw new Error('sandbox orgs missing');
  const client = new IntegrationClient({
    region,
    finance: { app: 'books', organizationId: books },
    auth: { accessToken: sandbox.accessToken('map@example.com') },
    transport: createFetchTransport({ fetch: sandbox.fetch }),
    clock,
  });
  const storage = new MemoryStorage();
  const mapper = new FieldMapper({
    storage,
    syncType: options.syncType,
    edition: options.edition,
    ...(options.multiCurrency === undefined ? {} : { multiCurrency: options.multiCurrency }),
  });
  return { sandbox, client, books, fsm, mapper, storage };
}

/** The first record of a resource matching a test, or a thrown error naming what was missing. */
export function first(records: Array<Record<string, unknown>>, test: (r: Record<string, unknown>) => boolean = () => true, what = 'record'): Record<string, unknown> {
  const found = records.find(test);
  if (!found) throw new Error(`no ${what} in the sandbox`);
  return found;
}

/** The id of an FSM lookup (`{ name, id }` or a bare id). */
export function lookupId(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'id' in value) return String((value as { id: unknown }).id);
  throw new Error(`not a lookup: ${JSON.stringify(value)}`);
}

/** A resolver over pairs, as a syncer would build from its link store and tax map. */
export function resolver(pairs: ReferencePairs) {
  return createMapResolver(pairs);
}

/** Every tax and group id of the Books org, as an identity tax map (FSM stores Books tax ids). */
export function identityTaxes(world: MappingWorld): Array<[string, string]> {
  const ids = [...world.sandbox.records(world.books, 'taxes'), ...world.sandbox.records(world.books, 'taxgroups')]
    .map((t) => String(t.tax_id ?? t.tax_group_id));
  return ids.map((id) => [id, id]);
}
