import type * as z from 'zod/mini';

/**
 * A value type with the index signatures of zod's loose objects removed, at every depth: only the
 * documented fields are left, so a misspelt field does not compile. An object that has no
 * documented field at all (an open bag such as `default_templates`) stays a `Record`, and a
 * type that has no index signature (a named record interface) is left as it is.
 */
export type KnownValue<T> = T extends string | number | boolean | bigint | symbol | null | undefined
  ? T
  : T extends ReadonlyArray<infer E>
    ? KnownValue<E>[]
    : T extends (...args: never[]) => unknown
      ? T
      : T extends object
        ? string extends keyof T
          ? [keyof KnownFields<T>] extends [never]
            ? T
            : KnownFields<T>
          : T
        : T;

/**
 * The documented fields of a loose zod object's output, without its index signature.
 * The record interfaces extend it: `interface FinanceContact extends KnownFields<...> {}`.
 */
export type KnownFields<T> = {
  [K in keyof T as string extends K ? never : number extends K ? never : symbol extends K ? never : K]: KnownValue<T[K]>;
};

/**
 * The type of a record schema: it parses to the record interface `T` (documented fields only),
 * while at run time it is the loose object schema `O`, which keeps every field Zoho sends.
 * `shape` is `O`'s, for composing (`z.looseObject({ ...FsmRecordMetaSchema.shape, ... })`).
 */
export type RecordSchema<T, O extends z.ZodMiniObject> = z.ZodMiniType<T, z.input<O>> & Pick<O, 'shape'>;

/**
 * The fields of `record` that its schema does not document: the fields Zoho returned that the SDK
 * has no name for (new API fields, custom fields such as `cf_region` or `Region__C`). They stay
 * on the record, so sending it back (an update, the sync) keeps them; this is the typed way to
 * read them, since the record type has only the documented fields.
 *
 * @example
 * ```ts
 * const contact = await client.finance.contacts.get(id);
 * unknownFields(FinanceContactSchema, contact)['cf_region']; // unknown
 * ```
 */
export function unknownFields<T extends object>(schema: z.core.$ZodType<T> & { readonly shape: Readonly<Record<string, unknown>> }, record: T): Readonly<Record<string, unknown>> {
  const known = schema.shape;
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (!Object.hasOwn(known, key)) extra[key] = value;
  }
  return extra;
}
