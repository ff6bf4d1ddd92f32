/** What stands in for a secret that a reply quoted back. */
export const REDACTED = '[redacted]';

/**
 * A copy of `value` with every occurrence of `secret` in its strings replaced by `[redacted]`.
 * Error replies can quote the request back (a debugging proxy echoing headers, an error message
 * quoting the authtoken); what the SDK then puts in an error must not carry the token on.
 */
export function scrubSecret(value: unknown, secret: string): unknown {
  if (secret.length === 0) return value;
  if (typeof value === 'string') return value.includes(secret) ? value.split(secret).join(REDACTED) : value;
  if (Array.isArray(value)) return value.map((item) => scrubSecret(item, secret));
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // defineProperty: a `__proto__` key from JSON.parse stays plain data.
      Object.defineProperty(copy, key, { value: scrubSecret(item, secret), enumerable: true, writable: true, configurable: true });
    }
    return copy;
  }
  return value;
}
