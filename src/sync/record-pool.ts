/**
 * Runs `work` for each item, up to `size` at once, in the items' order; two items sharing a key
 * never run at the same time (a record, its counterpart, its match key: whatever two records of a
 * unit could both read or write). Stops launching once a task says stop (`false`) or throws; the
 * tasks already running are awaited, then the first failure is thrown. Returns false when stopped.
 *
 * @example
 * ```ts
 * const finished = await inPool(records, 4, (r) => [`fsm:${r.id}`], (r) => step(() => sync(r)));
 * ```
 */
export async function inPool<T>(items: Iterable<T>, size: number, keysOf: (item: T) => readonly string[], work: (item: T) => Promise<boolean>): Promise<boolean> {
  const running = new Set<Promise<void>>();
  const busy = new Set<string>();
  let stopped = false;
  let failure: { error: unknown } | undefined;
  for (const item of items) {
    const keys = keysOf(item);
    while (running.size >= size || keys.some((key) => busy.has(key))) await Promise.race(running);
    if (stopped || failure) break;
    for (const key of keys) busy.add(key);
    const task: Promise<void> = work(item).then(
      (go) => {
        if (!go) stopped = true;
      },
      (error: unknown) => {
        failure ??= { error };
      },
    ).finally(() => {
      running.delete(task);
      for (const key of keys) busy.delete(key);
    });
    running.add(task);
  }
  await Promise.all(running);
  if (failure) throw failure.error;
  return !stopped;
}
