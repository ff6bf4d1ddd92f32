import * as z from 'zod/mini';
import type { KnownFields, RecordSchema } from '../known.js';
import { ZohoIdSchema } from '../ids.js';
import { openEnum } from '../open-enum.js';
import { TAX_EXEMPTION_TYPES } from '../tax-codes.js';

// Fields a caller may write (Zoho's Taxes API reference). The endpoints say "US Edition only", yet the OAS tags the
// fields [in] (a known oddity of Zoho's published API description), so no edition is assumed here.
const writable = {
  tax_exemption_code: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  description: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  type: /* @__PURE__ */ z.nullish(/* @__PURE__ */ openEnum(TAX_EXEMPTION_TYPES)),
};

const financeTaxExemptionObject = /* @__PURE__ */ (() => z.looseObject({ ...writable, tax_exemption_id: ZohoIdSchema }))();

/**
 * A Books/Invoice tax exemption (`/settings/taxexemptions`): a reason a customer
 * or an item is not taxed.
 *
 * @example
 * ```ts
 * FinanceTaxExemptionSchema.parse({ tax_exemption_id: '460000000076002', tax_exemption_code: 'RESELLER', type: 'customer' });
 * ```
 */
export const FinanceTaxExemptionSchema: RecordSchema<FinanceTaxExemption, typeof financeTaxExemptionObject> = financeTaxExemptionObject;

/** A Books/Invoice tax exemption. */
export interface FinanceTaxExemption extends KnownFields<z.output<typeof financeTaxExemptionObject>> {}

/**
 * Input of `POST /settings/taxexemptions`: `tax_exemption_code` and `type` are required (Zoho's Taxes API reference).
 *
 * @example
 * ```ts
 * FinanceTaxExemptionCreateSchema.parse({ tax_exemption_code: 'RESELLER', type: 'customer' });
 * ```
 */
export const FinanceTaxExemptionCreateSchema = /* @__PURE__ */ (() => z.looseObject({
  ...writable,
  tax_exemption_code: z.string().check(z.minLength(1)),
  type: openEnum(TAX_EXEMPTION_TYPES),
}))();

/** Input of `POST /settings/taxexemptions`. */
export type FinanceTaxExemptionCreate = z.infer<typeof FinanceTaxExemptionCreateSchema>;

/**
 * Input of `PUT /settings/taxexemptions/{id}`: every field optional here, although the OAS lists
 * `tax_exemption_code` and `type` as required on update too; send both if Zoho refuses a partial update.
 *
 * @example
 * ```ts
 * FinanceTaxExemptionUpdateSchema.parse({ description: 'Reseller certificate on file' });
 * ```
 */
export const FinanceTaxExemptionUpdateSchema = /* @__PURE__ */ z.looseObject(writable);

/** Input of `PUT /settings/taxexemptions/{id}`. */
export type FinanceTaxExemptionUpdate = z.infer<typeof FinanceTaxExemptionUpdateSchema>;
