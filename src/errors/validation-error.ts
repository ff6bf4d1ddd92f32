import { FsmBillingError, type FsmBillingErrorOptions } from './fsm-billing-error.js';

/** One problem found by validation: where, and what is wrong. */
export interface ValidationIssue {
  /** Path to the offending value, e.g. `['contacts', 3, 'contact_id']`. */
  path: ReadonlyArray<string | number>;
  message: string;
  /** The validator's own issue code (zod's `invalid_type`, ...). */
  code?: string;
}

/** Stable codes of validation failures. */
export type ValidationErrorCode =
  /** Input given to the SDK is not valid: nothing was sent or stored. */
  | 'INVALID_INPUT'
  /** Zoho answered with a body that does not match the expected schema. */
  | 'INVALID_RESPONSE'
  /** A field-mapping change was refused: the codes of {@link MappingError} (`MAPPING_UNKNOWN_FIELD`, ...). */
  | `MAPPING_${string}`;

/**
 * Thrown when data does not match its schema: input you passed (`INVALID_INPUT`, nothing was sent)
 * or a reply from Zoho (`INVALID_RESPONSE`). `issues` lists every problem with its path.
 */
export class ValidationError extends FsmBillingError {
  override name = 'ValidationError';
  declare readonly code: ValidationErrorCode;
  readonly issues: ReadonlyArray<ValidationIssue>;

  constructor(
    message: string,
    issues: ReadonlyArray<ValidationIssue>,
    options: FsmBillingErrorOptions & { code?: ValidationErrorCode } = {},
  ) {
    super(options.code ?? 'INVALID_INPUT', message, { ...options, details: { issues, ...options.details } });
    this.issues = issues;
  }
}
