import * as z from 'zod/mini';
import { TAX_EDITIONS, ZOHO_EDITION_TAGS } from './edition-codes.js';

export * from './edition-codes.js';

/** Zod schema of {@link TaxEdition}. */
export const TaxEditionSchema = /* @__PURE__ */ z.enum(TAX_EDITIONS);

/** Zod schema of {@link ZohoEditionTag}. */
export const ZohoEditionTagSchema = /* @__PURE__ */ z.enum(ZOHO_EDITION_TAGS);
