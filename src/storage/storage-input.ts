import { ValidationError, type ValidationIssue } from '../errors/validation-error.js';
import { findJsonProblem } from './json-value.js';
import type { StorageListOptions, StorageOp } from './storage.js';

/** A batch op that passed validation; a put carries its value already encoded as JSON text. */
export type PreparedStorageOp = { type: 'put'; key: string; json: string } | { type: 'delete'; key: string };

/** Keys and prefixes must survive a trip through UTF-8, which cannot encode a lone surrogate. */
const LONE_SURROGATE = /\p{Cs}/u;

function stringProblem(value: unknown, allowEmpty: boolean): string | undefined {
  if (typeof value !== 'string') return `is ${value === null ? 'null' : typeof value}, not a string`;
  if (!allowEmpty && value.length === 0) return 'is empty';
  if (LONE_SURROGATE.test(value)) return 'contains an unpaired UTF-16 surrogate, which UTF-8 cannot store';
  return undefined;
}

function fail(message: string, issues: ValidationIssue[]): never {
  throw new ValidationError(message, issues);
}

/**
 * Checks a key given to `get`, `getMany` or `compareAndSet`: a non-empty, well-formed string.
 *
 * @throws {ValidationError} `INVALID_INPUT` naming the method and the problem.
 */
export function checkStorageKey(key: unknown, method: string): asserts key is string {
  const problem = stringProblem(key, false);
  if (problem) fail(`Storage.${method}: the key ${problem}. Keys are non-empty strings like 'link/companies/fsm/123'.`, [{ path: ['key'], message: `key ${problem}` }]);
}

/**
 * Validates `value` as JSON data and returns its JSON text — what an adapter should store.
 * `name` and `context` only shape the error message (`compareAndSet: next.a is a function`).
 *
 * @throws {ValidationError} `INVALID_INPUT` with the path to the part that is not JSON (never the value itself, which may be a secret).
 * @example
 * ```ts
 * const text = encodeStorageValue({ token: 'x', expiresAt: 1700000000000 });
 * ```
 */
export function encodeStorageValue(value: unknown, name = 'value', context = 'Storage'): string {
  const problem = findJsonProblem(value);
  if (problem) {
    const where = [name, ...problem.path].join('.');
    fail(`${context}: ${where} ${problem.reason}. Store JSON data only.`, [{ path: [name, ...problem.path], message: problem.reason }]);
  }
  return JSON.stringify(value);
}

/**
 * Validates every op of a batch before anything is written, so that a bad op rejects the whole
 * batch; returns the ops with their values encoded as JSON text.
 *
 * @throws {ValidationError} `INVALID_INPUT` listing every bad op by index in `issues` (paths start with `['ops', index]`).
 * @example
 * ```ts
 * for (const op of prepareStorageBatch(ops)) {
 *   if (op.type === 'put') map.set(op.key, op.json); else map.delete(op.key);
 * }
 * ```
 */
export function prepareStorageBatch(ops: readonly StorageOp[]): PreparedStorageOp[] {
  if (!Array.isArray(ops)) fail('Storage.batch: ops must be an array of { type, key, value } ops.', [{ path: ['ops'], message: 'is not an array' }]);
  const prepared: PreparedStorageOp[] = [];
  const issues: ValidationIssue[] = [];
  let firstMessage: string | undefined;
  ops.forEach((op: unknown, index) => {
    const problem = opProblem(op);
    if (!problem) {
      prepared.push(prepareValidOp(op as StorageOp));
      return;
    }
    issues.push({ path: ['ops', index, ...problem.path], message: problem.reason });
    firstMessage ??= `op ${index}${describeOp(op)}: ${problem.path.join('.') || 'the op'} ${problem.reason}`;
  });
  if (firstMessage !== undefined) {
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem(s), see error.issues)` : '';
    fail(`Storage.batch rejected, nothing was written: ${firstMessage}${more}.`, issues);
  }
  return prepared;
}

function opProblem(op: unknown): { path: Array<string | number>; reason: string } | undefined {
  if (typeof op !== 'object' || op === null) return { path: [], reason: 'is not an op object' };
  const { type, key } = op as { type?: unknown; key?: unknown };
  if (type !== 'put' && type !== 'delete') return { path: ['type'], reason: "must be 'put' or 'delete'" };
  const keyProblem = stringProblem(key, false);
  if (keyProblem) return { path: ['key'], reason: keyProblem };
  if (type === 'delete') return undefined;
  if (!('value' in op)) return { path: ['value'], reason: 'is missing (use a delete op to remove a key)' };
  const problem = findJsonProblem((op as { value: unknown }).value);
  return problem && { path: ['value', ...problem.path], reason: problem.reason };
}

/** ` (put 'auth/token')` when the op has a usable type and key; keys are ids, never secrets. */
function describeOp(op: unknown): string {
  if (typeof op !== 'object' || op === null) return '';
  const { type, key } = op as { type?: unknown; key?: unknown };
  return typeof type === 'string' && typeof key === 'string' && key !== '' ? ` (${type} '${key}')` : '';
}

function prepareValidOp(op: StorageOp): PreparedStorageOp {
  return op.type === 'put' ? { type: 'put', key: op.key, json: JSON.stringify(op.value) } : { type: 'delete', key: op.key };
}

/**
 * Checks the arguments of `list`: a well-formed prefix (may be empty), `after` a well-formed
 * string, `limit` a non-negative integer.
 *
 * @throws {ValidationError} `INVALID_INPUT` naming the argument.
 */
export function checkListArguments(prefix: unknown, options: StorageListOptions | undefined): void {
  const prefixProblem = stringProblem(prefix, true);
  if (prefixProblem) fail(`Storage.list: the prefix ${prefixProblem}.`, [{ path: ['prefix'], message: prefixProblem }]);
  if (options?.after !== undefined) {
    const afterProblem = stringProblem(options.after, true);
    if (afterProblem) fail(`Storage.list: options.after ${afterProblem}.`, [{ path: ['options', 'after'], message: afterProblem }]);
  }
  const limit = options?.limit;
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0)) {
    fail(`Storage.list: options.limit must be a non-negative integer, got ${String(limit)}.`, [{ path: ['options', 'limit'], message: 'is not a non-negative integer' }]);
  }
}
