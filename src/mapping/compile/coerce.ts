import type { FieldSpec } from '../catalogue/field-spec.js';
import { typeName } from '../type-compat.js';

/** Returned by a coercer that cannot fit a value into its field. */
export const MISFIT: unique symbol = Symbol('misfit');

/** Fits a non-null value to a field's type, or returns {@link MISFIT}. */
export type Coercer = (value: unknown) => unknown;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function numeric(value: unknown): number | typeof MISFIT {
  if (typeof value === 'number') return Number.isFinite(value) ? value : MISFIT;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : MISFIT;
  }
  return MISFIT;
}

/**
 * The coercer of a target field, compiled once: lossless conversions only (a number into text,
 * a numeric string into a number as Zoho itself sends some numbers as strings).
 */
export function coercer(target: FieldSpec): Coercer {
  const max = target.maxLength ?? Number.POSITIVE_INFINITY;
  switch (target.type) {
    case 'string':
    case 'enum':
      return (v) => {
        const text = typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : MISFIT;
        return text !== MISFIT && text.length > max ? MISFIT : text;
      };
    case 'number':
      return numeric;
    case 'integer':
      return (v) => {
        const n = numeric(v);
        return n !== MISFIT && Number.isInteger(n) ? n : MISFIT;
      };
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : MISFIT);
    case 'date':
      return (v) => (typeof v === 'string' && DATE.test(v) ? v : MISFIT);
    case 'datetime':
      return (v) => (typeof v === 'string' ? v : MISFIT);
    case 'unknown':
      return (v) => (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) ? v : MISFIT);
    case 'ref':
      return (v) => v;
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  if (typeof value === 'string') return value.length > 60 ? `text of ${value.length} characters` : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}

/** Why a value did not fit a field (only computed on failure). */
export function misfitMessage(value: unknown, target: FieldSpec): string {
  if (typeof value === 'string' && target.maxLength !== undefined && value.length > target.maxLength) {
    return `is ${value.length} characters long; ${target.path} takes at most ${target.maxLength}`;
  }
  return `is ${describe(value)}, but ${target.path} takes ${typeName(target.type)}`;
}
