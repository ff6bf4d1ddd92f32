import type { MappingIssue } from '../errors/mapping-error.js';
import type { FieldSpec, FieldType } from './catalogue/field-spec.js';
import type { TransformDefinition, TransformRegistry } from './transforms.js';
import { fillProblem, typeName } from './type-compat.js';
import type { MappedScalar } from './types.js';
import type { CheckedEntry } from './validate-entry.js';
import { valueKey, valueTables } from './value-map.js';

type Way = 'toFinance' | 'toFsm';

function issue(entry: CheckedEntry, code: MappingIssue['code'], key: string, message: string): MappingIssue {
  return { code, index: entry.index, path: ['entries', entry.index, key], message };
}

function valueType(values: readonly MappedScalar[]): FieldType {
  if (values.length > 0 && values.every((v) => typeof v === 'boolean')) return 'boolean';
  if (values.length > 0 && values.every((v) => typeof v === 'number')) return values.every((v) => Number.isInteger(v)) ? 'integer' : 'number';
  return 'string';
}

// The values a source field can hold, when that is a closed set: an enum's values (after a
// transform such as `lower`), or true and false.
function sourceValues(source: FieldSpec, transform: TransformDefinition | undefined, way: Way): MappedScalar[] | undefined {
  const raw: MappedScalar[] | undefined = source.type === 'enum' && source.enum ? [...source.enum] : source.type === 'boolean' ? [true, false] : undefined;
  if (!raw || !transform) return raw;
  const fn = way === 'toFinance' ? transform.toFinance : (transform.toFsm ?? transform.toFinance);
  const out: MappedScalar[] = [];
  for (const value of raw) {
    try {
      const t = fn(value);
      if (typeof t === 'string' || typeof t === 'number' || typeof t === 'boolean') out.push(t);
    } catch {
      // A transform that refuses an enum value leaves it out; the run-time error will name it.
    }
  }
  return out;
}

// Whether a value passes into the target unchanged when the value map has no row for it.
function acceptedAsIs(value: MappedScalar, target: FieldSpec): boolean {
  if (target.type === 'enum') return typeof value === 'string' && (target.enum ?? []).includes(value);
  if (target.type === 'boolean') return typeof value === 'boolean';
  if (target.type === 'number' || target.type === 'integer') return typeof value === 'number';
  return true;
}

function checkWay(entry: CheckedEntry, way: Way, transforms: TransformRegistry): MappingIssue[] {
  const [source, target] = way === 'toFinance' ? [entry.fsmField, entry.financeField] : [entry.financeField, entry.fsmField];
  const targetKey = way === 'toFinance' ? 'finance' : 'fsm';
  const transform = entry.entry.transform === undefined ? undefined : transforms.get(entry.entry.transform);
  if (transform && (source.type === 'ref' || (transform.accepts && !transform.accepts.includes(source.type)))) {
    return [issue(entry, 'MAPPING_INCOMPATIBLE_TYPE', 'transform', `transform "${entry.entry.transform}" does not take ${typeName(source.type)} (${source.path})`)];
  }
  const afterTransform: FieldType = transform && transform.output !== 'same' ? transform.output : source.type;
  const table = entry.entry.valueMap === undefined ? undefined : valueTables(entry.entry.valueMap)[way];
  const issues: MappingIssue[] = [];
  const values = sourceValues(source, transform, way);
  if (table) {
    const outputs = [...table.values()];
    const wrong = target.type === 'enum' ? outputs.filter((v) => !acceptedAsIs(v, target)) : [];
    if (wrong.length > 0) {
      issues.push(issue(entry, 'MAPPING_INCOMPATIBLE_TYPE', 'valueMap', `the value map sends ${wrong.map((v) => JSON.stringify(v)).join(', ')} to ${target.path}, which accepts only ${(target.enum ?? []).join(', ')}`));
    }
    const fill = fillProblem({ ...source, path: `${source.path} (through the value map)` }, valueType(outputs), target);
    if (fill && target.type !== 'enum') issues.push(issue(entry, 'MAPPING_INCOMPATIBLE_TYPE', 'valueMap', fill));
  } else {
    const fill = fillProblem(source, afterTransform, target);
    if (fill) issues.push(issue(entry, 'MAPPING_INCOMPATIBLE_TYPE', targetKey, fill));
  }
  if (issues.length === 0 && values && (table || target.type === 'enum')) {
    const missing = values.filter((v) => !(table?.has(valueKey(v)) ?? false) && !acceptedAsIs(v, target));
    if (missing.length > 0) {
      issues.push(issue(entry, 'MAPPING_VALUE_MAP_INCOMPLETE', 'valueMap', `${source.path} can be ${missing.map((v) => JSON.stringify(v)).join(', ')}, which ${target.path} does not accept: map ${missing.length === 1 ? 'it' : 'them'} in valueMap${table ? ` (${way})` : ''}`));
    }
  }
  return issues;
}

/** Type and value-map checks of an entry, in each direction it carries values. */
export function checkEntryTypes(entry: CheckedEntry, transforms: TransformRegistry): MappingIssue[] {
  return [...(entry.writesFinance ? checkWay(entry, 'toFinance', transforms) : []), ...(entry.writesFsm ? checkWay(entry, 'toFsm', transforms) : [])];
}
