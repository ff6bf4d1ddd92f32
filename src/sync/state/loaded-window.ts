/**
 * A lookup reached a record id whose stored state was never loaded. Always a bug of the sync,
 * never of the data: answering "not there" instead would read as "not linked" and create a
 * duplicate, so the run stops (it is fatal, see `isFatal`) and nothing is written for the record.
 */
export class NotLoadedError extends Error {
  override readonly name = 'NotLoadedError';
}

/** Which ids a window has looked up (present or not), or all of them. */
export type LoadedIds = (id: string) => boolean;

function notLoaded(what: string, id: string): NotLoadedError {
  return new NotLoadedError(`Internal error: the ${what} of ${JSON.stringify(id)} was used before it was loaded from storage. Please report this with the run's log.`);
}

/**
 * A Map over the part of a stored collection that a unit run loaded: `get`/`has` of an id that was
 * looked up answer as a Map does; of an id never looked up they throw {@link NotLoadedError}.
 * Iteration and `size` cover the loaded part only.
 */
export class WindowMap<V> extends Map<string, V> {
  readonly #loaded: LoadedIds;
  readonly #what: string;

  constructor(what: string, loaded: LoadedIds) {
    super();
    this.#what = what;
    this.#loaded = loaded;
  }

  override get(id: string): V | undefined {
    const value = super.get(id);
    if (value === undefined && !super.has(id) && !this.#loaded(id)) throw notLoaded(this.#what, id);
    return value;
  }

  override has(id: string): boolean {
    return heldIfLoaded(super.has(id), this.#loaded, this.#what, id);
  }

  /** Whether the id is held, without the loaded check (for bookkeeping of writes). */
  holds(id: string): boolean {
    return super.has(id);
  }
}

/** Whether `id` is held, when its slot was loaded; throws for an id never looked up. */
function heldIfLoaded(held: boolean, loaded: LoadedIds, what: string, id: string): boolean {
  if (held) return true;
  if (!loaded(id)) throw notLoaded(what, id);
  return false;
}

/** A Set over the loaded part of a stored collection; see {@link WindowMap}. */
export class WindowSet extends Set<string> {
  readonly #check: (held: boolean, id: string) => boolean;

  constructor(what: string, loaded: LoadedIds) {
    super();
    this.#check = (held, id) => heldIfLoaded(held, loaded, what, id);
  }

  override has(id: string): boolean {
    return this.#check(super.has(id), id);
  }
}

/** Ids not in `loaded` yet, once each. */
export function toLoad(ids: Iterable<string> | undefined, loaded: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const id of ids ?? []) if (!loaded.has(id)) out.add(id);
  return [...out];
}

/** Storage reads are made this many keys at a time. */
export const LOAD_CHUNK = 500;

/** `getMany` in chunks, so one lookup never asks an adapter for tens of thousands of keys at once. */
export async function getInChunks<T>(getMany: (keys: readonly string[]) => Promise<Array<T | undefined>>, keys: readonly string[]): Promise<Array<T | undefined>> {
  const out: Array<T | undefined> = [];
  for (let at = 0; at < keys.length; at += LOAD_CHUNK) out.push(...(await getMany(keys.slice(at, at + LOAD_CHUNK))));
  return out;
}
