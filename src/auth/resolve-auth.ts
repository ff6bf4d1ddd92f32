import type { Clock } from '../clock.js';
import { ConfigError } from '../errors/config-error.js';
import { regionHosts, type Region } from '../regions.js';
import type { Storage } from '../storage/storage.js';
import type { Transport } from '../transport/transport.js';
import { RefreshTokenProvider, type TokenRefreshInfo, type TokenThrottleInfo } from './refresh-token-provider.js';
import { StaticTokenProvider } from './static-token-provider.js';
import type { TokenProvider } from './token-provider.js';

/** Auth with an access token you obtained yourself: no refresh (see {@link StaticTokenProvider}). */
export interface AccessTokenAuth {
  accessToken: string;
}

/** Auth with Zoho's OAuth refresh flow (see {@link RefreshTokenProvider}). */
export interface RefreshTokenAuth {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** Refresh this long before the token expires. Default: 5 minutes. */
  refreshMarginMs?: number;
}

/**
 * The client's `auth` option: an access token, refresh-token credentials, or your own
 * {@link TokenProvider}.
 *
 * @example
 * ```ts
 * auth: { clientId, clientSecret, refreshToken }   // refreshes and caches tokens in Storage
 * auth: { accessToken }                            // one token, no refresh: short scripts
 * auth: myTokenProvider                            // { getToken, invalidate }
 * ```
 */
export type AuthOptions = AccessTokenAuth | RefreshTokenAuth | TokenProvider;

/** What {@link resolveTokenProvider} needs besides the `auth` option. */
export interface ResolveAuthDeps {
  /** The data centre: its accounts server is the only one refresh-token auth talks to. */
  region: Region;
  transport: Transport;
  storage: Storage;
  clock: Clock;
  onRefresh?: (info: TokenRefreshInfo) => void;
  onThrottled?: (info: TokenThrottleInfo) => void;
}

const SHAPES =
  'Pass `auth` as one of: { clientId, clientSecret, refreshToken } (refresh-token auth), ' +
  '{ accessToken } (a token you obtained yourself), or a TokenProvider ({ getToken(), invalidate(token) }).';

/**
 * Turns the client's `auth` option into a {@link TokenProvider}, once, at construction.
 *
 * @throws ConfigError naming the accepted shapes when `auth` matches none of them. The error
 *   names the fields it saw or missed, never their values.
 * @example
 * ```ts
 * const provider = resolveTokenProvider(
 *   { clientId, clientSecret, refreshToken },
 *   { region: 'in', transport: createFetchTransport(), storage: new MemoryStorage(), clock: systemClock },
 * );
 * ```
 */
export function resolveTokenProvider(auth: unknown, deps: ResolveAuthDeps): TokenProvider {
  if (typeof auth !== 'object' || auth === null) {
    throw new ConfigError(`Missing or invalid \`auth\` option (got ${auth === null ? 'null' : typeof auth}). ${SHAPES}`, {
      details: { option: 'auth', received: auth === null ? 'null' : typeof auth },
    });
  }
  const fields = auth as Record<string, unknown>;
  const keys = Object.keys(fields).slice(0, 20);
  if (typeof fields['getToken'] === 'function') {
    if (typeof fields['invalidate'] !== 'function') {
      throw new ConfigError(`The \`auth\` TokenProvider has getToken() but no invalidate(token); add one (it may do nothing). ${SHAPES}`, {
        details: { option: 'auth', keys },
      });
    }
    return auth as TokenProvider;
  }
  const refreshFields = ['clientId', 'clientSecret', 'refreshToken'] as const;
  // A field set to undefined counts as absent: options are often built conditionally.
  const wantsRefresh = refreshFields.some((name) => fields[name] !== undefined);
  if (wantsRefresh && fields['accessToken'] !== undefined) {
    throw new ConfigError(`The \`auth\` option mixes accessToken with refresh-token fields: pass one kind. ${SHAPES}`, {
      details: { option: 'auth', keys },
    });
  }
  if (wantsRefresh) {
    const missing = refreshFields.filter((name) => typeof fields[name] !== 'string' || fields[name] === '');
    if (missing.length > 0) {
      throw new ConfigError(`The \`auth\` option needs non-empty strings for ${missing.join(', ')}. ${SHAPES}`, {
        details: { option: 'auth', missing, keys },
      });
    }
    const { clientId, clientSecret, refreshToken, refreshMarginMs } = auth as RefreshTokenAuth;
    return new RefreshTokenProvider({
      clientId,
      clientSecret,
      refreshToken,
      accountsServer: regionHosts(deps.region).accounts,
      transport: deps.transport,
      storage: deps.storage,
      clock: deps.clock,
      ...(refreshMarginMs === undefined ? {} : { refreshMarginMs }),
      ...(deps.onRefresh ? { onRefresh: deps.onRefresh } : {}),
      ...(deps.onThrottled ? { onThrottled: deps.onThrottled } : {}),
    });
  }
  if (typeof fields['accessToken'] === 'string' && fields['accessToken'] !== '') {
    return new StaticTokenProvider({ accessToken: fields['accessToken'] });
  }
  throw new ConfigError(`The \`auth\` option matches no accepted shape (fields: ${keys.join(', ') || 'none'}). ${SHAPES}`, {
    details: { option: 'auth', keys },
  });
}
