import { FsmBillingError, type FsmBillingErrorOptions } from './fsm-billing-error.js';

/** Stable codes of authentication failures. */
export type AuthErrorCode =
  /** Zoho refused the access token twice in a row (HTTP 401 / code 57 after a fresh token). */
  | 'AUTH_FAILED'
  /** The accounts server refused the refresh token or client credentials. */
  | 'TOKEN_REFRESH_FAILED'
  /** A user-supplied TokenProvider failed or returned no token. */
  | 'TOKEN_PROVIDER_FAILED'
  /** The access token holds a character that cannot go in an HTTP header (not printable ASCII); it was not sent. */
  | 'INVALID_ACCESS_TOKEN';

/**
 * Thrown when Zoho does not accept the credentials. The message says whether to re-authorise
 * (a revoked refresh token), fix the client id/secret, or grant a missing scope. It never holds a
 * token or a secret.
 */
export class AuthError extends FsmBillingError {
  override name = 'AuthError';
  declare readonly code: AuthErrorCode;

  constructor(message: string, options: FsmBillingErrorOptions & { code?: AuthErrorCode } = {}) {
    super(options.code ?? 'AUTH_FAILED', message, options);
  }
}
