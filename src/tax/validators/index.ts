import type { TaxEdition } from '../../schemas/edition-codes.js';
import { validateAbn } from './abn.js';
import { validateCanadaBn } from './canada-bn.js';
import { validateEin } from './ein.js';
import { validateGstin } from './gstin.js';
import { compact, invalid, valid, type RegistrationCheck } from './registration-check.js';
import { validateTrn } from './trn.js';
import { validateUkVat } from './uk-vat.js';
import { validateUstIdNr } from './ust-idnr.js';
import { validateZaVat } from './za-vat.js';

export { validateAbn, type AbnFailure } from './abn.js';
export { validateCanadaBn, CANADA_BN_PROGRAMS, type CanadaBnFailure } from './canada-bn.js';
export { validateEin, type EinFailure } from './ein.js';
export { validateGstin, gstinCheckCharacter, type GstinFailure } from './gstin.js';
export { GST_STATE_NUMBERS, stateOfGstNumber } from './gst-state-codes.js';
export type { RegistrationCheck } from './registration-check.js';
export { validateTrn, type GccCountry, type TrnFailure } from './trn.js';
export { validateUkVat, type UkVatFailure } from './uk-vat.js';
export { validateUstIdNr, type UstIdNrFailure } from './ust-idnr.js';
export { validateZaVat, type ZaVatFailure } from './za-vat.js';

/**
 * Checks the tax registration number of an edition with that edition's validator: GSTIN (in),
 * ABN (au), VAT number (uk), TRN (ae sa kw qa bh om), Business Number (ca), VAT number (za),
 * USt-IdNr (de), EIN (us). The global edition has no national format: any non-empty value is
 * accepted as written.
 *
 * @example
 * ```ts
 * validateRegistration('in', '27AAPFU0939F1ZV'); // { valid: true, value: '27AAPFU0939F1ZV' }
 * validateRegistration('sa', '300000000000004'); // { valid: false, reason: 'SUFFIX', message: '...' }
 * ```
 */
export function validateRegistration(edition: TaxEdition, value: string): RegistrationCheck {
  switch (edition) {
    case 'in': return validateGstin(value);
    case 'au': return validateAbn(value);
    case 'uk': return validateUkVat(value);
    case 'ca': return validateCanadaBn(value);
    case 'za': return validateZaVat(value);
    case 'de': return validateUstIdNr(value);
    case 'us': return validateEin(value);
    case 'ae': case 'sa': case 'kw': case 'qa': case 'bh': case 'om': return validateTrn(value, { country: edition });
    case 'global': return compact(value) === '' ? invalid('EMPTY', 'Enter the tax registration number.') : valid(value.trim());
  }
}
