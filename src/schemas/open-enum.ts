import * as z from 'zod/mini';

/**
 * A string field with documented values that Zoho may still extend. Known values autocomplete in
 * TypeScript, but any string parses: Zoho's live API already returns values its OAS does not list
 * (tax types such as `tds_tax`), and failing a whole page of records on one new value would be
 * worse than passing it through. Use the matching closed `z.enum` (e.g. `GstTreatmentSchema`)
 * where you want to refuse unknown values.
 *
 * @example
 * ```ts
 * const Status = openEnum(['active', 'inactive'] as const);
 * Status.parse('archived'); // 'archived' (typed 'active' | 'inactive' | (string & {}))
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function openEnum<const T extends readonly string[]>(values: T) {
  return z.custom<T[number] | (string & {})>((value) => typeof value === 'string', {
    message: `Expected a string (known values: ${values.join(', ')})`,
  });
}
