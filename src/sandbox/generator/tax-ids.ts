import type { SeededRandom } from '../random.js';

const BASE36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** GST state codes of the places the Indian locale uses. */
const GST_STATE_CODES: Record<string, string> = { TN: '33', KA: '29', MH: '27', DL: '07', TG: '36', WB: '19' };

/**
 * A GSTIN with a correct check digit: state code, PAN, entity number, `Z`, check character
 * (the published GSTIN mod-36 scheme), so generated data passes real validators.
 */
export function gstin(random: SeededRandom, stateCode: string): string {
  const state = GST_STATE_CODES[stateCode] ?? '33';
  const pan = `${random.chars(5, LETTERS)}${random.chars(4, '0123456789')}${random.chars(1, LETTERS)}`;
  const body = `${state}${pan}${random.chars(1, '123456789')}Z`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const product = BASE36.indexOf(body.charAt(i)) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return body + BASE36.charAt((36 - (sum % 36)) % 36);
}

/** A UK VAT registration number that passes the mod-97 check (`GB` + 9 digits). */
export function ukVrn(random: SeededRandom): string {
  const digits = random.chars(7, '0123456789');
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(digits.charAt(i)) * (8 - i);
  const check = (97 - (sum % 97)) % 97;
  return `GB${digits}${String(check).padStart(2, '0')}`;
}

/** A 15-digit GCC tax registration number (TRN). */
export function gccTrn(random: SeededRandom): string {
  return `100${random.chars(12, '0123456789')}`;
}

/** A South African VAT number: 10 digits starting with 4. */
export function zaVatNumber(random: SeededRandom): string {
  return `4${random.chars(9, '0123456789')}`;
}
