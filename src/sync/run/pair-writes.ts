import { type FieldPath, mergeObjects, structuredCloneJson, writePath } from '../merge/field-paths.js';

/** One value to write at a path. */
export interface FieldWrite {
  path: FieldPath;
  value: unknown;
}

/** The writes of one pair, per target side. */
export interface PairWrites {
  toFsm: FieldWrite[];
  toFinance: FieldWrite[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The update to send: changed paths written into a patch, nested objects completed from the current record. */
export function payloadOf(writes: readonly FieldWrite[], current: Record<string, unknown>): { patch: Record<string, unknown>; payload: Record<string, unknown> } {
  const patch: Record<string, unknown> = {};
  for (const { path, value } of writes) writePath(patch, path, value, current);
  const payload: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) payload[key] = isRecord(value) && isRecord(current[key]) ? mergeObjects(current[key], value) : value;
  return { patch, payload };
}

/** `fields` with the writes applied (a copy); `current` names array elements by their ids. */
export function applied(fields: Record<string, unknown>, writes: readonly FieldWrite[], current: Record<string, unknown>): Record<string, unknown> {
  const out = structuredCloneJson(fields) as Record<string, unknown>;
  for (const { path, value } of writes) writePath(out, path, value, current);
  return out;
}
