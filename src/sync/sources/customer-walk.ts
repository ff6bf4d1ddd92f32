import type { PageSort } from '../../transport/paginator.js';
import { timeOf } from '../conflict-policies.js';
import type { ReadOptions } from '../record-source.js';
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

/** What one walk kept for the other units of its run. */
interface KeptWalk {
  readonly runId: string;
  /** The walk's floor (epoch ms); `undefined`: it read every page. */
  readonly floor: number | undefined;
  readonly customers: readonly WalkedCustomer[];
  /** Kinds whose rows were kept. */
  readonly rowsOf: ReadonlySet<CustomerKind>;
}

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
 * individuals, which a later unit reads whole); a later read of the same run whose floor the kept
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
      for (const customer of kept.customers) {
        if (customer.kind === need.kind && !below(customer.at, floor)) yield customer;
      }
      return;
    }
    if (kept !== undefined && kept.runId !== read.runId) this.#kept = undefined;
    // Rows are kept only for individuals not read whole by this walk: business rows are read whole
    // by the companies unit, which comes first; the contact persons unit needs ids and times only.
    const keepRowsOf = need.rows && need.kind === 'individual' ? new Set<CustomerKind>() : new Set<CustomerKind>(['individual']);
    const met: WalkedCustomer[] = [];
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
        if (read.runId !== undefined) met.push(keepRowsOf.has(kind) ? customer : { ...customer, row: undefined });
        if (below(at, floor)) {
          reachedFloor = true;
          continue;
        }
        if (kind === need.kind) yield customer;
      }
      if (reachedFloor && order.confirmed) break;
    }
    // Kept only once the walk ran to its end: a walk cut short (an error, an abort) covers nothing.
    if (read.runId !== undefined) this.#kept = { runId: read.runId, floor, customers: met, rowsOf: keepRowsOf };
  }
}

function below(at: number | undefined, floor: number | undefined): boolean {
  return floor !== undefined && at !== undefined && at < floor;
}

// A kept walk serves a read whose floor is at or above its own (or any read, when it read every page).
function covers(keptFloor: number | undefined, floor: number | undefined): boolean {
  return keptFloor === undefined || (floor !== undefined && keptFloor <= floor);
}
