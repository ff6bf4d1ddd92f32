import fc from 'fast-check';
import type { FaultKind, UndocumentedBehaviour } from '../../src/sandbox/index.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import type { Storage, StorageEntry, StorageListOptions, StorageOp } from '../../src/storage/storage.js';
import type { ConflictPolicy, DeletePolicy, DuplicatePolicy, SyncConflict, SyncReport } from '../../src/sync/index.js';
import { fieldPath, readPath } from '../../src/sync/field-paths.js';
import { type SyncWorld, syncWorld } from '../sync/helpers.js';

/*
 * Randomized convergence (issue 9). A seed draws a scenario: a small sandbox whose FSM and Books
 * orgs share some records (first-run matching), a sync type (I: companies and items; II: contacts
 * as individual customers, and items; III: companies, their contacts as contact persons, and
 * items), a policy, and K rounds of UI edits, creates and
 * deletes on both sides, seeded and scripted faults (429, 5xx, dropped connections, lost
 * acknowledgements) and a run that may be killed (storage dies at its nth batch, or the
 * AbortSignal fires after n written records). Then a clean run from the cursors, one clean full
 * run, and a second clean run that must write nothing. Each seed also runs against a Books that
 * keeps only what Zoho's published API description promises (`sort_order` ignored: customers
 * listed oldest change first; items without modified times). What must hold afterwards, under
 * every policy:
 *
 * - The clean run from the cursors misses nothing: the full run after it creates and updates
 *   nothing (only deletes, which a cursor-fed read cannot see, are left to it).
 * - Linked pairs are equal under the mapping: for every entry, the FSM record converted through
 *   the FieldMapper equals the finance record (and back), except a field with an open conflict
 *   under `conflicts: 'manual'`, and a pair the last run reports refused (a derived name another
 *   customer has while duplicate names are not allowed; a synced person whose FSM company changed
 *   or was deleted). A person's company is checked through the companies' links. That includes a one-way entry reading a field a two-way entry
 *   also carries (`Company_Name` → `company_name` beside `Company_Name` ↔ `contact_name`), or a
 *   field FSM computes from such fields (`Full_Name` → `contact_name`, from `Last_Name` ↔
 *   `last_name`): a value the sync brings in is a change of its source.
 * - No duplicate: on each side, records sharing a match key number at most what people made —
 *   `'overwrite'`: max(made on FSM, made in Books) for that key (pairs share it); `'clone'`: made
 *   on FSM + made in Books (each original copied once). "Made" counts the initial records, UI
 *   inserts and UI renames to that key. Persons: one per email within a company (under
 *   `'clone'`, as many as were made with that email).
 * - Conflicts: under `latest-wins`, `fsm-wins` and `finance-wins` every conflict event carries a
 *   side and none is stored; under `manual` every field where a linked pair differs has an open
 *   conflict, and every open conflict is such a field.
 * - No lost update: a field of a linked pair edited on one side only (the counterpart's field was
 *   never edited) ends with the last edited value on both sides while the pair is still linked.
 * - The sync log accounts for every record: in the last clean run, per unit, every link is one
 *   `unchanged` each way, or a failure of that run; every live record that is neither linked nor detached (its counterpart
 *   deleted) is a `failed` or `skipped` record of that run; nothing else was written; each run that
 *   was not killed left its report in the log.
 * - No token or secret in any event, report or storage value.
 */

/** Sides of a record. */
export type Side = 'fsm' | 'finance';
/**
 * Entities the scenarios edit: companies and items (type I), contacts as individual customers
 * (type II), and persons — FSM contacts of a company as contact persons of its customer (type III).
 */
export type Entity = 'companies' | 'contacts' | 'persons' | 'items';
/** What a drawn operation is about: the sync type's customers, its people, or items. */
export type Drawn = 'customers' | 'people' | 'items';
/** The sync types the scenarios run. */
export type ScenarioSyncType = 'I' | 'II' | 'III';

/** The entities of a sync type. */
export function entitiesOf(syncType: ScenarioSyncType): Entity[] {
  if (syncType === 'II') return ['contacts', 'items'];
  return syncType === 'III' ? ['companies', 'persons', 'items'] : ['companies', 'items'];
}

function entityOf(drawn: Drawn, syncType: ScenarioSyncType): Entity {
  if (drawn === 'items') return 'items';
  if (syncType === 'II') return 'contacts';
  return drawn === 'people' && syncType === 'III' ? 'persons' : 'companies';
}

export interface ScenarioPolicy {
  conflicts: Extract<ConflictPolicy, string>;
  deletes: DeletePolicy;
  duplicates: DuplicatePolicy;
  /** Books "Allow duplicates for customer display name": under 'clone' it decides whether copies are refused. */
  allowDuplicateNames: boolean;
}

export type UiOp =
  | { kind: 'edit'; side: Side; entity: Drawn; pick: number; field: number; value: number }
  | { kind: 'create'; side: Side | 'both'; entity: Drawn }
  | { kind: 'remove'; side: Side; entity: Drawn; pick: number };

export type ScriptedWriteFault = { method: 'POST' | 'PUT' | 'DELETE'; app: 'books' | 'fsm'; fault: 'lost-ack' | 'drop' | 'server-error' | 'rate-limit' };

export type Crash = { kind: 'none' } | { kind: 'storage'; atBatch: number } | { kind: 'abort'; afterRecords: number };

export interface Round {
  ops: UiOp[];
  rates: Partial<Record<FaultKind, number>>;
  scripted: ScriptedWriteFault[];
  crash: Crash;
  fullScan: boolean;
  /** Time between this round and the previous one. */
  advanceMs: number;
}

export interface Scenario {
  syncType: ScenarioSyncType;
  policy: ScenarioPolicy;
  fsmRecords: { customers: number; items: number };
  booksRecords: { customers: number; items: number; offset: number };
  rounds: Round[];
}

const side = fc.constantFrom<Side>('fsm', 'finance');
const entity = fc.constantFrom<Drawn>('customers', 'people', 'items');
const small = fc.nat({ max: 1000 });

const uiOp: fc.Arbitrary<UiOp> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('edit' as const), side, entity, pick: small, field: small, value: small }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), side: fc.constantFrom<Side | 'both'>('fsm', 'finance', 'both'), entity }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), side, entity, pick: small }) },
);

const rate = fc.constantFrom(0, 0, 0.02, 0.05, 0.08);
const rates = fc.record({ 'rate-limit': rate, 'server-error': rate, 'bad-gateway': rate, unavailable: rate, drop: rate, 'lost-ack': rate });

const scripted: fc.Arbitrary<ScriptedWriteFault> = fc.record({
  method: fc.constantFrom('POST' as const, 'PUT' as const, 'DELETE' as const),
  app: fc.constantFrom('books' as const, 'fsm' as const),
  fault: fc.constantFrom('lost-ack' as const, 'lost-ack' as const, 'drop' as const, 'server-error' as const, 'rate-limit' as const),
});

const crash: fc.Arbitrary<Crash> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('storage' as const), atBatch: fc.integer({ min: 1, max: 14 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('abort' as const), afterRecords: fc.integer({ min: 1, max: 8 }) }) },
);

const round: fc.Arbitrary<Round> = fc.record({
  ops: fc.array(uiOp, { maxLength: 6 }),
  rates,
  scripted: fc.array(scripted, { maxLength: 3 }),
  crash,
  fullScan: fc.boolean(),
  advanceMs: fc.constantFrom(1_000, 60_000, 3_600_000),
});

/** Every scenario a seed can draw. */
export const scenarioArbitrary: fc.Arbitrary<Scenario> = fc.record({
  syncType: fc.constantFrom<ScenarioSyncType>('I', 'II', 'III'),
  policy: fc.record({
    conflicts: fc.constantFrom('latest-wins' as const, 'fsm-wins' as const, 'finance-wins' as const, 'manual' as const),
    deletes: fc.constantFrom<DeletePolicy>('unlink', 'deactivate', 'propagate'),
    duplicates: fc.constantFrom<DuplicatePolicy>('overwrite', 'overwrite', 'clone'),
    allowDuplicateNames: fc.boolean(),
  }),
  fsmRecords: fc.record({ customers: fc.integer({ min: 1, max: 4 }), items: fc.integer({ min: 1, max: 3 }) }),
  booksRecords: fc.record({ customers: fc.integer({ min: 1, max: 4 }), items: fc.integer({ min: 1, max: 3 }), offset: fc.integer({ min: 0, max: 3 }) }),
  rounds: fc.array(round, { minLength: 2, maxLength: 5 }),
});

/** The scenario of a seed (same seed, same scenario). */
export function scenarioOf(seed: number): Scenario {
  const [scenario] = fc.sample(scenarioArbitrary, { seed, numRuns: 1 });
  if (scenario === undefined) throw new Error(`fast-check drew no scenario for seed ${seed}`);
  return scenario;
}

/** A storage that dies at a chosen batch, like a process killed there: nothing after it is written. */
export class CrashingStorage implements Storage {
  readonly inner = new MemoryStorage();
  batches = 0;
  crashAt = Number.POSITIVE_INFINITY;
  dead = false;

  #check(): void {
    if (this.dead) throw new Error('process killed');
  }
  get<T>(key: string): Promise<T | undefined> { return this.inner.get<T>(key); }
  getMany<T>(keys: readonly string[]): Promise<Array<T | undefined>> { return this.inner.getMany<T>(keys); }
  list<T>(prefix: string, options?: StorageListOptions): Promise<Array<StorageEntry<T>>> { return this.inner.list<T>(prefix, options); }
  async batch(ops: readonly StorageOp[]): Promise<void> {
    this.#check();
    this.batches += 1;
    if (this.batches === this.crashAt) {
      this.dead = true;
      throw new Error(`process killed at batch ${this.batches}`);
    }
    await this.inner.batch(ops);
  }
  async compareAndSet<T>(key: string, expected: T | undefined, next: T | undefined): Promise<boolean> {
    this.#check();
    return this.inner.compareAndSet(key, expected, next);
  }
}

// ---------------------------------------------------------------------------------------------
// UI edits: which fields a person changes, and to what (small pools, so both sides sometimes
// pick the same value — converged — and sometimes differ — a conflict).

const WEBSITES = ['https://alpha.example', 'https://beta.example', 'https://gamma.example'];
const CITIES = ['Springfield', 'Shelbyville', 'Ogdenville'];
const PRICES = [10, 20.5, 99];
const TEXTS = ['alpha', 'beta', 'gamma'];
const PHONES = ['+1 555 0100', '+1 555 0101', '+1 555 0102'];
const SURNAMES = ['Able', 'Baker', 'Carter'];

interface EditField {
  /** The mapping entry's FSM path (identifies the entry on both sides). */
  entry: string;
  patch(record: Record<string, unknown>, value: number, name: string): Record<string, unknown>;
  /** The value the patch set, as the edited side holds it. */
  value(value: number, name: string): unknown;
  rename?: true;
}

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;
const objectAt = (record: Record<string, unknown>, key: string): Record<string, unknown> => {
  const value = record[key];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
};

const emailOf = (name: string): string => `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@conv.example`;

/** A Books individual's change of its primary contact person (the API updates a person named by its id). */
function primaryPatch(record: Record<string, unknown>, change: Record<string, unknown>): Record<string, unknown> {
  const persons = Array.isArray(record.contact_persons) ? (record.contact_persons as Array<Record<string, unknown>>) : [];
  const primary = persons.find((p) => p.is_primary_contact === true) ?? persons[0];
  return { contact_persons: [{ ...(primary ? { contact_person_id: primary.contact_person_id } : { is_primary_contact: true }), ...change }] };
}

const EDITS: Record<Entity, Record<Side, EditField[]>> = {
  companies: {
    fsm: [
      { entry: 'Website', patch: (_r, v) => ({ Website: pick(WEBSITES, v) }), value: (v) => pick(WEBSITES, v) },
      { entry: 'Billing_Address.City', patch: (r, v) => ({ Billing_Address: { ...objectAt(r, 'Billing_Address'), City: pick(CITIES, v) } }), value: (v) => pick(CITIES, v) },
      { entry: 'Company_Name', patch: (_r, _v, name) => ({ Company_Name: name }), value: (_v, name) => name, rename: true },
    ],
    finance: [
      { entry: 'Website', patch: (_r, v) => ({ website: pick(WEBSITES, v) }), value: (v) => pick(WEBSITES, v) },
      { entry: 'Billing_Address.City', patch: (_r, v) => ({ billing_address: { city: pick(CITIES, v) } }), value: (v) => pick(CITIES, v) },
      { entry: 'Company_Name', patch: (_r, _v, name) => ({ contact_name: name }), value: (_v, name) => name, rename: true },
    ],
  },
  contacts: {
    fsm: [
      { entry: 'Phone', patch: (_r, v) => ({ Phone: pick(PHONES, v) }), value: (v) => pick(PHONES, v) },
      // Full_Name (First_Name Last_Name) is what Books' contact_name follows, one way.
      { entry: 'Last_Name', patch: (_r, v) => ({ Last_Name: pick(SURNAMES, v) }), value: (v) => pick(SURNAMES, v) },
      { entry: 'Email', patch: (_r, _v, name) => ({ Email: emailOf(name) }), value: (_v, name) => emailOf(name), rename: true },
    ],
    finance: [
      { entry: 'Phone', patch: (r, v) => primaryPatch(r, { phone: pick(PHONES, v) }), value: (v) => pick(PHONES, v) },
      { entry: 'Last_Name', patch: (r, v) => primaryPatch(r, { last_name: pick(SURNAMES, v) }), value: (v) => pick(SURNAMES, v) },
      { entry: 'Email', patch: (r, _v, name) => primaryPatch(r, { email: emailOf(name) }), value: (_v, name) => emailOf(name), rename: true },
    ],
  },
  persons: {
    fsm: [
      { entry: 'Phone', patch: (_r, v) => ({ Phone: pick(PHONES, v) }), value: (v) => pick(PHONES, v) },
      { entry: 'Last_Name', patch: (_r, v) => ({ Last_Name: pick(SURNAMES, v) }), value: (v) => pick(SURNAMES, v) },
      { entry: 'Email', patch: (_r, _v, name) => ({ Email: emailOf(name) }), value: (_v, name) => emailOf(name), rename: true },
    ],
    finance: [
      { entry: 'Phone', patch: (_r, v) => ({ phone: pick(PHONES, v) }), value: (v) => pick(PHONES, v) },
      { entry: 'Last_Name', patch: (_r, v) => ({ last_name: pick(SURNAMES, v) }), value: (v) => pick(SURNAMES, v) },
      { entry: 'Email', patch: (_r, _v, name) => ({ email: emailOf(name) }), value: (_v, name) => emailOf(name), rename: true },
    ],
  },
  items: {
    fsm: [
      { entry: 'Unit_Price', patch: (_r, v) => ({ Unit_Price: pick(PRICES, v) }), value: (v) => pick(PRICES, v) },
      { entry: 'Description', patch: (_r, v) => ({ Description: pick(TEXTS, v) }), value: (v) => pick(TEXTS, v) },
      { entry: 'Name', patch: (_r, _v, name) => ({ Name: name }), value: (_v, name) => name, rename: true },
    ],
    finance: [
      { entry: 'Unit_Price', patch: (_r, v) => ({ rate: pick(PRICES, v) }), value: (v) => pick(PRICES, v) },
      { entry: 'Description', patch: (_r, v) => ({ description: pick(TEXTS, v) }), value: (v) => pick(TEXTS, v) },
      { entry: 'Name', patch: (_r, _v, name) => ({ name }), value: (_v, name) => name, rename: true },
    ],
  },
};

const RESOURCE = {
  companies: { fsm: 'Companies', finance: 'contacts' },
  contacts: { fsm: 'Contacts', finance: 'contacts' },
  persons: { fsm: 'Contacts', finance: 'contactpersons' },
  items: { fsm: 'Service_And_Parts', finance: 'items' },
} as const;
const ID_FIELD = {
  companies: { fsm: 'id', finance: 'contact_id' },
  contacts: { fsm: 'id', finance: 'contact_id' },
  persons: { fsm: 'id', finance: 'contact_person_id' },
  items: { fsm: 'id', finance: 'item_id' },
} as const;

const lookupId = (value: unknown): string | undefined => {
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : value;
  return typeof id === 'string' && id !== '' ? id : undefined;
};

/**
 * A new record as a person would make it. A person needs a company: `parents` names one per side
 * (for a person made on both sides, the two halves of a linked pair), else none is made.
 */
function newRecord(entity: Entity, on: Side, name: string, parents?: { fsm: string; finance: string }): Record<string, unknown> | undefined {
  if (entity === 'persons') {
    if (!parents) return undefined;
    return on === 'fsm'
      ? { First_Name: 'Conv', Last_Name: name, Email: emailOf(name), Company: { id: parents.fsm } }
      : { contact_id: parents.finance, first_name: 'Conv', last_name: name, email: emailOf(name) };
  }
  if (entity === 'companies') return on === 'fsm' ? { Company_Name: name, Website: 'https://new.example' } : { contact_name: name, customer_sub_type: 'business', website: 'https://new.example' };
  if (entity === 'contacts') {
    return on === 'fsm'
      ? { First_Name: 'Conv', Last_Name: name, Email: emailOf(name) }
      : { contact_name: `Conv ${name}`, customer_sub_type: 'individual', contact_persons: [{ first_name: 'Conv', last_name: name, email: emailOf(name), is_primary_contact: true }] };
  }
  return on === 'fsm' ? { Name: name, Unit_Price: 42, Type: 'Service' } : { name, rate: 42, product_type: 'service' };
}

/** Live records of an entity on a side, as the API shows them (Books companies: business customers; contacts: individual ones). */
export function liveRecords(world: SyncWorld, entity: Entity, on: Side): Array<Record<string, unknown>> {
  const org = on === 'fsm' ? world.fsm : world.books;
  const records = world.sandbox.records(org, RESOURCE[entity][on]);
  if (entity === 'persons') {
    if (on === 'fsm') return records.filter((c) => lookupId(c.Company) !== undefined);
    const customers = new Set(liveRecords(world, 'companies', 'finance').map((c) => String(c.contact_id)));
    return records.filter((p) => customers.has(String(p.contact_id)));
  }
  if (on === 'fsm' || entity === 'items') return records;
  const subType = entity === 'companies' ? 'business' : 'individual';
  return records.filter((c) => (c.customer_sub_type ?? 'business') === subType);
}

const idOf = (entity: Entity, on: Side, record: Record<string, unknown>): string => String(record[ID_FIELD[entity][on]]);

// ---------------------------------------------------------------------------------------------
// Running a scenario.

/** What the run of a scenario saw, for the checks. */
export interface Trace {
  world: SyncWorld;
  storage: CrashingStorage;
  syncType: ScenarioSyncType;
  entities: Entity[];
  policy: ScenarioPolicy;
  /** Records people made, per entity, side and match key (initial records, inserts, renames). */
  made: Record<Entity, Record<Side, Map<string, number>>>;
  /** UI edits of linked pairs: `<entity>|<fsmId>|<entry>` → the sides that edited it and the last value. */
  edits: Map<string, { sides: Set<Side>; value: unknown; financeId: string }>;
  conflicts: Array<{ conflict: SyncConflict; resolution: string }>;
  events: unknown[];
  /** Runs that were not killed (they must each have a log entry). */
  loggedRuns: number;
  last: SyncReport;
  secondWrites: string[];
  /** The clean full run that followed the clean run from the cursors. */
  afterIncremental: SyncReport;
}

/** How a seed's sandbox behaves beyond Zoho's published API description (default: all of it). */
export interface ConvergenceMode {
  undocumented?: UndocumentedBehaviour;
}

function bump(map: Map<string, number>, key: string | undefined): void {
  if (key !== undefined) map.set(key, (map.get(key) ?? 0) + 1);
}

const MODULE: Record<Entity, 'companies' | 'contacts' | 'contact_persons' | 'items'> = { companies: 'companies', contacts: 'contacts', persons: 'contact_persons', items: 'items' };
const ENTITY_OF_MODULE: Record<string, Entity> = { companies: 'companies', contacts: 'contacts', contact_persons: 'persons', items: 'items' };

const perEntity = <T>(make: () => T): Record<Entity, T> => ({ companies: make(), contacts: make(), persons: make(), items: make() });

/** The stored link of a record, if any (read straight from storage, as the syncer left it). */
async function linkOf(storage: CrashingStorage, entity: Entity, on: Side, id: string): Promise<{ fsmId: string; financeId: string } | undefined> {
  const entries = await storage.inner.list<{ financeId?: string; detached?: boolean }>('sync/');
  for (const { key, value } of entries) {
    const match = /\/link\/([^/]+)\/fsm\/([^/]+)$/.exec(key);
    if (!match || match[1] !== MODULE[entity] || value.detached === true || value.financeId === undefined) continue;
    const fsmId = decodeURIComponent(match[2] ?? '');
    if ((on === 'fsm' && fsmId === id) || (on === 'finance' && value.financeId === id)) return { fsmId, financeId: value.financeId };
  }
  return undefined;
}

/** Companies to make a person under: a linked pair when the person is made on both sides, else the first company of each side. */
async function parentsFor(trace: Omit<Trace, 'last' | 'secondWrites' | 'afterIncremental'>, side: Side | 'both'): Promise<{ fsm: string; finance: string } | undefined> {
  const fsm = liveRecords(trace.world, 'companies', 'fsm');
  const finance = liveRecords(trace.world, 'companies', 'finance');
  if (side !== 'both') {
    const first = { fsm: fsm[0]?.id, finance: finance[0]?.contact_id };
    return typeof first.fsm === 'string' && typeof first.finance === 'string' ? { fsm: first.fsm, finance: first.finance } : undefined;
  }
  for (const company of fsm) {
    const link = await linkOf(trace.storage, 'companies', 'fsm', String(company.id));
    if (link && finance.some((c) => c.contact_id === link.financeId)) return { fsm: link.fsmId, finance: link.financeId };
  }
  return undefined;
}

async function applyOp(trace: Omit<Trace, 'last' | 'secondWrites' | 'afterIncremental'>, op: UiOp, label: string): Promise<void> {
  const { world } = trace;
  const name = `Conv ${label}`;
  const entity = entityOf(op.entity, trace.syncType);
  if (op.kind === 'create') {
    const parents = entity === 'persons' ? await parentsFor(trace, op.side) : undefined;
    for (const on of op.side === 'both' ? (['fsm', 'finance'] as const) : [op.side]) {
      try {
        const record = newRecord(entity, on, name, parents);
        if (!record) continue;
        const stored = world.sandbox.insert(on === 'fsm' ? world.fsm : world.books, RESOURCE[entity][on], record);
        bump(trace.made[entity][on], world.mapper.matchValue(MODULE[entity], on, stored));
      } catch {
        // The UI refused it (a duplicate name in Books): nothing was made.
      }
    }
    return;
  }
  const records = liveRecords(world, entity, op.side);
  if (records.length === 0) return;
  const id = idOf(entity, op.side, pick(records, op.pick));
  const org = op.side === 'fsm' ? world.fsm : world.books;
  const resource = RESOURCE[entity][op.side];
  if (op.kind === 'remove') {
    world.sandbox.remove(org, resource, id);
    return;
  }
  // The whole record, as a person opening it sees it (a Books list row has no contact persons).
  const record = world.sandbox.record(org, resource, id) ?? {};
  const field = pick(EDITS[entity][op.side], op.field);
  const link = await linkOf(trace.storage, entity, op.side, id);
  try {
    world.sandbox.edit(org, resource, id, field.patch(record, op.value, name));
  } catch {
    return; // refused by the UI's rules
  }
  if (field.rename) bump(trace.made[entity][op.side], world.mapper.matchValue(MODULE[entity], op.side, world.sandbox.record(org, resource, id)));
  if (link) {
    const key = `${entity}|${link.fsmId}|${field.entry}`;
    const seen = trace.edits.get(key) ?? { sides: new Set<Side>(), value: undefined, financeId: link.financeId };
    seen.sides.add(op.side);
    seen.value = field.value(op.value, name);
    trace.edits.set(key, seen);
  }
}

const writes = (world: SyncWorld, since: number): string[] =>
  world.sandbox.calls.list().slice(since).filter((c) => c.method !== 'GET' && c.app !== 'accounts').map((c) => `${c.method} ${c.app} ${c.path}`);

/** Runs a scenario to its second clean run; returns what the checks need. */
export async function runScenario(seed: number, scenario: Scenario, mode: ConvergenceMode = {}): Promise<Trace> {
  const storage = new CrashingStorage();
  const { policy } = scenario;
  const world = syncWorld({
    seed,
    storage,
    syncType: scenario.syncType,
    fsmRecords: scenario.fsmRecords,
    booksRecords: scenario.booksRecords,
    books: { allowDuplicateNames: policy.allowDuplicateNames },
    faults: { seed },
    ...(mode.undocumented ? { undocumented: mode.undocumented } : {}),
  });
  const entities = entitiesOf(scenario.syncType);
  const made = perEntity(() => ({ fsm: new Map<string, number>(), finance: new Map<string, number>() }));
  for (const e of entities) {
    for (const s of ['fsm', 'finance'] as const) for (const r of liveRecords(world, e, s)) bump(made[e][s], world.mapper.matchValue(MODULE[e], s, r));
  }
  const trace: Omit<Trace, 'last' | 'secondWrites' | 'afterIncremental'> = { world, storage, syncType: scenario.syncType, entities, policy, made, edits: new Map(), conflicts: [], events: [], loggedRuns: 0 };
  const options = { conflicts: policy.conflicts, deletes: policy.deletes, duplicates: policy.duplicates };

  const run = async (r: { crash: Crash; fullScan: boolean; faulty: boolean }): Promise<SyncReport | undefined> => {
    const syncer = world.syncer(options);
    const controller = new AbortController();
    let written = 0;
    syncer.on('record', (e) => {
      trace.events.push(e);
      if (r.crash.kind === 'abort' && ++written === r.crash.afterRecords) controller.abort(new Error('stop requested'));
    });
    syncer.on('conflict', (e) => {
      trace.events.push(e);
      trace.conflicts.push(e);
    });
    syncer.on('error', (e) => trace.events.push(e));
    syncer.on('progress', (e) => trace.events.push(e));
    if (r.crash.kind === 'storage') storage.crashAt = storage.batches + r.crash.atBatch;
    try {
      const report = await syncer.run({ signal: controller.signal, fullScan: r.fullScan });
      trace.loggedRuns += 1;
      return report;
    } catch (error) {
      if (storage.dead) {
        // Killed: a new process starts once the dead run's lease has expired.
        storage.dead = false;
        await world.clock.advance(600_000);
      } else if (controller.signal.aborted || r.faulty) {
        // Aborted, or stopped by the injected faults (a read that kept failing rejects the run):
        // either way the partial report is in the sync log.
        trace.loggedRuns += 1;
      } else {
        throw error;
      }
      return undefined;
    } finally {
      storage.crashAt = Number.POSITIVE_INFINITY;
    }
  };

  for (const [index, r] of scenario.rounds.entries()) {
    await world.clock.advance(r.advanceMs);
    for (const [i, op] of r.ops.entries()) await applyOp(trace, op, `${seed} r${index} op${i}`);
    world.sandbox.faults.clear(r.rates);
    for (const f of r.scripted) world.sandbox.faults.next({ match: { method: f.method, app: f.app }, fault: f.fault });
    await run({ ...r, faulty: true });
  }

  world.sandbox.faults.clear();
  await world.clock.advance(600_000);
  const incremental = await run({ crash: { kind: 'none' }, fullScan: false, faulty: false });
  if (!incremental) throw new Error('the clean run from the cursors failed');
  const clean = await run({ crash: { kind: 'none' }, fullScan: true, faulty: false });
  if (!clean) throw new Error('the clean run failed');
  const before = world.sandbox.calls.total;
  const second = await run({ crash: { kind: 'none' }, fullScan: true, faulty: false });
  if (!second) throw new Error('the second clean run failed');
  return { ...trace, last: second, secondWrites: writes(world, before), afterIncremental: clean };
}

// ---------------------------------------------------------------------------------------------
// The checks. Each returns the problems it found, as sentences; none means the claim holds.

/** A mapping path's value (dots, and selectors such as `contact_persons[is_primary_contact=true].phone`). */
const at = (record: unknown, path: string): unknown => readPath(record, fieldPath(path));

/** Blanks are one value; numbers equal their text; a lookup is its id. */
export function normalise(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'object') {
    const id = (value as { id?: unknown }).id;
    return id === undefined ? JSON.stringify(value) : normalise(id);
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return null;
    return /^-?\d+(\.\d+)?$/.test(text) ? String(Number(text)) : text;
  }
  return String(value);
}

interface LinkedPair { entity: Entity; fsmId: string; financeId: string }

async function storedLinks(trace: Trace): Promise<{ pairs: LinkedPair[]; detached: Record<Entity, Record<Side, Set<string>>> }> {
  const pairs: LinkedPair[] = [];
  const detached = perEntity(() => ({ fsm: new Set<string>(), finance: new Set<string>() }));
  for (const { key, value } of await trace.storage.inner.list<{ financeId?: string; detached?: boolean }>('sync/')) {
    const match = /\/link\/([^/]+)\/(fsm|finance)\/([^/]+)$/.exec(key);
    if (!match) continue;
    const entity = ENTITY_OF_MODULE[match[1] ?? ''];
    if (entity === undefined) continue;
    const on = match[2] as Side;
    const id = decodeURIComponent(match[3] ?? '');
    if (value.detached === true) detached[entity][on].add(id);
    else if (on === 'fsm' && value.financeId !== undefined) pairs.push({ entity, fsmId: id, financeId: value.financeId });
  }
  return { pairs, detached };
}

/** Runs every check on a finished scenario; returns the problems found. */
export async function checkConvergence(trace: Trace): Promise<string[]> {
  const problems: string[] = [];
  const { world, policy, last } = trace;

  // The clean run from the cursors left the full run nothing to create or update: no change was
  // missed by a cursor-fed read, whatever order Books listed in.
  for (const direction of ['toFinance', 'toFsm'] as const) {
    const { created, updated } = trace.afterIncremental[direction];
    if (created + updated > 0) problems.push(`the full run after a clean run from the cursors still wrote ${direction}: ${JSON.stringify(trace.afterIncremental[direction])} (a change the cursor-fed read missed)`);
  }

  // The second clean run writes nothing, completes and counts nothing but unchanged pairs.
  if (trace.secondWrites.length > 0) problems.push(`the second clean run still wrote: ${trace.secondWrites.join(', ')}`);
  if (last.status !== 'completed') problems.push(`the second clean run ended '${last.status}' (${last.stoppedReason ?? ''})`);
  for (const direction of ['toFinance', 'toFsm'] as const) {
    const { created, updated, deleted, deactivated, unlinked } = last[direction];
    if (created + updated + deleted + deactivated + unlinked > 0) problems.push(`the second clean run reports writes ${direction}: ${JSON.stringify(last[direction])}`);
  }

  const { pairs, detached } = await storedLinks(trace);
  const open = await world.syncer().conflicts.list();
  const openIds = new Set(open.map((c) => c.id));
  const differing = new Set<string>();

  // Linked pairs are equal under the mapping, both ways.
  // A pair refused in the last (clean) run differs for a reason the report states: a derived
  // display name another customer already has (duplicate names not allowed), or a synced person
  // whose FSM company changed — or was deleted — since (product-rules.md §5.6).
  const refused = new Set(last.failures.filter((g) => g.reason === 'DUPLICATE_NAME' || g.reason === 'COMPANY_CHANGE_NOT_ALLOWED').flatMap((g) => g.records).flatMap((r) => [r.fsmId, r.financeId]).filter((id): id is string => id !== undefined));
  for (const pair of pairs) {
    if (refused.has(pair.fsmId) || refused.has(pair.financeId)) continue;
    const fsm = world.sandbox.record(world.fsm, RESOURCE[pair.entity].fsm, pair.fsmId);
    const finance = world.sandbox.record(world.books, RESOURCE[pair.entity].finance, pair.financeId);
    if (!fsm || !finance) {
      problems.push(`${pair.entity}: link FSM ${pair.fsmId} ↔ Books ${pair.financeId} points at a record that is gone (${fsm ? 'Books' : 'FSM'})`);
      continue;
    }
    const converter = await world.mapper.converter(MODULE[pair.entity]);
    const asFinance = converter.toFinance(fsm, { unresolved: 'omit' });
    const asFsm = converter.toFsm(finance, { unresolved: 'omit' });
    for (const entry of converter.entries) {
      if (pair.entity === 'persons' && entry.fsm === 'Company') {
        // A person's company is a reference: FSM's company must be linked to the person's customer.
        const company = lookupId(fsm.Company);
        const customer = pairs.find((p) => p.entity === 'companies' && p.fsmId === company)?.financeId;
        if (customer !== finance.contact_id) problems.push(`persons FSM ${pair.fsmId} ↔ Books ${pair.financeId}: FSM company ${String(company)} is linked to ${String(customer)}, the person belongs to ${String(finance.contact_id)}`);
        continue;
      }
      // References (tax ids) are omitted by a conversion without a resolver; without TaxSync they pass unchanged.
      const converted = (value: unknown, source: unknown) => (value === undefined ? source : value);
      const checks: Array<[string, unknown, unknown]> = [];
      if (entry.direction !== 'to_fsm') checks.push([`FSM ${entry.fsm} as finance ${entry.finance}`, converted(at(asFinance, entry.finance), at(fsm, entry.fsm)), at(finance, entry.finance)]);
      if (entry.direction !== 'to_finance') checks.push([`finance ${entry.finance} as FSM ${entry.fsm}`, converted(at(asFsm, entry.fsm), at(finance, entry.finance)), at(fsm, entry.fsm)]);
      for (const [what, expected, actual] of checks) {
        if (normalise(expected) === normalise(actual)) continue;
        const id = `${MODULE[pair.entity]}/${pair.fsmId}/${entry.fsm}`;
        differing.add(id);
        if (policy.conflicts === 'manual' && openIds.has(id)) continue;
        problems.push(`${pair.entity} FSM ${pair.fsmId} ↔ Books ${pair.financeId}: ${what}: ${JSON.stringify(expected)} ≠ ${JSON.stringify(actual)}`);
      }
    }
  }

  // Conflicts: settled by the policy, or (manual) open exactly where the pair differs.
  if (policy.conflicts === 'manual') {
    for (const c of open) if (!differing.has(c.id)) problems.push(`open conflict ${c.id} but the pair does not differ there (or is no longer linked)`);
  } else {
    for (const c of trace.conflicts) if (c.resolution === 'manual') problems.push(`conflict ${c.conflict.id} left manual under '${policy.conflicts}'`);
    if (open.length > 0) problems.push(`open conflicts under '${policy.conflicts}': ${open.map((c) => c.id).join(', ')}`);
  }

  // No lost update: a field edited on one side only ends with its last value on both sides.
  const linked = new Map(pairs.map((p) => [`${p.entity}|${p.fsmId}`, p.financeId]));
  for (const [key, edit] of trace.edits) {
    if (edit.sides.size !== 1) continue;
    const [entity, fsmId, entry] = key.split('|') as [Entity, string, string];
    if (linked.get(`${entity}|${fsmId}`) !== edit.financeId || refused.has(fsmId)) continue;
    const converter = await world.mapper.converter(MODULE[entity]);
    const mapping = converter.entries.find((e) => e.fsm === entry && e.direction === 'both');
    if (!mapping) continue;
    const fsmValue = at(world.sandbox.record(world.fsm, RESOURCE[entity].fsm, fsmId), entry);
    const financeValue = at(world.sandbox.record(world.books, RESOURCE[entity].finance, edit.financeId), mapping.finance);
    const want = normalise(edit.value);
    if (normalise(fsmValue) !== want || normalise(financeValue) !== want) {
      problems.push(`lost update: ${entity} FSM ${fsmId} ${entry} was last edited to ${JSON.stringify(edit.value)} on ${[...edit.sides][0]} only, but FSM has ${JSON.stringify(fsmValue)} and Books ${JSON.stringify(financeValue)}`);
    }
  }

  // No duplicate, and every live record accounted for by the last report.
  for (const entity of trace.entities) {
    const report = last.entities.find((e) => e.module === MODULE[entity]);
    const links = pairs.filter((p) => p.entity === entity);
    const failedRecords = last.failures.flatMap((g) => g.records).filter((r) => r.module === MODULE[entity]);
    for (const on of ['fsm', 'finance'] as const) {
      const live = liveRecords(world, entity, on);
      const counts = new Map<string, number>();
      if (entity === 'persons') {
        // A person's email is unique within its company (FSM refuses a second one there); the same
        // email under two companies is two people. 'clone' copies a person made on both sides.
        const emails = new Map<string, string>();
        for (const r of live) {
          const email = world.mapper.matchValue(MODULE[entity], on, r) ?? '';
          const key = `${String(on === 'fsm' ? lookupId(r.Company) : r.contact_id)} ${email}`;
          emails.set(key, email);
          bump(counts, key);
        }
        for (const [key, count] of counts) {
          const email = emails.get(key) ?? '';
          const allowed = policy.duplicates === 'clone' ? Math.max(1, (trace.made.persons.fsm.get(email) ?? 0) + (trace.made.persons.finance.get(email) ?? 0)) : 1;
          if (count > allowed) problems.push(`duplicate: ${count} ${on} persons of one company with the email of ${JSON.stringify(key)} ('${policy.duplicates}' allows ${allowed})`);
        }
      }
      else for (const r of live) bump(counts, world.mapper.matchValue(MODULE[entity], on, r));
      for (const [key, count] of entity === 'persons' ? [] : counts) {
        const fromFsm = trace.made[entity].fsm.get(key) ?? 0;
        const fromFinance = trace.made[entity].finance.get(key) ?? 0;
        const allowed = policy.duplicates === 'clone' ? fromFsm + fromFinance : Math.max(fromFsm, fromFinance, 1);
        if (count > allowed) problems.push(`duplicate: ${count} ${on} ${entity} records named ${JSON.stringify(key)}; people made ${fromFsm} in FSM and ${fromFinance} in Books ('${policy.duplicates}' allows ${allowed})`);
      }
      const linkedIds = new Set(links.map((p) => (on === 'fsm' ? p.fsmId : p.financeId)));
      const failedIds = new Set(failedRecords.map((r) => (on === 'fsm' ? r.fsmId : r.financeId)).filter((id): id is string => id !== undefined));
      const unaccounted = live.map((r) => idOf(entity, on, r)).filter((id) => !linkedIds.has(id) && !detached[entity][on].has(id) && !failedIds.has(id));
      const skipped = on === 'fsm' ? (report?.skipped ?? 0) : 0;
      if (unaccounted.length > skipped) problems.push(`${entity}: ${on} records neither linked, detached nor failed in the last run: ${unaccounted.join(', ')}`);
    }
    const unchanged = { toFinance: report?.toFinance.unchanged ?? 0, toFsm: report?.toFsm.unchanged ?? 0 };
    const settled = links.filter((p) => !refused.has(p.fsmId) && !refused.has(p.financeId)).length;
    if (unchanged.toFinance !== settled || unchanged.toFsm !== settled) {
      problems.push(`${entity}: the last run counted ${JSON.stringify(unchanged)} unchanged pairs for ${settled} links it did not report refused`);
    }
  }

  // The sync log: one report per run that was not killed, the last one as returned.
  const log = await world.syncer().log.list();
  if (log.length !== trace.loggedRuns) problems.push(`the sync log holds ${log.length} reports for ${trace.loggedRuns} runs that were not killed`);
  const logged = await world.syncer().log.get(last.runId);
  if (JSON.stringify(logged) !== JSON.stringify(last)) problems.push('the last report in the sync log differs from the one run() returned');

  // No secret anywhere a user can read.
  const { clientSecret, refreshToken } = world.sandbox.credentials();
  const everything = JSON.stringify([trace.events, log, await trace.storage.inner.list('')]);
  for (const [name, secret] of [['client secret', clientSecret], ['refresh token', refreshToken]] as const) if (everything.includes(secret)) problems.push(`the ${name} appears in an event, report or storage value`);
  if (/1000\.[0-9a-f]{16,}\.[0-9a-f]{16,}/.test(everything)) problems.push('an access token appears in an event, report or storage value');
  return problems;
}

/** How to run one seed alone (in both sandbox modes). */
export function replayHint(seed: number): string {
  return `replay: SEED=${seed} npx vitest run test/reliability/convergence.test.ts`;
}

/** Runs one seed; throws a readable error with the replay command when a claim fails. */
export async function assertConverges(seed: number, mode: ConvergenceMode = {}): Promise<void> {
  const scenario = scenarioOf(seed);
  let problems: string[];
  try {
    problems = await checkConvergence(await runScenario(seed, scenario, mode));
  } catch (error) {
    problems = [`the scenario threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`];
  }
  if (problems.length > 0) {
    const against = mode.undocumented ? ` against Books with ${JSON.stringify(mode.undocumented)}` : '';
    throw new Error(`seed ${seed} did not converge${against} (${replayHint(seed)}):\n- ${problems.slice(0, 20).join('\n- ')}\nscenario: ${JSON.stringify(scenario)}`);
  }
}
