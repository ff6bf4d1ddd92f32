import { compact, invalid, shown, valid, type RegistrationCheck } from './registration-check.js';

/** Why a GCC Tax Registration Number is refused. */
export type TrnFailure = 'EMPTY' | 'CHARACTERS' | 'LENGTH' | 'PREFIX' | 'SUFFIX';

/** The Gulf states, by edition code or ISO code (`'sa'` or `'SA'`). */
export type GccCountry = 'ae' | 'sa' | 'bh' | 'om' | 'kw' | 'qa' | 'AE' | 'SA' | 'BH' | 'OM' | 'KW' | 'QA';

/**
 * Checks a GCC VAT Tax Registration Number: 15 digits.
 * With `country`: Saudi numbers (ZATCA) start and end with 3; UAE numbers (FTA) start with 100;
 * Oman also accepts its `OM` + 10 digits VATIN. The GCC TRN has no public check digit.
 *
 * @example
 * ```ts
 * validateTrn('300000000000003', { country: 'sa' }); // valid
 * validateTrn('310000000000002', { country: 'sa' }).reason; // 'SUFFIX'
 * ```
 */
export function validateTrn(input: string, options: { country?: GccCountry } = {}): RegistrationCheck<TrnFailure> {
  const value = compact(input);
  const country = options.country?.toLowerCase();
  if (value === '') return invalid('EMPTY', 'Enter the 15-digit Tax Registration Number (TRN).');
  // ⚠️ Oman's Tax Authority writes VAT numbers as OM followed by 10 digits.
  if (country === 'om' && /^OM\d{10}$/.test(value)) return valid(value);
  if (!/^\d+$/.test(value)) return invalid('CHARACTERS', `A TRN holds only digits; got ${shown(input)}.`);
  if (value.length !== 15) return invalid('LENGTH', `A TRN has 15 digits; ${shown(value)} has ${value.length}.`);
  if (country === 'sa') {
    if (!value.startsWith('3')) return invalid('PREFIX', `A Saudi VAT number starts with 3; ${value} starts with ${value.charAt(0)}.`);
    if (!value.endsWith('3')) return invalid('SUFFIX', `A Saudi VAT number ends with 3; ${value} ends with ${value.charAt(14)}.`);
  }
  if (country === 'ae' && !value.startsWith('100')) return invalid('PREFIX', `A UAE TRN starts with 100; ${value} starts with ${value.slice(0, 3)}.`);
  return valid(value);
}
