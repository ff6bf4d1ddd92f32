import { compact, invalid, shown, valid, type RegistrationCheck } from './registration-check.js';

/** Why a Canadian Business Number is refused. */
export type CanadaBnFailure = 'EMPTY' | 'CHARACTERS' | 'LENGTH' | 'CHECK_DIGIT' | 'PROGRAM' | 'REFERENCE';

/**
 * CRA program identifiers of a program account (BN15): RT GST/HST, RP payroll, RC corporate
 * income tax, RM import/export, RR charity, RZ information returns, RD/RE/RG/RN/SL excise and
 * special levies.
 */
export const CANADA_BN_PROGRAMS = ['RT', 'RP', 'RC', 'RM', 'RR', 'RZ', 'RD', 'RE', 'RG', 'RN', 'SL'] as const;

/** True when the digits pass the Luhn (mod 10) check. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits.charAt(digits.length - 1 - i));
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Checks a Canadian Business Number: 9 digits passing the Luhn check, optionally followed by a
 * program account — a program identifier and a 4-digit reference (`123456782RT0001`, the GST/HST
 * account Books records on a tax authority).
 *
 * @example
 * ```ts
 * validateCanadaBn('123456782');        // { valid: true, value: '123456782' }
 * validateCanadaBn('123456782 RT 0001'); // { valid: true, value: '123456782RT0001' }
 * validateCanadaBn('123456789').reason;  // 'CHECK_DIGIT'
 * ```
 */
export function validateCanadaBn(input: string): RegistrationCheck<CanadaBnFailure> {
  const value = compact(input);
  if (value === '') return invalid('EMPTY', 'Enter the 9-digit Business Number (BN), optionally with its program account (RT0001).');
  const parts = /^(\d*)([A-Z]*)(\d*)$/.exec(value);
  const [, bn = '', program = '', reference = ''] = parts ?? [];
  if (!parts) return invalid('CHARACTERS', `A Business Number is 9 digits, then optionally 2 letters and 4 digits; got ${shown(input)}.`);
  if (bn.length !== 9) return invalid('LENGTH', `A Business Number has 9 digits; ${shown(bn)} has ${bn.length}.`);
  if (!luhnValid(bn)) return invalid('CHECK_DIGIT', `${bn} fails the Business Number check digit (Luhn): a digit was mistyped.`);
  if (program === '' && reference === '') return valid(bn);
  if (!(CANADA_BN_PROGRAMS as readonly string[]).includes(program)) {
    return invalid('PROGRAM', `A program account starts with a CRA program identifier (${CANADA_BN_PROGRAMS.join(', ')}); got ${shown(program)}.`);
  }
  if (!/^\d{4}$/.test(reference) || reference === '0000') return invalid('REFERENCE', `A program account ends with a 4-digit reference number from 0001; got ${shown(reference)}.`);
  return valid(value);
}
