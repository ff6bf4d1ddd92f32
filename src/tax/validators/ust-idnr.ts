import { compact, invalid, shown, valid, type RegistrationCheck } from './registration-check.js';

/** Why a German USt-IdNr is refused. */
export type UstIdNrFailure = 'EMPTY' | 'COUNTRY_PREFIX' | 'CHARACTERS' | 'LENGTH' | 'LEADING_ZERO' | 'CHECK_DIGIT';

/** The ISO 7064 MOD 11,10 check digit of a digit string. */
export function mod1110CheckDigit(digits: string): number {
  let product = 10;
  for (const char of digits) {
    let sum = (Number(char) + product) % 10;
    if (sum === 0) sum = 10;
    product = (2 * sum) % 11;
  }
  return (11 - product) % 10;
}

/**
 * Checks a German VAT identification number (Umsatzsteuer-Identifikationsnummer): `DE` and 9
 * digits, the first not 0, the last an ISO 7064 MOD 11,10 check digit. The `DE` prefix may be left out.
 *
 * @example
 * ```ts
 * validateUstIdNr('DE 136 695 976'); // { valid: true, value: 'DE136695976' }
 * validateUstIdNr('DE136695977').reason; // 'CHECK_DIGIT'
 * ```
 */
export function validateUstIdNr(input: string): RegistrationCheck<UstIdNrFailure> {
  let value = compact(input);
  if (value === '') return invalid('EMPTY', 'Enter the USt-IdNr (DE and 9 digits).');
  const prefix = /^[A-Z]{2}/.exec(value)?.[0];
  if (prefix !== undefined && prefix !== 'DE') return invalid('COUNTRY_PREFIX', `A German USt-IdNr starts with DE; got ${prefix}.`);
  if (prefix === 'DE') value = value.slice(2);
  if (!/^\d+$/.test(value)) return invalid('CHARACTERS', `A USt-IdNr is DE followed by 9 digits; got ${shown(input)}.`);
  if (value.length !== 9) return invalid('LENGTH', `A USt-IdNr has 9 digits after DE; ${shown(value)} has ${value.length}.`);
  if (value.startsWith('0')) return invalid('LEADING_ZERO', 'The digits of a USt-IdNr never start with 0.');
  const expected = mod1110CheckDigit(value.slice(0, 8));
  if (Number(value.charAt(8)) !== expected) return invalid('CHECK_DIGIT', `The check digit of DE${value} should be ${expected}: a digit was mistyped.`);
  return valid(`DE${value}`);
}
