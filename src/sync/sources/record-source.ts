/**
 * The collections a side holds, named after the mapping modules (`src/mapping/types.ts`):
 * `companies`, `contacts`, `contact_persons` (finance side only: the people of a business
 * customer, sync type III) and `items`. An FSM-side source serves `companies`,
 * `contacts` and `items`.
 */
export type SyncCollection = 'companies' | 'contacts' | 'contact_persons' | 'items';

/**
 * One record as a side holds it. `data` uses that side's own field names (`Company_Name` on
 * FSM, `contact_name` on Books), the names the field mapping reads and writes.
 *
 * @example
 * ```ts
 * const record: SourceRecord = { id: '42', data: { Company_Name: 'Acme', Email: 'ops@acme.test' }, modifiedTime: '2026-01-05T10:00:00Z' };
 * ```
 */
export interface SourceRecord {
  /** The record's id on its side. */
  id: string;
  /** The record's fields. With `partial`, a list summary: the syncer calls `get` before using it. */
  data: Record<string, unknown>;
  /**
   * When the record last changed, as an ISO 8601 or Zoho timestamp. Used for `latest-wins`
   * and, for partial records, as the cheap "did it change" token.
   */
  modifiedTime?: string | undefined;
  /** `data` is a summary (Books list rows carry no addresses): fetch the record to read it. */
  partial?: boolean;
  /** For `contact_persons`: the id of the customer the person belongs to. */
  parentId?: string | undefined;
}

/** One page of a {@link RecordSource.read}. */
export interface SourcePage {
  records: readonly SourceRecord[];
  /** Ids deleted since the cursor, when the side keeps tombstones. */
  deleted?: readonly string[];
  /**
   * Where the next read resumes (give it back as `since`). The last page that sets it wins; a read
   * that never sets one resumes from scratch.
   */
  cursor?: string;
  /**
   * True when this read lists every live record: any linked id it did not list was deleted —
   * except, for a `parentTime` collection, the children of `unchangedParents`.
   */
  complete?: boolean;
  /**
   * For a `parentTime` collection: parents whose children this read left out because the parent's
   * modified time still equals the one in {@link ReadOptions.parentTimes} (nothing of theirs
   * changed). Their linked children are present and unchanged, even in a `complete` read.
   */
  unchangedParents?: readonly string[];
  /**
   * For a `parentTime` collection: parents whose children this read gives as the side returned
   * them in its reply to a write of the parent — parent id → the parent's modified time in that
   * reply (its children carry that time too), parents with no child included. Children seen in a
   * write reply are exact at that time: the sync may take the parent as settled at once, where a
   * read would wait for the second to pass.
   */
  exactParents?: Readonly<Record<string, string>>;
}

/** Options of {@link RecordSource.read}. */
export interface ReadOptions {
  /** The `cursor` of the last complete read; `undefined` asks for every record. */
  since?: string | undefined;
  signal?: AbortSignal | undefined;
  /**
   * The run the read belongs to. Reads of one run may share work: the built-in finance source
   * walks the customers once per run for business customers, individuals and contact persons.
   * Optional; a source may ignore it.
   */
  runId?: string | undefined;
  /** When that run began (ms on the syncer's clock): what a source keeps from one run to the next may depend on it. */
  runStartedAt?: number | undefined;
  /**
   * For a `parentTime` collection: parent id → the parent's modified time when its children were
   * last synced. A source may leave out the children of a parent whose time has not moved (a
   * change of a child moves its parent's time) and name the parent in
   * {@link SourcePage.unchangedParents}; so a full read costs list pages, not a call per parent.
   * Optional; a source may ignore it and list every child.
   */
  parentTimes?: ReadonlyMap<string, string> | undefined;
  /**
   * The same times, looked up for the parents a source is about to take (a page of them): parent
   * id → the time, for those that have one. Given instead of {@link ReadOptions.parentTimes} when
   * the collection's capabilities say `parentTimesByPage`, so a read holds the times of one page
   * of parents, not of every one. Rejects as a storage read does.
   */
  parentTimesOf?: ((parentIds: readonly string[]) => Promise<ReadonlyMap<string, string>>) | undefined;
  /**
   * For a `parentTime` collection: parents whose children the read must list from the side itself
   * — neither left out as unchanged nor taken from anything the source remembers — because a child
   * may have been written under them without the sync seeing the reply (a create whose reply was
   * lost). Zoho's times have whole seconds, so such a write may not move the parent's time. The
   * syncer also leaves them out of {@link ReadOptions.parentTimes}. Optional; a source that always
   * lists every child may ignore it.
   */
  relistParents?: ReadonlySet<string> | undefined;
  /**
   * A small store of the source's own, kept in the sync's storage from one run (and process) to
   * the next: what a source learned in passing that saves calls later (the built-in finance source
   * keeps the contact persons a customer read returned, so a run resumed by a new process after the
   * daily cap does not list them again). Absent in a dry run and when the syncer gives none.
   * Optional; a source may ignore it.
   */
  memo?: SourceMemo | undefined;
}

/**
 * The store of {@link ReadOptions.memo}: entries of one source under the sync's keys, values as
 * JSON data. It holds hints only — a source must check an entry is still true (by a time the side
 * gives) before relying on it, since an entry may be from any earlier run and a write may be lost
 * when a process dies. Writes go to storage with the run's next commit (or once enough wait).
 * Entries under `run/` are the run's own: kept out of memory while it runs, removed when it ends.
 *
 * @example
 * ```ts
 * const [known] = await memo.getMany(['persons/460000000012345']);
 * memo.set('persons/460000000012345', { time: '2026-01-05T10:00:00+0000', persons: [] });
 * memo.set('persons/460000000012345', undefined); // removes it
 * ```
 */
export interface SourceMemo {
  /** Now, in ms on the syncer's clock: taken before a call, a lower bound of when the side answered it. */
  now(): number;
  /** The values under `keys` (`undefined` where absent), in order, the writes not yet stored included. */
  getMany(keys: readonly string[]): Promise<unknown[]>;
  /** Stores `value` under `key`, or removes the entry when `value` is `undefined`. */
  set(key: string, value: unknown): void;
}

/** Options of single-record calls. */
export interface RecordCallOptions {
  /** For `contact_persons`: the customer the person belongs to. */
  parentId?: string | undefined;
  signal?: AbortSignal | undefined;
  /**
   * On `update`: the record as the syncer last knew it — read this run, or, when it was not read
   * again, the mapped fields of its last synced state (so possibly only some fields). A side whose
   * API wants fields in every update that the patch lacks (Zoho's display name, an item's rate)
   * takes them from here instead of reading the record first. Optional: sources that send
   * partial patches ignore it, and callers of a source may leave it out.
   */
  current?: Readonly<Record<string, unknown>> | undefined;
}

/** What a create or update returns. */
export interface WriteResult {
  id: string;
  /** The record's new modified time, when the side says it (the base of the next run's comparison). */
  modifiedTime?: string | undefined;
  /** The record as stored, when the side returns it (Books does): the syncer's base snapshot, no re-read needed. */
  data?: Record<string, unknown> | undefined;
}

/** How a side finds changes in one collection. */
export type ChangeFeed =
  /** `read({ since })` returns only records changed since the cursor (Books contacts walked by modified time). */
  | 'cursor'
  /** Every read lists every record; the syncer compares content hashes (FSM modules, Books items). */
  | 'scan';

/** What a source can do with one collection. */
export interface CollectionCapabilities {
  changeFeed: ChangeFeed;
  /** Whether reads report deleted ids (`SourcePage.deleted`). */
  tombstones: boolean;
  /** Whether `deactivate` works (Books contacts and items can be marked inactive). */
  deactivate: boolean;
  /** Whether `delete` works. */
  delete: boolean;
  /** Fields a create must carry: a record missing one fails with "mandatory field(s) were left empty". */
  requiredOnCreate: readonly string[];
  /**
   * Fields the side computes from others (FSM's `Full_Name`): after a write the syncer cannot know
   * their new value, so it takes whatever the next read shows as the base.
   */
  computed?: readonly string[];
  /** Field the records of this collection are found by in `findByKey` (the match key). */
  matchField?: string;
  /**
   * The records' `modifiedTime` is their parent's, not their own (Books contact persons carry
   * none: the customer's time stands in). Latest-wins then uses it only when it can be put on
   * the record (see docs/sync.md, "Contact persons and times").
   */
  parentTime?: boolean;
  /**
   * For a `parentTime` collection: the source looks the parents' times up a page at a time
   * ({@link ReadOptions.parentTimesOf}), so the syncer gives no {@link ReadOptions.parentTimes}
   * map — which holds every settled parent at once, tens of thousands on a large organisation.
   */
  parentTimesByPage?: boolean;
  /**
   * Fields no two records of this collection may share (Books items: `name` and `sku`). On a
   * `changeFeed: 'scan'` collection, a create refused because another record holds one of them is
   * tried again as soon as a read shows no record holding it (the other was deleted or renamed),
   * instead of waiting for the refused record to change or for `retryRefusedAfterMs`.
   */
  uniqueFields?: readonly string[];
}

/**
 * One side of a sync: Zoho FSM, Zoho Books/Invoice, or your own database. Built-ins:
 * `zohoFsmSource(client)` and `zohoFinanceSource(client)`; write your own for your backend
 * (docs/custom-source.md, examples/custom-source-sqlite.ts).
 *
 * Methods throw on failure; the syncer records the failure against the record and goes on.
 * A create that may or may not have happened (a lost reply) should throw: the syncer's intent
 * store and `findByKey` make sure it is not created twice.
 *
 * @example
 * ```ts
 * const source: RecordSource = {
 *   id: 'my-db',
 *   capabilities: (collection) => ({ changeFeed: 'cursor', tombstones: true, deactivate: false, delete: true, requiredOnCreate: [] }),
 *   async *read(collection, { since }) { yield { records: await changedRows(collection, since), cursor: String(Date.now()) }; },
 *   get: (collection, id) => rowById(collection, id),
 *   create: (collection, data) => insertRow(collection, data),
 *   update: (collection, id, patch) => updateRow(collection, id, patch),
 *   deactivate: async () => {},
 *   delete: (collection, id) => deleteRow(collection, id),
 * };
 * ```
 */
export interface RecordSource {
  /** Names the side in storage keys and reports: stable for one integration (`zoho-fsm`, `books:60012345`). */
  readonly id: string;
  /** What this source can do with a collection; `undefined` when it does not hold that collection. */
  capabilities(collection: SyncCollection): CollectionCapabilities | undefined;
  /** The records changed since `since` (all records when `since` is undefined), page by page. */
  read(collection: SyncCollection, options: ReadOptions): AsyncIterable<SourcePage>;
  /** One record with every field, or `undefined` when it does not exist. */
  get(collection: SyncCollection, id: string, options?: RecordCallOptions): Promise<SourceRecord | undefined>;
  /** Creates a record from mapped fields. */
  create(collection: SyncCollection, data: Record<string, unknown>, options?: RecordCallOptions): Promise<WriteResult>;
  /** Changes the given fields of a record (nested objects are sent whole). */
  update(collection: SyncCollection, id: string, patch: Record<string, unknown>, options?: RecordCallOptions): Promise<WriteResult>;
  /** Marks a record inactive (the `deactivate` delete policy). */
  deactivate(collection: SyncCollection, id: string, options?: RecordCallOptions): Promise<void>;
  /** Deletes a record (the `propagate` delete policy). */
  delete(collection: SyncCollection, id: string, options?: RecordCallOptions): Promise<void>;
  /**
   * Records whose match field equals `value` (case-insensitive): how the syncer confirms, after a
   * lost reply, whether a create happened. Optional; without it the next run's read decides.
   */
  findByKey?(collection: SyncCollection, value: string, options?: RecordCallOptions): Promise<SourceRecord[]>;
  /** API calls this source has made so far (for the report); optional. */
  callCount?(): number;
  /**
   * The API limits of the side behind this source, for `syncer.estimate()` and the dry run's
   * `report.estimate`; optional. Without it the estimate takes its `limits` option, else Zoho's
   * 100 calls a minute and no known daily cap. The built-in sources answer from their client
   * (`client.limitsFor()` for the finance organisation; the client's FSM pace for FSM).
   */
  limits?(options?: { signal?: AbortSignal | undefined }): Promise<SourceLimits>;
}

/**
 * The API limits of one side, as {@link RecordSource.limits} gives them.
 *
 * @example
 * ```ts
 * const limits: SourceLimits = { perMinute: 100, perDay: 1000, usedToday: 120, plan: 'free' };
 * ```
 */
export interface SourceLimits {
  /** Calls per minute the side allows (Zoho: 100 per organisation). */
  perMinute: number;
  /** Calls per UTC day, or `undefined` when no daily cap is known. */
  perDay?: number | undefined;
  /** Calls already made today (counted against `perDay`). Default 0. */
  usedToday?: number | undefined;
  /** When today's budget is already spent: when calls may go on (epoch ms). */
  resumeAt?: number | undefined;
  /** The plan the limits follow, when known (`'free'`, `'professional'`...). */
  plan?: string | undefined;
  /** What the figures rest on, when not the plan's published limits (an assumption, a fallback). */
  note?: string | undefined;
}
