import { FsmBillingError, type FsmBillingErrorOptions } from './fsm-billing-error.js';

/** Why a sync run could not hold its lease. */
export type SyncLeaseErrorCode =
  /** Another run of the same binding holds the lease. */
  | 'SYNC_ALREADY_RUNNING'
  /** The lease expired during the run and another run took it: this run committed nothing since, and stopped. */
  | 'SYNC_LEASE_LOST';

/**
 * Thrown by `BidirectionalSyncer.run()` when another run of the same binding (the same storage,
 * the same two sources) is in progress — two runs never overlap — or when this run lost its lease
 * (its process stalled longer than `leaseMs` and another run took over: every commit checks the
 * lease in the same storage batch, so nothing was committed after that). `details.holder` names
 * the other run and `details.until` when its lease ends.
 *
 * What to do: wait for the other run and try again; a lease left by a crashed run expires after
 * `leaseMs` (default ten minutes).
 */
export class SyncLeaseError extends FsmBillingError {
  override name = 'SyncLeaseError';
  declare readonly code: SyncLeaseErrorCode;

  constructor(code: SyncLeaseErrorCode, message: string, options: FsmBillingErrorOptions = {}) {
    super(code, message, options);
  }
}
