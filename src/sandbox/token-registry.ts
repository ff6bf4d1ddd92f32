import type { Clock } from '../clock.js';
import type { Region } from '../regions.js';
import type { SeededRandom } from './random.js';

/** Who an access token acts for. */
export interface TokenOwner {
  email: string;
  region: Region;
}

interface RefreshTokenState extends TokenOwner {
  clientId: string;
  revoked: boolean;
  windowStart: number;
  issuedInWindow: number;
}

interface AccessTokenState extends TokenOwner {
  expiresAt: number;
}

interface GrantState extends TokenOwner {
  clientId: string;
  expiresAt: number;
}

/** Why the accounts server refused to issue a token. */
export type TokenRefusal = 'invalid_code' | 'invalid_client' | 'too_many_requests';

/** Lifetime of an access token: "up to an hour". */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;
const GRANT_TTL_MS = 2 * 60_000;

/** Options of the refresh-token budget. */
export interface TokenBudget {
  /** Access tokens per refresh token per window. Default: 10. */
  perWindow: number;
  /** Window length in ms. Default: 10 minutes. */
  windowMs: number;
}

/**
 * The accounts server's memory: refresh tokens (one per user, bound to a client), access tokens
 * with their expiry on the clock, grant codes, and the "ten access tokens per refresh token in
 * ten minutes" budget — once spent, issuing is blocked for the rest of the window.
 */
export class TokenRegistry {
  readonly #random: SeededRandom;
  readonly #clock: Clock;
  readonly #budget: TokenBudget | false;
  readonly #refresh = new Map<string, RefreshTokenState>();
  readonly #access = new Map<string, AccessTokenState>();
  readonly #grants = new Map<string, GrantState>();

  constructor(random: SeededRandom, clock: Clock, budget: TokenBudget | false = { perWindow: 10, windowMs: 600_000 }) {
    this.#random = random;
    this.#clock = clock;
    this.#budget = budget;
  }

  /** A new token-looking string: `1000.<32 hex>.<32 hex>`. */
  newToken(): string {
    return `1000.${this.#random.chars(32)}.${this.#random.chars(32)}`;
  }

  /** Registers a user's refresh token. */
  addRefreshToken(token: string, owner: TokenOwner, clientId: string): void {
    this.#refresh.set(token, { ...owner, clientId, revoked: false, windowStart: 0, issuedInWindow: 0 });
  }

  /** The owner of a refresh token, unless unknown or revoked. */
  refreshTokenOwner(token: string): (TokenOwner & { clientId: string }) | undefined {
    const state = this.#refresh.get(token);
    return state && !state.revoked ? { email: state.email, region: state.region, clientId: state.clientId } : undefined;
  }

  /** Exchanges a refresh token for a new access token, within the budget. */
  refresh(token: string, clientId: string, region: Region): { accessToken: string } | TokenRefusal {
    const state = this.#refresh.get(token);
    if (!state || state.revoked || state.region !== region) return 'invalid_code';
    if (state.clientId !== clientId) return 'invalid_client';
    const now = this.#clock.now();
    if (this.#budget !== false) {
      if (now - state.windowStart >= this.#budget.windowMs) {
        state.windowStart = now;
        state.issuedInWindow = 0;
      }
      if (state.issuedInWindow >= this.#budget.perWindow) return 'too_many_requests';
      state.issuedInWindow += 1;
    }
    return { accessToken: this.issueAccessToken(state) };
  }

  /** Issues an access token directly (inspection helper: no budget). */
  issueAccessToken(owner: TokenOwner): string {
    const token = this.newToken();
    this.#access.set(token, { email: owner.email, region: owner.region, expiresAt: this.#clock.now() + ACCESS_TOKEN_TTL_SECONDS * 1000 });
    return token;
  }

  /** Issues a one-time grant code for the authorization-code flow. */
  issueGrant(owner: TokenOwner, clientId: string): string {
    const code = this.newToken();
    this.#grants.set(code, { ...owner, clientId, expiresAt: this.#clock.now() + GRANT_TTL_MS });
    return code;
  }

  /** Redeems a grant code: the user's refresh token and a new access token. */
  redeemGrant(code: string, clientId: string, region: Region): { accessToken: string; refreshToken: string } | TokenRefusal {
    const grant = this.#grants.get(code);
    this.#grants.delete(code);
    if (!grant || grant.expiresAt <= this.#clock.now() || grant.region !== region) return 'invalid_code';
    if (grant.clientId !== clientId) return 'invalid_client';
    const refreshToken = [...this.#refresh.entries()].find(([, s]) => s.email === grant.email && !s.revoked)?.[0];
    if (refreshToken === undefined) return 'invalid_code';
    return { refreshToken, accessToken: this.issueAccessToken(grant) };
  }

  /** Revokes a refresh token (and nothing else: issued access tokens live on until they expire). */
  revoke(token: string): boolean {
    const state = this.#refresh.get(token);
    if (!state) return false;
    state.revoked = true;
    return true;
  }

  /** Who an access token acts for; `'expired'` after its hour; `undefined` when unknown. */
  resolve(accessToken: string): TokenOwner | 'expired' | undefined {
    const state = this.#access.get(accessToken);
    if (!state) return undefined;
    if (state.expiresAt <= this.#clock.now()) return 'expired';
    return { email: state.email, region: state.region };
  }

  /** Expires every access token now (tests of token refresh). */
  expireAccessTokens(): void {
    const now = this.#clock.now();
    for (const state of this.#access.values()) state.expiresAt = Math.min(state.expiresAt, now);
  }
}
