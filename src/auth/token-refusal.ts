import { AuthError } from '../errors/auth-error.js';
import { redact } from './redact.js';

/** Why the accounts server issued no token, as far as its reply tells. */
export type RefusalReason = 'refresh_token' | 'client' | 'too_many_tokens' | 'no_token';

/** What {@link refusalError} needs to explain a refusal. */
export interface Refusal {
  status: number;
  zohoError: string | undefined;
  zohoDescription: string | undefined;
  accountsServer: string;
  /** Values that must not leak into the error (refresh token, client secret). */
  secrets: readonly string[];
}

/** Classifies Zoho's error string (⚠️ third-party reports only, hence the lenient match). */
export function refusalReason(refusal: Pick<Refusal, 'status' | 'zohoError' | 'zohoDescription'>): RefusalReason {
  const error = (refusal.zohoError ?? '').toLowerCase().replace(/\s+/g, '_');
  if (refusal.status === 429 || /too many requests/i.test(refusal.zohoDescription ?? '')) return 'too_many_tokens';
  if (error === 'invalid_code' || error === 'invalid_grant' || error === 'invalid_token') return 'refresh_token';
  if (error === 'invalid_client' || error === 'invalid_client_secret' || error === 'unauthorized_client') return 'client';
  if (error === 'access_denied') return 'too_many_tokens';
  return 'no_token';
}

/** The `TOKEN_REFRESH_FAILED` error for a refusal, with what to do about it. Holds no secret. */
export function refusalError(refusal: Refusal): AuthError {
  const reason = refusalReason(refusal);
  const zohoError = refusal.zohoError === undefined ? undefined : redact(refusal.zohoError, refusal.secrets).slice(0, 100);
  const said = zohoError === undefined ? `HTTP ${refusal.status}` : `"${zohoError}", HTTP ${refusal.status}`;
  const server = refusal.accountsServer;
  const messages: Record<RefusalReason, string> = {
    refresh_token:
      `The Zoho accounts server ${server} refused the refresh token (${said}): it was revoked, replaced (Zoho keeps 20 per user), ` +
      `or issued by another data centre. Authorise again with access_type=offline against the accounts server of the data ` +
      `centre your Zoho account lives in, and pass the new refresh token with the matching region.`,
    client:
      `The Zoho accounts server ${server} refused the client credentials (${said}). Check the client id and secret in ` +
      `https://api-console.zoho.com, and that the client is enabled for this data centre (Multi-DC settings: the secret ` +
      `can differ per data centre).`,
    too_many_tokens:
      `The Zoho accounts server ${server} refused to issue another access token (${said}). Zoho allows 10 access tokens ` +
      `per refresh token in 10 minutes and blocks the client for the rest of the window: wait 10 minutes, and make every ` +
      `worker share tokens through one Storage instead of refreshing on its own.`,
    no_token:
      `The Zoho accounts server ${server} returned no access token (${said}). Check the client id, client secret and ` +
      `refresh token, and that they belong to this data centre.`,
  };
  return new AuthError(messages[reason], {
    code: 'TOKEN_REFRESH_FAILED',
    details: { reason, status: refusal.status, zohoError, accountsServer: server },
  });
}
