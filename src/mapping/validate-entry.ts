import type { MappingIssue } from '../errors/mapping-error.js';
import { ownedByContactsModule, type FieldCatalogue } from './catalogue/index.js';
import type { FieldSpec } from './catalogue/field-spec.js';
import { isForbiddenName, parsePath, type PathSegment } from './path.js';
import type { TransformRegistry } from './transforms.js';
import { MAPPING_DIRECTIONS, type MappingDirection, type MappingEntry } from './types.js';
import { isPlainObject, valueMapProblem } from './value-map.js';

/** An entry that passed the per-entry checks, with its parsed paths and fields. */
export interface CheckedEntry {
  readonly index: number;
  readonly entry: MappingEntry;
  readonly fsmPath: readonly PathSegment[];
  readonly financePath: readonly PathSegment[];
  readonly fsmField: FieldSpec;
  readonly financeField: FieldSpec;
  readonly writesFinance: boolean;
  readonly writesFsm: boolean;
}

/** What the entry checks need. */
export interface EntryContext {
  readonly fsm: FieldCatalogue;
  readonly finance: FieldCatalogue;
  readonly transforms: TransformRegistry;
}

const ENTRY_KEYS: ReadonlySet<string> = new Set(['fsm', 'finance', 'direction', 'transform', 'valueMap', 'required']);

function issue(index: number, code: MappingIssue['code'], key: string | undefined, message: string): MappingIssue {
  return { code, index, path: key === undefined ? ['entries', index] : ['entries', index, key], message };
}

function shapeIssues(raw: Record<string, unknown>, index: number): MappingIssue[] {
  const issues: MappingIssue[] = [];
  for (const key of Object.keys(raw)) {
    if (isForbiddenName(key)) issues.push(issue(index, 'MAPPING_FORBIDDEN_NAME', key, `"${key}" is not an allowed entry key`));
    else if (!ENTRY_KEYS.has(key)) issues.push(issue(index, 'MAPPING_INVALID_ENTRY', key, `unknown entry key "${key}" (allowed: ${[...ENTRY_KEYS].join(', ')})`));
  }
  for (const key of ['fsm', 'finance'] as const) {
    if (typeof raw[key] !== 'string' || raw[key] === '') issues.push(issue(index, 'MAPPING_INVALID_ENTRY', key, `"${key}" must be a field path`));
  }
  if (!MAPPING_DIRECTIONS.includes(raw.direction as MappingDirection)) {
    issues.push(issue(index, 'MAPPING_INVALID_ENTRY', 'direction', `"direction" must be one of ${MAPPING_DIRECTIONS.join(', ')}`));
  }
  if (raw.transform !== undefined && typeof raw.transform !== 'string') issues.push(issue(index, 'MAPPING_INVALID_ENTRY', 'transform', '"transform" must be a transform name'));
  if (raw.required !== undefined && typeof raw.required !== 'boolean') issues.push(issue(index, 'MAPPING_INVALID_ENTRY', 'required', '"required" must be true or false'));
  if (raw.valueMap !== undefined) {
    const problem = valueMapProblem(raw.valueMap);
    if (problem) issues.push({ ...issue(index, problem.forbidden ? 'MAPPING_FORBIDDEN_NAME' : 'MAPPING_INVALID_ENTRY', 'valueMap', problem.message), path: ['entries', index, 'valueMap', ...problem.path] });
  }
  return issues;
}

function lookup(catalogue: FieldCatalogue, path: string, index: number, key: 'fsm' | 'finance'): { segments: PathSegment[]; field: FieldSpec } | MappingIssue {
  const segments = parsePath(path);
  if (!Array.isArray(segments)) {
    return issue(index, segments.kind === 'forbidden' ? 'MAPPING_FORBIDDEN_NAME' : 'MAPPING_INVALID_ENTRY', key, `${key} path ${segments.message}`);
  }
  const field = catalogue.get(path);
  if (field) return { segments, field };
  if (ownedByContactsModule(catalogue, path)) {
    return issue(index, 'MAPPING_UNKNOWN_FIELD', key, `under sync types III and IV the customer's contact persons are written by the contacts module, so companies cannot map "${path}": map the company's phone to billing_address.phone and let its FSM contacts carry email and phones`);
  }
  const elsewhere = catalogue.elsewhere(path);
  const side = key === 'fsm' ? 'FSM' : 'finance';
  const hint = elsewhere.length > 0 ? ` (it exists only in editions: ${elsewhere.join(', ')})` : '';
  return issue(index, 'MAPPING_UNKNOWN_FIELD', key, `${side} ${catalogue.module} has no field "${path}" in edition ${catalogue.edition}${hint}`);
}

/**
 * Checks one entry's shape, names and fields. Type and value-map checks, which need both fields,
 * come after (validate-types.ts).
 */
export function checkEntry(raw: unknown, index: number, context: EntryContext): { issues: MappingIssue[]; checked?: CheckedEntry } {
  if (!isPlainObject(raw)) return { issues: [issue(index, 'MAPPING_INVALID_ENTRY', undefined, 'an entry must be an object { fsm, finance, direction }')] };
  const issues = shapeIssues(raw, index);
  if (issues.length > 0) return { issues };
  const entry = raw as unknown as MappingEntry;
  const fsm = lookup(context.fsm, entry.fsm, index, 'fsm');
  const finance = lookup(context.finance, entry.finance, index, 'finance');
  const found: MappingIssue[] = [];
  if ('code' in fsm) found.push(fsm);
  if ('code' in finance) found.push(finance);
  if ('code' in fsm || 'code' in finance) return { issues: found };
  const writesFinance = entry.direction !== 'to_fsm';
  const writesFsm = entry.direction !== 'to_finance';
  if (writesFinance && finance.field.readOnly) found.push(issue(index, 'MAPPING_READ_ONLY_TARGET', 'finance', `finance ${entry.finance} cannot be written (computed by Zoho or fixed by the sync type); use direction "to_fsm"`));
  if (writesFsm && fsm.field.readOnly) found.push(issue(index, 'MAPPING_READ_ONLY_TARGET', 'fsm', `FSM ${entry.fsm} cannot be written${context.fsm.module === 'invoices' ? ' (work orders are never written from invoices)' : ''}; use direction "to_finance"`));
  if (entry.transform !== undefined) {
    if (isForbiddenName(entry.transform)) found.push(issue(index, 'MAPPING_FORBIDDEN_NAME', 'transform', `"${entry.transform}" is not an allowed transform name`));
    else if (!context.transforms.has(entry.transform)) {
      found.push(issue(index, 'MAPPING_UNKNOWN_TRANSFORM', 'transform', `unknown transform "${entry.transform}" (known: ${[...context.transforms.keys()].join(', ')})`));
    }
  }
  if (found.length > 0) return { issues: found };
  return {
    issues: [],
    checked: { index, entry, fsmPath: fsm.segments, financePath: finance.segments, fsmField: fsm.field, financeField: finance.field, writesFinance, writesFsm },
  };
}
