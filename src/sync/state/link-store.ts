import type { Storage, StorageOp } from '../../storage/storage.js';
import { getInChunks, LOAD_CHUNK, toLoad, WindowMap, WindowSet } from './loaded-window.js';
import { listAll, listPages } from './storage-scan.js';
import { decodeKeySegment, type SyncKeys, type SyncSide, SyncKeys as Keys } from './sync-keys.js';

/** A link as stored under the FSM id: which finance record the FSM record is. */
export interface StoredLink {
  financeId: string;
  /** Contact persons: the customer the person lives under. */
  parentId?: string;
  /** When the pair was linked (ms on the syncer's clock). */
  linkedAt: number;
}

/** A record left without a counterpart on purpose (its counterpart was deleted under `deletes: 'unlink'`). */
export interface DetachedMarker {
  detached: true;
  at: number;
  reason: string;
}

function isDetached(value: unknown): value is DetachedMarker {
  return typeof value === 'object' && value !== null && (value as { detached?: unknown }).detached === true;
}

/**
 * Which FSM record is which finance record, per sync unit, in both directions
 * (`link/<unit>/fsm/<id>` → the finance id, `link/<unit>/finance/<id>` → the FSM id). Writes are
 * returned as ops so a link is committed in the same `storage.batch` as its base snapshot.
 */
export class LinkStore {
  readonly #storage: Storage;
  readonly #keys: SyncKeys;

  constructor(storage: Storage, keys: SyncKeys) {
    this.#storage = storage;
    this.#keys = keys;
  }

  /** Every link and detached marker of a unit, loaded at once: lookups never miss. */
  async load(unit: string): Promise<LinkIndex> {
    const index = new LinkIndex();
    for (const { key, value } of await listAll<StoredLink | DetachedMarker>(this.#storage, this.#keys.link(unit, 'fsm'))) index.put(Keys.idOf(key), value);
    for (const { key, value } of await listAll<{ fsmId: string } | DetachedMarker>(this.#storage, this.#keys.link(unit, 'finance'))) {
      if (isDetached(value)) index.detached.finance.add(Keys.idOf(key));
    }
    return index;
  }

  /**
   * A unit's links as a window: empty until {@link LinkIndex.ensure} loads the ids a run works
   * on, so a run that reads ten changed records holds ten links, not the unit's every link.
   */
  window(unit: string): LinkIndex {
    return new LinkIndex((side, ids) => getInChunks((keys) => this.#storage.getMany<StoredLink | { fsmId: string } | DetachedMarker>(keys), ids.map((id) => this.#keys.link(unit, side, id))));
  }

  /**
   * Files a unit's links under their parents ({@link LinkStore.childrenOf}) when they predate that
   * (once: a marker says so), through `commit` so it goes with the run's lease. Returns false when
   * that is needed and `commit` is absent (a dry run writes nothing): the unit is not looked up by
   * parent then.
   */
  async fileUnderParents(unit: string, commit?: (ops: StorageOp[]) => Promise<void>): Promise<boolean> {
    const marker = await this.#storage.get<{ version: number }>(this.#keys.linkParentIndex(unit));
    if (marker?.version === PARENT_INDEX_VERSION) return true;
    if (commit === undefined) return false;
    for await (const page of this.scan(unit)) {
      await commit(page.flatMap(([fsmId, link]) => (link.parentId === undefined ? [] : [this.#underParentOp(unit, fsmId, { ...link, parentId: link.parentId })])));
    }
    await commit([{ type: 'put', key: this.#keys.linkParentIndex(unit), value: { version: PARENT_INDEX_VERSION } }]);
    return true;
  }

  /**
   * The links filed under a parent, as [FSM id, finance id]: hints, written with each link and
   * removed with it; the FSM-side key is the link itself (an earlier version of the SDK may have
   * left one behind: check the link before acting on it).
   */
  async childrenOf(unit: string, parentId: string): Promise<Array<[fsmId: string, financeId: string]>> {
    const out: Array<[string, string]> = [];
    for (const { key, value } of await listAll<unknown>(this.#storage, this.#keys.linkUnderParent(unit, parentId))) if (typeof value === 'string') out.push([Keys.idOf(key), value]);
    return out;
  }

  /** Every filing of a unit ({@link LinkStore.childrenOf}), a page at a time, in parent order. */
  async *filings(unit: string): AsyncGenerator<Array<[parentId: string, fsmId: string, financeId: string]>> {
    const prefix = this.#keys.linkUnderParent(unit);
    for await (const page of listPages<unknown>(this.#storage, prefix, LOAD_CHUNK)) {
      const out: Array<[string, string, string]> = [];
      for (const { key, value } of page) {
        const slash = key.indexOf('/', prefix.length);
        if (typeof value === 'string' && slash > 0) out.push([decodeKeySegment(key.slice(prefix.length, slash)), Keys.idOf(key), value]);
      }
      yield out;
    }
  }

  /** Ops that remove a filing that names no link (left by an earlier version). */
  unfileOps(unit: string, parentId: string, fsmId: string): StorageOp[] {
    return [{ type: 'delete', key: this.#keys.linkUnderParent(unit, parentId, fsmId) }];
  }

  #underParentOp(unit: string, fsmId: string, link: StoredLink & { parentId: string }): StorageOp {
    return { type: 'put', key: this.#keys.linkUnderParent(unit, link.parentId, fsmId), value: link.financeId };
  }

  /** A unit's links (not detached markers) from storage, a page at a time. */
  async *scan(unit: string): AsyncGenerator<Array<[fsmId: string, link: StoredLink]>> {
    for await (const page of listPages<StoredLink | DetachedMarker>(this.#storage, this.#keys.link(unit, 'fsm'), LOAD_CHUNK)) {
      const links: Array<[string, StoredLink]> = [];
      for (const { key, value } of page) if (!isDetached(value)) links.push([Keys.idOf(key), value]);
      if (links.length > 0) yield links;
    }
  }

  /** Ops that link two records (a child's link is filed under its parent too). */
  linkOps(unit: string, fsmId: string, link: StoredLink): StorageOp[] {
    return [
      { type: 'put', key: this.#keys.link(unit, 'fsm', fsmId), value: link },
      { type: 'put', key: this.#keys.link(unit, 'finance', link.financeId), value: { fsmId } },
      ...(link.parentId === undefined ? [] : [this.#underParentOp(unit, fsmId, { ...link, parentId: link.parentId })]),
    ];
  }

  /** Ops that forget a link (and its filing under its parent). */
  unlinkOps(unit: string, fsmId: string, financeId: string, parentId?: string): StorageOp[] {
    return [
      { type: 'delete', key: this.#keys.link(unit, 'fsm', fsmId) },
      { type: 'delete', key: this.#keys.link(unit, 'finance', financeId) },
      ...(parentId === undefined ? [] : [{ type: 'delete' as const, key: this.#keys.linkUnderParent(unit, parentId, fsmId) }]),
    ];
  }

  /** Ops that mark a record as deliberately unlinked, so it is neither matched nor recreated. */
  detachOps(unit: string, side: SyncSide, id: string, marker: DetachedMarker): StorageOp[] {
    return [{ type: 'put', key: this.#keys.link(unit, side, id), value: marker }];
  }
}

/** Applies link ops to a loaded index, so later records of the same run see them. */
export function applyLink(index: LinkIndex, fsmId: string, link: StoredLink | undefined, previousFinanceId?: string): void {
  if (link === undefined) index.forget(fsmId, previousFinanceId);
  else index.link(fsmId, link, previousFinanceId);
}

type StoredValue = StoredLink | { fsmId: string } | DetachedMarker;
type LinkReader = (side: SyncSide, ids: readonly string[]) => Promise<Array<StoredValue | undefined>>;

// The version of the filing of links under their parents; a unit whose marker differs is filed again.
const PARENT_INDEX_VERSION = 1;

/**
 * The links of one sync unit: every one ({@link LinkStore.load}), or a window of the ids a run
 * works on ({@link LinkStore.window}) filled by {@link LinkIndex.ensure}. A lookup in a window of
 * an id never loaded throws `NotLoadedError`: a silent miss would read as "not linked".
 */
export class LinkIndex {
  readonly byFsm: WindowMap<StoredLink>;
  readonly byFinance: WindowMap<string>;
  /** Records that must not be paired or recreated again, per side. */
  readonly detached: { readonly fsm: WindowSet; readonly finance: WindowSet };
  readonly #read: LinkReader | undefined;
  readonly #loaded = { fsm: new Set<string>(), finance: new Set<string>() };
  /**
   * Ids loaded for {@link hold}ers only, with how many hold them now (0: to be let go of). An id
   * anyone `ensure`s, links or forgets leaves this map: it is kept like any loaded id.
   */
  readonly #held = { fsm: new Map<string, number>(), finance: new Map<string, number>() };
  #letGo: Array<[SyncSide, string]> = [];
  #letGoTimer: ReturnType<typeof setTimeout> | undefined;
  #made = 0;

  /** A complete index (no reader) or a window over what `read` gives. */
  constructor(read?: LinkReader) {
    this.#read = read;
    const loaded = (side: SyncSide) => (id: string) => read === undefined || this.#loaded[side].has(id);
    this.byFsm = new WindowMap('link', loaded('fsm'));
    this.byFinance = new WindowMap('link', loaded('finance'));
    this.detached = { fsm: new WindowSet('link', loaded('fsm')), finance: new WindowSet('link', loaded('finance')) };
  }

  /** Whether every link of the unit is held (loaded at once, not a window). */
  get complete(): boolean {
    return this.#read === undefined;
  }

  /** Links made minus links forgotten since the index was loaded (for the binding's link counts). */
  get made(): number {
    return this.#made;
  }

  /** Adds links made earlier in the run through another index of the same unit (that index is left behind). */
  countMade(made: number): void {
    this.#made += made;
  }

  /** Whether the id's link is known here (loaded, or the index is complete). */
  loaded(side: SyncSide, id: string): boolean {
    return this.#read === undefined || this.#loaded[side].has(id);
  }

  /**
   * Loads the links of these ids (a finance id's link brings its FSM id's), once each. Ids loaded
   * meanwhile by another task keep what that task saw: it may already have linked them.
   */
  async ensure(ids: { fsm?: Iterable<string> | undefined; finance?: Iterable<string> | undefined }): Promise<void> {
    if (this.#read === undefined) return;
    const wanted = { fsm: [...(ids.fsm ?? [])], finance: [...(ids.finance ?? [])] };
    // Loaded ids may be let go of while a read waits (DonePairs, a turn later): read until none is
    // missing, so the caller's lookups right after find every id.
    let missing = { fsm: toLoad(wanted.fsm, this.#loaded.fsm), finance: toLoad(wanted.finance, this.#loaded.finance) };
    while (missing.fsm.length > 0 || missing.finance.length > 0) {
      await this.#load(missing, false);
      missing = { fsm: toLoad(wanted.fsm, this.#loaded.fsm), finance: toLoad(wanted.finance, this.#loaded.finance) };
    }
    // Last, in the turn the caller resumes in: a holder letting go of them can no longer evict them.
    this.#keep(wanted);
  }

  /**
   * Loads the links of these ids for as long as the caller needs them: until it calls the returned
   * function. Ids the window holds already stay as they are; those loaded here are let go of on
   * the turn after the last holder lets go, unless something `ensure`d, linked or forgot them
   * meanwhile (they are then kept, like any loaded id). Lets a run look up the links of a page of
   * records without the window growing with every page.
   */
  async hold(ids: { fsm?: Iterable<string> | undefined; finance?: Iterable<string> | undefined }): Promise<() => void> {
    if (this.#read === undefined) return () => {};
    const mine: Array<[SyncSide, string]> = [];
    for (const side of ['fsm', 'finance'] as const) {
      for (const id of new Set(ids[side] ?? [])) {
        const holders = this.#held[side].get(id);
        if (holders !== undefined) this.#held[side].set(id, holders + 1);
        else if (this.#loaded[side].has(id)) continue;
        else this.#held[side].set(id, 1);
        mine.push([side, id]);
      }
    }
    const missing = () => ({
      fsm: mine.filter(([side, id]) => side === 'fsm' && !this.#loaded.fsm.has(id)).map(([, id]) => id),
      finance: mine.filter(([side, id]) => side === 'finance' && !this.#loaded.finance.has(id)).map(([, id]) => id),
    });
    for (let left = missing(); left.fsm.length > 0 || left.finance.length > 0; left = missing()) await this.#load(left, true);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const [side, id] of mine) {
        const holders = this.#held[side].get(id);
        if (holders === undefined) continue;
        this.#held[side].set(id, holders - 1);
        if (holders === 1) this.#letGo.push([side, id]);
      }
      // The next turn: a task that looked the ids up in this one is not cut short.
      if (this.#letGo.length > 0) this.#letGoTimer ??= setTimeout(() => this.letGoOfHeld(), 0);
    };
  }

  /** Evicts the held ids no holder holds any more (normally done on the turn after the last lets go). */
  letGoOfHeld(): void {
    if (this.#letGoTimer !== undefined) clearTimeout(this.#letGoTimer);
    this.#letGoTimer = undefined;
    const queue = this.#letGo;
    this.#letGo = [];
    for (const [side, id] of queue) {
      if (this.#held[side].get(id) !== 0) continue;
      const other = this.#counterpart(side, id);
      if (other === undefined) {
        this.#held[side].delete(id);
        // A detached marker stays (as with `evictUnlinked`); a "not linked" mark goes.
        if (!Set.prototype.has.call(this.detached[side], id)) this.#loaded[side].delete(id);
        continue;
      }
      const otherSide: SyncSide = side === 'fsm' ? 'finance' : 'fsm';
      const otherHolders = this.#held[otherSide].get(other);
      // The counterpart is kept, so the link is; or it is still held, and goes when its holder lets go.
      if (otherHolders === undefined) this.#held[side].delete(id);
      if (otherHolders !== 0) continue;
      this.evict([side === 'fsm' ? id : other]);
    }
  }

  #counterpart(side: SyncSide, id: string): string | undefined {
    if (side === 'fsm') return (Map.prototype.get.call(this.byFsm, id) as StoredLink | undefined)?.financeId;
    return Map.prototype.get.call(this.byFinance, id) as string | undefined;
  }

  // Ids (and the other side of their links) leave the held ones: kept like any loaded id.
  #keep(ids: { fsm: Iterable<string>; finance: Iterable<string> }): void {
    if (this.#held.fsm.size === 0 && this.#held.finance.size === 0) return;
    for (const side of ['fsm', 'finance'] as const) {
      const otherSide: SyncSide = side === 'fsm' ? 'finance' : 'fsm';
      for (const id of ids[side]) {
        this.#held[side].delete(id);
        const other = this.#counterpart(side, id);
        if (other !== undefined) this.#held[otherSide].delete(other);
      }
    }
  }

  async #load(ids: { fsm: readonly string[]; finance: readonly string[] }, held: boolean): Promise<void> {
    const read = this.#read;
    if (read === undefined) return;
    const fsm = toLoad(ids.fsm, this.#loaded.fsm);
    const finance = toLoad(ids.finance, this.#loaded.finance);
    if (finance.length > 0) {
      const values = await read('finance', finance);
      finance.forEach((id, i) => {
        if (this.#loaded.finance.has(id)) return;
        const value = values[i];
        if (isDetached(value)) {
          this.detached.finance.add(id);
          this.#loaded.finance.add(id);
        } else if (value !== undefined && typeof (value as { fsmId?: unknown }).fsmId === 'string') {
          // Known once its FSM side is: the FSM key holds the link itself.
          const fsmId = (value as { fsmId: string }).fsmId;
          if (!this.#loaded.fsm.has(fsmId)) fsm.push(fsmId);
          else this.#loaded.finance.add(id);
        } else {
          this.#loaded.finance.add(id);
        }
      });
    }
    const pending = fsm.filter((id) => !this.#loaded.fsm.has(id));
    if (pending.length > 0) {
      const values = await read('fsm', pending);
      pending.forEach((id, i) => {
        if (this.#loaded.fsm.has(id)) return;
        const value = values[i] as StoredLink | DetachedMarker | undefined;
        // Loaded for a holder: the ids of the link go with its holders (unless kept meanwhile).
        if (held) this.#companions(id, value);
        this.put(id, value, held);
      });
    }
    // A finance id whose FSM key did not name it back is not linked (the FSM key is the link).
    for (const id of finance) this.#loaded.finance.add(id);
  }

  // The ids a held load brings in that no holder asked for: held by nobody, let go of with the rest.
  #companions(fsmId: string, value: StoredLink | DetachedMarker | undefined): void {
    if (!this.#held.fsm.has(fsmId)) this.#held.fsm.set(fsmId, 0);
    if (value === undefined || isDetached(value)) return;
    if (!this.#held.finance.has(value.financeId) && !this.#loaded.finance.has(value.financeId)) this.#held.finance.set(value.financeId, 0);
  }

  /** Takes in a stored FSM-side value (loading); kept unless loaded for a {@link hold}. */
  put(fsmId: string, value: StoredLink | DetachedMarker | undefined, held = false): void {
    if (!held) this.#keep({ fsm: [fsmId], finance: value === undefined || isDetached(value) ? [] : [value.financeId] });
    this.#loaded.fsm.add(fsmId);
    if (value === undefined) return;
    if (isDetached(value)) {
      this.detached.fsm.add(fsmId);
      return;
    }
    this.byFsm.set(fsmId, value);
    this.byFinance.set(value.financeId, fsmId);
    this.#loaded.finance.add(value.financeId);
  }

  /** Forgets the loaded links of these FSM ids (a window only): looked up again, they are loaded again. */
  evict(fsmIds: Iterable<string>): void {
    if (this.#read === undefined) return;
    for (const fsmId of fsmIds) {
      const link = Map.prototype.get.call(this.byFsm, fsmId) as StoredLink | undefined;
      this.byFsm.delete(fsmId);
      this.#loaded.fsm.delete(fsmId);
      this.#held.fsm.delete(fsmId);
      if (link === undefined) continue;
      this.byFinance.delete(link.financeId);
      this.#loaded.finance.delete(link.financeId);
      this.#held.finance.delete(link.financeId);
    }
  }

  /**
   * Forgets that these ids of `side` were found not linked (a window only), so the window does not
   * grow with records a run keeps elsewhere (`RecordStage`); a linked or detached id stays.
   * Looked up again, they are loaded again.
   */
  evictUnlinked(side: SyncSide, ids: Iterable<string>): void {
    if (this.#read === undefined) return;
    const linked = side === 'fsm' ? this.byFsm : this.byFinance;
    for (const id of ids) {
      if (Map.prototype.has.call(linked, id) || Set.prototype.has.call(this.detached[side], id)) continue;
      this.#loaded[side].delete(id);
      this.#held[side].delete(id);
    }
  }

  /** A link made by this run (after its batch committed). */
  link(fsmId: string, link: StoredLink, previousFinanceId?: string): void {
    if (previousFinanceId !== undefined) this.byFinance.delete(previousFinanceId);
    if (!this.byFsm.holds(fsmId)) this.#made += 1;
    this.#keep({ fsm: [fsmId], finance: [link.financeId, ...(previousFinanceId === undefined ? [] : [previousFinanceId])] });
    this.byFsm.set(fsmId, link);
    this.byFinance.set(link.financeId, fsmId);
    this.#loaded.fsm.add(fsmId);
    this.#loaded.finance.add(link.financeId);
  }

  /** A link forgotten by this run (after its batch committed). */
  forget(fsmId: string, financeId: string | undefined): void {
    if (this.byFsm.holds(fsmId)) this.#made -= 1;
    this.#keep({ fsm: [fsmId], finance: financeId === undefined ? [] : [financeId] });
    this.byFsm.delete(fsmId);
    if (financeId !== undefined) this.byFinance.delete(financeId);
    this.#loaded.fsm.add(fsmId);
    if (financeId !== undefined) this.#loaded.finance.add(financeId);
  }
}
