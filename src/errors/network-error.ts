import { FsmBillingError, type FsmBillingErrorOptions } from './fsm-billing-error.js';

/**
 * Thrown when no reply arrived: the connection dropped, DNS failed, or the transport timed out
 * (`code: 'TIMEOUT'`). A write that failed this way may or may not have been applied by Zoho.
 */
export class NetworkError extends FsmBillingError {
  override name = 'NetworkError';

  constructor(message: string, options: FsmBillingErrorOptions & { timeout?: boolean } = {}) {
    super(options.timeout ? 'TIMEOUT' : 'NETWORK_ERROR', message, options);
  }
}
