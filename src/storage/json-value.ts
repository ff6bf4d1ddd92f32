import { ValidationError } from '../errors/validation-error.js';

/**
 * How deeply Storage values may nest arrays and objects inside each other (the root counts as the
 * first level). Deeper values are refused with a `ValidationError` (`INVALID_INPUT`): walking them
 * would overflow the call stack of the validator, of `JSON.stringify` or of a reader's code, and
 * the SDK never stores anything near this deep.
 */
export const STORAGE_MAX_DEPTH = 1000;

/** How much of the path a too-deep problem names: its first levels, enough to find the value. */
const DEEP_PATH_SHOWN = 8;

/** Where a value stops being JSON, and why. */
export interface JsonProblem {
  /** Path from the value's root to the offending part (`[]` for the root itself). */
  path: Array<string | number>;
  /** What is wrong, e.g. `is a function`. */
  reason: string;
}

/**
 * Finds the first part of `value` that JSON cannot represent faithfully, or `undefined` when the
 * whole value is JSON data: `null`, booleans, finite numbers, strings, arrays and plain objects.
 *
 * `JSON.stringify` would silently turn these into something else (a function into nothing, `NaN`
 * into `null`, a `Date` into a string, a `Map` into `{}`) or throw (BigInt, cycles), so storage
 * refuses them up front. An object property whose value is `undefined` is allowed and means "absent",
 * as in JSON; `undefined` anywhere else is refused. A value nesting arrays and objects more than
 * {@link STORAGE_MAX_DEPTH} levels deep is refused too; its problem's path is then only the first
 * levels of the way down (the full path would be a thousand steps long).
 *
 * @example
 * ```ts
 * findJsonProblem({ a: [1, () => 2] }); // { path: ['a', 1], reason: 'is a function' }
 * ```
 */
export function findJsonProblem(value: unknown): JsonProblem | undefined {
  return walk(value, [], new Set(), 0);
}

// `path` is one shared stack (pushed and popped as the walk descends) and copied only on failure:
// storage validates every value it writes, so the happy path must not allocate per property.
// `depth` counts the arrays and objects around `value`; the recursion stops at STORAGE_MAX_DEPTH,
// far below what the call stack holds.
function walk(value: unknown, path: Array<string | number>, ancestors: Set<object>, depth: number): JsonProblem | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : problemAt(path, `is ${String(value)}, which JSON cannot hold`);
    case 'undefined':
      return problemAt(path, 'is undefined (to remove a key, delete it)');
    case 'function':
      return problemAt(path, 'is a function');
    case 'bigint':
      return problemAt(path, 'is a BigInt (store it as a string)');
    case 'symbol':
      return problemAt(path, 'is a symbol');
    default:
      break;
  }
  if (value === null) return undefined;
  const object = value as object;
  if (ancestors.has(object)) return problemAt(path, 'is a circular reference');
  if (depth >= STORAGE_MAX_DEPTH) return tooDeep(path);
  ancestors.add(object);
  const problem = Array.isArray(object) ? walkArray(object, path, ancestors, depth + 1) : walkObject(object, path, ancestors, depth + 1);
  ancestors.delete(object);
  return problem;
}

function problemAt(path: ReadonlyArray<string | number>, reason: string): JsonProblem {
  return { path: [...path], reason };
}

function tooDeep(path: ReadonlyArray<string | number>): JsonProblem {
  return problemAt(path.slice(0, DEEP_PATH_SHOWN), `nests arrays and objects more than ${STORAGE_MAX_DEPTH} levels deep (the most Storage keeps; the path shows the first levels): store flatter data`);
}

function walkArray(array: readonly unknown[], path: Array<string | number>, ancestors: Set<object>, depth: number): JsonProblem | undefined {
  for (let i = 0; i < array.length; i++) {
    // A hole or an `undefined` element would come back as `null`.
    path.push(i);
    const problem = walk(array[i], path, ancestors, depth);
    path.pop();
    if (problem) return problem;
  }
  return undefined;
}

function walkObject(object: object, path: Array<string | number>, ancestors: Set<object>, depth: number): JsonProblem | undefined {
  const prototype: unknown = Object.getPrototypeOf(object);
  if (prototype !== Object.prototype && prototype !== null) {
    const kind = object.constructor?.name || 'class instance';
    return problemAt(path, `is a ${kind}, not a plain object (convert it to JSON data first)`);
  }
  if (Object.getOwnPropertySymbols(object).length > 0) {
    return problemAt(path, 'has symbol keys, which JSON drops');
  }
  for (const key in object) {
    if (!Object.hasOwn(object, key)) continue;
    const entry: unknown = (object as Record<string, unknown>)[key];
    if (entry === undefined) continue;
    path.push(key);
    const problem = walk(entry, path, ancestors, depth);
    path.pop();
    if (problem) return problem;
  }
  return undefined;
}

/**
 * Deep equality of two JSON values: object key order does not matter, array order does, and an
 * object property set to `undefined` counts as absent. This is the comparison `compareAndSet` uses.
 * It walks with its own stack, not recursion, so it never overflows the call stack.
 *
 * @throws {ValidationError} `INVALID_INPUT` when both values nest arrays and objects more than
 * {@link STORAGE_MAX_DEPTH} levels deep along the same path (such values are never stored).
 * @example
 * ```ts
 * storageValuesEqual({ a: 1, b: [2] }, { b: [2], a: 1 }); // true
 * ```
 */
export function storageValuesEqual(a: unknown, b: unknown): boolean {
  const pending: Array<[unknown, unknown, number]> = [[a, b, 0]];
  for (let pair = pending.pop(); pair !== undefined; pair = pending.pop()) {
    const [x, y, depth] = pair;
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    // Only reached while both sides are still arrays or objects: a stored value (at most
    // STORAGE_MAX_DEPTH deep) ends the walk before this. A cycle in both values would not.
    if (depth >= STORAGE_MAX_DEPTH) {
      throw new ValidationError(`storageValuesEqual: both values nest arrays and objects more than ${STORAGE_MAX_DEPTH} levels deep (or are circular); stored values never do.`, [
        { path: [], message: `nests more than ${STORAGE_MAX_DEPTH} levels deep` },
      ]);
    }
    if (Array.isArray(x) || Array.isArray(y)) {
      if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) pending.push([x[i], y[i], depth + 1]);
      continue;
    }
    const xKeys = definedKeys(x);
    if (xKeys.length !== definedKeys(y).length) return false;
    const xRecord = x as Record<string, unknown>;
    const yRecord = y as Record<string, unknown>;
    for (const key of xKeys) {
      if (!Object.hasOwn(yRecord, key)) return false;
      pending.push([xRecord[key], yRecord[key], depth + 1]);
    }
  }
  return true;
}

function definedKeys(object: object): string[] {
  return Object.entries(object)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);
}
