import * as z from 'zod/mini';
import { ZohoNumberSchema, blankAsNull } from '../scalars.js';
import { FsmAddressSchema, FsmRecordMetaSchema } from './common.js';
import { FsmLookupRefSchema } from './lookup.js';

// Fields a caller may write (get-assets.html shows them on replies). Custom fields pass through.
const writable = {
  Name: z.nullish(z.string()),
  Product: z.nullish(FsmLookupRefSchema),
  Company: z.nullish(FsmLookupRefSchema),
  Contact: z.nullish(FsmLookupRefSchema),
  Parent_Asset: z.nullish(FsmLookupRefSchema),
  Asset_Number: z.nullish(z.string()),
  GIAI: z.nullish(z.string()),
  Description: z.nullish(z.string()),
  Address: z.nullish(FsmAddressSchema),
  Status: z.nullish(z.string()),
  Price: z.optional(blankAsNull(ZohoNumberSchema)),
  Ordered_Date: z.nullish(z.string()),
  Purchased_Date: z.nullish(z.string()),
  Installation_Date: z.nullish(z.string()),
  Warranty_Expiration: z.nullish(z.string()),
};

/**
 * An FSM asset (module `Assets`): a sold instance of a product, at a customer.
 *
 * @example
 * ```ts
 * const asset = FsmAssetSchema.parse(reply.data[0]);
 * asset.Warranty_Expiration; // '2025-07-20'
 * ```
 */
export const FsmAssetSchema = z.looseObject({ ...FsmRecordMetaSchema.shape, ...writable });

/** An FSM asset. */
export type FsmAsset = z.infer<typeof FsmAssetSchema>;

/**
 * Input of `POST /Assets` (one element of `data`): `Name` is required; `Product`, `Company` and
 * `Contact` are ids.
 *
 * @example
 * ```ts
 * FsmAssetCreateSchema.parse({ Name: '2 Ton Split AC | MS-Q02YLZA', Product: '1439000000611088', Company: '1439000000161212' });
 * ```
 */
export const FsmAssetCreateSchema = z.looseObject({ ...writable, Name: z.string().check(z.minLength(1)) });

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
export const FsmAssetUpdateSchema = z.looseObject(writable);

/** Input of `PUT /Assets/{id}`. */
export type FsmAssetUpdate = z.infer<typeof FsmAssetUpdateSchema>;
