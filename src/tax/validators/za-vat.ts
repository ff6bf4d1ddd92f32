import { compact, invalid, shown, valid, type RegistrationCheck } from './registration-check.js';

/** Why a South African VAT number is refused. */
export type ZaVatFailure = 'EMPTY' | 'CHARACTERS' | 'LENGTH' | 'PREFIX';

/**
 * Checks a South African VAT registration number: 10 digits starting with 4 (SARS issues VAT
 * numbers in the 4 range; income tax numbers start with 0–3 or 9). There is no published check digit.
 *
 * @example
 * ```ts
 * validateZaVat('4123456789'); // { valid: true, value: '4123456789' }
 * validateZaVat('9123456789').reason; // 'PREFIX'
 * ```
 */
export function validateZaVat(input: string): RegistrationCheck<ZaVatFailure> {
  const value = compact(input);
  if (value === '') return invalid('EMPTY', 'Enter the 10-digit VAT registration number.');
  if (!/^\d+$/.test(value)) return invalid('CHARACTERS', `A South African VAT number holds only digits; got ${shown(input)}.`);
  if (value.length !== 10) return invalid('LENGTH', `A South African VAT number has 10 digits; ${shown(value)} has ${value.length}.`);
  if (!value.startsWith('4')) return invalid('PREFIX', `A South African VAT number starts with 4; ${value} starts with ${value.charAt(0)} (an income tax number?).`);
  return valid(value);
}
