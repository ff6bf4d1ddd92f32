import type { FsmBillingErrorOptions } from './fsm-billing-error.js';
import { ValidationError } from './validation-error.js';

/** Stable codes of refused field-mapping changes (docs/errors.md). */
export type MappingErrorCode =
  /** A path names a field the module's catalogue does not have in this edition. */
  | 'MAPPING_UNKNOWN_FIELD'
  /** The two fields' types cannot carry each other's values (even with the entry's transform). */
  | 'MAPPING_INCOMPATIBLE_TYPE'
  /** A field Zoho requires on create is not written by any entry. */
  | 'MAPPING_REQUIRED_UNMAPPED'
  /** Two entries write the same target field. */
  | 'MAPPING_DUPLICATE_TARGET'
  /** A path, selector, value-map key or transform name is `__proto__`, `constructor` or `prototype`. */
  | 'MAPPING_FORBIDDEN_NAME'
  /** A value of the source field's enum has no destination in the value map. */
  | 'MAPPING_VALUE_MAP_INCOMPLETE'
  /** An entry names a transform the mapper does not know. */
  | 'MAPPING_UNKNOWN_TRANSFORM'
  /** An entry writes a field that cannot be written (computed by Zoho, fixed by the sync type, or a one-way module). */
  | 'MAPPING_READ_ONLY_TARGET'
  /** An entry is not of the documented shape (missing path, unknown key, bad direction, bad path syntax). */
  | 'MAPPING_INVALID_ENTRY'
  /** The stored mapping is not at the version the change expected, or kept changing under it. */
  | 'MAPPING_VERSION_CONFLICT'
  /** The module is not part of the sync type's module map. */
  | 'MAPPING_UNKNOWN_MODULE';

/** One reason a mapping change was refused. */
export interface MappingIssue {
  code: MappingErrorCode;
  /** Index of the offending entry in the proposed list; absent for whole-mapping problems. */
  index?: number;
  /** Where in the proposed mapping, e.g. `['entries', 3, 'finance']`. */
  path: ReadonlyArray<string | number>;
  message: string;
}

// `set[0]: ...` for an entry the caller passed in `set`, `entry 3: ...` for one of the full list.
function where(issue: MappingIssue): string {
  if (issue.path[0] === 'set' && typeof issue.path[1] === 'number') return `set[${issue.path[1]}]: `;
  return issue.index === undefined ? '' : `entry ${issue.index}: `;
}

/**
 * Thrown when a field-mapping change is refused (a {@link ValidationError}, so one `catch` handles
 * every kind of invalid input). Nothing was stored: the mapping and its version are as they were. `code` is the first issue's code; `issues` lists every problem found, each with
 * the entry index and the reason.
 *
 * @example
 * ```ts
 * try { await mapper.update('companies', { set: [{ fsm: 'Website', finance: 'web', direction: 'both' }] }); }
 * catch (error) {
 *   if (error instanceof MappingError) for (const issue of error.issues) console.warn(issue.index, issue.code, issue.message);
 * }
 * ```
 */
export class MappingError extends ValidationError {
  override name = 'MappingError';
  declare readonly code: MappingErrorCode;
  declare readonly issues: ReadonlyArray<MappingIssue>;
  /** The mapping module the change was for (`'companies'`, `'items'`, ...). */
  readonly module: string;

  constructor(module: string, issues: ReadonlyArray<MappingIssue>, options: FsmBillingErrorOptions = {}) {
    const first = issues[0];
    const code: MappingErrorCode = first?.code ?? 'MAPPING_INVALID_ENTRY';
    const shown = issues.slice(0, 5).map((issue) => `${where(issue)}${issue.message}`);
    const more = issues.length > shown.length ? ` (and ${issues.length - shown.length} more)` : '';
    super(`The ${module} field mapping was not changed: ${shown.join('; ')}${more}.`, issues, {
      ...options,
      code,
      details: { module, ...options.details },
    });
    this.module = module;
  }
}
