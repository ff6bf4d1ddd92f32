import { AuthError } from '../errors/auth-error.js';
import type { AccessToken, GetTokenOptions, TokenProvider } from './token-provider.js';

/** Options of {@link StaticTokenProvider}. */
export interface StaticTokenProviderOptions {
  /** An access token you obtained yourself (valid for up to an hour). */
  accessToken: string;
}

/**
 * Always returns the same access token. Meant for scripts and tests that run for less than the
 * token's lifetime: it cannot refresh, so once Zoho refuses the token every later call fails with
 * `AuthError` (`AUTH_FAILED`). Use {@link RefreshTokenProvider} for anything long-running.
 *
 * @example
 * ```ts
 * const client = new IntegrationClient({ region: 'in', auth: { accessToken: process.env.ZOHO_TOKEN! }, ... });
 * // or explicitly:
 * const auth = new StaticTokenProvider({ accessToken: process.env.ZOHO_TOKEN! });
 * ```
 */
export class StaticTokenProvider implements TokenProvider {
  readonly #token: string;
  #refused = false;

  constructor(options: StaticTokenProviderOptions) {
    this.#token = options.accessToken;
  }

  /** The token, or `AuthError` (`AUTH_FAILED`) once Zoho has refused it. */
  getToken(options: GetTokenOptions = {}): Promise<AccessToken> {
    if (options.signal?.aborted) return Promise.reject(options.signal.reason);
    if (this.#refused) {
      return Promise.reject(
        new AuthError('the access token was refused; pass a fresh one or use refresh-token auth', { code: 'AUTH_FAILED' }),
      );
    }
    return Promise.resolve({ token: this.#token });
  }

  /** Marks the token as refused when it is this provider's token. */
  invalidate(token: string): void {
    if (token === this.#token) this.#refused = true;
  }
}
