import { FsmBillingError, type FsmBillingErrorOptions } from './fsm-billing-error.js';

/**
 * Thrown by `syncer.conflicts.resolve(id, choice)` when no open conflict has that id: it was
 * resolved already, or the field converged on its own (both sides now agree). `details.id` is the
 * id given. List the open ones with `syncer.conflicts.list()`.
 */
export class ConflictNotFoundError extends FsmBillingError {
  override name = 'ConflictNotFoundError';

  constructor(message: string, options: FsmBillingErrorOptions = {}) {
    super('SYNC_CONFLICT_NOT_FOUND', message, options);
  }
}
