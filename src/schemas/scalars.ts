import * as z from 'zod/mini';
import { addIssue } from './issues.js';

// A plain decimal as Zoho writes it in JSON strings: "120", "-4.5", ".5", "1e3".
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

function numeric(allowPercentSign: boolean) {
  const expected = `Expected a number${allowPercentSign ? ' or a percentage like "12.5%"' : ''}`;
  return z.pipe(z.union([z.number(), z.string()], { error: expected }), z.transform((value, ctx) => {
    if (typeof value === 'number') return value;
    const text = value.trim();
    const digits = allowPercentSign && text.endsWith('%') ? text.slice(0, -1).trim() : text;
    if (!DECIMAL.test(digits)) {
      addIssue(ctx, `${expected}, got "${value}"`);
      return z.NEVER;
    }
    return Number(digits);
  }));
}

/**
 * A number that Zoho may send as a JSON number or as a numeric string (the OAS types invoice
 * `total` and `balance` as strings with numeric examples). Parses to a `number`.
 *
 * @example
 * ```ts
 * ZohoNumberSchema.parse('40.6'); // 40.6
 * ZohoNumberSchema.parse(120);    // 120
 * ```
 */
export const ZohoNumberSchema = /* @__PURE__ */ numeric(false);

/**
 * A percentage as a number of percent: Zoho sends `tax_percentage` as a number on taxes and
 * contacts but as a string like `"70%"` on items. `"70%"`, `"70"` and `70` all
 * parse to `70`.
 *
 * @example
 * ```ts
 * ZohoPercentageSchema.parse('12.5%'); // 12.5
 * ```
 */
export const ZohoPercentageSchema = /* @__PURE__ */ numeric(true);

/**
 * A text value that Zoho sometimes sends as a JSON number (`zip: 94588`, `hsn_or_sac: 80540` in
 * the OAS examples). Parses to a string.
 *
 * @example
 * ```ts
 * ZohoStringSchema.parse(94588); // '94588'
 * ```
 */
export const ZohoStringSchema = /* @__PURE__ */ z.pipe(/* @__PURE__ */ z
  .union([/* @__PURE__ */ z.string(), /* @__PURE__ */ z.number()], { error: 'Expected a string or a number' }), /* @__PURE__ */ z.transform((value) => String(value)));

/**
 * A Books discount, kept exactly as sent: a number is an amount, a string like `"12.5%"` is a
 * percentage (Zoho's Invoices API reference, `discount`). It is not turned into a number because `"10%"` and `10`
 * mean different things.
 *
 * @example
 * ```ts
 * ZohoDiscountSchema.parse('10%'); // '10%'
 * ```
 */
export const ZohoDiscountSchema = /* @__PURE__ */ z.union([/* @__PURE__ */ z.number(), /* @__PURE__ */ z.string()], {
  error: 'Expected a discount amount (number) or percentage (string like "10%")',
});

/**
 * Wraps a schema so that `null` and a blank string (Books sends `""` for an unset number) both
 * parse to `null`. For optional record fields; required input fields use the bare schema.
 *
 * @example
 * ```ts
 * blankAsNull(ZohoNumberSchema).parse(''); // null
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function blankAsNull<T extends z.ZodMiniType>(schema: T) {
  // A preprocess rather than a union, so a bad value reports the wrapped schema's own message.
  return z.pipe(z.transform((value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value)), z.nullable(schema));
}
