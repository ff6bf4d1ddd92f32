export type { AccessToken, GetTokenOptions, TokenProvider } from './token-provider.js';
export { StaticTokenProvider, type StaticTokenProviderOptions } from './static-token-provider.js';
export {
  RefreshTokenProvider,
  type RefreshTokenProviderOptions,
  type TokenRefreshInfo,
  type TokenThrottleInfo,
} from './refresh-token-provider.js';
export {
  resolveTokenProvider,
  type AuthOptions,
  type AccessTokenAuth,
  type RefreshTokenAuth,
  type ResolveAuthDeps,
} from './resolve-auth.js';
