import type { Clock } from '../clock.js';
import { SyncLeaseError } from '../errors/sync-lease-error.js';
import type { Storage, StorageOp } from './storage.js';

/** The lease a run holds while it works. */
export interface LeaseRecord {
  runId: string;
  /**
   * The fencing token: one more than the token of the lease this one replaced (held, expired or
   * released), so two holders of the key never carry the same value. Every commit checks it.
   */
  token: number;
  /** When the lease ends unless renewed (ms on the syncer's clock). */
  until: number;
  startedAt: number;
  /** Given back: free, kept only so the next token is higher. */
  released?: true;
}

/**
 * A run lease on one storage key, taken and renewed with `compareAndSet`, so two runs of one
 * binding never overlap — even in two processes sharing a SqliteStorage. A crashed run's lease
 * expires after `ttlMs` and the next run takes it over.
 *
 * The lease also fences the run's writes: {@link RunLease.fence} is a `check` op that every commit
 * batch carries, so a run that lost its lease (it stalled past `ttlMs` and another run took over)
 * commits nothing more — atomically, in the same batch, not by a check between records. While the
 * run holds it, {@link RunLease.keepAlive} renews it every `ttlMs / 6` of real time, waits for the
 * API included, so only a process that stopped (killed, frozen) loses it.
 */
export class RunLease {
  readonly #storage: Storage;
  readonly #key: string;
  readonly #clock: Clock;
  readonly #ttlMs: number;
  #held: LeaseRecord | undefined;
  #lost: SyncLeaseError | undefined;
  // Renewals and fenced commits take turns: a commit must carry the value the key holds.
  #turn: Promise<unknown> = Promise.resolve();

  constructor(options: { storage: Storage; key: string; clock: Clock; ttlMs: number }) {
    this.#storage = options.storage;
    this.#key = options.key;
    this.#clock = options.clock;
    this.#ttlMs = options.ttlMs;
  }

  /** The storage key of the lease. */
  get key(): string {
    return this.#key;
  }

  /** Takes the lease or throws {@link SyncLeaseError} `SYNC_ALREADY_RUNNING`. */
  async acquire(runId: string): Promise<void> {
    const now = this.#clock.now();
    const current = await this.#storage.get<Partial<LeaseRecord>>(this.#key);
    if (current !== undefined && current.released !== true && typeof current.until === 'number' && current.until > now) {
      throw new SyncLeaseError(
        'SYNC_ALREADY_RUNNING',
        `Another sync run (${current.runId}) of this binding is in progress until ${new Date(current.until).toISOString()} at the latest. Wait for it to finish and run again.`,
        { details: { holder: current.runId, until: current.until } },
      );
    }
    const token = (typeof current?.token === 'number' && Number.isSafeInteger(current.token) ? current.token : 0) + 1;
    const mine: LeaseRecord = { runId, token, until: now + this.#ttlMs, startedAt: now };
    if (!(await this.#storage.compareAndSet(this.#key, current, mine))) {
      const winner = await this.#storage.get<LeaseRecord>(this.#key);
      throw new SyncLeaseError('SYNC_ALREADY_RUNNING', `Another sync run${winner ? ` (${winner.runId})` : ''} of this binding started at the same moment. Wait for it to finish and run again.`, {
        details: { holder: winner?.runId, until: winner?.until },
      });
    }
    this.#held = mine;
    this.#lost = undefined;
  }

  /** Extends the lease when a third of it is spent; throws `SYNC_LEASE_LOST` if another run took it. */
  renewIfDue(): Promise<void> {
    return this.#inTurn(async () => {
      if (this.#lost) throw this.#lost;
      const held = this.#held;
      if (!held) return;
      const now = this.#clock.now();
      if (held.until - now > (this.#ttlMs * 2) / 3) return;
      const next: LeaseRecord = { ...held, until: now + this.#ttlMs };
      if (!(await this.#storage.compareAndSet(this.#key, held, next))) throw this.#lose(held);
      this.#held = next;
    });
  }

  /**
   * Applies `ops` in one batch that also checks the lease still holds this run's value: nothing is
   * written once another run took it over. Throws `SYNC_LEASE_LOST` then (and on every later call).
   */
  commit(ops: readonly StorageOp[]): Promise<void> {
    return this.#inTurn(async () => {
      if (this.#lost) throw this.#lost;
      const held = this.#held;
      if (!held) throw new SyncLeaseError('SYNC_LEASE_LOST', 'This sync run no longer holds its lease (it was given back): nothing more is committed.');
      try {
        await this.#storage.batch([{ type: 'check', key: this.#key, value: held }, ...ops]);
      } catch (error) {
        if (isCheckFailure(error, this.#key)) throw this.#lose(held, error);
        throw error;
      }
    });
  }

  /**
   * Renews the lease every `ttlMs / 6` of real time until the returned function is called, so a
   * run whose call waits (retries, `Retry-After`, a token refresh) keeps it however long that is.
   * A renewal that finds the lease taken marks it lost: the next commit throws. Real time, not the
   * clock's: what must not lapse is a live process's hold, and a test clock never moves by itself.
   */
  keepAlive(): () => void {
    const timer = setInterval(() => {
      this.renewIfDue().catch(() => undefined);
    }, Math.max(1, this.#ttlMs / 6));
    (timer as { unref?: () => void }).unref?.();
    return () => clearInterval(timer);
  }

  /** Gives the lease back (only if still ours), keeping its token for the next holder to exceed. */
  release(): Promise<void> {
    return this.#inTurn(async () => {
      const held = this.#held;
      this.#held = undefined;
      if (held && !this.#lost) await this.#storage.compareAndSet(this.#key, held, { ...held, until: this.#clock.now(), released: true });
    });
  }

  #lose(held: LeaseRecord, cause?: unknown): SyncLeaseError {
    this.#held = undefined;
    this.#lost = new SyncLeaseError(
      'SYNC_LEASE_LOST',
      `Sync run ${held.runId} lost its lease (it stalled past leaseMs and another run took over): it committed nothing since, and stopped; the other run completes the work.`,
      { details: { runId: held.runId, token: held.token }, ...(cause === undefined ? {} : { cause }) },
    );
    return this.#lost;
  }

  #inTurn<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#turn.then(work, work);
    this.#turn = result.catch(() => undefined);
    return result;
  }
}

/** A batch refused by its check of `key` (by code: the adapter may come from another copy of the SDK). */
function isCheckFailure(error: unknown, key: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, details } = error as { code?: unknown; details?: { key?: unknown } };
  return code === 'STORAGE_CHECK_FAILED' && details?.key === key;
}

/**
 * Takes a lease, trying again every `retryMs` (on the clock) while another run holds it, for up to
 * `waitMs`; then throws that run's {@link SyncLeaseError} `SYNC_ALREADY_RUNNING`. `waitMs` 0 tries once.
 */
export async function acquireLease(lease: RunLease, runId: string, options: { clock: Clock; waitMs: number; retryMs: number; signal?: AbortSignal | undefined }): Promise<void> {
  const deadline = options.clock.now() + options.waitMs;
  for (;;) {
    try {
      await lease.acquire(runId);
      return;
    } catch (error) {
      const left = deadline - options.clock.now();
      if (!(error instanceof SyncLeaseError) || error.code !== 'SYNC_ALREADY_RUNNING' || left <= 0) throw error;
      await options.clock.sleep(Math.min(options.retryMs, left), options.signal);
    }
  }
}
