import ky, { isTimeoutError } from 'ky';
import { NetworkError } from '../errors/network-error.js';
import { ResponseTooLargeError } from '../errors/response-too-large-error.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';
import { readBodyWithin } from './read-body.js';

/** Options of {@link createKyTransport}. */
export interface KyTransportOptions {
  /**
   * The fetch to call: the global one by default; pass `sandbox.fetch` to talk to the in-memory
   * Zoho, or a fetch with your proxy/agent settings.
   */
  fetch?: typeof globalThis.fetch;
  /** Abort a request that has not answered within this many milliseconds. Default 60 000. */
  timeoutMs?: number;
  /**
   * Refuse replies larger than this many bytes (read as a stream, so an oversized reply is never
   * held in memory whole). Default 64 MiB — far above any Zoho page of 200 records.
   */
  maxResponseBytes?: number;
}

/**
 * The default {@link Transport}, over ky and fetch. It sends JSON, form (`URLSearchParams`) or text
 * bodies, never retries (the client's pipeline does), resolves for every HTTP status, and parses
 * the reply: JSON into a value, anything else as text, an empty body as `undefined`.
 *
 * @example
 * ```ts
 * import { createKyTransport, IntegrationClient } from 'fsm-billing-sync';
 * import { createSandbox } from 'fsm-billing-sync/sandbox';
 * const sandbox = createSandbox({ seed: 1 });
 * const client = new IntegrationClient({ ..., transport: createKyTransport({ fetch: sandbox.fetch }) });
 * ```
 */
export function createKyTransport(options: KyTransportOptions = {}): Transport {
  const maxBytes = options.maxResponseBytes ?? 64 * 1024 * 1024;
  const http = ky.create({
    retry: 0,
    throwHttpErrors: false,
    timeout: options.timeoutMs ?? 60_000,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  return {
    async send(request: TransportRequest): Promise<TransportResponse> {
      let response: Response;
      try {
        response = await http(request.url, {
          method: request.method,
          headers: request.headers,
          ...encodeBody(request.body),
          ...(request.signal ? { signal: request.signal } : {}),
        });
      } catch (error) {
        throw toNetworkError(error, request);
      }
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      let text: string;
      try {
        text = await readBodyWithin(response, maxBytes);
      } catch (error) {
        if (error instanceof ResponseTooLargeError) throw error.withRequest(request.method, request.url);
        throw toNetworkError(error, request);
      }
      return { status: response.status, headers, body: parseBody(text, headers['content-type']) };
    },
  };
}

function encodeBody(body: unknown): { body?: BodyInit; json?: unknown } {
  if (body === undefined) return {};
  if (body instanceof URLSearchParams || typeof body === 'string') return { body };
  return { json: body };
}

/** JSON when it parses; otherwise the text as is, for the pipeline to report (HTML error pages, truncated bodies). */
function parseBody(text: string, contentType: string | undefined): unknown {
  if (text.length === 0) return undefined;
  const looksJson = contentType?.includes('json') || /^\s*[[{]/.test(text);
  if (!looksJson) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function toNetworkError(error: unknown, request: TransportRequest): unknown {
  // An abort the caller asked for is not a network failure: surface the caller's reason.
  if (request.signal?.aborted) return request.signal.reason;
  const safeCause = describeCause(error);
  if (isTimeoutError(error)) {
    return new NetworkError(`Zoho did not answer ${request.method} ${stripQuery(request.url)} in time. Check connectivity or raise timeoutMs.`, {
      timeout: true,
      details: { method: request.method, url: request.url },
      cause: safeCause,
    });
  }
  return new NetworkError(
    `The connection failed during ${request.method} ${stripQuery(request.url)} (${safeCause.message}). The call may be retried; a write may or may not have been applied.`,
    { details: { method: request.method, url: request.url }, cause: safeCause },
  );
}

/**
 * A copy of the failure without the request object (ky's errors carry the Request, whose headers
 * hold the access token): only the name and message survive.
 */
function describeCause(error: unknown): Error {
  if (error instanceof Error) {
    const copy = new Error(error.message);
    copy.name = error.name;
    return copy;
  }
  return new Error(String(error));
}

function stripQuery(url: string): string {
  const at = url.indexOf('?');
  return at === -1 ? url : url.slice(0, at);
}
