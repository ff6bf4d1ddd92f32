import * as z from 'zod/mini';
import { addIssue } from './issues.js';

const ID_EXPECTED = 'Expected a Zoho id (a string of digits, or a JSON number)';

function idTypeError(issue: { input?: unknown }, expected: string): string {
  return issue.input === undefined ? 'Missing Zoho id' : `${expected}, got ${issue.input === null ? 'null' : typeof issue.input}`;
}

// Shared by ZohoIdSchema and ZohoIdRefSchema so both report the same, specific problems.
function toId(value: string | number, ctx: z.core.ParsePayload): string {
  if (typeof value === 'string') {
    const id = value.trim();
    if (id === '') addIssue(ctx, 'Expected a Zoho id, got an empty string');
    return id;
  }
  if (!Number.isInteger(value) || value < 0) {
    addIssue(ctx, `Expected a Zoho id, got the number ${value}`);
  } else if (!Number.isSafeInteger(value)) {
    addIssue(ctx, `Zoho id ${value} is a JSON number above 2^53 and was rounded while parsing; ask for the string form of the id`);
  }
  return String(value);
}

/**
 * A Zoho record id, always a string after parsing.
 *
 * Zoho types ids as strings of digits, but some of its examples carry them as JSON numbers,
 * so both are accepted and numbers are turned into their decimal string. A
 * number above `Number.MAX_SAFE_INTEGER` is refused: `JSON.parse` has already rounded it, so the
 * string would name a different record. An id with an unpaired UTF-16 surrogate (`"\ud800"`) is
 * read as it is, so one such row does not fail its whole page: the syncer refuses that record
 * alone (`INVALID_RECORD_ID`), and a call naming it is refused by the path check. The empty string is refused: use
 * {@link ZohoIdRefSchema} where Zoho sends `""` for "no reference".
 *
 * @example
 * ```ts
 * ZohoIdSchema.parse(460000000026049);   // '460000000026049'
 * ZohoIdSchema.parse('460000000026049'); // '460000000026049'
 * ```
 */
export const ZohoIdSchema = /* @__PURE__ */ z.pipe(/* @__PURE__ */ z
  .union([/* @__PURE__ */ z.string(), /* @__PURE__ */ z.number()], { error: (issue) => idTypeError(issue, ID_EXPECTED) }), /* @__PURE__ */ z.transform(toId));

/** A Zoho record id as a string (the output of {@link ZohoIdSchema}). */
export type ZohoId = z.infer<typeof ZohoIdSchema>;

/**
 * A reference to another record that may be unset: an id, or the blank string Books sends when the
 * reference is empty (`"pricebook_id": ""`; the OAS examples even show `" "`). A blank string is
 * kept exactly as sent, so an update that sends the record back does not change it.
 *
 * @example
 * ```ts
 * ZohoIdRefSchema.parse('');   // ''
 * ZohoIdRefSchema.parse(9820); // '9820'
 * ```
 */
export const ZohoIdRefSchema = /* @__PURE__ */ z.pipe(/* @__PURE__ */ z
  .union([/* @__PURE__ */ z.string(), /* @__PURE__ */ z.number()], { error: (issue) => idTypeError(issue, `${ID_EXPECTED}, or "" for none`) }), /* @__PURE__ */ z.transform((value, ctx) => (typeof value === 'string' && value.trim() === '' ? value : toId(value, ctx))));

/** An id reference: a Zoho id, or a blank string for "none". */
export type ZohoIdRef = z.infer<typeof ZohoIdRefSchema>;
