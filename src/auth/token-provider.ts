/** An access token and, when known, when it stops working. */
export interface AccessToken {
  /** The value sent as `Authorization: Zoho-oauthtoken <token>`. */
  token: string;
  /** When the token expires, in ms since the Unix epoch. Absent when unknown. */
  expiresAt?: number;
}

/** Options of {@link TokenProvider.getToken}. */
export interface GetTokenOptions {
  /** Aborts the wait for a token; the call rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Where the client gets the access token for each call to Zoho. The SDK ships
 * {@link StaticTokenProvider} and {@link RefreshTokenProvider}; implement this interface to plug in
 * your own auth (a secrets manager, a token service shared by many apps).
 *
 * The client calls `getToken` before every request, so make it cheap once a token is cached. When
 * Zoho answers HTTP 401 the client calls `invalidate(token)` and then `getToken` once more.
 *
 * @example
 * ```ts
 * const provider: TokenProvider = {
 *   async getToken({ signal } = {}) {
 *     const res = await fetch('https://tokens.internal/zoho', signal ? { signal } : {});
 *     const { token, expiresAt } = (await res.json()) as { token: string; expiresAt: number };
 *     return { token, expiresAt };
 *   },
 *   invalidate(token) {
 *     void fetch('https://tokens.internal/zoho/refused', { method: 'POST', body: token });
 *   },
 * };
 * const client = new IntegrationClient({ region: 'in', auth: provider, ... });
 * ```
 */
export interface TokenProvider {
  /** A token valid for the next call. Rejects with the signal's reason when aborted. */
  getToken(options?: GetTokenOptions): Promise<AccessToken>;
  /** Zoho refused this token (HTTP 401): the next getToken must not return it. */
  invalidate(token: string): Promise<void> | void;
}
