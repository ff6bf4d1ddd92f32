import { ValidationError } from '../errors/validation-error.js';

// Zoho ids are numeric strings; FSM and Books both stay within this alphabet. Anything else
// (`/`, `..`, `?`, `#`, spaces) could move the request to another path and is refused, not encoded:
// WHATWG URL parsing turns an encoded `%2e%2e` segment back into `..`.
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Checks that `id` is a Zoho record id and returns it as a path segment.
 * @throws ValidationError (INVALID_INPUT) naming the parameter when it is not.
 */
export function idSegment(id: unknown, parameter: string): string {
  const text = typeof id === 'number' && Number.isSafeInteger(id) ? String(id) : id;
  if (typeof text !== 'string' || !ID_PATTERN.test(text)) {
    throw new ValidationError(
      `${parameter} must be a Zoho record id (letters, digits, '_' or '-', at most 64); got ${JSON.stringify(typeof text === 'string' ? text.slice(0, 80) : typeof text)}.`,
      [{ path: [parameter], message: 'not a Zoho id', code: 'invalid_id' }],
    );
  }
  return text;
}
