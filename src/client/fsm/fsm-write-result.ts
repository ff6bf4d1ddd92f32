import { ApiError } from '../../errors/api-error.js';
import { ValidationError } from '../../errors/validation-error.js';

/** What FSM says about a record it created or updated. */
export interface FsmWriteResult {
  /** The record's id. */
  id: string;
  /** `Created_Time`, when FSM sent it. */
  createdTime?: string;
  /** `Modified_Time`, when FSM sent it. */
  modifiedTime?: string;
}

type Json = Record<string, unknown>;

/**
 * Reads FSM's write replies, whose shape varies by module: the common
 * `{ result, code, data: [{ id, ... }] }`, Service_And_Parts' `{ data: { Service_And_Parts: [...] } }`,
 * and updates' `{ data: [{ code, details: { id, ... }, status }] }`. A per-record
 * `status: 'error'` becomes an {@link ApiError} carrying FSM's code and the offending field.
 */
export function readFsmWriteResult(body: unknown, module: string, what: string, status: number): FsmWriteResult {
  const entry = firstEntry(body, module);
  if (!entry) {
    throw new ValidationError(`FSM's reply to ${what} holds no record id. FSM may have changed its reply shape; report it with error.details.`, [
      { path: ['data'], message: 'no record in reply' },
    ], { code: 'INVALID_RESPONSE' });
  }
  if (entry.status === 'error') {
    const details = isJson(entry.details) ? entry.details : {};
    const field = typeof details.api_name === 'string' ? details.api_name : undefined;
    const zohoCode = typeof entry.code === 'string' || typeof entry.code === 'number' ? entry.code : undefined;
    const zohoMessage = typeof entry.message === 'string' ? entry.message : undefined;
    throw new ApiError(
      `FSM refused ${what}: ${String(zohoCode ?? 'error')}${zohoMessage ? ` "${zohoMessage}"` : ''}${field ? ` on field ${field}` : ''}. Fix the value and send it again.`,
      { status, zohoCode, zohoMessage, details: { field, fsmDetails: details } },
    );
  }
  const fields = isJson(entry.details) ? entry.details : entry;
  const id = fields.id;
  if (typeof id !== 'string' && typeof id !== 'number') {
    throw new ValidationError(`FSM's reply to ${what} holds no record id.`, [{ path: ['data', 0, 'id'], message: 'missing id' }], { code: 'INVALID_RESPONSE' });
  }
  return {
    id: String(id),
    ...(typeof fields.Created_Time === 'string' ? { createdTime: fields.Created_Time } : {}),
    ...(typeof fields.Modified_Time === 'string' ? { modifiedTime: fields.Modified_Time } : {}),
  };
}

function firstEntry(body: unknown, module: string): Json | undefined {
  if (!isJson(body)) return undefined;
  const data = body.data;
  if (Array.isArray(data)) return isJson(data[0]) ? data[0] : undefined;
  if (isJson(data)) {
    const inner = data[module];
    if (Array.isArray(inner) && isJson(inner[0])) return inner[0];
  }
  return undefined;
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
