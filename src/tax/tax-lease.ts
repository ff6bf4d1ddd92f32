import type { Clock } from '../clock.js';
import { SyncLeaseError } from '../errors/sync-lease-error.js';
import { TaxError } from '../errors/tax-error.js';
import type { Storage } from '../storage/storage.js';
import { RunLease } from '../storage/run-lease.js';

/** Which tax operation wants the lease (it names itself in the refusal). */
export type TaxOperation = 'push' | 'pull';

/** Options of {@link withTaxLease}. */
export interface TaxLeaseOptions {
  /** The storage every process working on this org shares. */
  storage: Storage;
  organizationId: string;
  /** The client's clock: lease times are on it. */
  clock: Clock;
  /** How long the lease lasts without a renewal, in ms. */
  leaseMs: number;
  operation: TaxOperation;
}

/**
 * The lease's storage key. It sits outside `tax/<org>/` on purpose: a pull's `replaceAll` deletes
 * everything under that prefix, and would delete the lease it runs under.
 */
export const taxLeaseKey = (organizationId: string): string => `tax-lease/${organizationId}`;

/**
 * Runs `work` while holding the tax lease of one finance organisation, so only one push or pull
 * of that org runs at a time, across processes sharing the storage. `work` gets `renew`, which it
 * calls between objects: it extends the lease when a third of it is spent, and throws
 * `TAX_LEASE_LOST` when another operation took the lease over. The lease is released at the end,
 * whether `work` succeeds or fails; a crashed process leaves it to expire after `leaseMs`.
 *
 * @throws TaxError `TAX_OPERATION_RUNNING` when another push or pull of the org holds the lease;
 *   `TAX_LEASE_LOST` from `renew`.
 *
 * @example
 * ```ts
 * const config = await withTaxLease({ storage, organizationId, clock, leaseMs: 600_000, operation: 'pull' }, (renew) => pullTaxes(ctx, { signal, renew }));
 * ```
 */
export async function withTaxLease<T>(options: TaxLeaseOptions, work: (renew: () => Promise<void>) => Promise<T>): Promise<T> {
  const { storage, organizationId, clock, leaseMs, operation } = options;
  const key = taxLeaseKey(organizationId);
  const lease = new RunLease({ storage, key, clock, ttlMs: leaseMs });
  try {
    await lease.acquire(globalThis.crypto.randomUUID());
  } catch (error) {
    if (!(error instanceof SyncLeaseError)) throw error;
    // `until` is missing when the holder released between our read and our write: a lease taken since then ends within leaseMs.
    const until = new Date(typeof error.details.until === 'number' ? error.details.until : clock.now() + leaseMs).toISOString();
    throw new TaxError(
      'TAX_OPERATION_RUNNING',
      `TaxSync.${operation}() cannot start: another push or pull of organisation ${organizationId} is in progress until ${until} at the latest. Wait for it to finish and run again.`,
      { details: { organizationId, until }, cause: error },
    );
  }
  const stoppedAt = operation === 'push' ? 'before its next object' : 'before writing anything';
  const renew = async (): Promise<void> => {
    try {
      await lease.renewIfDue();
    } catch (error) {
      if (!(error instanceof SyncLeaseError)) throw error;
      throw new TaxError(
        'TAX_LEASE_LOST',
        `TaxSync.${operation}() of organisation ${organizationId} stalled past leaseMs (${leaseMs} ms) and another push or pull took over. It stopped ${stoppedAt}; nothing is duplicated: the other operation finishes the work.`,
        { details: { organizationId }, cause: error },
      );
    }
  };
  try {
    return await work(renew);
  } finally {
    // A failed release (the storage went away) must not hide the operation's own outcome: the lease then expires after leaseMs.
    await lease.release().catch(() => undefined);
  }
}