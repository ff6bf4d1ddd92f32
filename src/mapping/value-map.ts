import { isForbiddenName } from './path.js';
import type { MappedScalar, ValueMap } from './types.js';

/** A value map as the compiler uses it: one lookup table per direction, keyed by the value's text. */
export interface ValueTables {
  readonly toFinance: ReadonlyMap<string, MappedScalar> | undefined;
  readonly toFsm: ReadonlyMap<string, MappedScalar> | undefined;
}

/** A problem with a value map's shape. */
export interface ValueMapProblem {
  forbidden: boolean;
  path: ReadonlyArray<string>;
  message: string;
}

const MAX_KEYS = 1000;

/** True for `{}`-like objects: no class instances, no objects whose prototype was swapped. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isScalar(value: unknown): value is MappedScalar {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function isDirectional(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => (k === 'toFinance' || k === 'toFsm') && isPlainObject(value[k]));
}

function tableProblem(table: unknown, at: string[]): ValueMapProblem | undefined {
  if (!isPlainObject(table)) return { forbidden: false, path: at, message: 'a value map must be a plain object of value → value' };
  const keys = Object.keys(table);
  if (keys.length > MAX_KEYS) return { forbidden: false, path: at, message: `a value map may hold at most ${MAX_KEYS} values` };
  for (const key of keys) {
    if (isForbiddenName(key)) return { forbidden: true, path: [...at, key], message: `"${key}" is not an allowed value-map key` };
    if (!isScalar(table[key])) return { forbidden: false, path: [...at, key], message: `the value map sends "${key}" to something that is not text, a number or true/false` };
  }
  return undefined;
}

/** Why a value map is malformed, or `undefined`. */
export function valueMapProblem(valueMap: unknown): ValueMapProblem | undefined {
  if (isPlainObject(valueMap) && isDirectional(valueMap)) {
    for (const side of ['toFinance', 'toFsm'] as const) {
      if (!Object.hasOwn(valueMap, side)) continue;
      const problem = tableProblem(valueMap[side], [side]);
      if (problem) return problem;
    }
    return undefined;
  }
  return tableProblem(valueMap, []);
}

function table(record: Readonly<Record<string, MappedScalar>>): Map<string, MappedScalar> {
  return new Map(Object.entries(record));
}

// In the plain form finance → FSM is the inverse; with two FSM values for one finance value the
// first listed is the one FSM gets back.
function inverse(record: Readonly<Record<string, MappedScalar>>): Map<string, MappedScalar> {
  const out = new Map<string, MappedScalar>();
  for (const [key, value] of Object.entries(record)) if (!out.has(valueKey(value))) out.set(valueKey(value), key);
  return out;
}

/** The lookup tables of a well-formed value map (check it with {@link valueMapProblem} first). */
export function valueTables(valueMap: ValueMap): ValueTables {
  const record = valueMap as Record<string, unknown>;
  if (isDirectional(record)) {
    const directional = valueMap as { toFinance?: Record<string, MappedScalar>; toFsm?: Record<string, MappedScalar> };
    return {
      toFinance: directional.toFinance ? table(directional.toFinance) : undefined,
      toFsm: directional.toFsm ? table(directional.toFsm) : undefined,
    };
  }
  const plain = valueMap as Readonly<Record<string, MappedScalar>>;
  return { toFinance: table(plain), toFsm: inverse(plain) };
}

/** The text a value is looked up by: a value map's keys are text, so `true` is found as `"true"`. */
export function valueKey(value: MappedScalar): string {
  return typeof value === 'string' ? value : String(value);
}
