import { z } from 'zod';
import { ZohoNumberSchema, blankAsNull } from '../scalars.js';
import { FsmAddressSchema, FsmRecordMetaSchema } from './common.js';
import { FsmLookupRefSchema } from './lookup.js';

// Fields a caller may write (get-assets.html shows them on replies). Custom fields pass through.
const writable = {
  Name: z.string().nullish(),
  Product: FsmLookupRefSchema.nullish(),
  Company: FsmLookupRefSchema.nullish(),
  Contact: FsmLookupRefSchema.nullish(),
  Parent_Asset: FsmLookupRefSchema.nullish(),
  Asset_Number: z.string().nullish(),
  GIAI: z.string().nullish(),
  Description: z.string().nullish(),
  Address: FsmAddressSchema.nullish(),
  Status: z.string().nullish(),
  Price: blankAsNull(ZohoNumberSchema).optional(),
  Ordered_Date: z.string().nullish(),
  Purchased_Date: z.string().nullish(),
  Installation_Date: z.string().nullish(),
  Warranty_Expiration: z.string().nullish(),
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
export const FsmAssetCreateSchema = z.looseObject({ ...writable, Name: z.string().min(1) });

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
