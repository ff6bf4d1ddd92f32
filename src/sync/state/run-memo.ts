import type { Clock } from '../../clock.js';
import type { Storage, StorageOp } from '../../storage/storage.js';
import type { SourceMemo } from '../sources/record-source.js';
import { encodeKeySegment, type SyncKeys } from './sync-keys.js';

/** Writes waiting past this many, or this much text, are stored at once, without waiting for the run's next commit. */
const MAX_PENDING = 200;
const MAX_PENDING_CHARS = 1_000_000;
/** Memo keys under this prefix are the run's own ({@link SourceMemo}): removed when it ends. */
const RUN_SCOPED = 'run/';

/**
 * The {@link SourceMemo} a run gives one source: entries under `sync/<binding>/memo/<source>/`,
 * values kept as JSON text (a value that is not JSON data is dropped, never a failed commit).
 * Writes wait in memory and go to storage with the run's next commit ({@link RunMemo.along}), at
 * once past {@link MAX_PENDING} writes or {@link MAX_PENDING_CHARS} characters of text, and at the
 * end of the run ({@link RunMemo.close}); a read waits for the writes on their way. Lost writes
 * (a process killed meanwhile) cost calls, never correctness: an entry is a hint its source checks.
 */
export class RunMemo implements SourceMemo {
  readonly #storage: Storage;
  readonly #clock: Clock;
  readonly #prefix: string;
  readonly #pending = new Map<string, string | undefined>();
  #pendingChars = 0;
  // Batches on their way to storage with drained writes: a read waits for them, so it never
  // finds the value from before a write that left the pending map.
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #runScoped = new Set<string>();
  #writing: Promise<void> = Promise.resolve();
  #closed = false;

  /** A memo of source `sourceId` over `storage` (the run's fenced storage). */
  constructor(storage: Storage, keys: SyncKeys, sourceId: string, clock: Clock) {
    this.#storage = storage;
    this.#clock = clock;
    this.#prefix = `${keys.root}memo/${encodeKeySegment(sourceId)}/`;
  }

  /** The storage key of a memo key. */
  keyOf(key: string): string {
    return `${this.#prefix}${encodeKeySegment(key)}`;
  }

  now(): number {
    return this.#clock.now();
  }

  async getMany(keys: readonly string[]): Promise<unknown[]> {
    if (keys.length === 0) return [];
    if (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
    const stored = await this.#storage.getMany<string>(keys.map((key) => this.keyOf(key)));
    return keys.map((key, i) => {
      const text = this.#pending.has(key) ? this.#pending.get(key) : stored[i];
      if (typeof text !== 'string') return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return undefined;
      }
    });
  }

  set(key: string, value: unknown): void {
    if (this.#closed) return;
    let text: string | undefined;
    try {
      text = value === undefined ? undefined : JSON.stringify(value);
    } catch {
      return;
    }
    if (key.startsWith(RUN_SCOPED)) this.#runScoped.add(key);
    this.#pending.delete(key);
    this.#pending.set(key, text);
    this.#pendingChars += text?.length ?? 0;
    if (this.#pending.size >= MAX_PENDING || this.#pendingChars >= MAX_PENDING_CHARS) void this.#write(this.#drain());
  }

  /**
   * Runs `write` (the run's commit) with the writes waiting as ops to add to its batch; they are
   * no longer pending, and reads wait until it is over.
   */
  along(write: (ops: StorageOp[]) => Promise<void>): Promise<void> {
    return this.#track(write(this.#drain()));
  }

  // The writes waiting, as ops for a batch; they are no longer pending.
  #drain(): StorageOp[] {
    const ops: StorageOp[] = [];
    for (const [key, text] of this.#pending) ops.push(text === undefined ? { type: 'delete', key: this.keyOf(key) } : { type: 'put', key: this.keyOf(key), value: text });
    this.#pending.clear();
    this.#pendingChars = 0;
    return ops;
  }

  /** Removes the run's own entries, stores what is pending and takes no more writes (the end of the run). Never throws: a memo is a hint. */
  async close(): Promise<void> {
    for (const key of this.#runScoped) this.set(key, undefined);
    this.#closed = true;
    await this.#write(this.#drain());
  }

  // One batch after the other; a failed batch (storage down, lease lost) is dropped.
  #write(ops: StorageOp[]): Promise<void> {
    if (ops.length === 0) return this.#writing;
    this.#writing = this.#track(this.#writing.then(() => this.#storage.batch(ops)).catch(() => undefined));
    return this.#writing;
  }

  #track<T>(write: Promise<T>): Promise<T> {
    const settled = write.then(() => undefined, () => undefined).finally(() => this.#inFlight.delete(settled));
    this.#inFlight.add(settled);
    return write;
  }
}
