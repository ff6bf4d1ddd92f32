/** What replaces a secret in text the SDK passes on. */
export const REDACTED = '[redacted]';

/**
 * Returns `text` with every occurrence of each secret replaced by `[redacted]`. Used on text that
 * comes from elsewhere (a transport's error message, Zoho's error string) before it goes into an
 * error the user may log.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join(REDACTED);
  return out;
}
