import { MemoryStorage } from '../../src/storage/memory-storage.js';
import type { Storage, StorageEntry, StorageListOptions, StorageOp } from '../../src/storage/storage.js';

/** What a killed process's storage throws: the call never completes, nor does any after it. */
export class ProcessCrash extends Error {
  override name = 'ProcessCrash';
}

/** Whether an error (or its cause chain) is the simulated crash. */
export function isCrash(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) if (e instanceof ProcessCrash) return true;
  return false;
}

/**
 * Where a process dies: at its nth storage operation, or `plus` operations after the first one
 * whose description (`compareAndSet billing/…`, see {@link CrashStorage.log}) matches `after`
 * (`plus: 0` is that operation itself).
 */
export type CrashPoint = number | { after: RegExp; plus: number };

/**
 * A MemoryStorage shared by successive "processes" that kills the current one at its nth storage
 * operation (get, getMany, list, batch or compareAndSet): `'before'` the operation runs, or
 * `'after'` it was applied (the process dies before it sees the result). Once killed, every call
 * throws until {@link CrashStorage.revive} starts the next process.
 */
export class CrashStorage implements Storage {
  readonly inner = new MemoryStorage();
  /** Operations since the last {@link CrashStorage.revive} (or since creation). */
  ops = 0;
  /** What each of those operations was (`compareAndSet billing/...`), to find the crash points that matter. */
  log: string[] = [];
  dead = false;
  #crashAt: CrashPoint = Number.POSITIVE_INFINITY;
  #mode: 'before' | 'after' = 'before';
  #anchor: number | undefined;

  /** A new process: alive, counting from 0, killed at `crashAt` (never by default). */
  revive(crashAt: CrashPoint = Number.POSITIVE_INFINITY, mode: 'before' | 'after' = 'before'): void {
    this.dead = false;
    this.ops = 0;
    this.log = [];
    this.#crashAt = crashAt;
    this.#mode = mode;
    this.#anchor = undefined;
  }

  #dueNow(what: string): boolean {
    const at = this.#crashAt;
    if (typeof at === 'number') return this.ops === at;
    if (this.#anchor === undefined && at.after.test(what)) this.#anchor = this.ops;
    return this.#anchor !== undefined && this.ops === this.#anchor + at.plus;
  }

  async #run<T>(what: string, op: () => Promise<T>): Promise<T> {
    if (this.dead) throw new ProcessCrash(`the process is dead (${what} after the crash)`);
    this.ops += 1;
    this.log.push(what);
    if (!this.#dueNow(what)) return op();
    this.dead = true;
    if (this.#mode === 'after') await op();
    throw new ProcessCrash(`process killed ${this.#mode} storage operation ${this.ops} (${what})`);
  }

  get<T>(key: string): Promise<T | undefined> {
    return this.#run(`get ${key}`, () => this.inner.get<T>(key));
  }

  getMany<T>(keys: readonly string[]): Promise<Array<T | undefined>> {
    return this.#run('getMany', () => this.inner.getMany<T>(keys));
  }

  list<T>(prefix: string, options?: StorageListOptions): Promise<Array<StorageEntry<T>>> {
    return this.#run(`list ${prefix}`, () => this.inner.list<T>(prefix, options));
  }

  batch(ops: readonly StorageOp[]): Promise<void> {
    return this.#run(`batch ${ops.map((o) => o.key).join(', ')}`, () => this.inner.batch(ops));
  }

  compareAndSet<T>(key: string, expected: T | undefined, next: T | undefined): Promise<boolean> {
    return this.#run(`compareAndSet ${key}`, () => this.inner.compareAndSet(key, expected, next));
  }
}
