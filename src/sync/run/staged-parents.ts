import type { LinkIndex } from '../state/link-store.js';
import type { SourceRecord } from '../sources/record-source.js';
import type { RunContext } from './run-context.js';
import type { SyncSide } from '../state/sync-keys.js';
import { companyIdsOf, type UnitState } from './unit-state.js';

/**
 * The companies' links the staged contact persons of a unit run need (keys, locks, the resolver
 * and the writes look them up as they go), held a page at a time: from when a pass takes the page
 * until the last of its records is done. The companies' window then follows the records in
 * flight, not every customer whose persons were staged. Other units: nothing to hold.
 */
export class StagedParents {
  readonly #companies: LinkIndex | undefined;
  readonly #pages = new WeakMap<SourceRecord, { left: number; release: () => void }>();

  constructor(ctx: RunContext, state: UnitState) {
    this.#companies = state.unit.parent ? ctx.links.get('companies') : undefined;
  }

  /** Holds the links a page of staged records of `side` needs: FSM contacts' companies, persons' customers. */
  async hold(side: SyncSide, records: readonly SourceRecord[]): Promise<void> {
    if (this.#companies === undefined || records.length === 0) return;
    const ids = side === 'fsm' ? { fsm: companyIdsOf(records) } : { finance: records.flatMap((r) => r.parentId ?? []) };
    const page = { left: records.length, release: await this.#companies.hold(ids) };
    for (const record of records) this.#pages.set(record, page);
  }

  /** A record the pass is done with (any record: those not from a held page are ignored). */
  done(record: SourceRecord): void {
    const page = this.#pages.get(record);
    if (page === undefined) return;
    this.#pages.delete(record);
    page.left -= 1;
    if (page.left === 0) page.release();
  }
}
