import { FsmBillingError, type FsmBillingErrorOptions } from './fsm-billing-error.js';

/**
 * Thrown at construction (or at the first call that needs the setting) when options are missing or
 * contradictory: an unknown region, a finance call without an organisation id, a limit that is not a
 * positive number. The message names the option and the accepted values.
 */
export class ConfigError extends FsmBillingError {
  override name = 'ConfigError';

  constructor(message: string, options: FsmBillingErrorOptions = {}) {
    super('INVALID_CONFIG', message, options);
  }
}
