import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { ValidationError, type ValidationErrorCode, type ValidationIssue } from '../errors/validation-error.js';

let english: z.core.$ZodErrorMap | undefined;

/**
 * zod's English issue messages ("Invalid input: expected string, received number"), for a parse
 * of one of the SDK's schemas. The schemas are built with `zod/mini`, which carries no locale,
 * so a bare `schema.parse(value)` says only "Invalid input"; pass this map to get the sentence.
 * A message set with `z.config({ customError })` still wins, as it would with classic zod, and
 * the SDK's own messages (ids, numbers, ...) are never replaced. {@link validatePayload} and the
 * client use it on every parse. The English table is made on the first issue, not at import.
 *
 * @example
 * ```ts
 * const result = FinanceContactSchema.safeParse(body, { error: englishErrorMap });
 * if (!result.success) report(toValidationIssues(result.error));
 * ```
 */
export const englishErrorMap: z.core.$ZodErrorMap = (issue) =>
  z.config().customError?.(issue) ?? (english ??= en().localeError)(issue);

/**
 * Turns zod's issues into the SDK's {@link ValidationIssue}s (paths as strings and numbers).
 *
 * @example
 * ```ts
 * const result = FinanceContactSchema.safeParse(body, { error: englishErrorMap });
 * if (!result.success) report(toValidationIssues(result.error));
 * ```
 */
export function toValidationIssues(error: z.core.$ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)),
    message: issue.message,
    code: issue.code,
  }));
}

/** Options of {@link validatePayload}. */
export interface ValidatePayloadOptions {
  /** `INVALID_INPUT` (default) for data you are about to send, `INVALID_RESPONSE` for a reply from Zoho. */
  code?: ValidationErrorCode;
  /** What the payload is, for the message (`'contact create input'`). Default `'payload'`. */
  what?: string;
}

/**
 * Parses `payload` with a wire schema and returns the parsed value (ids as strings, unknown fields
 * kept), or throws a {@link ValidationError} whose `issues` list every problem with its path.
 *
 * @example
 * ```ts
 * const input = validatePayload(FinanceContactCreateSchema, { contact_name: 'Bowman and Co' }, { what: 'contact' });
 * ```
 */
export function validatePayload<S extends z.core.$ZodType>(schema: S, payload: unknown, options: ValidatePayloadOptions = {}): z.output<S> {
  const result = z.safeParse(schema, payload, { error: englishErrorMap });
  if (result.success) return result.data;
  const code = options.code ?? 'INVALID_INPUT';
  const issues = toValidationIssues(result.error);
  const first = issues[0];
  const where = first === undefined || first.path.length === 0 ? '' : ` at ${first.path.join('.')}`;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem(s) in details.issues)` : '';
  const advice =
    code === 'INVALID_INPUT'
      ? 'Nothing was sent; fix the payload and retry.'
      : 'Zoho replied with an unexpected shape; report it with details.issues.';
  const message = `${options.what ?? 'payload'} is not valid${where}: ${first?.message ?? 'unknown problem'}${more}. ${advice}`;
  throw new ValidationError(message, issues, { code, cause: result.error });
}
