import { IntegrationClient } from '../../src/client/integration-client.js';
import { FieldMapper, type SyncType } from '../../src/mapping/index.js';
import { ManualClock } from '../../src/manual-clock.js';
import type { Region } from '../../src/regions.js';
import { createSandbox, type FaultOptions, type FinanceOrgInit, type LimitOptions, type RecordCounts, type Sandbox, type SandboxEdition, type UndocumentedBehaviour } from '../../src/sandbox/index.js';
import type { TaxEdition } from '../../src/schemas/edition-codes.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import type { Storage, StorageEntry, StorageListOptions, StorageOp } from '../../src/storage/storage.js';
import type { BaseSnapshot } from '../../src/sync/state/base-store.js';
import { BidirectionalSyncer, type BidirectionalSyncerOptions, type RecordSource, zohoFinanceSource, zohoFsmSource } from '../../src/sync/index.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';

/** A sandbox with one Books org and one FSM org of an edition, a client on both, storage and a mapper. */
export interface SyncWorld {
  sandbox: Sandbox;
  clock: ManualClock;
  client: IntegrationClient;
  books: string;
  fsm: string;
  storage: Storage;
  mapper: FieldMapper;
  /** A syncer over the world's storage (a new one per call: like a new process). */
  syncer(options?: Partial<BidirectionalSyncerOptions>): BidirectionalSyncer;
}

export interface SyncWorldOptions {
  edition?: SandboxEdition & TaxEdition;
  syncType?: SyncType;
  /** FSM org records. Default: 4 customers, 3 items. */
  fsmRecords?: RecordCounts;
  /** Books org records. Default: the same parties as FSM shifted by `offset` 2 (two shared, two each). */
  booksRecords?: RecordCounts;
  books?: Omit<FinanceOrgInit, 'records' | 'edition'>;
  limits?: LimitOptions;
  seed?: number;
  storage?: Storage;
  /** The client's storage (its token cache): the sync's own storage shares it as docs/auth.md recommends. Default: the client keeps its own. */
  clientStorage?: Storage;
  /** Wraps the sandbox's fetch (to lose replies, count calls...). */
  fetch?: (sandboxFetch: typeof fetch) => typeof fetch;
  faults?: FaultOptions;
  /** The sandbox's behaviour beyond Zoho's published description (default: all of it). */
  undocumented?: UndocumentedBehaviour;
}

/**
 * A Books that does only what Zoho's published API description promises: every query parameter
 * an operation does not declare is dropped (so `sort_order` is ignored and GET /contacts by
 * modified time comes oldest first), items without times.
 */
export const DOCUMENTED_ONLY: Readonly<UndocumentedBehaviour> = Object.freeze({ params: 'ignore', itemTimestamps: 'omit' });

const REGION_OF: Partial<Record<TaxEdition, Region>> = { in: 'in', uk: 'uk', us: 'us', au: 'au', de: 'eu', ca: 'ca' };

export function syncWorld(options: SyncWorldOptions = {}): SyncWorld {
  const edition = options.edition ?? 'us';
  const region = REGION_OF[edition] ?? 'us';
  const clock = new ManualClock({ autoAdvance: true });
  const sandbox = createSandbox({
    seed: options.seed ?? 5,
    clock,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.undocumented ? { undocumented: options.undocumented } : {}),
    users: [{
      email: 'sync@example.com',
      region,
      books: [{ edition, ...options.books, records: options.booksRecords ?? { customers: 4, items: 3, offset: 2 } }],
      fsm: { edition, records: options.fsmRecords ?? { customers: 4, items: 3 } },
    }],
  });
  const books = sandbox.orgs({ app: 'books' })[0]?.organizationId;
  const fsm = sandbox.orgs({ app: 'fsm' })[0]?.organizationId;
  if (books === undefined || fsm === undefined) throw new Error('sandbox orgs missing');
  const { clientId, clientSecret, refreshToken } = sandbox.credentials();
  const client = new IntegrationClient({
    region,
    finance: { app: 'books', organizationId: books },
    auth: { clientId, clientSecret, refreshToken },
    transport: createFetchTransport({ fetch: options.fetch ? options.fetch(sandbox.fetch) : sandbox.fetch }),
    clock,
    retry: { random: () => 0.5 },
    ...(options.clientStorage ? { storage: options.clientStorage } : {}),
  });
  const storage = options.storage ?? new MemoryStorage();
  const mapper = new FieldMapper({ storage, syncType: options.syncType ?? 'I', edition });
  const fsmSource = zohoFsmSource(client);
  const financeSource = zohoFinanceSource(client);
  return {
    sandbox, clock, client, books, fsm, storage, mapper,
    syncer: (extra = {}) => new BidirectionalSyncer({ storage, mapper, fsm: fsmSource, finance: financeSource, clock, ...extra }),
  };
}

/**
 * A syncer as a new process would make it: its own client (the token cache in `clientStorage`,
 * kept across calls like a process's), over the world's sandbox, storage and mapping; `limits` as
 * the client's option (a daily cap of the client's own, say).
 */
export function processSyncer(world: SyncWorld, clientStorage: Storage, limits?: ConstructorParameters<typeof IntegrationClient>[0]['limits']): BidirectionalSyncer {
  const { clientId, clientSecret, refreshToken } = world.sandbox.credentials();
  const client = new IntegrationClient({
    region: 'us',
    finance: { app: 'books', organizationId: world.books },
    auth: { clientId, clientSecret, refreshToken },
    transport: createFetchTransport({ fetch: world.sandbox.fetch }),
    clock: world.clock,
    storage: clientStorage,
    retry: { random: () => 0.5 },
    ...(limits === undefined ? {} : { limits }),
  });
  return new BidirectionalSyncer({ storage: world.storage, mapper: world.mapper, fsm: zohoFsmSource(client), finance: zohoFinanceSource(client), clock: world.clock });
}

/** Finance customers of a sub type, as the API shows them. */
export function customers(world: SyncWorld, subType: 'business' | 'individual' = 'business'): Array<Record<string, unknown>> {
  return world.sandbox.records(world.books, 'contacts').filter((c) => (c.customer_sub_type ?? 'business') === subType);
}

/** Writes (POST/PUT/DELETE) the sandbox received since `since` calls. */
export function writesSince(world: SyncWorld, since: number): string[] {
  return world.sandbox.calls.list().slice(since).filter((c) => c.method !== 'GET' && c.app !== 'accounts').map((c) => `${c.method} ${c.app} ${c.path}`);
}

/** Sorted names, for comparing both sides. */
export function names(records: Array<Record<string, unknown>>, field: string): string[] {
  return records.map((r) => String(r[field] ?? '')).sort();
}

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

/** What both sides hold for companies, items and contact persons, in one comparable shape per side. */
export interface SideView {
  companies: string[];
  items: string[];
  persons: string[];
}

/** FSM's records as comparable lines (name and a few mapped fields). */
export function fsmView(world: SyncWorld): SideView {
  const companies = world.sandbox.records(world.fsm, 'Companies').map((c) => {
    const address = (c.Billing_Address ?? {}) as Record<string, unknown>;
    return [c.Company_Name, c.Website, address.City, address.Street_1, address.Zip_Code].map(text).join(' | ');
  });
  const items = world.sandbox.records(world.fsm, 'Service_And_Parts').map((i) => [i.Name, i.Unit_Price, i.Description, i.SKU].map(text).join(' | '));
  const persons = world.sandbox.records(world.fsm, 'Contacts')
    .filter((c) => c.Company !== undefined && c.Company !== null)
    .map((c) => [(c.Company as { name?: unknown }).name, c.Email, c.First_Name, c.Last_Name].map(text).join(' | '));
  return { companies: companies.sort(), items: items.sort(), persons: persons.sort() };
}

/** Books' records as comparable lines, in FSM's order of fields. */
export function financeView(world: SyncWorld): SideView {
  const contacts = customers(world);
  const companies = contacts.map((c) => {
    const address = (c.billing_address ?? {}) as Record<string, unknown>;
    return [c.contact_name, c.website, address.city, address.address, address.zip].map(text).join(' | ');
  });
  const items = world.sandbox.records(world.books, 'items').map((i) => [i.name, i.rate, i.description, i.sku].map(text).join(' | '));
  const nameOf = new Map(contacts.map((c) => [String(c.contact_id), text(c.contact_name)]));
  const persons = world.sandbox.records(world.books, 'contactpersons')
    .filter((p) => nameOf.has(String(p.contact_id)))
    .map((p) => [nameOf.get(String(p.contact_id)), p.email, p.first_name, p.last_name].map(text).join(' | '));
  return { companies: companies.sort(), items: items.sort(), persons: persons.sort() };
}

/** Both sides of the world, and the duplicate names on each. */
export function views(world: SyncWorld): { fsm: SideView; finance: SideView } {
  return { fsm: fsmView(world), finance: financeView(world) };
}

/** Records of a sandbox resource whose field equals a value. */
export function find(world: SyncWorld, org: 'fsm' | 'books', resource: string, field: string, value: unknown): Array<Record<string, unknown>> {
  return world.sandbox.records(org === 'fsm' ? world.fsm : world.books, resource as never).filter((r) => r[field] === value);
}

/** The only record of a resource whose field equals a value (throws naming what was not found). */
export function one(world: SyncWorld, org: 'fsm' | 'books', resource: string, field: string, value: unknown): Record<string, unknown> {
  const found = find(world, org, resource, field, value);
  if (found.length !== 1) throw new Error(`expected one ${org} ${resource} with ${field} = ${JSON.stringify(value)}, found ${found.length}`);
  return found[0] as Record<string, unknown>;
}

/** Runs until a run writes nothing (at most `max` runs); returns how many runs wrote. */
export async function runUntilQuiet(world: SyncWorld, options: Partial<BidirectionalSyncerOptions> = {}, max = 5): Promise<number> {
  for (let i = 0; i < max; i++) {
    const before = world.sandbox.calls.total;
    await world.syncer(options).run();
    if (writesSince(world, before).length === 0) return i;
  }
  throw new Error(`still writing after ${max} runs`);
}

/** Names that appear more than once on either side (duplicates a sync must never create). */
export function duplicates(world: SyncWorld): string[] {
  const dup = (list: string[]) => list.filter((n, i) => list.indexOf(n) !== i);
  return [
    ...dup(names(world.sandbox.records(world.fsm, 'Companies'), 'Company_Name')),
    ...dup(names(customers(world), 'contact_name')),
    ...dup(names(world.sandbox.records(world.fsm, 'Service_And_Parts'), 'Name')),
    ...dup(names(world.sandbox.records(world.books, 'items'), 'name')),
    ...dup(names(world.sandbox.records(world.fsm, 'Contacts'), 'Email')),
    ...dup(names(world.sandbox.records(world.books, 'contactpersons'), 'email')),
  ];
}

/** The base snapshots a storage batch puts (to kill a run at a chosen commit). */
export function basesIn(ops: readonly StorageOp[]): BaseSnapshot[] {
  return ops.flatMap((op) => (op.type === 'put' && typeof op.value === 'object' && op.value !== null && 'mappingVersion' in op.value ? [op.value as BaseSnapshot] : []));
}

/** A user's Storage that sees every write, and may lose some (a failed write of a hint). */
export class WatchedStorage implements Storage {
  readonly inner = new MemoryStorage();
  readonly written = new Set<string>();
  lose: RegExp | undefined;
  get<T>(key: string): Promise<T | undefined> {
    return this.inner.get<T>(key);
  }
  getMany<T>(keys: readonly string[]): Promise<Array<T | undefined>> {
    return this.inner.getMany<T>(keys);
  }
  list<T>(prefix: string, options?: StorageListOptions): Promise<Array<StorageEntry<T>>> {
    return this.inner.list<T>(prefix, options);
  }
  batch(ops: readonly StorageOp[]): Promise<void> {
    for (const op of ops) if (op.type === 'put') this.written.add(op.key);
    const lose = this.lose;
    return this.inner.batch(lose ? ops.filter((op) => !(op.type === 'put' && lose.test(op.key))) : ops);
  }
  compareAndSet<T>(key: string, expected: T | undefined, next: T | undefined): Promise<boolean> {
    return this.inner.compareAndSet(key, expected, next);
  }
}

/** A user's own source over `inner` that reads its own way (`overrides`) and passes every other call on. */
export function delegatingSource(inner: RecordSource, overrides: Partial<RecordSource>): RecordSource {
  return {
    id: inner.id,
    capabilities: (collection) => inner.capabilities(collection),
    read: (collection, options) => inner.read(collection, options),
    get: (collection, id, call) => inner.get(collection, id, call),
    create: (collection, data, call) => inner.create(collection, data, call),
    update: (collection, id, patch, call) => inner.update(collection, id, patch, call),
    deactivate: (collection, id, call) => inner.deactivate(collection, id, call),
    delete: (collection, id, call) => inner.delete(collection, id, call),
    ...(inner.findByKey ? { findByKey: inner.findByKey.bind(inner) } : {}),
    ...overrides,
  };
}
