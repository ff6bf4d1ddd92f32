// fsm-billing-sync/eligibility — pure, I/O-free pieces that ship to browsers in a tiny bundle.
// It must import nothing that pulls in zod, ky or p-retry (the size budget is checked in CI).
export {
  TAX_EDITIONS,
  ZOHO_EDITION_TAGS,
  GCC_TAX_EDITIONS,
  isTaxEdition,
  toZohoEditionTag,
  type TaxEdition,
  type ZohoEditionTag,
} from '../schemas/edition-codes.js';
