import * as z from 'zod/mini';
import { englishErrorMap } from '../schemas/validate.js';
import { ValidationError, type ValidationIssue } from '../errors/validation-error.js';

/**
 * Validates data leaving the SDK (`INVALID_INPUT`: nothing is sent) or a reply from Zoho
 * (`INVALID_RESPONSE`), turning zod issues into {@link ValidationError} issues with paths.
 */
export function parseWith<S extends z.core.$ZodType>(
  schema: S,
  value: unknown,
  context: { what: string; kind: 'input' | 'response'; pathPrefix?: ReadonlyArray<string | number> },
): z.output<S> {
  const result = z.safeParse(schema, value, { error: englishErrorMap });
  if (result.success) return result.data;
  const prefix = context.pathPrefix ?? [];
  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: issue.message,
    code: issue.code,
  }));
  const first = issues[0];
  const where = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'unknown problem';
  if (context.kind === 'input') {
    throw new ValidationError(`${context.what} is not valid (${where}${issues.length > 1 ? `, and ${issues.length - 1} more` : ''}). Nothing was sent to Zoho.`, issues, {
      code: 'INVALID_INPUT',
    });
  }
  throw new ValidationError(
    `Zoho's reply to ${context.what} does not match the expected shape (${where}${issues.length > 1 ? `, and ${issues.length - 1} more` : ''}). Zoho may have changed the API; report it with error.details.`,
    issues,
    { code: 'INVALID_RESPONSE' },
  );
}
