import { timeOf } from '../merge/conflict-policies.js';
import type { SourceMemo } from './record-source.js';
import { PackedTextMap } from '../collections/packed-text-map.js';
import { readAfterSecond } from '../merge/whole-seconds.js';

type Data = Record<string, unknown>;

/** How many customers' persons are remembered in memory at most (the oldest go first). */
const MAX_CUSTOMERS = 50_000;
/**
 * The same with a memo: what is kept there is looked up a page at a time, so memory holds only
 * the customers in flight (a run with tens of thousands of new customers holds their persons in
 * storage, not in the heap).
 */
const MAX_CUSTOMERS_WITH_MEMO = 1_000;

/** One customer's persons as remembered. */
interface Known {
  /** The customer's `last_modified_time` in the reply, and the same in epoch ms. */
  time: string;
  at: number;
  json: string;
  /** A lower bound of when Books answered (ms on the syncer's clock), when known. */
  readAt: number | undefined;
  /** Seen in the reply to a write of the customer: exact at `time`. */
  exact: boolean;
  /** The run that wrote the customer (for {@link KnownPersons.writtenThisRun}). */
  writtenIn: string | undefined;
  /** Whether an entry of it may be in the memo (so forgetting it removes that too). */
  stored: boolean;
}

/** A customer's persons as kept in the sync's storage ({@link ReadOptions.memo}). */
interface StoredPersons {
  time: string;
  readAt?: number;
  exact?: true;
  persons: Data[];
}

/** A customer the current run wrote, with its persons as the write's reply gave them ({@link KnownPersons.writtenThisRun}). */
export interface WrittenCustomer {
  id: string;
  /** The customer's `last_modified_time` in the reply, and the same in epoch ms. */
  time: string;
  at: number;
  persons: Data[];
}

/** A customer the persons read met, for {@link KnownPersons.load}. */
export interface MetCustomer {
  id: string;
  /** The time of its row in the walk (epoch ms). */
  at: number | undefined;
  /** Its persons were synced at its current time (`ReadOptions.parentTimes`): what is kept of it is no longer needed. */
  unchanged: boolean;
}

const memoKey = (id: string) => `persons/${id}`;

/** Memo lookups are made this many customers at a time. */
const PAGE = 200;

/**
 * Whether persons remembered from an earlier run may be relied on once the customer's time is
 * seen not to have moved. Zoho's times have whole seconds, so a change made later in the second
 * of the read would keep the time it saw: only a read begun after that second was over (with room
 * for clock skew) counts — or the reply to the sync's own write of the customer, exact at its
 * time (the rule of settled markers, settled-parents.ts).
 */
function trustedLater(known: Pick<Known, 'at' | 'readAt' | 'exact'>): boolean {
  return known.exact || (known.readAt !== undefined && readAfterSecond(known.at, known.readAt));
}

/**
 * The contact persons Books returned inside a customer (`contact_persons[]` of a customer read,
 * create or update), so the contact persons unit takes them from there instead of listing them
 * again: a customer read whole already costs its call. A customer's persons are taken only while
 * what was remembered is at least as new as the customer's row the walk met (a change to a person
 * moves its customer's modified time). Kept as JSON text: a run that reads tens of thousands of
 * customers holds them until the persons unit, and text is a fraction of the objects.
 *
 * With a {@link SourceMemo} (the sync's storage), the persons of business customers are kept there
 * too, so a run resumed by a new process (the next day, after the daily cap) takes them from
 * storage, looked up a page of customers at a time ({@link KnownPersons.load}); an entry is
 * removed once the customer's persons are settled at its time, moved on, or gone.
 */
export class KnownPersons {
  readonly #byCustomer = new Map<string, Known>();
  /** Customers written in the current run whose reply is still the newest known of them, with its time: in memory or in the memo. Outside the heap: a first run writes tens of thousands. */
  readonly #written = new PackedTextMap();
  #runId: string | undefined;
  #runStartedAt: number | undefined;
  #memo: SourceMemo | undefined;

  /**
   * Starts a read of run `runId` (begun at `startedAt`, ms on the syncer's clock), with the run's
   * memo when it has one. Persons remembered in an earlier run stay only when
   * {@link trustedLater}: a long-lived process resuming a run (after a daily limit) then does not
   * list them again. Without a run, nothing is kept.
   */
  begin(runId: string | undefined, startedAt?: number, memo?: SourceMemo): void {
    if (runId !== undefined && runId === this.#runId) {
      this.#memo = memo ?? this.#memo;
      return;
    }
    for (const [id, known] of this.#byCustomer) {
      if (runId === undefined || !trustedLater(known)) this.#byCustomer.delete(id);
    }
    this.#written.clear();
    this.#runId = runId;
    this.#runStartedAt = runId === undefined ? undefined : startedAt;
    this.#memo = runId === undefined ? undefined : memo;
  }

  /** A lower bound of when a call made now is answered: the syncer's clock when the run gave a memo, else when the run began. */
  now(): number | undefined {
    return this.#memo?.now() ?? this.#runStartedAt;
  }

  /**
   * Remembers the persons of a customer Books returned whole (with `contact_persons`): `written`
   * when it was the reply to a write of the customer (see {@link KnownPersons.writtenThisRun}),
   * `readAt` a lower bound of when Books answered ({@link KnownPersons.now} before the call),
   * `keep` to keep them in the memo too (business customers, whose persons a later unit syncs).
   */
  remember(customer: Data, options: { written?: boolean; readAt?: number | undefined; keep?: boolean } = {}): void {
    const id = customer.contact_id;
    const time = customer.last_modified_time;
    const at = typeof time === 'string' ? timeOf(time) : undefined;
    if (typeof id !== 'string' || typeof time !== 'string' || at === undefined || !Array.isArray(customer.contact_persons)) return;
    const written = options.written === true;
    const readAt = options.readAt ?? this.#runStartedAt;
    const json = JSON.stringify(customer.contact_persons);
    const before = this.#byCustomer.get(id);
    const keep = options.keep === true && this.#memo !== undefined;
    this.#put(id, { at, time, json, readAt, exact: written, writtenIn: written ? this.#runId : undefined, stored: keep || before?.stored === true });
    if (written && this.#runId !== undefined) this.#written.set(id, time);
    else this.#written.delete(id);
    if (keep) this.#memo?.set(memoKey(id), { time, ...(readAt === undefined ? {} : { readAt }), ...(written ? { exact: true } : {}), persons: customer.contact_persons } satisfies StoredPersons);
  }

  /**
   * Looks up, in the memo, the customers of one page of the walk that memory does not hold, before
   * {@link KnownPersons.take}: those still true at the time the walk met are taken into memory;
   * those stale, untrusted, or of a customer whose persons are settled (`unchanged`) are removed.
   */
  async load(customers: readonly MetCustomer[]): Promise<void> {
    const memo = this.#memo;
    if (memo === undefined) return;
    const wanted: MetCustomer[] = [];
    for (const customer of customers) {
      const known = this.#byCustomer.get(customer.id);
      if (known === undefined) wanted.push(customer);
      // Settled at the walk's time; an entry newer than the walk's row (a write since) is still needed.
      else if (customer.unchanged && known.stored && (customer.at === undefined || known.at <= customer.at)) this.forget(customer.id);
    }
    const values = await memo.getMany(wanted.map((c) => memoKey(c.id)));
    wanted.forEach((customer, i) => {
      const value = values[i];
      if (value === undefined) return;
      const stored = storedPersons(value);
      const at = stored === undefined ? undefined : timeOf(stored.time);
      const known = stored === undefined || at === undefined ? undefined : { at, readAt: stored.readAt, exact: stored.exact === true };
      const settled = customer.unchanged && (customer.at === undefined || known === undefined || known.at <= customer.at);
      if (settled || stored === undefined || known === undefined || !trustedLater(known) || customer.at === undefined || known.at < customer.at) {
        memo.set(memoKey(customer.id), undefined);
        this.#written.delete(customer.id);
        return;
      }
      this.#put(customer.id, { ...known, time: stored.time, json: JSON.stringify(stored.persons), writtenIn: undefined, stored: true });
    });
  }

  /**
   * The persons of customer `id` as remembered, when that is no older than `at` (the time of the
   * customer's row the walk met), with the time they were read at, and whether they come from a
   * write reply (exact at that time). Kept after: a run stopped before its persons were synced,
   * resumed by this process, takes them again.
   */
  take(id: string, at: number | undefined): { persons: Data[]; time: string; written: boolean } | undefined {
    const known = this.#byCustomer.get(id);
    if (known === undefined) return undefined;
    if (at === undefined || known.at < at) {
      this.forget(id);
      return undefined;
    }
    return { persons: parsePersons(known.json), time: known.time, written: known.exact };
  }

  /**
   * The customers written in the current run whose reply is still the newest known of them (a
   * person written since forgets it), with their persons and time: exact at that time. Given a
   * page at a time, those in memory and those read back from the memo (200 at a time) as they come,
   * so a first run that wrote tens of thousands of customers never holds all their persons, nor
   * all their ids, at once. Those `skip` names (the walk met them already) are left out before
   * anything of them is looked up.
   */
  async *writtenThisRun(skip: (id: string) => boolean = () => false): AsyncGenerator<WrittenCustomer[]> {
    if (this.#runId === undefined) return;
    let page: WrittenCustomer[] = [];
    // Those only in the memo, read back a page at a time as they come: never every id at once.
    let stored: string[] = [];
    for (const id of this.#written.keys()) {
      if (skip(id)) continue;
      const known = this.#byCustomer.get(id);
      if (known !== undefined) page.push({ id, time: known.time, at: known.at, persons: parsePersons(known.json) });
      else if (this.#memo !== undefined) stored.push(id);
      if (page.length >= PAGE) {
        yield page;
        page = [];
      }
      if (stored.length >= PAGE) {
        const found = await this.#writtenInMemo(stored);
        stored = [];
        if (found.length > 0) yield found;
      }
    }
    if (page.length > 0) yield page;
    const found = stored.length > 0 ? await this.#writtenInMemo(stored) : [];
    if (found.length > 0) yield found;
  }

  // The customers of `ids` the memo holds whose reply is still the newest known (a later write or
  // read would have replaced it; a customer forgotten meanwhile is no longer written).
  async #writtenInMemo(ids: readonly string[]): Promise<WrittenCustomer[]> {
    const memo = this.#memo;
    if (memo === undefined) return [];
    const values = await memo.getMany(ids.map(memoKey));
    const found: WrittenCustomer[] = [];
    ids.forEach((id, i) => {
      const value = values[i] === undefined ? undefined : storedPersons(values[i]);
      const time = value === undefined ? undefined : timeOf(value.time);
      if (value !== undefined && time !== undefined && value.time === this.#written.get(id)) found.push({ id, time: value.time, at: time, persons: value.persons });
    });
    return found;
  }

  /** Forgets a customer (deleted, or one of its persons written: its time may not show it within the second), in the memo too. */
  forget(id: string): void {
    const known = this.#byCustomer.get(id);
    this.#byCustomer.delete(id);
    this.#written.delete(id);
    // Not known in memory: an entry may still be in the memo from an earlier run.
    if (known === undefined || known.stored) this.#memo?.set(memoKey(id), undefined);
  }

  #put(id: string, known: Known): void {
    this.#byCustomer.delete(id);
    this.#byCustomer.set(id, known);
    const limit = this.#memo === undefined ? MAX_CUSTOMERS : MAX_CUSTOMERS_WITH_MEMO;
    while (this.#byCustomer.size > limit) {
      const oldest = this.#byCustomer.keys().next();
      if (oldest.done === true) break;
      // Out of memory only: an entry kept in the memo is looked up there again when needed.
      this.#byCustomer.delete(oldest.value);
    }
  }
}

// A memo value as stored by `remember`, or `undefined` when it is not one.
function storedPersons(value: unknown): StoredPersons | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Partial<StoredPersons>;
  if (typeof v.time !== 'string' || !Array.isArray(v.persons)) return undefined;
  if (v.readAt !== undefined && typeof v.readAt !== 'number') return undefined;
  return { time: v.time, persons: v.persons.filter((p): p is Data => typeof p === 'object' && p !== null), ...(typeof v.readAt === 'number' ? { readAt: v.readAt } : {}), ...(v.exact === true ? { exact: true } : {}) };
}

// The persons as remembered (an array was checked before it was kept as JSON).
function parsePersons(json: string): Data[] {
  const persons: unknown = JSON.parse(json);
  return Array.isArray(persons) ? persons.filter((p): p is Data => typeof p === 'object' && p !== null) : [];
}
