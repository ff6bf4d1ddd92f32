import * as z from 'zod/mini';
import type { KnownFields, RecordSchema } from '../known.js';
import { ZohoIdSchema } from '../ids.js';

// Fields a caller may write (Zoho's Taxes API reference). Tax authorities exist in the US and CA editions only.
const writable = {
  tax_authority_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  description: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  registration_number: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // ca
  registration_number_label: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()), // ca
};

const financeTaxAuthorityObject = /* @__PURE__ */ (() => z.looseObject({ ...writable, tax_authority_id: ZohoIdSchema }))();

/**
 * A Books/Invoice tax authority (`/settings/taxauthorities`; US and CA editions).
 *
 * @example
 * ```ts
 * FinanceTaxAuthoritySchema.parse({ tax_authority_id: '460000000066001', tax_authority_name: 'Illinois Department of Revenue' });
 * ```
 */
export const FinanceTaxAuthoritySchema: RecordSchema<FinanceTaxAuthority, typeof financeTaxAuthorityObject> = financeTaxAuthorityObject;

/** A Books/Invoice tax authority. */
export interface FinanceTaxAuthority extends KnownFields<z.output<typeof financeTaxAuthorityObject>> {}

/**
 * Input of `POST /settings/taxauthorities`: `tax_authority_name` is required (Zoho's Taxes API reference).
 *
 * @example
 * ```ts
 * FinanceTaxAuthorityCreateSchema.parse({ tax_authority_name: 'Ontario', registration_number: '123456782RT0001' });
 * ```
 */
export const FinanceTaxAuthorityCreateSchema = /* @__PURE__ */ (() => z.looseObject({ ...writable, tax_authority_name: z.string().check(z.minLength(1)) }))();

/** Input of `POST /settings/taxauthorities`. */
export type FinanceTaxAuthorityCreate = z.infer<typeof FinanceTaxAuthorityCreateSchema>;

/**
 * Input of `PUT /settings/taxauthorities/{id}`: every field optional.
 *
 * @example
 * ```ts
 * FinanceTaxAuthorityUpdateSchema.parse({ description: 'State sales tax' });
 * ```
 */
export const FinanceTaxAuthorityUpdateSchema = /* @__PURE__ */ z.looseObject(writable);

/** Input of `PUT /settings/taxauthorities/{id}`. */
export type FinanceTaxAuthorityUpdate = z.infer<typeof FinanceTaxAuthorityUpdateSchema>;
