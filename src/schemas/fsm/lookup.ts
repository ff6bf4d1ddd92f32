import * as z from 'zod/mini';
import type { KnownFields, RecordSchema } from '../known.js';
import { ZohoIdSchema } from '../ids.js';

const fsmLookupObject = /* @__PURE__ */ z.looseObject({
  id: ZohoIdSchema,
  name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
});

/**
 * A lookup to another FSM record as replies carry it: `{ name, id }`.
 *
 * @example
 * ```ts
 * FsmLookupSchema.parse({ name: 'Zylker Inc', id: 1011000000195085 }).id; // '1011000000195085'
 * ```
 */
export const FsmLookupSchema: RecordSchema<FsmLookup, typeof fsmLookupObject> = fsmLookupObject;

/** A lookup `{ name, id }`. */
export interface FsmLookup extends KnownFields<z.output<typeof fsmLookupObject>> {}

/**
 * A lookup field as either side writes it: replies carry `{ name, id }`, create/update bodies a
 * bare id string (`"Company": "1011000000195085"` in FSM's create samples). Both parse.
 *
 * @example
 * ```ts
 * FsmLookupRefSchema.parse('1011000000195085'); // '1011000000195085'
 * ```
 */
export const FsmLookupRefSchema = /* @__PURE__ */ z.union([FsmLookupSchema, ZohoIdSchema]);

/** A lookup object or a bare id. */
export type FsmLookupRef = z.infer<typeof FsmLookupRefSchema>;

const fsmUserObject = /* @__PURE__ */ z.extend(fsmLookupObject, { email: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()) });

/**
 * A user reference: `Owner`, `Created_By`, `Modified_By`, `Dispatcher` (`{ name, id, email? }`).
 *
 * @example
 * ```ts
 * FsmUserSchema.parse({ name: 'Daniel Warne', id: '1011000000139001', email: 'd@example.com' });
 * ```
 */
export const FsmUserSchema: RecordSchema<FsmUser, typeof fsmUserObject> = fsmUserObject;

/** A user reference. */
export interface FsmUser extends KnownFields<z.output<typeof fsmUserObject>> {}
