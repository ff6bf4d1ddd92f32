import * as z from 'zod/mini';
import type { KnownFields, RecordSchema } from '../known.js';
import { ZohoIdRefSchema } from '../ids.js';
import { openEnum } from '../open-enum.js';
import { ZohoNumberSchema, blankAsNull } from '../scalars.js';
import { FsmRecordMetaSchema, FsmTaxSchema } from './common.js';
import { FsmLookupRefSchema, FsmLookupSchema } from './lookup.js';

const optionalNumber = /* @__PURE__ */ z.optional(/* @__PURE__ */ blankAsNull(ZohoNumberSchema));

const fsmServiceTaskObject = /* @__PURE__ */ z.looseObject({
  id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  Name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Description: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Duration: optionalNumber,
  Sequence: optionalNumber,
});

/**
 * A task of a service (`Service_Tasks[]`; create-product.html). `Duration` is in minutes.
 *
 * @example
 * ```ts
 * FsmServiceTaskSchema.parse({ Name: 'Clean and prep wall', Duration: 180, Sequence: 1 });
 * ```
 */
export const FsmServiceTaskSchema: RecordSchema<FsmServiceTask, typeof fsmServiceTaskObject> = fsmServiceTaskObject;

/** A task of a service. */
export interface FsmServiceTask extends KnownFields<z.output<typeof fsmServiceTaskObject>> {}

// Fields a caller may write (create-product.html). Custom fields `*__C` pass through untyped.
const writable = {
  Name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  // Replies say "Goods" for parts; the create page says "Service or Part".
  Type: /* @__PURE__ */ z.nullish(/* @__PURE__ */ openEnum(['Service', 'Goods', 'Part'] as const)),
  Unit: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Unit_Price: optionalNumber,
  Description: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  SKU: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  Work_Type: /* @__PURE__ */ z.nullish(FsmLookupRefSchema),
  Tax: /* @__PURE__ */ z.nullish(FsmTaxSchema),
  // India: the item's inter/intra-state tax. FSM documents them as "String" without an example,
  // so their shape is not assumed.
  Inter_State_Tax_Rate: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.unknown()),
  Intra_State_Tax_Rate: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.unknown()),
  Service_Tasks: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.array(FsmServiceTaskSchema)),
  ZBilling_Id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema), // the linked Books/Invoice item
};

const fsmServiceAndPartObject = /* @__PURE__ */ (() => z.looseObject({
  ...FsmRecordMetaSchema.shape,
  ...writable,
  Layout: z.nullish(FsmLookupSchema),
  ZCRM_Id: z.nullish(ZohoIdRefSchema),
}))();

/**
 * An FSM service or part (module `Service_And_Parts`), mapped to a Books/Invoice
 * item.
 *
 * @example
 * ```ts
 * const part = FsmServiceAndPartSchema.parse(reply.data[0]);
 * part.Unit_Price; // number
 * ```
 */
export const FsmServiceAndPartSchema: RecordSchema<FsmServiceAndPart, typeof fsmServiceAndPartObject> = fsmServiceAndPartObject;

/** An FSM service or part. */
export interface FsmServiceAndPart extends KnownFields<z.output<typeof fsmServiceAndPartObject>> {}

/**
 * Input of `POST /Service_And_Parts` (one element of `data`): `Name`, `Unit_Price` and `Type` are
 * required (create-product.html). Edition tax fields FSM also marks mandatory are left to FSM to
 * check, since which apply depends on the org's edition.
 *
 * @example
 * ```ts
 * FsmServiceAndPartCreateSchema.parse({ Name: 'Fumigation', Unit_Price: 100, Type: 'Service', Tax: { Taxable: true } });
 * ```
 */
export const FsmServiceAndPartCreateSchema = /* @__PURE__ */ (() => z.looseObject({
  ...writable,
  Name: z.string().check(z.minLength(1)),
  Unit_Price: ZohoNumberSchema,
  Type: openEnum(['Service', 'Goods', 'Part'] as const),
}))();

/** Input of `POST /Service_And_Parts`. */
export type FsmServiceAndPartCreate = z.infer<typeof FsmServiceAndPartCreateSchema>;

/**
 * Input of `PUT /Service_And_Parts/{id}`: every field optional.
 *
 * @example
 * ```ts
 * FsmServiceAndPartUpdateSchema.parse({ Unit_Price: 120 });
 * ```
 */
export const FsmServiceAndPartUpdateSchema = /* @__PURE__ */ z.looseObject(writable);

/** Input of `PUT /Service_And_Parts/{id}`. */
export type FsmServiceAndPartUpdate = z.infer<typeof FsmServiceAndPartUpdateSchema>;
