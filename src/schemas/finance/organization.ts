import * as z from 'zod/mini';
import { ZohoIdRefSchema, ZohoIdSchema } from '../ids.js';
import { ZohoNumberSchema, ZohoStringSchema, blankAsNull } from '../scalars.js';
import { FinanceCustomFieldSchema } from './common.js';

/** The organization address (`address`; Zoho's Organizations API reference): a different shape from contact addresses. */
export const FinanceOrganizationAddressSchema = /* @__PURE__ */ z.looseObject({
  street_address1: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  street_address2: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  city: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  state: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  country: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  zip: /* @__PURE__ */ z.nullish(ZohoStringSchema),
});

/** An organization address. */
export type FinanceOrganizationAddress = z.infer<typeof FinanceOrganizationAddressSchema>;

// Fields a caller may write (Zoho's Organizations API reference create/update bodies).
const writable = {
  name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  // Requests take a month name ("january"), replies a 0-based number.
  fiscal_year_start_month: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.union([/* @__PURE__ */ z.number(), /* @__PURE__ */ z.string()])),
  currency_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  currency_code: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  time_zone: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  date_format: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  field_separator: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  language_code: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  industry_type: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  industry_size: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  portal_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  org_address: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  remit_to_address: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  address: /* @__PURE__ */ z.nullish(FinanceOrganizationAddressSchema),
  contact_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  email: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  phone: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  fax: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  website: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  custom_fields: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.array(FinanceCustomFieldSchema)),
};

/**
 * A Books/Invoice organization as `GET /organizations` and `GET /organizations/{id}` return it.
 * The OAS has no edition/`version` field: derive the edition from
 * `address.country` / `currency_code`, or read an undocumented field through pass-through.
 *
 * @example
 * ```ts
 * const org = FinanceOrganizationSchema.parse({ organization_id: 10234695, name: 'Zillum', is_org_active: true });
 * org.organization_id; // '10234695'
 * ```
 */
export const FinanceOrganizationSchema = /* @__PURE__ */ (() => z.looseObject({
  ...writable,
  organization_id: ZohoIdSchema,
  is_default_org: z.nullish(z.boolean()),
  is_org_active: z.nullish(z.boolean()),
  plan_type: z.optional(blankAsNull(ZohoNumberSchema)),
  plan_name: z.nullish(z.string()),
  plan_period: z.nullish(z.string()),
  tax_group_enabled: z.nullish(z.boolean()),
  zi_migration_status: z.optional(blankAsNull(ZohoNumberSchema)),
  account_created_date: z.nullish(z.string()),
  account_created_date_formatted: z.nullish(z.string()),
  currency_symbol: z.nullish(z.string()),
  currency_format: z.nullish(z.string()),
  price_precision: z.optional(blankAsNull(ZohoNumberSchema)),
  company_id_label: z.nullish(z.string()),
  company_id_value: z.nullish(z.string()),
  tax_id_label: z.nullish(z.string()),
  tax_id_value: z.nullish(z.string()),
  // The OAS types it as a string in replies and a boolean in update bodies.
  is_logo_uploaded: z.nullish(z.union([z.boolean(), z.string()])),
  user_role: z.nullish(z.string()),
  user_status: z.nullish(z.string()),
}))();

/** A Books/Invoice organization. */
export type FinanceOrganization = z.infer<typeof FinanceOrganizationSchema>;

/**
 * Input of `POST /organizations`: `name`, `currency_code`, `time_zone` and `portal_name` are
 * required (Zoho's Organizations API reference).
 *
 * @example
 * ```ts
 * FinanceOrganizationCreateSchema.parse({ name: 'Zillium Inc', currency_code: 'USD', time_zone: 'PST', portal_name: 'zilluminc' });
 * ```
 */
export const FinanceOrganizationCreateSchema = /* @__PURE__ */ (() => z.looseObject({
  ...writable,
  name: z.string().check(z.minLength(1)),
  currency_code: z.string().check(z.minLength(1)),
  time_zone: z.string().check(z.minLength(1)),
  portal_name: z.string().check(z.minLength(1)),
}))();

/** Input of `POST /organizations`. */
export type FinanceOrganizationCreate = z.infer<typeof FinanceOrganizationCreateSchema>;

/**
 * Input of `PUT /organizations/{id}`: every field optional.
 *
 * @example
 * ```ts
 * FinanceOrganizationUpdateSchema.parse({ phone: '+1-925-921-9201' });
 * ```
 */
export const FinanceOrganizationUpdateSchema = /* @__PURE__ */ (() => z.looseObject({
  ...writable,
  companyid_label: z.nullish(z.string()),
  companyid_value: z.nullish(z.string()),
  taxid_label: z.nullish(z.string()),
  taxid_value: z.nullish(z.string()),
  is_logo_uploaded: z.nullish(z.boolean()),
}))();

/** Input of `PUT /organizations/{id}`. */
export type FinanceOrganizationUpdate = z.infer<typeof FinanceOrganizationUpdateSchema>;
