import type { TaxEdition } from '../../schemas/edition-codes.js';
import type { TaxEditionModel } from '../edition-model.js';
import { ae } from './ae.js';
import { au } from './au.js';
import { bh } from './bh.js';
import { ca } from './ca.js';
import { de } from './de.js';
import { global } from './global.js';
import { india } from './in.js';
import { kw } from './kw.js';
import { om } from './om.js';
import { qa } from './qa.js';
import { sa } from './sa.js';
import { uk } from './uk.js';
import { us } from './us.js';
import { za } from './za.js';

export { CANADA_PROVINCE_TAXES } from './ca.js';

/**
 * Every tax edition's model, by edition code.
 *
 * @example
 * ```ts
 * TAX_EDITION_MODELS.au.defaults.taxes; // [{ id: 'gst', name: 'GST', rate: '10' }]
 * TAX_EDITION_MODELS.in.registration?.validate('27AAPFU0939F1ZV').valid; // true
 * ```
 */
export const TAX_EDITION_MODELS: Readonly<Record<TaxEdition, TaxEditionModel>> = {
  us, ca, au, in: india, uk, de, ae, sa, kw, qa, za, global, bh, om,
};

/** The model of one edition. */
export function taxEditionModel(edition: TaxEdition): TaxEditionModel {
  return TAX_EDITION_MODELS[edition];
}
