import * as z from 'zod/mini';
import type { KnownFields, RecordSchema } from '../known.js';
import { ZohoIdRefSchema, ZohoIdSchema } from '../ids.js';
import { ZohoPercentageSchema, blankAsNull } from '../scalars.js';

const optionalPercentage = /* @__PURE__ */ z.optional(/* @__PURE__ */ blankAsNull(ZohoPercentageSchema));

const financeTaxGroupMemberObject = /* @__PURE__ */ z.looseObject({
  tax_id: ZohoIdSchema,
  tax_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  tax_percentage: optionalPercentage,
  tax_type: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  tax_factor: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  tax_authority_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  tax_authority_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
});

/** A member tax as a tax group reply lists it (Zoho's Taxes API reference). */
export const FinanceTaxGroupMemberSchema: RecordSchema<FinanceTaxGroupMember, typeof financeTaxGroupMemberObject> = financeTaxGroupMemberObject;

/** A member tax of a tax group. */
export interface FinanceTaxGroupMember extends KnownFields<z.output<typeof financeTaxGroupMemberObject>> {}

const financeTaxGroupObject = /* @__PURE__ */ z.looseObject({
  tax_group_id: ZohoIdSchema,
  tax_group_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  tax_group_percentage: optionalPercentage,
  taxes: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.array(FinanceTaxGroupMemberSchema)),
});

/**
 * A Books/Invoice tax group (`/settings/taxgroups/{id}`), e.g. CGST + SGST.
 *
 * @example
 * ```ts
 * FinanceTaxGroupSchema.parse({ tax_group_id: '1', tax_group_name: 'GST18', tax_group_percentage: 18, taxes: [] });
 * ```
 */
export const FinanceTaxGroupSchema: RecordSchema<FinanceTaxGroup, typeof financeTaxGroupObject> = financeTaxGroupObject;

/** A Books/Invoice tax group. */
export interface FinanceTaxGroup extends KnownFields<z.output<typeof financeTaxGroupObject>> {}

// Zoho takes the member taxes as one comma-separated string of ids (Zoho's Taxes API reference); an array of ids
// is accepted for convenience and joined.
const memberTaxIds = /* @__PURE__ */ (() => z.union([
  z.string().check(z.regex(/^\s*[^,\s]+(\s*,\s*[^,\s]+)*\s*$/, 'Expected comma-separated tax ids')),
  z.pipe(z.array(ZohoIdSchema).check(z.minLength(1)), z.transform((ids) => ids.join(','))),
]))();

/**
 * Input of `POST /settings/taxgroups`: `tax_group_name` and `taxes` (the member tax ids) are
 * required.
 *
 * @example
 * ```ts
 * FinanceTaxGroupCreateSchema.parse({ tax_group_name: 'GST18', taxes: ['982000000566009', '982000000566011'] }).taxes;
 * // '982000000566009,982000000566011'
 * ```
 */
export const FinanceTaxGroupCreateSchema = /* @__PURE__ */ (() => z.looseObject({
  tax_group_name: z.string().check(z.minLength(1)),
  taxes: memberTaxIds,
}))();

/** Input of `POST /settings/taxgroups`. */
export type FinanceTaxGroupCreate = z.infer<typeof FinanceTaxGroupCreateSchema>;

/**
 * Input of `PUT /settings/taxgroups/{id}`: every field optional.
 *
 * @example
 * ```ts
 * FinanceTaxGroupUpdateSchema.parse({ tax_group_name: 'GST 18%' });
 * ```
 */
export const FinanceTaxGroupUpdateSchema = /* @__PURE__ */ z.looseObject({
  tax_group_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  taxes: /* @__PURE__ */ z.nullish(memberTaxIds),
});

/** Input of `PUT /settings/taxgroups/{id}`. */
export type FinanceTaxGroupUpdate = z.infer<typeof FinanceTaxGroupUpdateSchema>;
