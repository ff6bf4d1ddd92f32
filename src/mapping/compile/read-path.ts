import type { PathSegment } from '../path.js';

/** Reads one field of a record; `undefined` when any step is missing. */
export type PathReader = (record: unknown) => unknown;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether an element's selector field matches the selector's text (`true` matches `[x=true]`). */
export function selectorMatches(actual: unknown, expected: string): boolean {
  if (typeof actual === 'string') return actual === expected;
  return (typeof actual === 'number' || typeof actual === 'boolean') && String(actual) === expected;
}

// Own properties only: a record parsed from JSON may carry any key, but nothing inherited (a
// prototype's `toString`, say) is ever read as a field.
function step(segment: PathSegment): PathReader {
  const { name } = segment;
  if (segment.kind === 'select') {
    const { key, value } = segment;
    return (record) => {
      if (!isRecord(record) || !Object.hasOwn(record, name)) return undefined;
      const list = record[name];
      if (!Array.isArray(list)) return undefined;
      for (const element of list) if (isRecord(element) && Object.hasOwn(element, key) && selectorMatches(element[key], value)) return element;
      return undefined;
    };
  }
  return (record) => (isRecord(record) && Object.hasOwn(record, name) ? record[name] : undefined);
}

/**
 * Compiles a path (without `[]`) into a reader, once per mapping version. One and two steps, the
 * common cases, get straight-line closures.
 */
export function compileReader(segments: readonly PathSegment[]): PathReader {
  const steps = segments.map(step);
  const [a, b] = steps;
  if (steps.length === 1 && a) return a;
  if (steps.length === 2 && a && b) return (record) => b(a(record));
  return (record) => {
    let current = record;
    for (const read of steps) {
      current = read(current);
      if (current === undefined) return undefined;
    }
    return current;
  };
}
