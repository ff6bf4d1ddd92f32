import * as z from 'zod/mini';
import type { KnownFields, RecordSchema } from '../known.js';
import { ZohoNumberSchema, blankAsNull } from '../scalars.js';
import { FsmAddressSchema, FsmRecordMetaSchema } from './common.js';
import { FsmLookupRefSchema } from './lookup.js';

// Fields a caller may write (get-assets.html shows them on replies). Custom fields pass through.
const writable = {
  Name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Product: /* @__PURE__ */ z.nullish(FsmLookupRefSchema),
  Company: /* @__PURE__ */ z.nullish(FsmLookupRefSchema),
  Contact: /* @__PURE__ */ z.nullish(FsmLookupRefSchema),
  Parent_Asset: /* @__PURE__ */ z.nullish(FsmLookupRefSchema),
  Asset_Number: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  GIAI: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Description: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Address: /* @__PURE__ */ z.nullish(FsmAddressSchema),
  Status: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Price: /* @__PURE__ */ z.optional(/* @__PURE__ */ blankAsNull(ZohoNumberSchema)),
  Ordered_Date: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Purchased_Date: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Installation_Date: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Warranty_Expiration: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
};

const fsmAssetObject = /* @__PURE__ */ (() => z.looseObject({ ...FsmRecordMetaSchema.shape, ...writable }))();

/**
 * An FSM asset (module `Assets`): a sold instance of a product, at a customer.
 *
 * @example
 * ```ts
 * const asset = FsmAssetSchema.parse(reply.data[0]);
 * asset.Warranty_Expiration; // '2025-07-20'
 * ```
 */
export const FsmAssetSchema: RecordSchema<FsmAsset, typeof fsmAssetObject> = fsmAssetObject;

/** An FSM asset. */
export interface FsmAsset extends KnownFields<z.output<typeof fsmAssetObject>> {}

/**
 * Input of `POST /Assets` (one element of `data`): `Name` is required; `Product`, `Company` and
 * `Contact` are ids.
 *
 * @example
 * ```ts
 * FsmAssetCreateSchema.parse({ Name: '2 Ton Split AC | MS-Q02YLZA', Product: '1439000000611088', Company: '1439000000161212' });
 * ```
 */
export const FsmAssetCreateSchema = /* @__PURE__ */ (() => z.looseObject({ ...writable, Name: z.string().check(z.minLength(1)) }))();

/** Input of `POST /Assets`. */
export type FsmAssetCreate = z.infer<typeof FsmAssetCreateSchema>;

/**
 * Input of `PUT /Assets/{id}`: every field optional.
 *
 * @example
 * ```ts
 * FsmAssetUpdateSchema.parse({ Warranty_Expiration: '2027-07-20' });
 * ```
 */
export const FsmAssetUpdateSchema = /* @__PURE__ */ z.looseObject(writable);

/** Input of `PUT /Assets/{id}`. */
export type FsmAssetUpdate = z.infer<typeof FsmAssetUpdateSchema>;
