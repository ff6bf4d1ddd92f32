import { json, type Reply } from '../reply.js';

/**
 * FSM error replies. FSM documents only the per-record prefix `{ data: [{ code: "INVALID_DATA",
 * details }] }`; the rest follow Zoho CRM's conventions (`code`, `details`,
 * `message`, `status: "error"`) and are sandbox choices listed in docs/sandbox.md.
 */
export function fsmError(code: string, message: string, details: Record<string, unknown> = {}): Record<string, unknown> {
  return { code, details, message, status: 'error' };
}

export const fsmErrors = {
  invalidToken: (): Reply => json(401, fsmError('INVALID_TOKEN', 'invalid oauth token')),
  noFsmOrg: (): Reply => json(403, fsmError('NO_PERMISSION', 'permission denied: the user has no Zoho FSM organization')),
  invalidModule: (): Reply => json(400, fsmError('INVALID_MODULE', 'the module name given seems to be invalid')),
  invalidUrl: (): Reply => json(404, fsmError('INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one')),
  methodNotAllowed: (): Reply => json(405, fsmError('INVALID_REQUEST_METHOD', 'The http request method type is not a valid one')),
  /** ⚠️ A record id that does not exist: HTTP 404 (FSM does not document it). */
  notFound: (id: string): Reply => json(404, fsmError('INVALID_DATA', 'the id given seems to be invalid', { id })),
  invalidBody: (): Reply => json(400, fsmError('INVALID_DATA', 'body')),
  missingParam: (param: string): Reply => json(400, fsmError('REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param })),
  invalidParam: (param: string): Reply => json(400, fsmError('INVALID_DATA', 'invalid data', { param })),
  internal: (status = 500): Reply => json(status, fsmError('INTERNAL_ERROR', 'Internal Server Error')),
} as const;

/** A per-record error: a required field is missing. */
export function mandatoryMissing(apiName: string): Record<string, unknown> {
  return fsmError('MANDATORY_NOT_FOUND', 'required field not found', { api_name: apiName });
}

/** A per-record error: a field holds an invalid value. */
export function invalidField(apiName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return fsmError('INVALID_DATA', 'invalid data', { api_name: apiName, ...extra });
}
