/** What stands in for a secret that a reply quoted back. */
export const REDACTED = '[redacted]';

/**
 * `text` with every occurrence of each secret replaced by `[redacted]`, longest secret first so a
 * secret that contains another is redacted whole.
 */
export function redactText(text: string, secrets: string | readonly string[]): string {
  let out = text;
  for (const secret of ordered(secrets)) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/**
 * A copy of `value` with every occurrence of each secret in its strings replaced by `[redacted]`.
 * Error replies can quote the request back (a debugging proxy echoing headers, an error message
 * quoting the authtoken); what the SDK then puts in an error must not carry the token on.
 *
 * Iterative, with an explicit stack: an error body of 200 000 nested arrays (400 KB) is copied
 * like any other instead of overflowing the call stack. A value seen twice (or a cycle, from a
 * custom transport) is copied once.
 */
export function scrubSecret(value: unknown, secrets: string | readonly string[]): unknown {
  const list = ordered(secrets);
  if (list.length === 0) return value;
  if (typeof value === 'string') return redactText(value, list);
  if (typeof value !== 'object' || value === null) return value;
  const copies = new Map<object, unknown[] | Record<string, unknown>>();
  const copyOf = (source: object): unknown[] | Record<string, unknown> => {
    let copy = copies.get(source);
    if (copy === undefined) {
      copy = Array.isArray(source) ? new Array<unknown>(source.length) : {};
      copies.set(source, copy);
      pending.push([source, copy]);
    }
    return copy;
  };
  const pending: Array<[object, unknown[] | Record<string, unknown>]> = [];
  const root = copyOf(value);
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [source, copy] = next;
    for (const [key, item] of Object.entries(source)) {
      const scrubbed = typeof item === 'string' ? redactText(item, list) : typeof item === 'object' && item !== null ? copyOf(item) : item;
      // defineProperty: a `__proto__` key from JSON.parse stays plain data.
      Object.defineProperty(copy, key, { value: scrubbed, enumerable: true, writable: true, configurable: true });
    }
  }
  return root;
}

function ordered(secrets: string | readonly string[]): string[] {
  return (typeof secrets === 'string' ? [secrets] : [...secrets]).filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
}
