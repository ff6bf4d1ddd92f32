// Shared by every registration-number validator. Pure and free of zod, so the validators can ship
// in the small browser entry.

/**
 * The answer of a registration-number validator: valid with the number in its compact form, or
 * invalid with a stable `reason` code and a message that says what is wrong.
 *
 * @example
 * ```ts
 * const check = validateAbn('51 824 753 556');
 * if (check.valid) save(check.value); // '51824753556'
 * else showError(check.message);      // check.reason: 'CHECKSUM', 'LENGTH', ...
 * ```
 */
export type RegistrationCheck<Reason extends string = string> =
  | { readonly valid: true; readonly value: string }
  | { readonly valid: false; readonly reason: Reason; readonly message: string };

/** A valid answer. */
export function valid(value: string): { readonly valid: true; readonly value: string } {
  return { valid: true, value };
}

/** An invalid answer. */
export function invalid<Reason extends string>(reason: Reason, message: string): { readonly valid: false; readonly reason: Reason; readonly message: string } {
  return { valid: false, reason, message };
}

/** Upper case without spaces, dots, hyphens and slashes: how people write these numbers. */
export function compact(value: string): string {
  return value.replace(/[\s.\-/]/g, '').toUpperCase();
}

/** Shows a number in a message without echoing a huge input back. */
export function shown(value: string): string {
  return JSON.stringify(value.length > 24 ? `${value.slice(0, 24)}…` : value);
}
