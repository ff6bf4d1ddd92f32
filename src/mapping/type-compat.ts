import type { FieldSpec, FieldType } from './catalogue/field-spec.js';

// Which value types can fill which: a source value is converted at run time only where no
// information is lost (a number into text, a whole number into a number). Everything else needs a
// transform that says how, so a mapping cannot silently mangle values.
const FILLS: Readonly<Record<FieldType, readonly FieldType[]>> = {
  string: ['string', 'enum', 'number', 'integer', 'date', 'datetime', 'unknown'],
  enum: ['enum', 'string', 'unknown'],
  number: ['number', 'integer', 'unknown'],
  integer: ['integer', 'unknown'],
  boolean: ['boolean', 'unknown'],
  date: ['date', 'unknown'],
  datetime: ['datetime', 'unknown'],
  unknown: ['string', 'enum', 'number', 'integer', 'boolean', 'date', 'datetime', 'unknown'],
  ref: [],
};

const HINTS: Partial<Record<FieldType, string>> = {
  number: 'number', integer: 'integer', boolean: 'boolean', date: 'date',
};

const NAMES: Readonly<Record<FieldType, string>> = {
  string: 'text', enum: 'a choice list', number: 'a number', integer: 'a whole number', boolean: 'true/false',
  date: 'a date', datetime: 'a date-time', unknown: 'a custom value', ref: 'a reference',
};

/** Human name of a type, for messages. */
export function typeName(type: FieldType): string {
  return NAMES[type];
}

/**
 * Why a value of `sourceType` (the source field's type after the entry's transform and value map)
 * cannot fill `target`, or `undefined` when it can. References only fill references of the same
 * kind: anything else would copy an id of one system into the other untranslated.
 */
export function fillProblem(source: FieldSpec, sourceType: FieldType, target: FieldSpec): string | undefined {
  if (sourceType === 'ref' || target.type === 'ref') {
    if (sourceType !== 'ref' || target.type !== 'ref') {
      return `${source.path} (${typeName(sourceType)}) cannot fill ${target.path} (${typeName(target.type)}): references map only to references of the same kind`;
    }
    const kinds = [source.ref, target.ref];
    const customer = kinds.includes('customers') && kinds.every((k) => k === 'customers' || k === 'companies' || k === 'contacts');
    return source.ref === target.ref || customer ? undefined : `${source.path} points at ${source.ref} but ${target.path} at ${target.ref}`;
  }
  if (FILLS[target.type].includes(sourceType)) return undefined;
  const hint = HINTS[target.type];
  const advice = hint ? `; add transform "${hint}" to convert` : '';
  return `${source.path} (${typeName(sourceType)}) cannot fill ${target.path} (${typeName(target.type)})${advice}`;
}
