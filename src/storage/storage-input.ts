import { FsmBillingError } from '../errors/fsm-billing-error.js';
import { ValidationError, type ValidationIssue } from '../errors/validation-error.js';
import { findJsonProblem, storageValuesEqual } from './json-value.js';
import type { StorageListOptions, StorageOp } from './storage.js';

/**
 * A batch op that passed validation; a put carries its value already encoded as JSON text, a
 * check the value it expects (`undefined`: the key must be absent) and its index in the batch.
 */
export type PreparedStorageOp =
  | { type: 'put'; key: string; json: string }
  | { type: 'delete'; key: string }
  | { type: 'check'; key: string; expected: unknown; index: number };

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
 * const prepared = prepareStorageBatch(ops);
 * checkStorageBatch(prepared, (key) => read(key)); // the batch's conditions, before any write
 * for (const op of prepared) {
 *   if (op.type === 'put') map.set(op.key, op.json);
 *   else if (op.type === 'delete') map.delete(op.key);
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
      prepared.push(prepareValidOp(op as StorageOp, index));
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
  if (type !== 'put' && type !== 'delete' && type !== 'check') return { path: ['type'], reason: "must be 'put', 'delete' or 'check'" };
  const keyProblem = stringProblem(key, false);
  if (keyProblem) return { path: ['key'], reason: keyProblem };
  if (type === 'delete') return undefined;
  if (type === 'check') {
    // A check without a value (or with `undefined`) expects the key to be absent.
    const expected = (op as { value?: unknown }).value;
    const problem = expected === undefined ? undefined : findJsonProblem(expected);
    return problem && { path: ['value', ...problem.path], reason: problem.reason };
  }
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

function prepareValidOp(op: StorageOp, index: number): PreparedStorageOp {
  if (op.type === 'put') return { type: 'put', key: op.key, json: JSON.stringify(op.value) };
  // A copy: the caller may change its object while an adapter awaits its transaction.
  if (op.type === 'check') return { type: 'check', key: op.key, expected: op.value === undefined ? undefined : JSON.parse(JSON.stringify(op.value)), index };
  return { type: 'delete', key: op.key };
}

/**
 * Compares every `check` op of a prepared batch with the stored values, as `read` gives them
 * (parsed JSON, `undefined` when absent), and throws at the first that does not match. Call it
 * inside the same atomic step as the writes, before any of them: checks see the values as the
 * batch starts. (An asynchronous store reads the checked keys in its transaction first, then
 * passes a lookup of what it read.)
 *
 * @throws {FsmBillingError} `STORAGE_CHECK_FAILED` naming the key and the op index (never the values).
 * @example
 * ```ts
 * const prepared = prepareStorageBatch(ops);
 * checkStorageBatch(prepared, (key) => this.#read(key)); // throws: nothing written
 * for (const op of prepared) {
 *   if (op.type === 'put') map.set(op.key, op.json);
 *   else if (op.type === 'delete') map.delete(op.key);
 * }
 * ```
 */
export function checkStorageBatch(prepared: readonly PreparedStorageOp[], read: (key: string) => unknown): void {
  for (const op of prepared) if (op.type === 'check') compareCheck(op, read(op.key));
}

function compareCheck(check: Extract<PreparedStorageOp, { type: 'check' }>, current: unknown): void {
  const matches = current === undefined || check.expected === undefined ? current === check.expected : storageValuesEqual(current, check.expected);
  if (matches) return;
  throw new FsmBillingError(
    'STORAGE_CHECK_FAILED',
    `Storage.batch rejected, nothing was written: op ${check.index} (check '${check.key}') expected ${check.expected === undefined ? 'no value' : 'another value'} under the key${current === undefined ? ', which is absent' : ''}.`,
    { details: { key: check.key, op: check.index } },
  );
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
