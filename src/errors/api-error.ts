import { FsmBillingError, type FsmBillingErrorOptions } from './fsm-billing-error.js';

/** What the SDK knows about a failed call to Zoho. */
export interface ApiErrorInit extends FsmBillingErrorOptions {
  /** HTTP status of the reply (0 when no reply arrived). */
  status: number;
  /** Zoho's own error code (`1002`, `3062`, `'INVALID_DATA'` ...), when the body carried one. */
  zohoCode?: number | string | undefined;
  /** Zoho's own message, verbatim. */
  zohoMessage?: string | undefined;
  /** `GET`, `POST`, ... */
  method?: string | undefined;
  /** The URL called, without credentials. */
  url?: string | undefined;
}

/**
 * Thrown when Zoho answers with an error: a non-zero `code` in a Books/Invoice envelope, a
 * per-record error from FSM, or an HTTP error status with no usable body (an HTML page from a
 * proxy, a truncated reply).
 *
 * Read `status`, `zohoCode` and `zohoMessage` to decide what to do; `code` is `ZOHO_API_ERROR`
 * unless a subclass narrows it.
 */
export class ApiError extends FsmBillingError {
  override name = 'ApiError';
  readonly status: number;
  readonly zohoCode: number | string | undefined;
  readonly zohoMessage: string | undefined;

  constructor(message: string, init: ApiErrorInit, code = 'ZOHO_API_ERROR') {
    super(code, message, {
      details: {
        status: init.status,
        zohoCode: init.zohoCode,
        zohoMessage: init.zohoMessage,
        method: init.method,
        url: init.url,
        ...init.details,
      },
      cause: init.cause,
    });
    this.status = init.status;
    this.zohoCode = init.zohoCode;
    this.zohoMessage = init.zohoMessage;
  }
}
