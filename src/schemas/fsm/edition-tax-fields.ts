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
  Taxable: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
  Tax_Name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Tax_Exemption_Code: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Tax_Authority: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.union([/* @__PURE__ */ z.string(), FsmLookupSchema])),
  GST_Treatment: /* @__PURE__ */ z.nullish(/* @__PURE__ */ openEnum(GST_TREATMENTS)), // in
  Place_of_Supply: /* @__PURE__ */ z.nullish(/* @__PURE__ */ openEnum(INDIAN_STATE_CODES)), // in
  Tax_Reg_Number: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // in
  VAT_Treatment: /* @__PURE__ */ z.nullish(/* @__PURE__ */ openEnum(UK_VAT_TREATMENTS)), // uk
};

