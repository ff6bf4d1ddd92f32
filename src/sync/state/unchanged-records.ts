import type { BaseIndex, BaseSnapshot } from './base-store.js';
import { unchangedByTime } from '../run/change-detection.js';
import type { UnitConflicts } from './conflict-store.js';
import { contentHash } from '../merge/content-hash.js';
import { type FieldPath, project } from '../merge/field-paths.js';
import type { CreateIntent } from './intent-store.js';
import type { LinkIndex } from './link-store.js';
import type { SourceRecord } from '../sources/record-source.js';
import { IdHashSet } from '../collections/id-hash-set.js';
import { normalise } from './retry-marks.js';
import { otherSide, type SyncSide } from './sync-keys.js';
import type { SyncUnit } from '../run/sync-units.js';
import { companyIdOf, ofUnitKind, type RetryMark } from '../run/unit-state.js';

/** What the sifter of a unit's reads needs of its stored state. */
export interface SiftInput {
  readonly unit: SyncUnit;
  readonly version: number;
  readonly paths: { readonly fsm: readonly FieldPath[]; readonly finance: readonly FieldPath[] };
  readonly links: LinkIndex;
  readonly bases: BaseIndex;
  readonly conflicts: UnitConflicts;
  readonly intents: { readonly fsm: ReadonlyMap<string, CreateIntent>; readonly finance: ReadonlyMap<string, CreateIntent> };
  readonly retries: { readonly fsm: ReadonlyMap<string, RetryMark>; readonly finance: ReadonlyMap<string, RetryMark> };
  /** Contact persons: the companies links, by which a person whose customer's pair was dropped is found. */
  readonly parents?: LinkIndex | undefined;
  /** FSM ids linked earlier in the run (persons created with their customer): left out when equal to their base, but counted as created, not unchanged. */
  readonly linkedThisRun?: { has(id: string): boolean } | undefined;
}

/** Drops, page by page, the records of a side that equal their pair's base. */
export type Sift = (records: readonly SourceRecord[]) => Promise<ReadonlySet<string>>;

/**
 * Records left out of a unit's reads because they hold exactly what the last sync stored for them
 * (a scan lists every record every run; most are unchanged): the reads keep only what may need
 * work, so a run's memory follows its changes, not the data set. Such a record is treated as one
 * a read from a cursor did not list: present and unchanged. The pairs are counted unchanged at
 * the end of the unit unless something else (its other side's change, a delete) examined them.
 */
export class UnchangedRecords {
  /** FSM ids of the pairs left out by either side's read (held as hashes: every pair, on a full read). */
  readonly #pairs = new IdHashSet();
  readonly #examined = new Set<string>();
  // The two sides are read at once; their sifts share the windows and run one at a time, so one
  // never evicts what the other is about to look up.
  #queue: Promise<unknown> = Promise.resolve();

  /** A pair was synced, settled by the delete pass or held for a refusal after its read left it out: not counted unchanged. */
  examined(fsmId: string): void {
    if (this.#pairs.has(fsmId)) this.#examined.add(fsmId);
  }

  /** The pairs left out and never examined: unchanged both ways. */
  get untouched(): number {
    return this.#pairs.size - this.#examined.size;
  }

  /**
   * The sifter of one side's read. Contact persons left out on the finance side count as done
   * for their customer's settling (`SideRead.siftedParents`).
   */
  sifter(input: SiftInput, side: SyncSide): Sift | undefined {
    const guarded = guardedIds(input, side);
    const held = collisionsOn(input.retries[otherSide(side)]);
    return (records) => {
      const next = this.#queue.then(() => this.#sift(input, side, records.filter((r) => !holdsCollision(r, held)), guarded));
      this.#queue = next.catch(() => undefined);
      return next;
    };
  }

  async #sift(input: SiftInput, side: SyncSide, records: readonly SourceRecord[], guarded: ReadonlySet<string>): Promise<ReadonlySet<string>> {
    const { links, bases, unit } = input;
    const candidates = records.filter((r) => !guarded.has(r.id));
    await links.ensure({ [side]: candidates.map((r) => r.id) });
    const pairs: Array<[SourceRecord, string]> = [];
    for (const record of candidates) {
      const fsmId = side === 'fsm' ? (links.byFsm.has(record.id) ? record.id : undefined) : links.byFinance.get(record.id);
      if (fsmId !== undefined) pairs.push([record, fsmId]);
    }
    await bases.ensure(pairs.map(([, fsmId]) => fsmId));
    const companies = unit.parent && side === 'fsm' ? pairs.flatMap(([record]) => companyIdOf(record.data) ?? []) : [];
    if (companies.length > 0) await input.parents?.ensure({ fsm: companies });
    const dropped = new Set<string>();
    const droppedPairs: string[] = [];
    for (const [record, fsmId] of pairs) {
      const base = bases.get(fsmId);
      if (!base || !settled(base, input.version) || input.conflicts.of(fsmId).length > 0) continue;
      // A person whose company is no longer its customer's (the pair was dropped, or is another
      // customer's now) is the run's to look at: it goes with the customer, or is refused.
      if (unit.parent && !underItsCustomer(input, side, record, links.byFsm.get(fsmId)?.parentId)) continue;
      // Type IV: a contact of the other kind is this unit's business (a company change).
      if (side === 'fsm' && !ofUnitKind(unit, record)) continue;
      // A list summary (Books' customer rows lack addresses) is unchanged while its time has not
      // moved: what the unit would conclude of it anyway, without fetching it.
      if (record.partial === true ? !unchangedByTime(record, base[side]) : contentHash(project(record.data, input.paths[side])) !== base[side].hash) continue;
      dropped.add(record.id);
      droppedPairs.push(fsmId);
      // A person created with its customer earlier in the run counts as created, not unchanged.
      if (input.linkedThisRun?.has(fsmId) !== true) this.#pairs.add(fsmId);
    }
    // Out of the windows again: the run needs them only if the other side changed (loaded then).
    // The companies' links too: the unit loads those of the persons it keeps once the reads are done.
    if (!links.complete) links.evict(droppedPairs);
    bases.evict(droppedPairs);
    if (input.parents !== undefined && !input.parents.complete) input.parents.evict(companies);
    return dropped;
  }
}

/**
 * The records of a side that always go the usual way, whatever the read found of them: one an open
 * create may concern (its source, or what it created), or one to retry.
 */
export function guardedIds(input: Pick<SiftInput, 'intents' | 'retries'>, side: SyncSide): Set<string> {
  const guarded = new Set<string>([...input.intents[side].keys(), ...input.retries[side].keys()]);
  for (const intent of input.intents[otherSide(side)].values()) if (intent.createdId !== undefined) guarded.add(intent.createdId);
  return guarded;
}

// A base with nothing pending: no derived write owed, no write-ahead note, no computed field
// unknown, the current mapping.
function settled(base: BaseSnapshot, version: number): boolean {
  if (base.mappingVersion !== version || base.pending !== undefined) return false;
  for (const side of [base.fsm, base.finance]) {
    if (side.written !== undefined || side.held !== undefined || (side.unknown?.length ?? 0) > 0) return false;
  }
  return true;
}

// Unique values another side's create was refused for (a name taken): the records holding them
// stay in the read, which is how the refusal learns the value is free again.
function collisionsOn(marks: ReadonlyMap<string, RetryMark>): Map<string, Set<string>> {
  const held = new Map<string, Set<string>>();
  for (const mark of marks.values()) {
    for (const [field, value] of Object.entries(mark.collides ?? {})) {
      const values = held.get(field) ?? new Set<string>();
      values.add(value);
      held.set(field, values);
    }
  }
  return held;
}

function holdsCollision(record: SourceRecord, held: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  for (const [field, values] of held) {
    const value = record.data[field];
    if (typeof value === 'string' && values.has(normalise(value))) return true;
  }
  return false;
}

// An FSM contact's company is linked to the customer its person lives under.
function underItsCustomer(input: SiftInput, side: SyncSide, record: SourceRecord, parentId: string | undefined): boolean {
  if (side !== 'fsm' || input.parents === undefined) return true;
  const companyId = companyIdOf(record.data);
  return parentId !== undefined && companyId !== undefined && input.parents.byFsm.get(companyId)?.financeId === parentId;
}
