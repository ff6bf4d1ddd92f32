import { GST_STATE_NUMBERS } from './gst-state-codes.js';
import { compact, invalid, shown, valid, type RegistrationCheck } from './registration-check.js';

/** Why a GSTIN is refused. */
export type GstinFailure =
  | 'EMPTY'
  | 'LENGTH'
  | 'CHARACTERS'
  | 'STATE_CODE'
  | 'PAN_FORMAT'
  | 'PAN_HOLDER_TYPE'
  | 'ENTITY_NUMBER'
  | 'CHECK_CHARACTER'
  | 'STATE_MISMATCH';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
// The PAN's fourth letter is the holder type: Person, Company, HUF, Firm, AOP, Trust, BOI, Local
// authority, artificial Juridical person, Government, LLP (E) and K (Krish, an AOP variant).
const HOLDER_TYPES = 'PCHFATBLJGEK';

/** The GSTIN check character of the first 14 characters: Luhn mod 36 over 0-9A-Z. */
export function gstinCheckCharacter(first14: string): string {
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    const product = ALPHABET.indexOf(first14.charAt(i)) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return ALPHABET.charAt((36 - (sum % 36)) % 36);
}

/**
 * Checks an Indian GSTIN (15 characters): a state code (`01`–`38`, `97`, `99`), the holder's PAN
 * (5 letters, 4 digits, 1 letter, the 4th letter a holder type), an entity number (`1`–`9`,
 * `A`–`Z`), a 14th character (`Z` for regular taxpayers, not checked), and the mod-36 check
 * character. Pass `state` (Zoho's letter code, e.g. `'KA'`) to also require that state.
 *
 * @example
 * ```ts
 * validateGstin('27AAPFU0939F1ZV');                  // { valid: true, value: '27AAPFU0939F1ZV' }
 * validateGstin('27AAPFU0939F1ZW').reason;           // 'CHECK_CHARACTER'
 * validateGstin('27AAPFU0939F1ZV', { state: 'KA' }); // reason 'STATE_MISMATCH' (27 is MH)
 * ```
 */
export function validateGstin(input: string, options: { state?: string } = {}): RegistrationCheck<GstinFailure> {
  const value = compact(input);
  if (value === '') return invalid('EMPTY', 'Enter the 15-character GSTIN.');
  if (!/^[0-9A-Z]*$/.test(value)) return invalid('CHARACTERS', `A GSTIN holds only digits and letters; got ${shown(input)}.`);
  if (value.length !== 15) return invalid('LENGTH', `A GSTIN has 15 characters; ${shown(value)} has ${value.length}.`);
  const stateNumber = value.slice(0, 2);
  if (!(stateNumber in GST_STATE_NUMBERS)) return invalid('STATE_CODE', `A GSTIN starts with a state code (01–38, 97 or 99); ${stateNumber} is none.`);
  const pan = value.slice(2, 12);
  if (!/^[A-Z]{5}\d{4}[A-Z]$/.test(pan)) return invalid('PAN_FORMAT', `Characters 3–12 of a GSTIN are the PAN (5 letters, 4 digits, 1 letter); got ${pan}.`);
  if (!HOLDER_TYPES.includes(pan.charAt(3))) return invalid('PAN_HOLDER_TYPE', `The PAN's 4th letter is its holder type (one of ${HOLDER_TYPES}); got ${pan.charAt(3)}.`);
  if (value.charAt(12) === '0') return invalid('ENTITY_NUMBER', 'The 13th character of a GSTIN (the registration number under the PAN) is 1–9 or A–Z, never 0.');
  const expected = gstinCheckCharacter(value);
  if (value.charAt(14) !== expected) return invalid('CHECK_CHARACTER', `The check character of ${value} should be ${expected}: a character was mistyped.`);
  if (options.state !== undefined && GST_STATE_NUMBERS[stateNumber] !== options.state.toUpperCase()) {
    return invalid('STATE_MISMATCH', `GSTIN ${value} is registered in state ${stateNumber} (${GST_STATE_NUMBERS[stateNumber] ?? 'other'}), not in ${options.state}.`);
  }
  return valid(value);
}
