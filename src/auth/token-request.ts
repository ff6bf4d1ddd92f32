import type { Clock } from '../clock.js';
import { ApiError } from '../errors/api-error.js';
import { FsmBillingError } from '../errors/fsm-billing-error.js';
import { NetworkError } from '../errors/network-error.js';
import { RedirectRefusedError } from '../errors/redirect-refused-error.js';
import { allKnownOrigins } from '../regions.js';
import type { Transport } from '../transport/transport.js';
import type { CachedToken } from './cached-token.js';
import { redact } from './redact.js';
import { refusalError } from './token-refusal.js';
import { readTokenReply } from './token-reply.js';

/** The credentials and I/O one refresh attempt needs. */
export interface TokenRequestContext {
  accountsServer: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  transport: Transport;
  clock: Clock;
}

/** The outcome of one attempt; a refusal is thrown as `AuthError` instead. */
export type TokenAttempt =
  | { kind: 'token'; record: CachedToken }
  /** No token this time, but another attempt may succeed. The error holds no request and no secret. */
  | { kind: 'retryable'; error: NetworkError | ApiError };

/**
 * Sends one `POST {accountsServer}/oauth/v2/token` with the refresh grant.
 *
 * The credentials go in a form body, never the URL (URLs end up in proxy logs and error details).
 * @throws AuthError `TOKEN_REFRESH_FAILED` when the accounts server refuses; the signal's reason on abort.
 */
export async function requestAccessToken(context: TokenRequestContext, signal: AbortSignal): Promise<TokenAttempt> {
  const url = `${context.accountsServer}/oauth/v2/token`;
  const secrets = secretSpellings([context.refreshToken, context.clientSecret]);
  const body = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: context.clientId,
    client_secret: context.clientSecret,
    refresh_token: context.refreshToken,
  });
  const sentAt = context.clock.now();
  let response;
  try {
    response = await context.transport.send({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    // A redirect was refused: nothing went to the other host, and asking again gets the same answer.
    if (error instanceof RedirectRefusedError) throw error;
    return { kind: 'retryable', error: unreachable(error, url, secrets) };
  }
  // A transport that reports redirects instead of refusing them: the Location is never followed,
  // and a token in a 3xx body is not taken.
  if (response.status >= 300 && response.status < 400) throw new RedirectRefusedError(response.status, 'POST', url);
  const reply = readTokenReply(response);
  if (reply.kind === 'refused') throw refusalError({ ...reply, accountsServer: context.accountsServer, secrets });
  if (reply.kind === 'unavailable') {
    const message = `The Zoho accounts server ${context.accountsServer} failed with HTTP ${reply.status} while refreshing the access token. It is usually brief: try again in a minute.`;
    return { kind: 'retryable', error: new ApiError(message, { status: reply.status, method: 'POST', url }) };
  }
  const record: CachedToken = { token: reply.accessToken, obtainedAt: sentAt, expiresAt: sentAt + reply.expiresInMs };
  const apiDomain = knownOrigin(reply.apiDomain);
  if (apiDomain !== undefined) record.apiDomain = apiDomain;
  return { kind: 'token', record };
}

/**
 * A NetworkError for a failed send whose cause is rebuilt from the original's name and message
 * only: a transport error may carry the request (with the form body) in its own fields or cause.
 */
function unreachable(error: unknown, url: string, secrets: readonly string[]): NetworkError {
  const original = error instanceof Error ? error : new Error(String(error));
  const cause = new Error(redact(original.message, secrets));
  cause.name = original.name;
  const timeout = original instanceof FsmBillingError && original.code === 'TIMEOUT';
  return new NetworkError(
    `The Zoho accounts server could not be reached to refresh the access token (${cause.name}: ${cause.message}). Check the network, then try again.`,
    { timeout, cause, details: { method: 'POST', url } },
  );
}

/** Each secret as typed, URL-encoded and form-encoded: a transport's error may quote the encoded body. */
function secretSpellings(secrets: readonly string[]): string[] {
  const out = new Set<string>();
  for (const secret of secrets) {
    out.add(secret);
    out.add(encodeURIComponent(secret));
    out.add(new URLSearchParams({ s: secret }).toString().slice(2));
  }
  // Longest first, so a spelling that contains another is redacted whole.
  return [...out].sort((a, b) => b.length - a.length);
}

/** `api_domain` is kept only when it is one of our Zoho origins; it is never used for routing. */
function knownOrigin(apiDomain: string | undefined): string | undefined {
  if (apiDomain === undefined) return undefined;
  try {
    const origin = new URL(apiDomain).origin;
    return allKnownOrigins().has(origin) ? origin : undefined;
  } catch {
    return undefined;
  }
}
