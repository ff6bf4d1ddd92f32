import type { TransportResponse } from '../transport/transport.js';

/** What one reply of `POST /oauth/v2/token` means. */
export type TokenReply =
  | { kind: 'token'; accessToken: string; expiresInMs: number; apiDomain: string | undefined }
  /** The accounts server answered but issued no token: retrying will not help. */
  | { kind: 'refused'; status: number; zohoError: string | undefined; zohoDescription: string | undefined }
  /** A server-side failure (5xx, 408): worth retrying. */
  | { kind: 'unavailable'; status: number };

/** Zoho: the access token is usable "for up to an hour"; assumed when the reply omits it. */
const DEFAULT_LIFETIME_MS = 3_600_000;

/**
 * Reads a reply of the accounts server. Zoho reports refusals as `{"error": "invalid_code"}` with
 * HTTP 200 or 400, so success means "has an access_token", not "status 200".
 */
export function readTokenReply(response: TransportResponse): TokenReply {
  const { status } = response;
  if (status >= 500 || status === 408) return { kind: 'unavailable', status };
  const body = asObject(response.body);
  const accessToken = body?.['access_token'];
  if (status < 400 && typeof accessToken === 'string' && accessToken !== '') {
    return {
      kind: 'token',
      accessToken,
      expiresInMs: lifetimeMs(body),
      apiDomain: typeof body?.['api_domain'] === 'string' ? body['api_domain'] : undefined,
    };
  }
  return {
    kind: 'refused',
    status,
    zohoError: typeof body?.['error'] === 'string' ? body['error'] : undefined,
    zohoDescription: typeof body?.['error_description'] === 'string' ? body['error_description'] : undefined,
  };
}

/**
 * Zoho: `expires_in` is in seconds, except in replies that also carry `expires_in_sec`,
 * where `expires_in` is in milliseconds — so `expires_in_sec` wins when present.
 */
function lifetimeMs(body: Record<string, unknown> | undefined): number {
  const seconds = positiveNumber(body?.['expires_in_sec']) ?? positiveNumber(body?.['expires_in']);
  return seconds === undefined ? DEFAULT_LIFETIME_MS : seconds * 1000;
}

function positiveNumber(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}

function asObject(body: unknown): Record<string, unknown> | undefined {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
