import type { SchemaNode } from './openapi-index.js';

/** How strictly a value is held to its schema. */
export interface CheckMode {
  /** Request bodies: every `required` field must be present. Replies: only declared types count. */
  required: boolean;
}

type Resolve = (node: SchemaNode | undefined) => SchemaNode | undefined;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(declared: string, value: unknown): boolean {
  const actual = typeOf(value);
  if (declared === 'number') return actual === 'number' || actual === 'integer';
  return declared === actual;
}

const MAX_DEPTH = 24;

/**
 * The problems of `value` against `schema`, as `path: what` lines (empty when it conforms):
 * declared types (string, number, integer, boolean, array, object), enums, `required` fields
 * (when `mode.required`), nested objects and arrays, `allOf` / `oneOf` / `anyOf`. Fields the
 * schema does not declare are fine: Zoho adds fields freely.
 */
export function checkValue(value: unknown, schema: SchemaNode | undefined, resolve: Resolve, mode: CheckMode, path = '', depth = 0): string[] {
  const node = resolve(schema);
  if (!node || depth > MAX_DEPTH) return [];
  const at = path === '' ? '(body)' : path;
  if (node.allOf) return node.allOf.flatMap((part) => checkValue(value, part, resolve, mode, path, depth + 1));
  const alternatives = node.oneOf ?? node.anyOf;
  if (alternatives) {
    const results = alternatives.map((part) => checkValue(value, part, resolve, mode, path, depth + 1));
    return results.some((r) => r.length === 0) ? [] : [`${at}: matches none of ${alternatives.length} alternatives (${results.map((r) => r[0]).join('; ')})`];
  }
  if (value === null) return node.nullable === true || node.type === undefined ? [] : [`${at}: null, declared ${node.type}`];
  if (node.type !== undefined && !typeMatches(node.type, value)) return [`${at}: ${typeOf(value)} ${JSON.stringify(value).slice(0, 60)}, declared ${node.type}`];
  if (node.enum && !node.enum.some((allowed) => allowed === value)) return [`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(node.enum)}`];
  const problems: string[] = [];
  if (Array.isArray(value)) {
    value.forEach((entry, i) => problems.push(...checkValue(entry, node.items, resolve, mode, `${path}[${i}]`, depth + 1)));
    return problems;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (mode.required) for (const field of node.required ?? []) if (!(field in record)) problems.push(`${path === '' ? '' : `${path}.`}${field}: required, missing`);
    for (const [field, fieldSchema] of Object.entries(node.properties ?? {})) {
      if (field in record && record[field] !== undefined) problems.push(...checkValue(record[field], fieldSchema, resolve, mode, path === '' ? field : `${path}.${field}`, depth + 1));
    }
  }
  return problems;
}
