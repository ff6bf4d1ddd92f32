import type { Clock } from '../clock.js';
import type { Storage } from '../storage/storage.js';

/** The lease record in Storage. */
interface LeaseRecord {
  holder: string;
  expiresAt: number;
}

/** A lease this process holds; release it when the refresh attempt is over. */
export interface HeldLease {
  release(): Promise<void>;
}

/**
 * A short lease in Storage that lets one process at a time call the accounts server for a
 * refresh token; the others wait and read the token it caches. The lease expires on its own, so a
 * holder that crashed blocks the others for at most `ttlMs`.
 */
export class RefreshLease {
  readonly #storage: Storage;
  readonly #clock: Clock;
  readonly #key: string;
  readonly #ttlMs: number;

  constructor(options: { storage: Storage; clock: Clock; key: string; ttlMs: number }) {
    this.#storage = options.storage;
    this.#clock = options.clock;
    this.#key = options.key;
    this.#ttlMs = options.ttlMs;
  }

  /** Takes the lease when it is free or expired; `undefined` when another holder has it. */
  async tryAcquire(): Promise<HeldLease | undefined> {
    const current = await this.#storage.get<LeaseRecord>(this.#key);
    if (current && typeof current.expiresAt === 'number' && current.expiresAt > this.#clock.now()) return undefined;
    const mine: LeaseRecord = { holder: globalThis.crypto.randomUUID(), expiresAt: this.#clock.now() + this.#ttlMs };
    if (!(await this.#storage.compareAndSet(this.#key, current, mine))) return undefined;
    return {
      release: async () => {
        // Deletes only our own lease: once it expired, someone else may hold the key.
        await this.#storage.compareAndSet(this.#key, mine, undefined);
      },
    };
  }
}
