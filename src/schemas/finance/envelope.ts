import * as z from 'zod/mini';
import { addIssue } from '../issues.js';
import { ZohoNumberSchema } from '../scalars.js';

const PageContextObjectSchema = /* @__PURE__ */ z.looseObject({
  page: /* @__PURE__ */ z.optional(ZohoNumberSchema),
  per_page: /* @__PURE__ */ z.optional(ZohoNumberSchema),
  // Required: a pager that reads a missing flag as "no more pages" would silently drop records.
  has_more_page: /* @__PURE__ */ z.boolean(),
  applied_filter: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  sort_column: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  sort_order: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  report_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
});

/** The paging block of a Books/Invoice list reply. */
export type PageContext = z.infer<typeof PageContextObjectSchema>;

/**
 * `page_context` of a list reply. Zoho's Invoices API reference and Zoho's Estimates API reference type it as an
 * array while Zoho's Contacts API reference has an object, so a one-element array is accepted and unwrapped.
 *
 * @example
 * ```ts
 * PageContextSchema.parse([{ page: 1, per_page: 200, has_more_page: false }]).has_more_page; // false
 * ```
 */
export const PageContextSchema = /* @__PURE__ */ z.union([
  PageContextObjectSchema,
  /* @__PURE__ */ z.pipe(/* @__PURE__ */ z.array(PageContextObjectSchema), /* @__PURE__ */ z.transform((contexts, ctx): PageContext => {
    const [first] = contexts;
    if (first === undefined || contexts.length > 1) {
      addIssue(ctx, `Expected one page_context, got ${contexts.length}`);
      return z.NEVER;
    }
    return first;
  })),
]);

/**
 * The fields every Books/Invoice reply carries: `code` (0 on success) and `message`.
 * Other keys pass through.
 *
 * @example
 * ```ts
 * FinanceEnvelopeSchema.parse({ code: 0, message: 'The item has been deleted.' });
 * ```
 */
export const FinanceEnvelopeSchema = /* @__PURE__ */ (() => z.looseObject({ code: z.number().check(z.int()), message: z.string() }))();

/** A Books/Invoice reply envelope. */
export type FinanceEnvelope = z.infer<typeof FinanceEnvelopeSchema>;

/**
 * A Books/Invoice error body: a non-zero `code` and a `message`, e.g.
 * `{ "code": 1002, "message": "Invoice does not exist." }`.
 *
 * @example
 * ```ts
 * const error = FinanceErrorEnvelopeSchema.safeParse(body);
 * if (error.success && error.data.code === 1002) { ... }
 * ```
 */
export const FinanceErrorEnvelopeSchema = /* @__PURE__ */ (() => z.looseObject({
  code: z.number().check(z.int()).check(z.refine((code) => code !== 0, 'An error body has a non-zero code')),
  message: z.string(),
}))();

/** A Books/Invoice error body. */
export type FinanceErrorEnvelope = z.infer<typeof FinanceErrorEnvelopeSchema>;

/**
 * One record, also accepted as a one-element array: the OAS types `tax` and `contact_person`
 * replies as arrays although they hold one record (a known oddity of Zoho's published API description).
 *
 * @example
 * ```ts
 * singleRecord(FinanceTaxSchema).parse([{ tax_id: '1' }]); // { tax_id: '1' }
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function singleRecord<S extends z.ZodMiniType>(record: S) {
  return z.union([
    record,
    z.pipe(z.array(record), z.transform((records, ctx): z.output<S> => {
      const [first] = records;
      if (first === undefined || records.length > 1) {
        addIssue(ctx, `Expected one record, got an array of ${records.length}`);
        return z.NEVER;
      }
      return first;
    })),
  ]);
}

/**
 * The reply of a Books/Invoice call that returns one record under `key` (`contact`, `item`, ...).
 *
 * @example
 * ```ts
 * const reply = financeRecordEnvelope('contact', FinanceContactSchema).parse(body);
 * reply.contact.contact_id; // string
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function financeRecordEnvelope<K extends string, S extends z.ZodMiniType>(key: K, record: S) {
  const shape = { [key]: singleRecord(record) } as { [P in K]: ReturnType<typeof singleRecord<S>> };
  return z.extend(FinanceEnvelopeSchema, shape);
}

/**
 * The reply of a Books/Invoice list call: records under `key` (`contacts`, `items`, ...) and
 * `page_context` when the endpoint pages.
 *
 * @example
 * ```ts
 * const page = financeListEnvelope('contacts', FinanceContactSchema).parse(body);
 * if (page.page_context?.has_more_page) { ... }
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function financeListEnvelope<K extends string, S extends z.ZodMiniType>(key: K, record: S) {
  const shape = { [key]: z.array(record), page_context: z.optional(PageContextSchema) } as {
    [P in K]: z.ZodMiniArray<S>;
  } & { page_context: z.ZodMiniOptional<typeof PageContextSchema> };
  return z.extend(FinanceEnvelopeSchema, shape);
}
