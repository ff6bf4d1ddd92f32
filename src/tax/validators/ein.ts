import { invalid, shown, valid, type RegistrationCheck } from './registration-check.js';

/** Why a US EIN is refused. */
export type EinFailure = 'EMPTY' | 'FORMAT' | 'LENGTH' | 'PREFIX';

// IRS, "How EINs are assigned and valid EIN prefixes": the campus prefixes in use. 00, 07–09,
// 17–19, 28, 29, 49, 69, 70, 78, 79, 89, 96 and 97 have never been assigned.
const PREFIXES = new Set([
  '01', '02', '03', '04', '05', '06', '10', '11', '12', '13', '14', '15', '16', '20', '21', '22', '23', '24', '25',
  '26', '27', '30', '31', '32', '33', '34', '35', '36', '37', '38', '39', '40', '41', '42', '43', '44', '45', '46',
  '47', '48', '50', '51', '52', '53', '54', '55', '56', '57', '58', '59', '60', '61', '62', '63', '64', '65', '66',
  '67', '68', '71', '72', '73', '74', '75', '76', '77', '80', '81', '82', '83', '84', '85', '86', '87', '88', '90',
  '91', '92', '93', '94', '95', '98', '99',
]);

/**
 * Checks a US Employer Identification Number: `XX-XXXXXXX` (or 9 digits without the hyphen) whose
 * first two digits are a prefix the IRS assigns. EINs have no check digit.
 *
 * @example
 * ```ts
 * validateEin('94-2404110'); // { valid: true, value: '94-2404110' }
 * validateEin('07-1234567').reason; // 'PREFIX'
 * ```
 */
export function validateEin(input: string): RegistrationCheck<EinFailure> {
  const value = input.trim();
  if (value === '') return invalid('EMPTY', 'Enter the EIN (XX-XXXXXXX).');
  if (!/^[\d-]+$/.test(value)) return invalid('FORMAT', `An EIN holds digits and one hyphen (XX-XXXXXXX); got ${shown(input)}.`);
  const digits = value.replace('-', '');
  if (value.includes('-') && !/^\d{2}-\d+$/.test(value)) return invalid('FORMAT', `An EIN is written XX-XXXXXXX, the hyphen after the 2nd digit; got ${shown(input)}.`);
  if (digits.length !== 9) return invalid('LENGTH', `An EIN has 9 digits; ${shown(value)} has ${digits.length}.`);
  const prefix = digits.slice(0, 2);
  if (!PREFIXES.has(prefix)) return invalid('PREFIX', `${prefix} is not an EIN prefix the IRS assigns (e.g. 00, 07–09, 17–19, 28, 29, 49, 69, 70, 78, 79, 89, 96, 97 are never used).`);
  return valid(`${prefix}-${digits.slice(2)}`);
}
