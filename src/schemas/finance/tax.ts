import * as z from 'zod/mini';
import type { KnownFields, RecordSchema } from '../known.js';
import { ZohoIdRefSchema, ZohoIdSchema } from '../ids.js';
import { openEnum } from '../open-enum.js';
import { ZohoPercentageSchema, blankAsNull } from '../scalars.js';
import { TAX_SPECIFIC_TYPES, TAX_TYPES } from '../tax-codes.js';

// Fields a caller may write (Zoho's Taxes API reference create/update bodies). Edition tags in comments.
const writable = {
  tax_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  tax_percentage: /* @__PURE__ */ z.optional(/* @__PURE__ */ blankAsNull(ZohoPercentageSchema)),
  tax_type: /* @__PURE__ */ z.nullish(/* @__PURE__ */ openEnum(TAX_TYPES)),
  tax_specific_type: /* @__PURE__ */ z.nullish(/* @__PURE__ */ openEnum(TAX_SPECIFIC_TYPES)), // in mx za
  tax_factor: /* @__PURE__ */ z.nullish(/* @__PURE__ */ openEnum(['rate', 'share'] as const)), // mx
  tax_authority_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema), // us mx
  tax_authority_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  country_code: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // uk eu gcc global
  purchase_tax_expense_account_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema), // au ca
  tds_payable_account_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema), // mx
  is_value_added: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
  is_editable: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
};

// Create/update flags: whether Zoho re-applies the changed tax to existing drafts and recurrences.
const propagationFlags = {
  update_recurring_invoice: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
  update_recurring_expense: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
  update_draft_invoice: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
  update_recurring_bills: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
  update_draft_so: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
  update_subscription: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
  update_project: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
};

const financeTaxObject = /* @__PURE__ */ (() => z.looseObject({
  ...writable,
  tax_id: ZohoIdSchema,
  country: z.nullish(z.string()), // uk eu global
  is_default_tax: z.nullish(z.boolean()),
  output_tax_account_name: z.nullish(z.string()), // mx
  purchase_tax_account_name: z.nullish(z.string()), // mx
  tax_account_id: z.nullish(ZohoIdRefSchema), // mx
  purchase_tax_account_id: z.nullish(ZohoIdRefSchema), // mx
}))();

/**
 * A Books/Invoice tax (`/settings/taxes`). `GET /settings/taxes` also lists tax
 * groups in the same shape. The OAS types the single-tax reply as an array: read it through
 * `financeRecordEnvelope('tax', FinanceTaxSchema)`, which accepts both.
 *
 * @example
 * ```ts
 * FinanceTaxSchema.parse({ tax_id: '982000000566009', tax_name: 'CGST', tax_percentage: 9, tax_specific_type: 'cgst' });
 * ```
 */
export const FinanceTaxSchema: RecordSchema<FinanceTax, typeof financeTaxObject> = financeTaxObject;

/** A Books/Invoice tax. */
export interface FinanceTax extends KnownFields<z.output<typeof financeTaxObject>> {}

/**
 * Input of `POST /settings/taxes`. The OAS marks no field required, but a tax without a name or a
 * rate cannot be used, so both are required here.
 *
 * @example
 * ```ts
 * FinanceTaxCreateSchema.parse({ tax_name: 'VAT', tax_percentage: 5, tax_type: 'tax', country_code: 'DU' });
 * ```
 */
export const FinanceTaxCreateSchema = /* @__PURE__ */ (() => z.looseObject({
  ...writable,
  ...propagationFlags,
  tax_name: z.string().check(z.minLength(1)),
  tax_percentage: ZohoPercentageSchema,
}))();

/** Input of `POST /settings/taxes`. */
export type FinanceTaxCreate = z.infer<typeof FinanceTaxCreateSchema>;

/**
 * Input of `PUT /settings/taxes/{id}`: every field optional.
 *
 * @example
 * ```ts
 * FinanceTaxUpdateSchema.parse({ tax_percentage: 18, update_draft_invoice: true });
 * ```
 */
export const FinanceTaxUpdateSchema = /* @__PURE__ */ (() => z.looseObject({ ...writable, ...propagationFlags }))();

/** Input of `PUT /settings/taxes/{id}`. */
export type FinanceTaxUpdate = z.infer<typeof FinanceTaxUpdateSchema>;
