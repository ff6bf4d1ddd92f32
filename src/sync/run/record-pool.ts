/**
 * The keys running tasks hold. Pools that run side by side share one, so a key held in one pool
 * also holds back the tasks of another; keys go to the waiting tasks in the order they asked.
 */
export class KeyLocks {
  readonly #busy = new Set<string>();
  readonly #waiting: { keys: readonly string[]; hold: () => void }[] = [];

  /** Settles once the keys are held for the caller: none was held by another task. */
  acquire(keys: readonly string[]): Promise<void> {
    const held = new Promise<void>((hold) => this.#waiting.push({ keys, hold }));
    this.#grant();
    return held;
  }

  /** Lets the keys go, to the first waiting tasks that can have theirs. */
  release(keys: readonly string[]): void {
    for (const key of keys) this.#busy.delete(key);
    this.#grant();
  }

  #grant(): void {
    for (let i = 0; i < this.#waiting.length;) {
      const waiter = this.#waiting[i];
      if (!waiter || waiter.keys.some((key) => this.#busy.has(key))) {
        i += 1;
        continue;
      }
      this.#waiting.splice(i, 1);
      for (const key of waiter.keys) this.#busy.add(key);
      waiter.hold();
    }
  }
}

/**
 * Runs `work` for each item, up to `size` at once, in the items' order; two items sharing a key
 * never run at the same time (a record, its counterpart, its match key: whatever two records of a
 * unit could both read or write), also across the pools given the same `locks`. Stops launching
 * once a task says stop (`false`) or throws; the tasks already running are awaited, then the first
 * failure is thrown. Returns false when stopped.
 *
 * @example
 * ```ts
 * const finished = await inPool(records, 4, (r) => [`fsm:${r.id}`], (r) => step(() => sync(r)));
 * ```
 */
export async function inPool<T>(items: Iterable<T> | AsyncIterable<T>, size: number, keysOf: (item: T) => readonly string[], work: (item: T) => Promise<boolean>, locks = new KeyLocks()): Promise<boolean> {
  const running = new Set<Promise<void>>();
  let stopped = false;
  let failure: { error: unknown } | undefined;
  for await (const item of items) {
    const keys = keysOf(item);
    while (running.size >= size) await Promise.race(running);
    if (stopped || failure) break;
    await locks.acquire(keys);
    if (stopped || failure) {
      locks.release(keys);
      break;
    }
    const task: Promise<void> = work(item).then(
      (go) => {
        if (!go) stopped = true;
      },
      (error: unknown) => {
        failure ??= { error };
      },
    ).finally(() => {
      running.delete(task);
      locks.release(keys);
    });
    running.add(task);
  }
  await Promise.all(running);
  if (failure) throw failure.error;
  return !stopped;
}
