import type { Clock } from '../clock.js';
import type { Storage, StorageOp } from '../storage/storage.js';
import type { SourceMemo } from './record-source.js';
import { encodeKeySegment, type SyncKeys } from './sync-keys.js';

/** Writes waiting past this many are stored at once, without waiting for the run's next commit. */
const MAX_PENDING = 200;

/**
 * The {@link SourceMemo} a run gives one source: entries under `sync/<binding>/memo/<source>/`,
 * values kept as JSON text (a value that is not JSON data is dropped, never a failed commit).
 * Writes wait in memory and go to storage with the run's next commit ({@link RunMemo.drain}), all
 * at once past {@link MAX_PENDING}, and at the end of the run ({@link RunMemo.close}). Lost writes
 * (a process killed meanwhile) cost calls, never correctness: an entry is a hint its source checks.
 */
export class RunMemo implements SourceMemo {
  readonly #storage: Storage;
  readonly #clock: Clock;
  readonly #prefix: string;
  readonly #pending = new Map<string, string | undefined>();
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
    this.#pending.delete(key);
    this.#pending.set(key, text);
    if (this.#pending.size >= MAX_PENDING) void this.#write(this.drain());
  }

  /** The writes waiting, as ops for a batch (the run's commit takes them along); they are no longer pending. */
  drain(): StorageOp[] {
    const ops: StorageOp[] = [];
    for (const [key, text] of this.#pending) ops.push(text === undefined ? { type: 'delete', key: this.keyOf(key) } : { type: 'put', key: this.keyOf(key), value: text });
    this.#pending.clear();
    return ops;
  }

  /** Stores what is pending and takes no more writes (the end of the run). Never throws: a memo is a hint. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#write(this.drain());
  }

  // One batch after the other; a failed batch (storage down, lease lost) is dropped.
  #write(ops: StorageOp[]): Promise<void> {
    if (ops.length === 0) return this.#writing;
    this.#writing = this.#writing.then(() => this.#storage.batch(ops)).catch(() => undefined);
    return this.#writing;
  }
}
