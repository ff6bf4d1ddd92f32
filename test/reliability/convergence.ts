import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { SqliteStorage } from '../../src/node/sqlite-storage.js';
import type { FaultKind, UndocumentedBehaviour } from '../../src/sandbox/index.js';
import { EncryptedStorage } from '../../src/storage/encrypted-storage.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import type { Storage, StorageEntry, StorageListOptions, StorageOp } from '../../src/storage/storage.js';
import type { ConflictPolicy, DeletePolicy, DuplicatePolicy, FailedRecord, SyncConflict, SyncReport } from '../../src/sync/index.js';
import { fieldPath, readPath } from '../../src/sync/merge/field-paths.js';
import { type SyncWorld, syncWorld } from '../sync/helpers.js';
import { type KillPoint, KillServer } from './kill-child.js';

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
/** The sync types the scenarios run: all four. */
export type ScenarioSyncType = 'I' | 'II' | 'III' | 'IV';

/** The entities of a sync type (IV: FSM contacts without a company are individuals, with one persons). */
export function entitiesOf(syncType: ScenarioSyncType): Entity[] {
  if (syncType === 'II') return ['contacts', 'items'];
  if (syncType === 'IV') return ['companies', 'contacts', 'persons', 'items'];
  return syncType === 'III' ? ['companies', 'persons', 'items'] : ['companies', 'items'];
}

/** The entity an operation is about; under IV a person is an individual or a company's person by the pick's parity. */
function entityOf(drawn: Drawn, syncType: ScenarioSyncType, pickNumber: number): Entity {
  if (drawn === 'items') return 'items';
  if (syncType === 'II') return 'contacts';
  if (drawn === 'customers' || syncType === 'I') return 'companies';
  if (syncType === 'IV') return pickNumber % 2 === 0 ? 'persons' : 'contacts';
  return 'persons';
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
  | { kind: 'create'; side: Side | 'both'; entity: Drawn; pick: number }
  | { kind: 'remove'; side: Side; entity: Drawn; pick: number }
  /** A linked record deleted on `side` while its counterpart is edited on the other side, in the same round. */
  | { kind: 'clash'; side: Side; entity: Drawn; pick: number; field: number; value: number };

export type ScriptedWriteFault = { method: 'POST' | 'PUT' | 'DELETE'; app: 'books' | 'fsm'; fault: 'lost-ack' | 'drop' | 'server-error' | 'rate-limit' };

export type Crash =
  | { kind: 'none' }
  | { kind: 'storage'; atBatch: number }
  | { kind: 'abort'; afterRecords: number }
  /** The run happens in a child process over the HTTP sandbox, SIGKILLed at `kill` (or not: `at: 'none'`). */
  | { kind: 'child'; kill: KillPoint };

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
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), side: fc.constantFrom<Side | 'both'>('fsm', 'finance', 'both'), entity, pick: small }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), side, entity, pick: small }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clash' as const), side, entity, pick: small, field: small, value: small }) },
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

/** Writes a kill may aim at (the N-th of one of them): the steps whose interruption leaves the most to recover. */
const KILL_CALLS = [
  'POST books /contacts', 'POST books /contacts/contactpersons', 'PUT books /contacts/{id}', 'PUT books /contacts/contactpersons/{id}', 'DELETE books /contacts/contactpersons/{id}', 'POST books /items',
  'POST fsm /Companies', 'POST fsm /Contacts', 'PUT fsm /Companies/{id}', 'PUT fsm /Contacts/{id}', 'POST fsm /Service_And_Parts',
];

/**
 * Kills of a child process: at the N-th write (of any call, or of one call) before or after it is
 * applied, after the N-th create lands, by wall-clock timer, or not at all (the child run completes).
 */
const killPoint: fc.Arbitrary<KillPoint> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ at: 'none' as const }) },
  { weight: 2, arbitrary: fc.record({ at: fc.constant('before-apply' as const), nthWrite: fc.integer({ min: 1, max: 10 }) }) },
  { weight: 2, arbitrary: fc.record({ at: fc.constant('after-apply' as const), nthWrite: fc.integer({ min: 1, max: 10 }) }) },
  { weight: 2, arbitrary: fc.record({ at: fc.constant('after-create' as const), nthCreate: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ at: fc.constantFrom('before-apply' as const, 'after-apply' as const), nthWrite: fc.integer({ min: 1, max: 3 }), call: fc.constantFrom(...KILL_CALLS) }) },
  { weight: 1, arbitrary: fc.record({ at: fc.constant('timer' as const), ms: fc.integer({ min: 20, max: 1_500 }) }) },
);

/** A round's run in process (crash kinds above), or — in the kill suite — mostly in a child process. */
const childCrash: fc.Arbitrary<Crash> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('child' as const), kill: killPoint }) },
  { weight: 1, arbitrary: crash },
);

const roundOf = (crashes: fc.Arbitrary<Crash>): fc.Arbitrary<Round> => fc.record({
  ops: fc.array(uiOp, { maxLength: 6 }),
  rates,
  scripted: fc.array(scripted, { maxLength: 3 }),
  crash: crashes,
  fullScan: fc.boolean(),
  advanceMs: fc.constantFrom(1_000, 60_000, 3_600_000),
});

const scenarioOfRounds = (round: fc.Arbitrary<Round>, maxRounds: number): fc.Arbitrary<Scenario> => fc.record({
  syncType: fc.constantFrom<ScenarioSyncType>('I', 'II', 'III', 'IV'),
  policy: fc.record({
    conflicts: fc.constantFrom('latest-wins' as const, 'fsm-wins' as const, 'finance-wins' as const, 'manual' as const),
    deletes: fc.constantFrom<DeletePolicy>('unlink', 'deactivate', 'propagate'),
    duplicates: fc.constantFrom<DuplicatePolicy>('overwrite', 'overwrite', 'clone'),
    allowDuplicateNames: fc.boolean(),
  }),
  fsmRecords: fc.record({ customers: fc.integer({ min: 1, max: 4 }), items: fc.integer({ min: 1, max: 3 }) }),
  booksRecords: fc.record({ customers: fc.integer({ min: 1, max: 4 }), items: fc.integer({ min: 1, max: 3 }), offset: fc.integer({ min: 0, max: 3 }) }),
  rounds: fc.array(round, { minLength: 2, maxLength: maxRounds }),
});

/** Every scenario a seed can draw, every run in this process. */
export const scenarioArbitrary: fc.Arbitrary<Scenario> = scenarioOfRounds(roundOf(crash), 5);
/** The kill suite's scenarios: most runs in a child process over the HTTP sandbox, many SIGKILLed. */
export const killScenarioArbitrary: fc.Arbitrary<Scenario> = scenarioOfRounds(roundOf(childCrash), 4);

/** The scenario of a seed (same seed, same scenario); `kills` draws from the kill suite's scenarios. */
export function scenarioOf(seed: number, kills = false): Scenario {
  const [scenario] = fc.sample(kills ? killScenarioArbitrary : scenarioArbitrary, { seed, numRuns: 1 });
  if (scenario === undefined) throw new Error(`fast-check drew no scenario for seed ${seed}`);
  return scenario;
}

/** A storage that dies at a chosen batch, like a process killed there: nothing after it is written. */
export class CrashingStorage implements Storage {
  batches = 0;
  crashAt = Number.POSITIVE_INFINITY;
  dead = false;

  /**
   * @param inner what the sync writes through (the client shares it when `sharedWithClient`)
   * @param raw what is actually stored: `inner` itself, or the storage under an EncryptedStorage `inner`
   */
  constructor(readonly inner: Storage = new MemoryStorage(), readonly raw: Storage = inner, readonly sharedWithClient = false) {}

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

/**
 * Live records of an entity on a side, as the API shows them (Books companies: business customers;
 * contacts: individual ones; under IV, FSM contacts without a company).
 */
export function liveRecords(world: SyncWorld, entity: Entity, on: Side, syncType: ScenarioSyncType = 'I'): Array<Record<string, unknown>> {
  const org = on === 'fsm' ? world.fsm : world.books;
  const records = world.sandbox.records(org, RESOURCE[entity][on]);
  if (entity === 'persons') {
    if (on === 'fsm') return records.filter((c) => lookupId(c.Company) !== undefined);
    const customers = new Set(liveRecords(world, 'companies', 'finance').map((c) => String(c.contact_id)));
    return records.filter((p) => customers.has(String(p.contact_id)));
  }
  if (entity === 'contacts' && on === 'fsm' && syncType === 'IV') return records.filter((c) => lookupId(c.Company) === undefined);
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
  /** The three clean runs' reports (from the cursors, full, second): they may list only real failures. */
  cleanReports: SyncReport[];
  /** How each child run ended, in order (kill suite). */
  children: string[];
}

/** What the rounds of a scenario see before its clean runs. */
type Scene = Omit<Trace, 'last' | 'secondWrites' | 'afterIncremental' | 'cleanReports'>;

/** How a seed runs: the sandbox's behaviour beyond Zoho's published API description (default: all of it), and where runs happen. */
export interface ConvergenceMode {
  undocumented?: UndocumentedBehaviour;
  /**
   * The kill suite: the scenario comes from {@link killScenarioArbitrary}, storage is a SqliteStorage
   * file, and rounds drawn as `child` run in a child process over `serveSandbox`, SIGKILLed at
   * their kill point. The clean runs stay in this process, on the same file.
   */
  kills?: boolean;
  /**
   * One storage for everything, as docs/auth.md recommends: the client's token cache lives in the
   * sync's storage (`'shared'`), or in an {@link EncryptedStorage} over it (`'shared-encrypted'`),
   * whose inner storage must then hold no token at all. Not with `kills`.
   */
  storage?: 'shared' | 'shared-encrypted';
}

/** The key of the `'shared-encrypted'` mode: 32 fixed bytes (a test key, never a real one). */
const TEST_STATE_KEY = { id: 'convergence', material: new Uint8Array(32).fill(42) };

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
async function parentsFor(trace: Scene, side: Side | 'both'): Promise<{ fsm: string; finance: string } | undefined> {
  const fsm = liveRecords(trace.world, 'companies', 'fsm', trace.syncType);
  const finance = liveRecords(trace.world, 'companies', 'finance', trace.syncType);
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

async function applyOp(trace: Scene, op: UiOp, label: string): Promise<void> {
  const { world } = trace;
  const name = `Conv ${label}`;
  const entity = entityOf(op.entity, trace.syncType, op.pick);
  if (op.kind === 'clash') {
    await applyClash(trace, { ...op, entity }, name);
    return;
  }
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
  const records = liveRecords(world, entity, op.side, trace.syncType);
  if (records.length === 0) return;
  const id = idOf(entity, op.side, pick(records, op.pick));
  if (op.kind === 'remove') {
    world.sandbox.remove(op.side === 'fsm' ? world.fsm : world.books, RESOURCE[entity][op.side], id);
    return;
  }
  await editAs(trace, entity, op.side, id, op, name);
}

/** A person edits one field of a record in the UI; an edit of a linked record is remembered for the lost-update check. */
async function editAs(trace: Scene, entity: Entity, on: Side, id: string, op: { field: number; value: number }, name: string): Promise<void> {
  const { world } = trace;
  const org = on === 'fsm' ? world.fsm : world.books;
  const resource = RESOURCE[entity][on];
  // The whole record, as a person opening it sees it (a Books list row has no contact persons).
  const record = world.sandbox.record(org, resource, id) ?? {};
  const field = pick(EDITS[entity][on], op.field);
  const link = await linkOf(trace.storage, entity, on, id);
  try {
    world.sandbox.edit(org, resource, id, field.patch(record, op.value, name));
  } catch {
    return; // refused by the UI's rules
  }
  if (field.rename) bump(trace.made[entity][on], world.mapper.matchValue(MODULE[entity], on, world.sandbox.record(org, resource, id)));
  if (link) {
    const key = `${entity}|${link.fsmId}|${field.entry}`;
    const seen = trace.edits.get(key) ?? { sides: new Set<Side>(), value: undefined, financeId: link.financeId };
    seen.sides.add(on);
    seen.value = field.value(op.value, name);
    trace.edits.set(key, seen);
  }
}

/**
 * A delete against an edit: a linked pair's record is deleted on one side while a person edits
 * its counterpart on the other, before the next run. Nothing happens when no live pair is linked.
 */
async function applyClash(trace: Scene, op: { side: Side; entity: Entity; pick: number; field: number; value: number }, name: string): Promise<void> {
  const { world } = trace;
  const other: Side = op.side === 'fsm' ? 'finance' : 'fsm';
  const { pairs } = await storedLinks(trace);
  const live = (on: Side) => new Set(liveRecords(world, op.entity, on, trace.syncType).map((r) => idOf(op.entity, on, r)));
  const [fsmLive, financeLive] = [live('fsm'), live('finance')];
  const candidates = pairs.filter((p) => p.entity === op.entity && fsmLive.has(p.fsmId) && financeLive.has(p.financeId));
  if (candidates.length === 0) return;
  const pair = pick(candidates, op.pick);
  const [removed, edited] = op.side === 'fsm' ? [pair.fsmId, pair.financeId] : [pair.financeId, pair.fsmId];
  world.sandbox.remove(op.side === 'fsm' ? world.fsm : world.books, RESOURCE[op.entity][op.side], removed);
  await editAs(trace, op.entity, other, edited, op, name);
}

const writes = (world: SyncWorld, since: number): string[] =>
  world.sandbox.calls.list().slice(since).filter((c) => c.method !== 'GET' && c.app !== 'accounts').map((c) => `${c.method} ${c.app} ${c.path}`);

/** Runs a scenario to its second clean run; returns what the checks need. */
export async function runScenario(seed: number, scenario: Scenario, mode: ConvergenceMode = {}): Promise<Trace> {
  if (mode.kills) throw new Error('the kill suite keeps a storage file that lives only as long as the checks: use withScenario');
  return runScenarioWith(seed, scenario, mode, new CrashingStorage());
}

/**
 * Runs a scenario and hands its trace to `use` (the checks) while its storage is still open; in
 * the kill suite the SQLite file, its directory and the server are removed afterwards, whatever
 * happened, and no child outlives the call.
 */
export async function withScenario<T>(seed: number, scenario: Scenario, mode: ConvergenceMode, use: (trace: Trace) => Promise<T>): Promise<T> {
  if (!mode.kills) return use(await runScenarioWith(seed, scenario, mode, sharedStorage(mode.storage)));
  const dir = mkdtempSync(join(tmpdir(), 'fsm-kill-'));
  const sqlite = await SqliteStorage.open(join(dir, 'sync.db'));
  try {
    return await use(await runScenarioWith(seed, scenario, mode, new CrashingStorage(sqlite), join(dir, 'sync.db')));
  } finally {
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The storage of a run in this process: its own (the client keeps another), or shared with the client. */
function sharedStorage(how: ConvergenceMode['storage']): CrashingStorage {
  if (how === undefined) return new CrashingStorage();
  const raw = new MemoryStorage();
  return new CrashingStorage(how === 'shared-encrypted' ? new EncryptedStorage(raw, { key: TEST_STATE_KEY }) : raw, raw, true);
}

/** Time after a killed run before the next one: its lease (600 s) has expired, even if its clock ran ahead on back-offs. */
const AFTER_KILL_MS = 1_200_000;

async function runScenarioWith(seed: number, scenario: Scenario, mode: ConvergenceMode, storage: CrashingStorage, dbPath = ''): Promise<Trace> {
  const { policy } = scenario;
  const world = syncWorld({
    seed,
    storage,
    // The client gets the storage under the crash injector: a killed sync run leaves the token cache as it was.
    ...(storage.sharedWithClient ? { clientStorage: storage.inner } : {}),
    syncType: scenario.syncType,
    fsmRecords: scenario.fsmRecords,
    booksRecords: scenario.booksRecords,
    books: { allowDuplicateNames: policy.allowDuplicateNames },
    faults: { seed },
    ...(mode.undocumented ? { undocumented: mode.undocumented } : {}),
    // A child's client paces itself on its own clock while the sandbox counts on this one, which
    // stands still during the child's run: the sandbox's limits would refuse calls Zoho would not.
    ...(mode.kills ? { limits: { perMinute: false, perDay: false, concurrency: false } } : {}),
  });
  const server = mode.kills ? await KillServer.start(world.sandbox) : undefined;
  try {
    return await runRounds(seed, scenario, world, storage, server && { server, dbPath });
  } finally {
    await server?.close();
  }
}

async function runRounds(seed: number, scenario: Scenario, world: SyncWorld, storage: CrashingStorage, children: { server: KillServer; dbPath: string } | undefined): Promise<Trace> {
  const { policy } = scenario;
  const entities = entitiesOf(scenario.syncType);
  const made = perEntity(() => ({ fsm: new Map<string, number>(), finance: new Map<string, number>() }));
  for (const e of entities) {
    for (const s of ['fsm', 'finance'] as const) for (const r of liveRecords(world, e, s, scenario.syncType)) bump(made[e][s], world.mapper.matchValue(MODULE[e], s, r));
  }
  const trace: Omit<Trace, 'last' | 'secondWrites' | 'afterIncremental' | 'cleanReports'> = { world, storage, syncType: scenario.syncType, entities, policy, made, edits: new Map(), conflicts: [], events: [], loggedRuns: 0, children: [] };
  // Even seeds keep every unlinked record of a read in storage (the stage a large first run uses).
  const options = { conflicts: policy.conflicts, deletes: policy.deletes, duplicates: policy.duplicates, ...(seed % 2 === 0 ? { recordsInMemory: 0 } : {}) };

  const inChild = async (kill: KillPoint, r: { fullScan: boolean; faulty: boolean }): Promise<undefined> => {
    if (!children) throw new Error('a child run needs the kill suite (mode.kills)');
    const { clientId, clientSecret, refreshToken } = world.sandbox.credentials();
    const outcome = await children.server.run({
      dbPath: children.dbPath, region: 'us', edition: 'us', booksOrganizationId: world.books, clientId, clientSecret, refreshToken,
      syncType: scenario.syncType, ...options, fullScan: r.fullScan, now: world.clock.now(),
    }, kill);
    trace.children.push(outcome.ended === 'killed' ? `killed at ${outcome.killedAt ?? '?'}` : outcome.ended);
    if (outcome.ended === 'killed') {
      // A run killed by the timer may have logged its report just before: read back what it left.
      if (kill.at === 'timer') trace.loggedRuns = (await world.syncer().log.list()).length;
      await world.clock.advance(AFTER_KILL_MS);
    } else if (outcome.ended === 'completed' || r.faulty) {
      trace.loggedRuns += 1;
    } else {
      throw new Error('a clean child run threw');
    }
    return undefined;
  };

  const run = async (r: { crash: Crash; fullScan: boolean; faulty: boolean }): Promise<SyncReport | undefined> => {
    if (r.crash.kind === 'child') return inChild(r.crash.kill, r);
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
        await world.clock.advance(AFTER_KILL_MS);
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
  return { ...trace, last: second, secondWrites: writes(world, before), afterIncremental: clean, cleanReports: [incremental, clean, second] };
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

async function storedLinks(trace: { storage: CrashingStorage }): Promise<{ pairs: LinkedPair[]; detached: Record<Entity, Record<Side, Set<string>>> }> {
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

/** Refusals that stand whatever the run: a clean run rightly reports them. */
const REAL_FAILURES = new Set(['DUPLICATE_NAME', 'COMPANY_CHANGE_NOT_ALLOWED', 'CONTACT_EMAIL_IN_COMPANY', 'MANDATORY_FIELDS_EMPTY']);

/** Whether a person failed as "unresolved reference" has a company linked after all (so the failure was not real). */
function referenceResolves(world: SyncWorld, linkedIds: Set<string>, record: FailedRecord): boolean {
  if (record.module !== 'contact_persons') return false;
  if (record.fsmId !== undefined) {
    const company = lookupId(world.sandbox.record(world.fsm, 'Contacts', record.fsmId)?.Company);
    return company !== undefined && linkedIds.has(`companies|fsm|${company}`);
  }
  if (record.financeId !== undefined) {
    const customer = world.sandbox.record(world.books, 'contactpersons', record.financeId)?.contact_id;
    return typeof customer === 'string' && linkedIds.has(`companies|finance|${customer}`);
  }
  return false;
}

/**
 * Whether an FSM item refused by Books as a duplicate (1001) collides with another record: a Books
 * item with its name or SKU that is not its own counterpart ('clone' copies an original whose name
 * Books already has). A collision with its own earlier create would be a duplicate the sync made.
 */
function itemTaken(world: SyncWorld, pairs: LinkedPair[], record: FailedRecord): boolean {
  if (record.module !== 'items' || record.fsmId === undefined) return false;
  const fsm = world.sandbox.record(world.fsm, 'Service_And_Parts', record.fsmId);
  if (!fsm) return false;
  const same = (a: unknown, b: unknown) => typeof a === 'string' && a !== '' && typeof b === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();
  const own = new Set(pairs.filter((p) => p.entity === 'items' && p.fsmId === record.fsmId).map((p) => p.financeId));
  return world.sandbox.records(world.books, 'items').some((i) => !own.has(String(i.item_id)) && (same(i.name, fsm.Name) || same(i.sku, fsm.SKU)));
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
  // whose FSM company changed — or was deleted — since.
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
      const live = liveRecords(world, entity, on, trace.syncType);
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

  // The clean runs list only real failures: a refusal that stands (a duplicate name, a company
  // change, an email twice in a company, a mandatory field empty), or a reference that still has
  // no counterpart. Not a write to a record deleted on purpose (1002), nor a reference that
  // resolves, nor anything a clean run without faults cannot explain.
  const linkedIds = new Set(pairs.flatMap((p) => [`${p.entity}|fsm|${p.fsmId}`, `${p.entity}|finance|${p.financeId}`]));
  for (const [index, report] of trace.cleanReports.entries()) {
    const run = ['from the cursors', 'full', 'second'][index];
    for (const group of report.failures) {
      if (REAL_FAILURES.has(group.reason)) continue;
      const unreal =
        group.reason === 'UNRESOLVED_REFERENCE' ? group.records.filter((r) => referenceResolves(world, linkedIds, r))
        : group.reason === 'ZOHO_1001' ? group.records.filter((r) => !itemTaken(world, pairs, r))
        : group.records;
      for (const r of unreal.slice(0, 3)) {
        problems.push(`the clean run ${run} reports a failure that is not real: ${group.reason} ${group.direction} ${r.module} FSM ${r.fsmId ?? '-'} / Books ${r.financeId ?? '-'} (${r.message.slice(0, 160)})`);
      }
    }
  }

  // The sync log: one report per run that was not killed, the last one as returned.
  const log = await world.syncer().log.list();
  if (log.length !== trace.loggedRuns) problems.push(`the sync log holds ${log.length} reports for ${trace.loggedRuns} runs that were not killed`);
  const logged = await world.syncer().log.get(last.runId);
  if (JSON.stringify(logged) !== JSON.stringify(last)) problems.push('the last report in the sync log differs from the one run() returned');

  // No secret anywhere a user can read.
  const { clientSecret, refreshToken } = world.sandbox.credentials();
  // The client's own token cache (`auth/token/…`, shared with the child processes' clients) holds
  // an access token by design; every other value must not. Under an EncryptedStorage nothing stored
  // may hold one: every raw value is searched, the token cache included.
  const raw = await trace.storage.raw.list('');
  const encrypted = trace.storage.raw !== trace.storage.inner;
  if (trace.storage.sharedWithClient && !raw.some((e) => e.key.startsWith('auth/token/'))) problems.push('the shared storage holds no cached token: the client did not use it');
  const stored = encrypted ? raw : raw.filter((e) => !e.key.startsWith('auth/token/'));
  const everything = JSON.stringify([trace.events, log, stored]);
  for (const [name, secret] of [['client secret', clientSecret], ['refresh token', refreshToken]] as const) if (everything.includes(secret)) problems.push(`the ${name} appears in an event, report or storage value`);
  if (/1000\.[0-9a-f]{16,}\.[0-9a-f]{16,}/.test(everything)) problems.push('an access token appears in an event, report or storage value');
  return problems;
}

/** How to run one seed alone (in both sandbox modes). */
export function replayHint(seed: number, kills = false): string {
  return `replay: SEED=${seed} npx vitest run test/reliability/${kills ? 'kill' : 'convergence'}.test.ts`;
}

/** Runs one seed; throws a readable error with the replay command when a claim fails. */
export async function assertConverges(seed: number, mode: ConvergenceMode = {}): Promise<void> {
  const scenario = scenarioOf(seed, mode.kills === true);
  let problems: string[];
  let children: string[] = [];
  try {
    problems = await withScenario(seed, scenario, mode, (trace) => {
      children = trace.children;
      return checkConvergence(trace);
    });
  } catch (error) {
    problems = [`the scenario threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`];
  }
  if (problems.length > 0) {
    const against = mode.undocumented ? ` against Books with ${JSON.stringify(mode.undocumented)}` : '';
    const shared = mode.storage ? ` with storage '${mode.storage}'` : '';
    const killed = children.length > 0 ? `\nchild runs: ${children.join('; ')}` : '';
    throw new Error(`seed ${seed} did not converge${against}${shared} (${replayHint(seed, mode.kills === true)}):\n- ${problems.slice(0, 20).join('\n- ')}${killed}\nscenario: ${JSON.stringify(scenario)}`);
  }
}
