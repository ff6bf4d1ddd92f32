import { NetworkError } from '../errors/network-error.js';
import { RedirectRefusedError } from '../errors/redirect-refused-error.js';
import { ResponseTooLargeError } from '../errors/response-too-large-error.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';
import { readBodyWithin } from './read-body.js';
import { redactText } from './scrub-secret.js';

/** Options of {@link createFetchTransport}. */
export interface FetchTransportOptions {
  /**
   * The fetch to call: the global one by default; pass `sandbox.fetch` to talk to the in-memory
   * Zoho, or a fetch with your proxy/agent settings.
   */
  fetch?: typeof globalThis.fetch;
  /**
   * One deadline for the whole exchange, in milliseconds: the status, the headers and every byte of
   * the body must arrive within it, or the call fails with `NetworkError` `TIMEOUT`. Default 60 000.
   */
  timeoutMs?: number;
  /**
   * Refuse replies larger than this many bytes (read as a stream, so an oversized reply is never
   * held in memory whole). Default 64 MiB — far above any Zoho page of 200 records.
   */
  maxResponseBytes?: number;
}

/**
 * The default {@link Transport}, over fetch. It sends JSON, form (`URLSearchParams`) or text
 * bodies, never retries (the client's pipeline does), resolves for every HTTP status, and parses
 * the reply: JSON into a value, anything else as text, an empty body as `undefined`.
 *
 * The global fetch is called with the URL and init (method, headers, body, the exchange's signal,
 * `redirect: 'manual'`). A custom `fetch` gets a `Request` with all of it but the body and, when the
 * call has a body, the encoded body as init — `fetch(request, { body })`; it forwards both
 * (`new Request(input, init)` or `fetch(input, init)`). No copy of the request or its body is kept
 * for retries, since the pipeline retries by sending again. (Releases up to 0.1 sent through ky;
 * with its retries, timeout and HTTP errors turned off, what remained was its per-call cost — a
 * second signal, header merging and a copy of every request body — so fetch is called directly.)
 *
 * @example
 * ```ts
 * import { createFetchTransport, IntegrationClient } from 'fsm-billing-sync';
 * import { createSandbox } from 'fsm-billing-sync/sandbox';
 * const sandbox = createSandbox({ seed: 1 });
 * const client = new IntegrationClient({ ..., transport: createFetchTransport({ fetch: sandbox.fetch }) });
 * ```
 */
export function createFetchTransport(options: FetchTransportOptions = {}): Transport {
  const maxBytes = options.maxResponseBytes ?? 64 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 60_000;
  // The global fetch is looked up at each call, so one patched later (a test's interceptor) is used.
  const fetchImpl = options.fetch;

  return {
    async send(request: TransportRequest): Promise<TransportResponse> {
      const deadline = startDeadline(timeoutMs, request.signal);
      try {
        let response: Response;
        try {
          // Inside the try: a header value fetch refuses is quoted in its TypeError, redacted below.
          const encoded = encodeBody(request.body, request.headers);
          const init: RequestInit = {
            method: request.method,
            headers: encoded.headers,
            signal: deadline.signal,
            // Never follow: a 307/308 would re-send the credentials or the record to the Location's host.
            redirect: 'manual',
          };
          if (fetchImpl) {
            // A custom fetch gets a Request, as it always has; the body goes in init beside it, since
            // fetch(request) alone would pipe the Request's body through a stream copy.
            response = await fetchImpl(new Request(request.url, init), encoded.body === undefined ? undefined : { body: encoded.body });
          } else {
            // The global fetch builds its own Request: one is enough.
            response = await globalThis.fetch(request.url, encoded.body === undefined ? init : { ...init, body: encoded.body });
          }
        } catch (error) {
          throw toNetworkError(error, request, deadline.timedOut());
        }
        if (isRedirect(response)) {
          void response.body?.cancel().catch(() => undefined);
          throw new RedirectRefusedError(response.status, request.method, request.url);
        }
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          headers[name.toLowerCase()] = value;
        });
        let text: string;
        try {
          text = await readBodyWithin(response, maxBytes, deadline.signal);
        } catch (error) {
          if (error instanceof ResponseTooLargeError) throw error.withRequest(request.method, request.url);
          throw toNetworkError(error, request, deadline.timedOut());
        }
        return { status: response.status, headers, body: parseBody(text, headers['content-type']) };
      } finally {
        deadline.clear();
      }
    },
  };
}

/**
 * A redirect of any kind: a 3xx (fetch's `redirect: 'manual'` in Node), a browser's opaque
 * redirect (status 0), or a reply a fetch wrapper reached by following one anyway.
 */
function isRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400) || response.redirected;
}

interface Deadline {
  signal: AbortSignal;
  timedOut(): boolean;
  clear(): void;
}

// The reason an exchange's signal is aborted with once the exchange is over (one object: no stack captured per call).
const EXCHANGE_OVER = /* @__PURE__ */ new DOMException('The exchange is over.', 'AbortError');

/** One deadline for the whole exchange (headers and body), also aborted by the caller's signal. */
function startDeadline(timeoutMs: number, callerSignal: AbortSignal | undefined): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  const onCallerAbort = (): void => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  // setTimeout fires at once for delays past 2^31-1 ms: such a bound means "no deadline".
  const timer =
    Number.isFinite(timeoutMs) && timeoutMs > 0 && timeoutMs <= 2_147_483_647
      ? setTimeout(() => {
          timedOut = true;
          controller.abort(new DOMException('The exchange passed its deadline.', 'TimeoutError'));
        }, timeoutMs)
      : undefined;
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    clear: () => {
      if (timer !== undefined) clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
      // The exchange is over (its body read, or given up): aborting its signal now changes nothing
      // for it, and lets fetch let go at once of what it keeps per signal. Node's fetch holds each
      // Request's signal and listener until two garbage collections after the Request is dropped
      // (a FinalizationRegistry): about 1 kB a call, tens of MB over a long sync.
      if (!controller.signal.aborted) controller.abort(EXCHANGE_OVER);
    },
  };
}

/**
 * The request body, encoded: a form or text as is, anything else as JSON; with the headers it
 * goes with (the content type fetch would set for it, unless the caller set one).
 */
function encodeBody(body: unknown, headers: Record<string, string>): { body?: BodyInit; headers: Record<string, string> } {
  if (body === undefined) return { headers };
  const typed = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  const withType = (type: string) => (typed ? headers : { ...headers, 'content-type': type });
  if (body instanceof URLSearchParams) return { body, headers: withType('application/x-www-form-urlencoded;charset=UTF-8') };
  if (typeof body === 'string') return { body, headers: withType('text/plain;charset=UTF-8') };
  return { body: JSON.stringify(body), headers: withType('application/json') };
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

function toNetworkError(error: unknown, request: TransportRequest, timedOut: boolean): unknown {
  // An abort the caller asked for is not a network failure: surface the caller's reason.
  if (request.signal?.aborted && !timedOut) return request.signal.reason;
  const safeCause = describeCause(error, secretsOf(request));
  if (timedOut) {
    return new NetworkError(`Zoho did not answer ${request.method} ${stripQuery(request.url)} in time (the whole reply, headers and body, must arrive within timeoutMs). Check connectivity or raise timeoutMs.`, {
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
 * A copy of the failure without the request object (an error of a fetch wrapper may carry the
 * Request, whose headers hold the access token): only the name and message survive, with every secret the request
 * carried redacted — fetch quotes an invalid header value whole in its message.
 */
function describeCause(error: unknown, secrets: readonly string[]): Error {
  if (error instanceof Error) {
    const copy = new Error(redactText(error.message, secrets));
    copy.name = error.name;
    return copy;
  }
  return new Error(redactText(String(error), secrets));
}

/**
 * What a lower layer's message might quote from this request: the authorization header (whole,
 * and its token alone) and every form value but the grant type (the token endpoint's client
 * secret and refresh token), each as sent, URL-encoded and form-encoded.
 */
function secretsOf(request: TransportRequest): string[] {
  const values: string[] = [];
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.toLowerCase() === 'authorization') values.push(value, value.slice(value.lastIndexOf(' ') + 1));
  }
  if (request.body instanceof URLSearchParams) for (const [name, value] of request.body) if (name !== 'grant_type') values.push(value);
  const spellings = new Set<string>();
  for (const value of values) {
    if (value.length === 0) continue;
    spellings.add(value);
    spellings.add(encodeURIComponent(value));
    spellings.add(new URLSearchParams({ s: value }).toString().slice(2));
  }
  return [...spellings];
}

function stripQuery(url: string): string {
  const at = url.indexOf('?');
  return at === -1 ? url : url.slice(0, at);
}

/**
 * The former name of {@link createFetchTransport}, kept so code written for 0.1 still compiles.
 *
 * @deprecated Use {@link createFetchTransport}.
 */
export const createKyTransport = createFetchTransport;

/**
 * The former name of {@link FetchTransportOptions}.
 *
 * @deprecated Use {@link FetchTransportOptions}.
 */
export type KyTransportOptions = FetchTransportOptions;
