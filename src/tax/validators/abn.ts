import { compact, invalid, shown, valid, type RegistrationCheck } from './registration-check.js';

/** Why an ABN is refused. */
export type AbnFailure = 'EMPTY' | 'CHARACTERS' | 'LENGTH' | 'LEADING_ZERO' | 'CHECKSUM';

// Australian Business Register: subtract 1 from the first digit, weight the digits, and the sum
// must be a multiple of 89.
const WEIGHTS = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];

/**
 * Checks an Australian Business Number: 11 digits, the first not 0, whose weighted sum (first
 * digit minus 1) is divisible by 89. Spaces are ignored.
 *
 * @example
 * ```ts
 * validateAbn('51 824 753 556'); // { valid: true, value: '51824753556' }
 * validateAbn('51 824 753 557').valid; // false, reason 'CHECKSUM'
 * ```
 */
export function validateAbn(input: string): RegistrationCheck<AbnFailure> {
  const value = compact(input);
  if (value === '') return invalid('EMPTY', 'Enter the 11-digit ABN.');
  if (!/^\d+$/.test(value)) return invalid('CHARACTERS', `An ABN holds only digits; got ${shown(input)}.`);
  if (value.length !== 11) return invalid('LENGTH', `An ABN has 11 digits; ${shown(value)} has ${value.length}.`);
  if (value.startsWith('0')) return invalid('LEADING_ZERO', 'An ABN never starts with 0.');
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * (Number(value.charAt(i)) - (i === 0 ? 1 : 0)), 0);
  if (sum % 89 !== 0) return invalid('CHECKSUM', `${value} fails the ABN checksum (weighted sum not divisible by 89): a digit was mistyped.`);
  return valid(value);
}
