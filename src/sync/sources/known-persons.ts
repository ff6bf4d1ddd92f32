import { timeOf } from '../conflict-policies.js';
import { readAfterSecond } from '../whole-seconds.js';

type Data = Record<string, unknown>;

/** How many customers' persons are remembered at most (the oldest go first). */
const MAX_CUSTOMERS = 50_000;

/**
 * The contact persons Books returned inside a customer (`contact_persons[]` of a customer read,
 * create or update), so the contact persons unit takes them from there instead of listing them
 * again: a customer read whole already costs its call. A customer's persons are taken only while
 * what was remembered is at least as new as the customer's row the walk met (a change to a person
 * moves its customer's modified time). Kept as JSON text: a run that reads tens of
 * thousands of customers holds them until the persons unit, and text is a fraction of the objects.
 */
export class KnownPersons {
  readonly #byCustomer = new Map<string, { at: number; time: string; json: string; runStartedAt: number | undefined; writtenIn: string | undefined }>();
  #runId: string | undefined;
  #runStartedAt: number | undefined;

  /**
   * Starts a read of run `runId` (begun at `startedAt`, ms on the syncer's clock). Zoho's times
   * have whole seconds, so persons read in an earlier run stay only when that run began more than a
   * minute after their customer's second (a change made later in that second would keep the time
   * the read saw); a long-lived process resuming a run (after a daily limit) then does not list
   * them again. Without a run, nothing is kept.
   */
  begin(runId: string | undefined, startedAt?: number): void {
    if (runId !== undefined && runId === this.#runId) return;
    for (const [id, known] of this.#byCustomer) {
      const settled = runId !== undefined && known.runStartedAt !== undefined && readAfterSecond(known.at, known.runStartedAt);
      if (!settled) this.#byCustomer.delete(id);
    }
    this.#runId = runId;
    this.#runStartedAt = runId === undefined ? undefined : startedAt;
  }

  /**
   * Remembers the persons of a customer Books returned whole (with `contact_persons`); `written`
   * when it was the reply to a write of the customer (see {@link KnownPersons.writtenThisRun}).
   */
  remember(customer: Data, written = false): void {
    const id = customer.contact_id;
    const time = customer.last_modified_time;
    const at = typeof time === 'string' ? timeOf(time) : undefined;
    if (typeof id !== 'string' || typeof time !== 'string' || at === undefined || !Array.isArray(customer.contact_persons)) return;
    this.#byCustomer.delete(id);
    this.#byCustomer.set(id, { at, time, json: JSON.stringify(customer.contact_persons), runStartedAt: this.#runStartedAt, writtenIn: written ? this.#runId : undefined });
    if (this.#byCustomer.size > MAX_CUSTOMERS) {
      const oldest = this.#byCustomer.keys().next();
      if (oldest.done !== true) this.#byCustomer.delete(oldest.value);
    }
  }

  /**
   * The persons of customer `id` as remembered, when that is no older than `at` (the time of the
   * customer's row the walk met), with the time they were read at. Kept after: a run stopped before
   * its persons were synced, resumed by this process, takes them again.
   */
  take(id: string, at: number | undefined): { persons: Data[]; time: string; written: boolean } | undefined {
    const known = this.#byCustomer.get(id);
    if (known === undefined) return undefined;
    if (at === undefined || known.at < at) {
      this.#byCustomer.delete(id);
      return undefined;
    }
    return { persons: parsePersons(known.json), time: known.time, written: known.writtenIn !== undefined && known.writtenIn === this.#runId };
  }

  /**
   * The customers written in the current run whose reply is still the newest known of them (a
   * person written since forgets it), with their persons and time: exact at that time.
   */
  writtenThisRun(): Array<{ id: string; time: string; at: number; persons: Data[] }> {
    const out: Array<{ id: string; time: string; at: number; persons: Data[] }> = [];
    if (this.#runId === undefined) return out;
    for (const [id, known] of this.#byCustomer) {
      if (known.writtenIn !== this.#runId) continue;
      out.push({ id, time: known.time, at: known.at, persons: parsePersons(known.json) });
    }
    return out;
  }

  /** Forgets a customer (deleted, or one of its persons written: its time may not show it within the second). */
  forget(id: string): void {
    this.#byCustomer.delete(id);
  }
}

// The persons as remembered (an array was checked before it was kept as JSON).
function parsePersons(json: string): Data[] {
  const persons: unknown = JSON.parse(json);
  return Array.isArray(persons) ? persons.filter((p): p is Data => typeof p === 'object' && p !== null) : [];
}
