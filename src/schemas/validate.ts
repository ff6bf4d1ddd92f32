import type { z } from 'zod';
import { ValidationError, type ValidationErrorCode, type ValidationIssue } from '../errors/validation-error.js';

/**
 * Turns zod's issues into the SDK's {@link ValidationIssue}s (paths as strings and numbers).
 *
 * @example
 * ```ts
 * const result = FinanceContactSchema.safeParse(body);
 * if (!result.success) report(toValidationIssues(result.error));
 * ```
 */
export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
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
export function validatePayload<S extends z.ZodType>(schema: S, payload: unknown, options: ValidatePayloadOptions = {}): z.output<S> {
  const result = schema.safeParse(payload);
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
