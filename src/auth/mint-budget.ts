import type { Clock } from '../clock.js';
import type { Storage } from '../storage/storage.js';

/** Zoho: "a client can create up to ten access tokens in a span of ten minutes". */
export const MINTS_PER_WINDOW = 10;
/** The length of Zoho's token-minting window. */
export const MINT_WINDOW_MS = 10 * 60_000;

/**
 * Zoho's budget of access tokens per refresh token, kept in Storage so every process sharing the
 * refresh token spends from the same budget. Zoho blocks the client for the rest of the window
 * when the budget is exceeded, so waiting here is always cheaper than trying.
 */
export class MintBudget {
  readonly #storage: Storage;
  readonly #clock: Clock;
  readonly #key: string;

  constructor(options: { storage: Storage; clock: Clock; key: string }) {
    this.#storage = options.storage;
    this.#clock = options.clock;
    this.#key = options.key;
  }

  /**
   * Records a mint now and returns 0 when the budget allows one; otherwise records nothing and
   * returns how many ms to wait until the oldest mint leaves the window. Call it before sending the
   * request: an attempt whose reply is lost may still have minted a token at Zoho.
   */
  async tryReserve(): Promise<number> {
    for (;;) {
      const stored = await this.#storage.get<unknown>(this.#key);
      const now = this.#clock.now();
      const recent = (Array.isArray(stored) ? stored : []).filter(
        (t): t is number => typeof t === 'number' && t > now - MINT_WINDOW_MS,
      );
      if (recent.length >= MINTS_PER_WINDOW) {
        const oldest = Math.min(...recent);
        return Math.max(1, oldest + MINT_WINDOW_MS - now);
      }
      // Another process may reserve at the same moment: the compare-and-set makes one of us re-read.
      if (await this.#storage.compareAndSet<unknown>(this.#key, stored, [...recent, now])) return 0;
    }
  }
}
