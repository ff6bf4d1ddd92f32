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
 * as in JSON; `undefined` anywhere else is refused.
 *
 * @example
 * ```ts
 * findJsonProblem({ a: [1, () => 2] }); // { path: ['a', 1], reason: 'is a function' }
 * ```
 */
export function findJsonProblem(value: unknown): JsonProblem | undefined {
  return walk(value, [], new Set());
}

// `path` is one shared stack (pushed and popped as the walk descends) and copied only on failure:
// storage validates every value it writes, so the happy path must not allocate per property.
function walk(value: unknown, path: Array<string | number>, ancestors: Set<object>): JsonProblem | undefined {
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
  ancestors.add(object);
  const problem = Array.isArray(object) ? walkArray(object, path, ancestors) : walkObject(object, path, ancestors);
  ancestors.delete(object);
  return problem;
}

function problemAt(path: ReadonlyArray<string | number>, reason: string): JsonProblem {
  return { path: [...path], reason };
}

function walkArray(array: readonly unknown[], path: Array<string | number>, ancestors: Set<object>): JsonProblem | undefined {
  for (let i = 0; i < array.length; i++) {
    // A hole or an `undefined` element would come back as `null`.
    path.push(i);
    const problem = walk(array[i], path, ancestors);
    path.pop();
    if (problem) return problem;
  }
  return undefined;
}

function walkObject(object: object, path: Array<string | number>, ancestors: Set<object>): JsonProblem | undefined {
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
    const problem = walk(entry, path, ancestors);
    path.pop();
    if (problem) return problem;
  }
  return undefined;
}

/**
 * Deep equality of two JSON values: object key order does not matter, array order does, and an
 * object property set to `undefined` counts as absent. This is the comparison `compareAndSet` uses.
 *
 * @example
 * ```ts
 * storageValuesEqual({ a: 1, b: [2] }, { b: [2], a: 1 }); // true
 * ```
 */
export function storageValuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => storageValuesEqual(item, b[i]));
  }
  const aKeys = definedKeys(a);
  const bKeys = definedKeys(b);
  if (aKeys.length !== bKeys.length) return false;
  const bRecord = b as Record<string, unknown>;
  const aRecord = a as Record<string, unknown>;
  return aKeys.every((key) => Object.hasOwn(bRecord, key) && storageValuesEqual(aRecord[key], bRecord[key]));
}

function definedKeys(object: object): string[] {
  return Object.entries(object)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);
}
