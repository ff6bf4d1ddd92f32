import { compact, invalid, shown, valid, type RegistrationCheck } from './registration-check.js';

/** Why a UK VAT registration number is refused. */
export type UkVatFailure = 'EMPTY' | 'COUNTRY_PREFIX' | 'CHARACTERS' | 'LENGTH' | 'GOVERNMENT_RANGE' | 'CHECKSUM';

// HMRC: digits 1–7 weighted 8..2, plus the last two digits read as a number. The old scheme
// needs the total ≡ 0 (mod 97); numbers issued since 2010 ("9755") need total + 55 ≡ 0, i.e. ≡ 42.
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2];

/** The UK VAT mod-97 remainder of a 9-digit number: 0 (old scheme) or 42 (9755 scheme) when valid. */
export function ukVatRemainder(nineDigits: string): number {
  const weighted = WEIGHTS.reduce((total, weight, i) => total + weight * Number(nineDigits.charAt(i)), 0);
  return (weighted + Number(nineDigits.slice(7, 9))) % 97;
}

/**
 * Checks a UK VAT registration number: 9 digits (or 12 for a branch trader, the last 3 being the
 * branch), with an optional `GB` (or `XI`, Northern Ireland) prefix, passing mod 97 or its 9755
 * variant; or a government department `GD000`–`GD499` / health authority `HA500`–`HA999`.
 *
 * @example
 * ```ts
 * validateUkVat('GB 980 7806 84'); // { valid: true, value: '980780684' }
 * validateUkVat('GB980780685').reason; // 'CHECKSUM'
 * ```
 */
export function validateUkVat(input: string): RegistrationCheck<UkVatFailure> {
  let value = compact(input);
  if (value === '') return invalid('EMPTY', 'Enter the VAT registration number (9 digits, e.g. GB 123 4567 82).');
  const prefix = /^[A-Z]{2}/.exec(value)?.[0];
  if (prefix === 'GB' || prefix === 'XI') value = value.slice(2);
  else if (prefix !== undefined && prefix !== 'GD' && prefix !== 'HA') {
    return invalid('COUNTRY_PREFIX', `A UK VAT number starts with GB (or XI in Northern Ireland); got ${prefix}.`);
  }
  const special = /^(GD|HA)(\d{3})$/.exec(value);
  if (special) {
    const n = Number(special[2]);
    if ((special[1] === 'GD' && n >= 500) || (special[1] === 'HA' && n < 500)) {
      return invalid('GOVERNMENT_RANGE', `Government departments are GD000–GD499 and health authorities HA500–HA999; got ${value}.`);
    }
    return valid(value);
  }
  if (!/^\d+$/.test(value)) return invalid('CHARACTERS', `A UK VAT number holds 9 digits after GB; got ${shown(input)}.`);
  if (value.length !== 9 && value.length !== 12) return invalid('LENGTH', `A UK VAT number has 9 digits (12 for a branch trader); ${shown(value)} has ${value.length}.`);
  const remainder = ukVatRemainder(value.slice(0, 9));
  if (remainder !== 0 && remainder !== 42) return invalid('CHECKSUM', `${value.slice(0, 9)} fails HMRC's mod-97 check (old and 9755 schemes): a digit was mistyped.`);
  return valid(value);
}
