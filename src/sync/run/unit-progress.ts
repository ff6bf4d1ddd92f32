import type { TypedEmitter } from '../../events.js';
import type { SyncSide } from '../state/sync-keys.js';
import type { SyncEvents } from './run-context.js';
import type { SyncUnit } from './sync-units.js';

/**
 * The `progress` events of one unit's read or sync. Each count is sent once: a page that adds no
 * record, or a step past the total, sends nothing (a listener redrawing a display on every event
 * would otherwise redraw the same figures). `total` is `undefined` until it is known: a read
 * learns it when the side's last page is in (list replies carry no count), a sync when its
 * records are loaded.
 */
export class UnitProgress {
  readonly #events: TypedEmitter<SyncEvents>;
  readonly #unit: SyncUnit;
  // The figures last sent per stream (a side's read, the sync): compared per settled record, so numbers, not strings.
  readonly #sent: Partial<Record<SyncSide | 'sync', { done: number; total: number | undefined }>> = {};
  #done = 0;
  #total = 0;

  constructor(events: TypedEmitter<SyncEvents>, unit: SyncUnit) {
    this.#events = events;
    this.#unit = unit;
  }

  /** Records of `side` read so far; the side's total is not known yet. */
  reading(side: SyncSide, done: number): void {
    this.#sendRead(side, done, undefined);
  }

  /** The read of `side` is complete: what it read is its total. */
  read(side: SyncSide, total: number): void {
    this.#sendRead(side, total, total);
  }

  /** The sync of the unit's records starts, with this many to settle. */
  syncing(total: number): void {
    this.#total = total;
    this.#done = 0;
    this.#sendSettle();
  }

  /** `count` more records settled (never past the total). */
  settled(count = 1): void {
    this.#done = Math.min(this.#total, this.#done + count);
    this.#sendSettle();
  }

  /**
   * Every record of the unit is settled, including those no pass needed to visit (the other side of
   * a pair met through its FSM record, a record an open create's recovery settled).
   */
  synced(): void {
    this.#done = this.#total;
    this.#sendSettle();
  }

  #sendRead(side: SyncSide, done: number, total: number | undefined): void {
    if (this.#moved(side, done, total)) this.#events.emit('progress', { entity: this.#unit.entity, module: this.#unit.module, phase: 'read', side, done, total });
  }

  #sendSettle(): void {
    const done = this.#done;
    const total = this.#total;
    if (this.#moved('sync', done, total)) this.#events.emit('progress', { entity: this.#unit.entity, module: this.#unit.module, phase: 'sync', done, total });
  }

  #moved(stream: SyncSide | 'sync', done: number, total: number | undefined): boolean {
    const last = this.#sent[stream];
    if (last !== undefined && last.done === done && last.total === total) return false;
    this.#sent[stream] = { done, total };
    return true;
  }
}
