import type { PageSort } from '../../transport/paginator.js';
import { timeOf } from '../merge/conflict-policies.js';
import type { ReadOptions, SourceMemo } from './record-source.js';
import { NewestFirstCheck } from './newest-first.js';

type Data = Record<string, unknown>;

/** Books' customer sub types: business customers (FSM companies) and individuals (FSM contacts). */
export type CustomerKind = 'business' | 'individual';

/** One customer a walk met. */
export interface WalkedCustomer {
  readonly id: string;
  readonly kind: CustomerKind;
  /** `last_modified_time` as Books wrote it. */
  readonly time: string | undefined;
  /** The same, epoch ms. */
  readonly at: number | undefined;
  /** The list row; kept from an earlier walk of the run only for the kinds a later unit reads whole. */
  readonly row: Data | undefined;
}

/** What one walk kept for the other units of its run: in memory, or in the run's memo a page at a time. */
interface KeptWalk {
  readonly runId: string;
  /** The walk's floor (epoch ms); `undefined`: it read every page. */
  readonly floor: number | undefined;
  /** Kinds whose rows were kept. */
  readonly rowsOf: ReadonlySet<CustomerKind>;
  /** The customers met, when the read had no memo to keep them in. */
  readonly customers?: readonly WalkedCustomer[];
  /** The memo holding them, in `pages` entries. */
  readonly memo?: SourceMemo;
  readonly pages?: number;
}

// A walked customer as kept in the memo: id, kind, time as Books wrote it, the row (or null).
type KeptRow = [id: string, individual: 0 | 1, time: string | null, row: Data | null];

/** One memo entry of a kept walk. */
interface KeptPage {
  runId: string;
  customers: KeptRow[];
}

/** What the memo says of the last walk kept in it: its run, pages, and the most pages ever written (to remove). */
interface KeptHeader {
  runId: string;
  pages: number;
  high: number;
}

/** Customers per memo entry of a kept walk. */
const KEPT_PAGE = 200;
// The run's own memo entries (`run/`): removed when it ends; a walk cut short by a killed process
// leaves them to the next walk, which removes them by the header's `high`.
const HEADER_KEY = 'run/walk';
const pageKey = (n: number) => `run/walk/${n}`;

/** What a unit wants of the walk: one kind, with its list rows or its ids and times only. */
export interface WalkNeed {
  kind: CustomerKind;
  rows: boolean;
}

type ListPages = (signal: AbortSignal | undefined) => AsyncIterable<{ items: Data[]; sort?: PageSort | undefined }>;

function kindOf(row: Data): CustomerKind {
  return row.customer_sub_type === 'individual' ? 'individual' : 'business';
}

/**
 * The walk of Books customers newest-modified first, made once per run: business customers,
 * individuals and contact persons are three units of a run, and each used to walk the whole list.
 * The first walk of a run keeps, for the others, each customer's id, kind and time (and the rows of
 * individuals, which a later unit reads whole) in the run's memo, a page at a time; a later read of the same run whose floor the kept
 * walk covers is served from it without a call. What changes after the walk is seen by the next
 * run: the cursor a served read gives is the newest time the walk met.
 *
 * The walk asks for newest first (`sort_column=last_modified_time`, `sort_order=D`) and stops at
 * the end of the first page that reaches below the floor — only once the rows read prove that
 * order (`sort_order` is not part of Zoho's published description of the list). Otherwise it walks
 * every page, keeping the rows at or after the floor: dearer, never blind to a change.
 */
export class CustomerWalks {
  readonly #list: ListPages;
  #kept: KeptWalk | undefined;

  constructor(list: ListPages) {
    this.#list = list;
  }

  /** The customers of `need.kind` modified at or after `read.since` (inclusive: Zoho's times have whole seconds). */
  async *walk(read: ReadOptions, need: WalkNeed): AsyncGenerator<WalkedCustomer> {
    const floor = timeOf(read.since);
    const kept = this.#kept;
    if (read.runId !== undefined && kept?.runId === read.runId && covers(kept.floor, floor) && (!need.rows || kept.rowsOf.has(need.kind))) {
      // A page lost on its way to storage (a failed write of a hint): the walk is made after all,
      // and the customers served before it are met twice (a read keeps the last copy).
      if (yield* served(kept, need, floor)) return;
      this.#kept = undefined;
    }
    if (kept !== undefined && kept.runId !== read.runId) this.#kept = undefined;
    // Rows are kept only for individuals not read whole by this walk: business rows are read whole
    // by the companies unit, which comes first; the contact persons unit needs ids and times only.
    const keepRowsOf = need.rows && need.kind === 'individual' ? new Set<CustomerKind>() : new Set<CustomerKind>(['individual']);
    const keeper = read.runId === undefined ? undefined : await WalkKeeper.start(read.runId, read.memo);
    const order = new NewestFirstCheck('last_modified_time');
    for await (const page of this.#list(read.signal)) {
      order.page(page.sort);
      let reachedFloor = false;
      for (const row of page.items) {
        const time = typeof row.last_modified_time === 'string' ? row.last_modified_time : undefined;
        const at = timeOf(time);
        order.row(at);
        const kind = kindOf(row);
        const customer: WalkedCustomer = { id: String(row.contact_id), kind, time, at, row };
        keeper?.add(keepRowsOf.has(kind) ? customer : { ...customer, row: undefined });
        if (below(at, floor)) {
          reachedFloor = true;
          continue;
        }
        if (kind === need.kind) yield customer;
      }
      if (reachedFloor && order.confirmed) break;
    }
    // Kept only once the walk ran to its end: a walk cut short (an error, an abort) covers nothing.
    if (keeper && read.runId !== undefined) this.#kept = { runId: read.runId, floor, rowsOf: keepRowsOf, ...keeper.end() };
  }
}

/**
 * Keeps the customers a walk meets for the later units of its run: in the run's memo (the sync's
 * storage) a page at a time when the read has one, so a walk of every customer (the daily full
 * read) holds one page of them in memory, not the list; in memory otherwise (a dry run).
 */
class WalkKeeper {
  readonly #runId: string;
  readonly #memo: SourceMemo | undefined;
  #high: number;
  #pages = 0;
  #page: KeptRow[] = [];
  readonly #inMemory: WalkedCustomer[] = [];

  private constructor(runId: string, memo: SourceMemo | undefined, high: number) {
    this.#runId = runId;
    this.#memo = memo;
    this.#high = high;
  }

  static async start(runId: string, memo: SourceMemo | undefined): Promise<WalkKeeper> {
    const [header] = memo ? await memo.getMany([HEADER_KEY]) : [];
    return new WalkKeeper(runId, memo, isHeader(header) ? header.high : 0);
  }

  add(customer: WalkedCustomer): void {
    if (!this.#memo) {
      this.#inMemory.push(customer);
      return;
    }
    this.#page.push([customer.id, customer.kind === 'individual' ? 1 : 0, customer.time ?? null, customer.row ?? null]);
    if (this.#page.length >= KEPT_PAGE) this.#flush(this.#memo);
  }

  /** What the walk kept, once it ran to its end; entries of earlier, longer walks are removed. */
  end(): Pick<KeptWalk, 'customers' | 'memo' | 'pages'> {
    const memo = this.#memo;
    if (!memo) return { customers: this.#inMemory };
    if (this.#page.length > 0) this.#flush(memo);
    for (let n = this.#pages; n < this.#high; n += 1) memo.set(pageKey(n), undefined);
    memo.set(HEADER_KEY, { runId: this.#runId, pages: this.#pages, high: this.#pages } satisfies KeptHeader);
    return { memo, pages: this.#pages };
  }

  #flush(memo: SourceMemo): void {
    const n = this.#pages;
    memo.set(pageKey(n), { runId: this.#runId, customers: this.#page } satisfies KeptPage);
    this.#page = [];
    this.#pages += 1;
    // A walk cut short must not leave entries no later walk knows to remove.
    if (this.#pages > this.#high) {
      this.#high = this.#pages;
      memo.set(HEADER_KEY, { runId: this.#runId, pages: -1, high: this.#high } satisfies KeptHeader);
    }
  }
}

function isHeader(value: unknown): value is KeptHeader {
  return typeof value === 'object' && value !== null && typeof (value as KeptHeader).high === 'number';
}

function isPage(value: unknown, runId: string): value is KeptPage {
  return typeof value === 'object' && value !== null && (value as KeptPage).runId === runId && Array.isArray((value as KeptPage).customers);
}

// The customers of a kept walk a read asked for; false when one of its memo entries is gone.
async function* served(kept: KeptWalk, need: WalkNeed, floor: number | undefined): AsyncGenerator<WalkedCustomer, boolean> {
  const wanted = (customer: WalkedCustomer) => customer.kind === need.kind && !below(customer.at, floor);
  const { memo, pages } = kept;
  if (!memo || pages === undefined) {
    for (const customer of kept.customers ?? []) if (wanted(customer)) yield customer;
    return true;
  }
  for (let n = 0; n < pages; n += 1) {
    const [page] = await memo.getMany([pageKey(n)]);
    if (!isPage(page, kept.runId)) return false;
    for (const [id, individual, time, row] of page.customers) {
      const customer: WalkedCustomer = { id, kind: individual === 1 ? 'individual' : 'business', time: time ?? undefined, at: timeOf(time ?? undefined), row: row ?? undefined };
      if (wanted(customer)) yield customer;
    }
  }
  return true;
}

function below(at: number | undefined, floor: number | undefined): boolean {
  return floor !== undefined && at !== undefined && at < floor;
}

// A kept walk serves a read whose floor is at or above its own (or any read, when it read every page).
function covers(keptFloor: number | undefined, floor: number | undefined): boolean {
  return keptFloor === undefined || (floor !== undefined && keptFloor <= floor);
}
