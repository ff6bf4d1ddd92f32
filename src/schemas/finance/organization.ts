import { z } from 'zod';
import { ZohoIdRefSchema, ZohoIdSchema } from '../ids.js';
import { ZohoNumberSchema, ZohoStringSchema, blankAsNull } from '../scalars.js';
import { FinanceCustomFieldSchema } from './common.js';

/** The organization address (`address`; organizations.yml): a different shape from contact addresses. */
export const FinanceOrganizationAddressSchema = z.looseObject({
  street_address1: z.string().nullish(),
  street_address2: z.string().nullish(),
  city: z.string().nullish(),
  state: z.string().nullish(),
  country: z.string().nullish(),
  zip: ZohoStringSchema.nullish(),
});

/** An organization address. */
export type FinanceOrganizationAddress = z.infer<typeof FinanceOrganizationAddressSchema>;

// Fields a caller may write (organizations.yml create/update bodies).
const writable = {
  name: z.string().nullish(),
  // Requests take a month name ("january"), replies a 0-based number.
  fiscal_year_start_month: z.union([z.number(), z.string()]).nullish(),
  currency_id: ZohoIdRefSchema.nullish(),
  currency_code: z.string().nullish(),
  time_zone: z.string().nullish(),
  date_format: z.string().nullish(),
  field_separator: z.string().nullish(),
  language_code: z.string().nullish(),
  industry_type: z.string().nullish(),
  industry_size: z.string().nullish(),
  portal_name: z.string().nullish(),
  org_address: z.string().nullish(),
  remit_to_address: z.string().nullish(),
  address: FinanceOrganizationAddressSchema.nullish(),
  contact_name: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  fax: z.string().nullish(),
  website: z.string().nullish(),
  custom_fields: z.array(FinanceCustomFieldSchema).nullish(),
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
export const FinanceOrganizationSchema = z.looseObject({
  ...writable,
  organization_id: ZohoIdSchema,
  is_default_org: z.boolean().nullish(),
  is_org_active: z.boolean().nullish(),
  plan_type: blankAsNull(ZohoNumberSchema).optional(),
  plan_name: z.string().nullish(),
  plan_period: z.string().nullish(),
  tax_group_enabled: z.boolean().nullish(),
  zi_migration_status: blankAsNull(ZohoNumberSchema).optional(),
  account_created_date: z.string().nullish(),
  account_created_date_formatted: z.string().nullish(),
  currency_symbol: z.string().nullish(),
  currency_format: z.string().nullish(),
  price_precision: blankAsNull(ZohoNumberSchema).optional(),
  company_id_label: z.string().nullish(),
  company_id_value: z.string().nullish(),
  tax_id_label: z.string().nullish(),
  tax_id_value: z.string().nullish(),
  // The OAS types it as a string in replies and a boolean in update bodies.
  is_logo_uploaded: z.union([z.boolean(), z.string()]).nullish(),
  user_role: z.string().nullish(),
  user_status: z.string().nullish(),
});

/** A Books/Invoice organization. */
export type FinanceOrganization = z.infer<typeof FinanceOrganizationSchema>;

/**
 * Input of `POST /organizations`: `name`, `currency_code`, `time_zone` and `portal_name` are
 * required (organizations.yml).
 *
 * @example
 * ```ts
 * FinanceOrganizationCreateSchema.parse({ name: 'Zillium Inc', currency_code: 'USD', time_zone: 'PST', portal_name: 'zilluminc' });
 * ```
 */
export const FinanceOrganizationCreateSchema = z.looseObject({
  ...writable,
  name: z.string().min(1),
  currency_code: z.string().min(1),
  time_zone: z.string().min(1),
  portal_name: z.string().min(1),
});

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
export const FinanceOrganizationUpdateSchema = z.looseObject({
  ...writable,
  companyid_label: z.string().nullish(),
  companyid_value: z.string().nullish(),
  taxid_label: z.string().nullish(),
  taxid_value: z.string().nullish(),
  is_logo_uploaded: z.boolean().nullish(),
});

/** Input of `PUT /organizations/{id}`. */
export type FinanceOrganizationUpdate = z.infer<typeof FinanceOrganizationUpdateSchema>;
