import type { FieldType } from './catalogue/field-spec.js';
import { isForbiddenName } from './path.js';

/**
 * A named value transform. `toFinance` runs on FSM → finance values; `toFsm` (default: the same
 * function) on finance → FSM values. `null` never reaches a transform: it means "clear the field"
 * and passes through. To refuse a value, throw: the conversion fails with a `ValidationError`
 * naming the field and your message.
 *
 * @example
 * ```ts
 * const cents: TransformDefinition = {
 *   accepts: ['number', 'integer'], output: 'integer',
 *   toFinance: (v) => Math.round(Number(v) * 100),
 *   toFsm: (v) => Number(v) / 100,
 * };
 * new FieldMapper({ storage, syncType: 'I', edition: 'us', transforms: { cents } });
 * ```
 */
export interface TransformDefinition {
  /** Field types the transform accepts as input; absent = any. Checked when a mapping is validated. */
  readonly accepts?: readonly FieldType[];
  /** The type of what it returns; `'same'` = the input's type. */
  readonly output: FieldType | 'same';
  readonly toFinance: (value: unknown) => unknown;
  readonly toFsm?: (value: unknown) => unknown;
}

/** Thrown by a built-in transform that cannot handle a value; becomes a `ValidationError` issue. */
export class TransformRefusal extends Error {
  override name = 'TransformRefusal';
}

const refuse = (message: string): never => {
  throw new TransformRefusal(message);
};

const mapString = (fn: (s: string) => string) => (value: unknown) => (typeof value === 'string' ? fn(value) : value);

function toNumber(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : refuse('is not a finite number');
  if (typeof value !== 'string') return refuse('is not a number');
  const text = value.trim();
  if (text === '') return null;
  const n = Number(text.replace(/,/g, ''));
  return Number.isFinite(n) ? n : refuse(`"${value}" is not a number`);
}

function toInteger(value: unknown): unknown {
  const n = toNumber(value);
  if (n === null) return null;
  return Number.isInteger(n) ? n : refuse(`${String(n)} is not a whole number`);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

// Keeps the calendar date as written (no time-zone shift): an FSM time `2022-02-09T01:29:46-08:00`
// is 9 February where it was recorded, which is what Books' yyyy-mm-dd dates mean.
function toDate(value: unknown): unknown {
  if (typeof value !== 'string') return refuse('is not a date');
  const m = DATE.exec(value.trim());
  const [, y, mo, d] = m ?? [];
  const month = Number(mo);
  const day = Number(d);
  if (!m || month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(Number(y), month, 0)).getUTCDate()) {
    return refuse(`"${value}" is not a yyyy-mm-dd date`);
  }
  return `${y}-${mo}-${d}`;
}

const TRUE = /* @__PURE__ */ new Set(['true', 'yes', 'y', '1', 'on']);
const FALSE = /* @__PURE__ */ new Set(['false', 'no', 'n', '0', 'off']);

function toBoolean(value: unknown): unknown {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value !== 'string') return refuse('is not a yes/no value');
  const text = value.trim().toLowerCase();
  if (text === '') return null;
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  return refuse(`"${value}" is not a yes/no value`);
}

// Separators people type into phone numbers; what is left must be digits, a leading + and an
// optional extension.
const PHONE_SEPARATORS = /[\s().\-/]/g;
const PHONE = /^\+?\d{3,20}(?:x\d{1,6})?$/;

function toPhone(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const compact = value.trim().replace(PHONE_SEPARATORS, '').replace(/ext\.?|X/g, 'x');
  if (compact === '') return '';
  return PHONE.test(compact) ? compact : refuse(`"${value}" is not a phone number`);
}

const TEXT: readonly FieldType[] = ['string', 'enum', 'unknown'];

/** The built-in transforms, by name. */
export const BUILT_IN_TRANSFORMS: Readonly<Record<string, TransformDefinition>> = /* @__PURE__ */ Object.freeze({
  trim: { accepts: TEXT, output: 'same', toFinance: /* @__PURE__ */ mapString((s) => s.trim()) },
  upper: { accepts: TEXT, output: 'same', toFinance: /* @__PURE__ */ mapString((s) => s.toUpperCase()) },
  lower: { accepts: TEXT, output: 'same', toFinance: /* @__PURE__ */ mapString((s) => s.toLowerCase()) },
  number: { accepts: ['string', 'number', 'integer', 'unknown'], output: 'number', toFinance: toNumber },
  integer: { accepts: ['string', 'number', 'integer', 'unknown'], output: 'integer', toFinance: toInteger },
  date: { accepts: ['string', 'date', 'datetime', 'unknown'], output: 'date', toFinance: toDate },
  boolean: { accepts: ['string', 'boolean', 'number', 'integer', 'unknown'], output: 'boolean', toFinance: toBoolean },
  phone: { accepts: ['string', 'unknown'], output: 'string', toFinance: toPhone },
});

const TRANSFORM_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** Why a user transform cannot be registered, or `undefined` when it can. */
export function transformNameProblem(name: string): string | undefined {
  if (isForbiddenName(name)) return `"${name}" is not an allowed transform name`;
  if (!TRANSFORM_NAME.test(name)) return `"${name}" is not a transform name (letters, digits, _; 64 at most)`;
  if (Object.hasOwn(BUILT_IN_TRANSFORMS, name)) return `"${name}" is a built-in transform`;
  return undefined;
}

/** The built-ins plus a mapper's own transforms, looked up without touching prototypes. */
export type TransformRegistry = ReadonlyMap<string, TransformDefinition>;

/** Builds a registry; the caller has checked names with {@link transformNameProblem}. */
export function transformRegistry(own: Readonly<Record<string, TransformDefinition>> = {}): TransformRegistry {
  return new Map([...Object.entries(BUILT_IN_TRANSFORMS), ...Object.entries(own)]);
}
