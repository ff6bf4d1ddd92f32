import type { ValidationIssue } from '../../errors/validation-error.js';
import type { ReferenceResolver } from '../references.js';

/**
 * Options of one conversion.
 *
 * @example
 * ```ts
 * converter.toFinance(company, { resolve, existing: currentCustomer });
 * ```
 */
export interface ConvertOptions {
  /** Translates reference fields (company ↔ customer, FSM tax ↔ finance tax). Needed only when a record has a value in one. */
  resolve?: ReferenceResolver;
  /** A reference with no counterpart: `'throw'` (default) fails the conversion; `'omit'` leaves the field out. */
  unresolved?: 'throw' | 'omit';
  /**
   * The target side's current record, for updates: a selected element (the primary contact person,
   * a custom field) keeps its id, so Zoho updates it instead of adding another.
   */
  existing?: Readonly<Record<string, unknown>>;
  /** The record is a patch: entries marked `required` do not fail when their field is absent. */
  partial?: boolean;
}

/** The state of one conversion run. */
export interface RunState {
  readonly options: ConvertOptions;
  readonly issues: ValidationIssue[];
}
