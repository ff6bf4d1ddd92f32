// Field paths of mapping entries. Parsed once when a mapping is validated or compiled, never per
// record. Every name a path can reach is checked here, which is what keeps compiled writers from
// ever assigning `__proto__` and friends.

/** A step of a field path. */
export type PathSegment =
  /** `name`: a property. */
  | { kind: 'key'; name: string }
  /** `name[key=value]`: the element of the array `name` whose `key` equals `value`. */
  | { kind: 'select'; name: string; key: string; value: string }
  /** `name[]`: every element of the array `name`, mapped one to one. */
  | { kind: 'each'; name: string };

/** Names that would reach an object's prototype machinery: refused anywhere in a mapping. */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Why a path was refused. */
export interface PathProblem {
  kind: 'syntax' | 'forbidden';
  message: string;
}

const NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const MAX_PATH_LENGTH = 300;

/** True when `name` is one of {@link FORBIDDEN_NAMES}. */
export function isForbiddenName(name: string): boolean {
  return FORBIDDEN_NAMES.has(name);
}

function parseSegment(text: string): PathSegment | PathProblem {
  const open = text.indexOf('[');
  const name = open < 0 ? text : text.slice(0, open);
  if (isForbiddenName(name)) return { kind: 'forbidden', message: `"${name}" is not an allowed field name` };
  if (!NAME.test(name)) return { kind: 'syntax', message: `"${text}" is not a field name` };
  if (open < 0) return { kind: 'key', name };
  if (!text.endsWith(']')) return { kind: 'syntax', message: `"${text}" has an unclosed [` };
  const inner = text.slice(open + 1, -1);
  if (inner === '') return { kind: 'each', name };
  const eq = inner.indexOf('=');
  const key = eq < 0 ? inner : inner.slice(0, eq);
  const value = eq < 0 ? '' : inner.slice(eq + 1);
  if (isForbiddenName(key) || isForbiddenName(value)) return { kind: 'forbidden', message: `"${text}" uses a forbidden name` };
  if (eq < 0 || !NAME.test(key) || value.trim() === '' || /[[\]]/.test(value)) {
    return { kind: 'syntax', message: `"${text}" must select an element as name[key=value]` };
  }
  return { kind: 'select', name, key, value };
}

/**
 * Parses a dotted field path. A selector's value may hold spaces but not dots or brackets.
 *
 * @example
 * ```ts
 * parsePath('custom_fields[label=Region].value');
 * // [{ kind: 'select', name: 'custom_fields', key: 'label', value: 'Region' }, { kind: 'key', name: 'value' }]
 * ```
 */
export function parsePath(path: string): PathSegment[] | PathProblem {
  if (path.length === 0 || path.length > MAX_PATH_LENGTH) return { kind: 'syntax', message: `a path must have 1 to ${MAX_PATH_LENGTH} characters` };
  const segments: PathSegment[] = [];
  let each = 0;
  for (const part of splitPath(path)) {
    const segment = parseSegment(part);
    if (!('name' in segment)) return segment;
    if (segment.kind === 'each') each += 1;
    segments.push(segment);
  }
  if (each > 1) return { kind: 'syntax', message: `"${path}" maps more than one level of array elements` };
  const last = segments[segments.length - 1];
  if (last && last.kind !== 'key') return { kind: 'syntax', message: `"${path}" must end with a field name, not an array` };
  return segments;
}

// Splits on dots outside brackets, so a selector value such as `label=Region Code` stays whole.
function splitPath(path: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '[') depth += 1;
    else if (c === ']') depth -= 1;
    else if (c === '.' && depth === 0) {
      parts.push(path.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(path.slice(start));
  return parts;
}

/** The path text of segments (the inverse of {@link parsePath}). */
export function formatPath(segments: readonly PathSegment[]): string {
  return segments
    .map((s) => (s.kind === 'key' ? s.name : s.kind === 'each' ? `${s.name}[]` : `${s.name}[${s.key}=${s.value}]`))
    .join('.');
}

/** The segments up to and including the `[]` one, and the rest; `undefined` when there is none. */
export function splitAtEach(segments: readonly PathSegment[]): { array: PathSegment[]; element: PathSegment[] } | undefined {
  const at = segments.findIndex((s) => s.kind === 'each');
  if (at < 0) return undefined;
  return { array: segments.slice(0, at + 1), element: segments.slice(at + 1) };
}
