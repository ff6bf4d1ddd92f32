import * as z from 'zod/mini';
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
  Taxable: z.nullish(z.boolean()),
  Tax_Name: z.nullish(z.string()),
  Tax_Exemption_Code: z.nullish(z.string()),
  Tax_Authority: z.nullish(z.union([z.string(), FsmLookupSchema])),
  GST_Treatment: z.nullish(openEnum(GST_TREATMENTS)), // in
  Place_of_Supply: z.nullish(openEnum(INDIAN_STATE_CODES)), // in
  Tax_Reg_Number: z.nullish(z.string()), // in
  VAT_Treatment: z.nullish(openEnum(UK_VAT_TREATMENTS)), // uk
};

