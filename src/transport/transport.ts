/** HTTP methods the SDK uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One HTTP request, fully resolved: absolute URL, every header, a JSON-able or string body. */
export interface TransportRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  /**
   * A JSON value (sent as `application/json`), a `URLSearchParams` (sent as a form), or a string
   * (sent as is, with the `content-type` header the caller set).
   */
  body?: unknown;
  signal?: AbortSignal;
}

/** The reply: status, lower-cased headers, and the parsed body (JSON value, text, or `undefined` when empty). */
export interface TransportResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * Moves bytes, nothing else: no retries, no auth, no rate limits — the client's request pipeline
 * adds those above any transport. Implement it to route the SDK through your own HTTP stack.
 *
 * A transport resolves for every HTTP status. It rejects only when no reply arrived (network
 * failure, timeout, abort), with a `NetworkError` or the signal's abort reason.
 */
export interface Transport {
  send(request: TransportRequest): Promise<TransportResponse>;
}
