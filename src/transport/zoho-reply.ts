import { ApiError, type ApiErrorInit } from '../errors/api-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { UnknownEndpointError } from '../errors/unknown-endpoint-error.js';
import { RateLimitError, type RateLimitKind } from '../errors/rate-limit-error.js';
import { nextUtcMidnight } from './daily-budget.js';
import { parseRetryAfter } from './retry-policy.js';
import type { HttpMethod, TransportResponse } from './transport.js';

/** Which Zoho API answered: the envelope differs between finance (Books/Invoice) and FSM. */
export type ZohoService = 'books' | 'invoice' | 'fsm';

interface ReplyContext {
  service: ZohoService;
  method: HttpMethod;
  url: string;
  now: number;
}

// 429 bodies carry these codes.
const RATE_LIMIT_CODES: Record<number, RateLimitKind> = { 44: 'minute', 45: 'day', 1070: 'concurrency' };
// "Does not exist" codes: Books/Invoice 1002 (Zoho's docs), FSM's CRM-style record codes.
const NOT_FOUND_CODES = new Set<number | string>([1002, 'RECORD_NOT_FOUND', 'NOT_FOUND']);
// FSM's code for a URL it does not serve (CRM style).
const UNKNOWN_URL_CODES = new Set<number | string>(['INVALID_URL_PATTERN']);

/**
 * Turns a raw reply into its body, or throws the typed error it stands for:
 * a finance envelope with `code !== 0`, an FSM `status: 'error'`, an HTTP error status, or a body
 * that is not JSON (an HTML page from a proxy, a truncated reply).
 *
 * HTTP 401 is not handled here: the pipeline refreshes the token and replays first.
 */
export function interpretReply(response: TransportResponse, context: ReplyContext): unknown {
  const { status, body } = response;
  const ok = status >= 200 && status < 300;
  if (ok && (body === undefined || isRecord(body) || Array.isArray(body))) {
    const error = isRecord(body) ? envelopeError(body, context) : undefined;
    if (error === undefined) return body;
    throw buildError(response, context, error.code, error.message);
  }
  if (typeof body === 'string' || body === undefined || !isRecord(body)) {
    throw new ApiError(
      ok
        ? `Zoho's reply to ${context.method} ${pathOf(context.url)} is not valid JSON (HTTP ${status}); a proxy may have cut or replaced it. The call can be retried.`
        : `Zoho (or a proxy in front of it) answered ${context.method} ${pathOf(context.url)} with HTTP ${status} and no Zoho error body${snippet(body)}.`,
      { status, method: context.method, url: context.url, details: { bodySnippet: typeof body === 'string' ? body.slice(0, 200) : undefined } },
      ok ? 'MALFORMED_RESPONSE' : 'ZOHO_API_ERROR',
    );
  }
  // A body without a code still names the problem (the sandbox's "URL Not Found").
  const error: { code: number | string | undefined; message: string | undefined; details?: Record<string, unknown> } =
    envelopeError(body, context) ?? recordError(body, context) ?? { code: undefined, message: typeof body.message === 'string' ? body.message : undefined };
  throw buildError(response, context, error.code, error.message, error.details);
}

/**
 * FSM refuses a write whose every record failed with an HTTP error and the per-record entries
 * `{ data: [{ code, details: { api_name }, message, status: 'error' }] }`: the first one says why,
 * and `details.field` names the field it refused.
 */
function recordError(body: Record<string, unknown>, context: ReplyContext): { code: number | string | undefined; message: string | undefined; details: Record<string, unknown> } | undefined {
  if (context.service !== 'fsm' || !Array.isArray(body.data)) return undefined;
  const entry: unknown = body.data[0];
  if (!isRecord(entry) || entry.status !== 'error') return undefined;
  const details = isRecord(entry.details) ? entry.details : {};
  return {
    code: typeof entry.code === 'string' || typeof entry.code === 'number' ? entry.code : undefined,
    message: typeof entry.message === 'string' ? entry.message : undefined,
    details: { field: typeof details.api_name === 'string' ? details.api_name : undefined, fsmDetails: details },
  };
}

function envelopeError(body: Record<string, unknown>, context: ReplyContext): { code: number | string | undefined; message: string | undefined } | undefined {
  const message = typeof body.message === 'string' ? body.message : undefined;
  if (context.service !== 'fsm') {
    // Books/Invoice: `code` 0 is success; anything else is an error, whatever the HTTP status.
    if (typeof body.code === 'number' && body.code !== 0) return { code: body.code, message };
    return undefined;
  }
  // FSM (CRM-style): a top-level `status: 'error'` with a string code.
  if (body.status === 'error' && (typeof body.code === 'string' || typeof body.code === 'number')) return { code: body.code, message };
  return undefined;
}

function buildError(response: TransportResponse, context: ReplyContext, zohoCode: number | string | undefined, zohoMessage: string | undefined, details?: Record<string, unknown>): ApiError {
  const init: ApiErrorInit = { status: response.status, zohoCode, zohoMessage, method: context.method, url: context.url, ...(details ? { details } : {}) };
  const what = `${context.method} ${pathOf(context.url)}`;
  const said = zohoMessage ? `: "${zohoMessage}"` : '';
  const rateKind = typeof zohoCode === 'number' ? RATE_LIMIT_CODES[zohoCode] : undefined;
  if (rateKind || response.status === 429) {
    const kind = rateKind ?? 'minute';
    const retryAfterMs = parseRetryAfter(response.headers['retry-after'], context.now);
    // Zoho does not say when the daily count resets: without Retry-After, the next UTC midnight is assumed.
    const resumeAt = kind !== 'day' ? undefined : retryAfterMs !== undefined ? context.now + retryAfterMs : nextUtcMidnight(context.now);
    const resume = resumeAt === undefined ? '' : ` Calls may go on after ${new Date(resumeAt).toISOString()}.`;
    return new RateLimitError(`Zoho rate-limited ${what} (${kind} limit, code ${String(zohoCode ?? 'none')})${said}. ${RATE_LIMIT_ADVICE[kind]}${resume}`, {
      ...init,
      kind,
      retryAfterMs: retryAfterMs ?? (resumeAt === undefined ? undefined : resumeAt - context.now),
      resumeAt,
    });
  }
  const recordCode = zohoCode !== undefined && NOT_FOUND_CODES.has(zohoCode);
  // A Books/Invoice 404 without Zoho's "does not exist" code is about the URL, not a record: Zoho
  // documents HTTP 404 as "URL Not Found". FSM answers a missing record with a 404 and a record code.
  const unknownUrl = (zohoCode !== undefined && UNKNOWN_URL_CODES.has(zohoCode)) || (response.status === 404 && !recordCode && context.service !== 'fsm');
  if (unknownUrl) {
    const code = zohoCode === undefined ? '' : `, code ${String(zohoCode)}`;
    return new UnknownEndpointError(
      `Zoho does not serve ${what} (HTTP ${response.status}${code})${said}. This path is not an endpoint of the ${context.service === 'fsm' ? 'FSM' : 'Books/Invoice'} API: a bug in the calling code, or an endpoint the organisation's edition does not have. No record was read or changed.`,
      init,
    );
  }
  if (recordCode || response.status === 404) {
    return new NotFoundError(`Zoho says the record at ${what} does not exist${said}. It may have been deleted in Zoho, or the id belongs to another organisation: unlink it or create it again.`, init);
  }
  if (response.status === 403) {
    return new ApiError(`Zoho refused ${what} (HTTP 403)${said}. The OAuth token lacks a scope for this call, or the user is not a member of the organisation.`, init, 'FORBIDDEN');
  }
  return new ApiError(`Zoho refused ${what} (HTTP ${response.status}, code ${String(zohoCode ?? 'none')})${said}.`, init);
}

const RATE_LIMIT_ADVICE: Record<RateLimitKind, string> = {
  minute: 'Zoho allows 100 requests a minute per organisation; lower limits.perMinute if other apps share it.',
  concurrency: 'Zoho allows 5 (free) or 10 (paid) calls at once; lower limits.concurrency.',
  day: "The plan's daily cap is spent; nothing is retried until the day's count resets, or the plan is upgraded.",
};

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

function snippet(body: unknown): string {
  if (typeof body !== 'string' || body.length === 0) return '';
  return ` (body starts: ${JSON.stringify(body.slice(0, 80))})`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
