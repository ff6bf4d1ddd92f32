import { z } from 'zod';
import { openEnum } from '../open-enum.js';
import { GST_TREATMENTS, INDIAN_STATE_CODES, UK_VAT_TREATMENTS } from '../tax-codes.js';
import { FsmLookupSchema } from './lookup.js';

// Internal: not re-exported from the index; the schemas that use it are the public surface.

/**
 * Edition tax fields FSM documents on companies and contacts (create-company.html,
 * create-contact.html). The docs list them without saying whether they sit in `Tax` or at the top
 * level, so both schemas accept them.
 */
export const fsmEditionTaxFields = {
  Taxable: z.boolean().nullish(),
  Tax_Name: z.string().nullish(),
  Tax_Exemption_Code: z.string().nullish(),
  Tax_Authority: z.union([z.string(), FsmLookupSchema]).nullish(),
  GST_Treatment: openEnum(GST_TREATMENTS).nullish(), // in
  Place_of_Supply: openEnum(INDIAN_STATE_CODES).nullish(), // in
  Tax_Reg_Number: z.string().nullish(), // in
  VAT_Treatment: openEnum(UK_VAT_TREATMENTS).nullish(), // uk
};

