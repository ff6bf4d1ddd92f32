import type { Storage } from '../../storage/storage.js';
import { fullReadDue } from './change-detection.js';
import type { ReadOptions, SourcePage, SyncCollection } from '../sources/record-source.js';
import { FatalRunError, type RunContext } from './run-context.js';
import type { GuardedPage, GuardedSource, RefusedRecord } from '../sources/source-guard.js';
import { listPages } from '../state/storage-scan.js';
import type { SyncKeys } from '../state/sync-keys.js';

/** Pages removed a batch at a time. */
const CLEAR_BATCH = 500;

/** What a page read ahead keeps in storage: the page as the guard passed it, its refusals aside. */
type StoredPage = Omit<SourcePage, 'records'> & { records: GuardedPage['records'] };

/** Where a walk stands: pages stored so far, and how it ended. */
interface Walk {
  readonly collection: SyncCollection;
  stored: number;
  ended: { error?: unknown } | undefined;
  /** Refusals per page number (kept in memory: they carry errors, and are few). */
  readonly refused: Map<number, RefusedRecord[]>;
}

/**
 * Reads one FSM collection of a run ahead of the unit that needs it, while the units before it keep
 * the finance organisation busy and the FSM organisation's quota would sit idle — the daily full
 * read, where the companies unit walks every Books customer and the contact persons unit then
 * reads every FSM contact. Pages go to the sync's storage as they arrive
 * (`sync/<binding>/ahead/page/<collection>/<n>`, with their count under `ahead/count/<collection>`;
 * removed when the run ends, or by the next run after a kill), not memory; the unit's read
 * later gets them from there, waiting for the pages the walk has not reached yet. A read the walk
 * cannot stand for (a cursor read, or the run wrote to the collection since the walk began) goes
 * to the side as usual.
 */
export class ReadAhead {
  readonly #storage: Storage;
  readonly #prefix: string;
  readonly #inner: GuardedSource;
  readonly #stop = new AbortController();
  readonly #written = new Set<SyncCollection>();
  #walk: Walk | undefined;
  #walkDone: Promise<void> = Promise.resolve();
  #changed: () => void = () => {};
  #change: Promise<void> = this.#nextChange();
  /** The FSM source the run uses: reads served from the walk where it can stand for them, writes noted. */
  readonly source: GuardedSource;

  constructor(storage: Storage, keys: SyncKeys, fsm: GuardedSource) {
    this.#storage = storage;
    this.#prefix = `${keys.root}ahead/`;
    this.#inner = fsm;
    const noteWrite = (collection: SyncCollection) => this.#written.add(collection);
    this.source = {
      ...fsm,
      read: (collection, options) => this.#read(collection, options),
      create: (collection, data, options) => (noteWrite(collection), fsm.create(collection, data, options)),
      update: (collection, id, patch, options) => (noteWrite(collection), fsm.update(collection, id, patch, options)),
      deactivate: (collection, id, options) => (noteWrite(collection), fsm.deactivate(collection, id, options)),
      delete: (collection, id, options) => (noteWrite(collection), fsm.delete(collection, id, options)),
    };
  }

  /**
   * Starts reading ahead when the run is one that gains by it (see {@link readAheadFor}); removes
   * what a killed run's walk left first.
   */
  async begin(ctx: RunContext): Promise<void> {
    await this.#clear();
    const collection = await readAheadFor(ctx);
    if (collection === undefined) return;
    const stop = this.#stop.signal;
    const signal = ctx.signal ? AbortSignal.any([ctx.signal, stop]) : stop;
    const walk: Walk = { collection, stored: 0, ended: undefined, refused: new Map() };
    this.#walk = walk;
    this.#walkDone = this.#fill(walk, { signal, runId: ctx.runId, runStartedAt: ctx.startedAt });
  }

  /** Stops the walk and removes its pages (best effort: a run's next start removes what is left). */
  async close(): Promise<void> {
    this.#stop.abort();
    await this.#walkDone;
    await this.#clear().catch(() => undefined);
  }

  async #fill(walk: Walk, options: ReadOptions): Promise<void> {
    try {
      for await (const page of this.#inner.read(walk.collection, options)) {
        const { refused, ...kept } = page;
        if (refused.length > 0) walk.refused.set(walk.stored, refused);
        // The count goes with each page: what a killed run left is removed by key, never listed (pages are large).
        await this.#storage.batch([
          { type: 'put', key: this.#key(walk.collection, walk.stored), value: kept satisfies StoredPage },
          { type: 'put', key: this.#countKey(walk.collection), value: walk.stored + 1 },
        ]);
        walk.stored += 1;
        this.#notify();
      }
      walk.ended = {};
    } catch (error) {
      walk.ended = { error };
    }
    this.#notify();
  }

  async *#read(collection: SyncCollection, options: ReadOptions): AsyncGenerator<GuardedPage> {
    const walk = this.#walk;
    // The walk read from scratch before anything of the run wrote to the collection: as good as a
    // read now (FSM is read in full every run; a change made in between is the next run's, as
    // one made just after any read).
    if (walk?.collection !== collection || options.since !== undefined || options.parentTimes !== undefined || options.parentTimesOf !== undefined || this.#written.has(collection)) {
      yield* this.#inner.read(collection, options);
      return;
    }
    for (let n = 0; ; n += 1) {
      while (n >= walk.stored && walk.ended === undefined) await untilAborted(this.#change, options.signal);
      if (n >= walk.stored) {
        const error = walk.ended?.error;
        if (error !== undefined) throw error;
        return;
      }
      const page = await this.#storage.get<StoredPage>(this.#key(collection, n));
      // Written before it was counted: missing only if the storage lost it.
      if (page === undefined) throw new FatalRunError(new Error(`Page ${n + 1} of the ${collection} read ahead is missing from storage (${this.#key(collection, n)}); the next run reads them again.`));
      yield { ...page, refused: walk.refused.get(n) ?? [] };
    }
  }

  #notify(): void {
    const wake = this.#changed;
    this.#change = this.#nextChange();
    wake();
  }

  #nextChange(): Promise<void> {
    return new Promise<void>((resolve) => (this.#changed = resolve));
  }

  // Removes the pages of every walk (this run's, or a killed run's) by their counts.
  async #clear(): Promise<void> {
    for await (const counts of listPages<number>(this.#storage, `${this.#prefix}count/`)) {
      for (const { key, value } of counts) {
        const collection = key.slice(`${this.#prefix}count/`.length) as SyncCollection;
        const pages = Array.from({ length: typeof value === 'number' ? value : 0 }, (_, n) => this.#key(collection, n));
        for (let from = 0; from < pages.length; from += CLEAR_BATCH) {
          await this.#storage.batch(pages.slice(from, from + CLEAR_BATCH).map((page) => ({ type: 'delete' as const, key: page })));
        }
        await this.#storage.batch([{ type: 'delete', key }]);
      }
    }
  }

  #key(collection: SyncCollection, n: number): string {
    return `${this.#prefix}page/${collection}/${String(n).padStart(8, '0')}`;
  }

  #countKey(collection: SyncCollection): string {
    return `${this.#prefix}count/${collection}`;
  }
}

/** Settles with `change`, or throws the signal's reason once it aborts. */
async function untilAborted(change: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return change;
  signal.throwIfAborted();
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([change, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * The FSM collection worth reading ahead in this run, if any: the one a later unit of the companies
 * chain reads (contacts), when that read is a full one (FSM is read in full every run) and the
 * companies unit's finance read is a full read of an earlier-synced side — the daily full read, or
 * one asked for — which keeps the finance organisation busy while FSM has little to do. Not on a
 * first run (the companies unit reads FSM contacts itself to create customers with their persons,
 * and writes to FSM), nor in a run reading changes only (the companies unit's FSM writes need the
 * FSM quota then).
 */
export async function readAheadFor(ctx: RunContext): Promise<SyncCollection | undefined> {
  if (ctx.dryRun) return undefined;
  const at = ctx.units.findIndex((u) => u.module === 'companies');
  const companies = ctx.units[at];
  if (!companies) return undefined;
  const later = ctx.units.slice(at + 1).find((u) => u.module !== 'items' && u.fsmCollection !== companies.fsmCollection);
  if (!later) return undefined;
  const now = ctx.clock.now();
  const [companiesCursor, laterCursor] = await Promise.all([ctx.stores.cursors.load(companies.module), ctx.stores.cursors.load(later.module)]);
  if (companiesCursor.finance.since === undefined) return undefined;
  if (!ctx.fullScan && !fullReadDue(companiesCursor.finance, now, ctx.fullScanIntervalMs)) return undefined;
  const feed = ctx.sources.fsm.capabilities(later.fsmCollection)?.changeFeed ?? 'scan';
  const laterFull = feed === 'scan' || ctx.fullScan || fullReadDue(laterCursor.fsm, now, ctx.fullScanIntervalMs);
  return laterFull ? later.fsmCollection : undefined;
}
