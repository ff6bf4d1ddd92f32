/** What the Storage holds under `auth/token/<key>`: JSON data, shared by every process. */
export interface CachedToken {
  token: string;
  /** Expiry, ms since the epoch. */
  expiresAt: number;
  /** When it was minted (the request's send time), ms since the epoch. */
  obtainedAt: number;
  /** Zoho's `api_domain`, kept for information only and only when it is a known Zoho origin. */
  apiDomain?: string;
}

/** Narrows what Storage returned; anything malformed counts as no cache. */
export function asCachedToken(value: unknown): CachedToken | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { token, expiresAt, obtainedAt, apiDomain } = value as Record<string, unknown>;
  if (typeof token !== 'string' || token === '') return undefined;
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) return undefined;
  if (typeof obtainedAt !== 'number' || !Number.isFinite(obtainedAt)) return undefined;
  const record: CachedToken = { token, expiresAt, obtainedAt };
  if (typeof apiDomain === 'string') record.apiDomain = apiDomain;
  return record;
}

/**
 * True while the token is usable for a call: before its expiry minus the margin. The margin is
 * capped at half the token's lifetime, so a short-lived token is still used rather than re-minted
 * on every call (which would burn the 10-per-10-minutes budget).
 */
export function isFresh(record: CachedToken, now: number, marginMs: number): boolean {
  const margin = Math.min(marginMs, Math.max(0, (record.expiresAt - record.obtainedAt) / 2));
  return now < record.expiresAt - margin;
}
