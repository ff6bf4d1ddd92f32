import { z } from 'zod';
import { ZohoIdRefSchema, ZohoIdSchema } from '../ids.js';
import { openEnum } from '../open-enum.js';
import { ZohoPercentageSchema, blankAsNull } from '../scalars.js';
import { TAX_SPECIFIC_TYPES, TAX_TYPES } from '../tax-codes.js';

// Fields a caller may write (taxes.yml create/update bodies). Edition tags in comments.
const writable = {
  tax_name: z.string().nullish(),
  tax_percentage: blankAsNull(ZohoPercentageSchema).optional(),
  tax_type: openEnum(TAX_TYPES).nullish(),
  tax_specific_type: openEnum(TAX_SPECIFIC_TYPES).nullish(), // in mx za
  tax_factor: openEnum(['rate', 'share'] as const).nullish(), // mx
  tax_authority_id: ZohoIdRefSchema.nullish(), // us mx
  tax_authority_name: z.string().nullish(),
  country_code: z.string().nullish(), // uk eu gcc global
  purchase_tax_expense_account_id: ZohoIdRefSchema.nullish(), // au ca
  tds_payable_account_id: ZohoIdRefSchema.nullish(), // mx
  is_value_added: z.boolean().nullish(),
  is_editable: z.boolean().nullish(),
};

// Create/update flags: whether Zoho re-applies the changed tax to existing drafts and recurrences.
const propagationFlags = {
  update_recurring_invoice: z.boolean().nullish(),
  update_recurring_expense: z.boolean().nullish(),
  update_draft_invoice: z.boolean().nullish(),
  update_recurring_bills: z.boolean().nullish(),
  update_draft_so: z.boolean().nullish(),
  update_subscription: z.boolean().nullish(),
  update_project: z.boolean().nullish(),
};

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
export const FinanceTaxSchema = z.looseObject({
  ...writable,
  tax_id: ZohoIdSchema,
  country: z.string().nullish(), // uk eu global
  is_default_tax: z.boolean().nullish(),
  output_tax_account_name: z.string().nullish(), // mx
  purchase_tax_account_name: z.string().nullish(), // mx
  tax_account_id: ZohoIdRefSchema.nullish(), // mx
  purchase_tax_account_id: ZohoIdRefSchema.nullish(), // mx
});

/** A Books/Invoice tax. */
export type FinanceTax = z.infer<typeof FinanceTaxSchema>;

/**
 * Input of `POST /settings/taxes`. The OAS marks no field required, but a tax without a name or a
 * rate cannot be used, so both are required here.
 *
 * @example
 * ```ts
 * FinanceTaxCreateSchema.parse({ tax_name: 'VAT', tax_percentage: 5, tax_type: 'tax', country_code: 'DU' });
 * ```
 */
export const FinanceTaxCreateSchema = z.looseObject({
  ...writable,
  ...propagationFlags,
  tax_name: z.string().min(1),
  tax_percentage: ZohoPercentageSchema,
});

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
export const FinanceTaxUpdateSchema = z.looseObject({ ...writable, ...propagationFlags });

/** Input of `PUT /settings/taxes/{id}`. */
export type FinanceTaxUpdate = z.infer<typeof FinanceTaxUpdateSchema>;
