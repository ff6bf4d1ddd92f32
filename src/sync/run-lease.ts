import type { Clock } from '../clock.js';
import { SyncLeaseError } from '../errors/sync-lease-error.js';
import type { Storage } from '../storage/storage.js';

/** The lease a run holds while it works. */
export interface LeaseRecord {
  runId: string;
  /** When the lease ends unless renewed (ms on the syncer's clock). */
  until: number;
  startedAt: number;
}

/**
 * A run lease on one storage key, taken and renewed with `compareAndSet`, so two runs of one
 * binding never overlap — even in two processes sharing a SqliteStorage. A crashed run's lease
 * expires after `ttlMs` and the next run takes it over.
 */
export class RunLease {
  readonly #storage: Storage;
  readonly #key: string;
  readonly #clock: Clock;
  readonly #ttlMs: number;
  #held: LeaseRecord | undefined;

  constructor(options: { storage: Storage; key: string; clock: Clock; ttlMs: number }) {
    this.#storage = options.storage;
    this.#key = options.key;
    this.#clock = options.clock;
    this.#ttlMs = options.ttlMs;
  }

  /** Takes the lease or throws {@link SyncLeaseError} `SYNC_ALREADY_RUNNING`. */
  async acquire(runId: string): Promise<void> {
    const now = this.#clock.now();
    const mine: LeaseRecord = { runId, until: now + this.#ttlMs, startedAt: now };
    const current = await this.#storage.get<LeaseRecord>(this.#key);
    if (current !== undefined && current.until > now) {
      throw new SyncLeaseError(
        'SYNC_ALREADY_RUNNING',
        `Another sync run (${current.runId}) of this binding is in progress until ${new Date(current.until).toISOString()} at the latest. Wait for it to finish and run again.`,
        { details: { holder: current.runId, until: current.until } },
      );
    }
    if (!(await this.#storage.compareAndSet(this.#key, current, mine))) {
      const winner = await this.#storage.get<LeaseRecord>(this.#key);
      throw new SyncLeaseError('SYNC_ALREADY_RUNNING', `Another sync run${winner ? ` (${winner.runId})` : ''} of this binding started at the same moment. Wait for it to finish and run again.`, {
        details: { holder: winner?.runId, until: winner?.until },
      });
    }
    this.#held = mine;
  }

  /** Extends the lease when a third of it is spent; throws `SYNC_LEASE_LOST` if another run took it. */
  async renewIfDue(): Promise<void> {
    const held = this.#held;
    if (!held) return;
    const now = this.#clock.now();
    if (held.until - now > (this.#ttlMs * 2) / 3) return;
    const next: LeaseRecord = { ...held, until: now + this.#ttlMs };
    if (!(await this.#storage.compareAndSet(this.#key, held, next))) {
      this.#held = undefined;
      throw new SyncLeaseError('SYNC_LEASE_LOST', `Sync run ${held.runId} lost its lease (it stalled past leaseMs and another run took over). It stopped between records; the other run completes the work.`, {
        details: { runId: held.runId },
      });
    }
    this.#held = next;
  }

  /** Gives the lease back (only if still ours). */
  async release(): Promise<void> {
    const held = this.#held;
    this.#held = undefined;
    if (held) await this.#storage.compareAndSet(this.#key, held, undefined);
  }
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
