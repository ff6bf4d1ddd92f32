import { NetworkError } from '../../src/errors/network-error.js';
import type { Transport, TransportRequest, TransportResponse } from '../../src/transport/transport.js';

/**
 * A minimal {@link Transport} over the global fetch, for tests that want a transport other than the
 * ky default: JSON, form (`URLSearchParams`) or text bodies; replies parsed as JSON when they parse.
 */
export function createFetchTransport(fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init)): Transport {
  return {
    async send(request: TransportRequest): Promise<TransportResponse> {
      let response: Response;
      try {
        response = await fetchImpl(request.url, {
          method: request.method,
          headers: request.headers,
          ...encode(request.body),
          ...(request.signal ? { signal: request.signal } : {}),
        });
      } catch (error) {
        if (request.signal?.aborted) throw request.signal.reason;
        const message = error instanceof Error ? error.message : String(error);
        throw new NetworkError(`fetch failed: ${message}`, { details: { method: request.method, url: request.url } });
      }
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      const text = await response.text();
      return { status: response.status, headers, body: parse(text) };
    },
  };
}

function encode(body: unknown): { body?: BodyInit } {
  if (body === undefined) return {};
  if (body instanceof URLSearchParams || typeof body === 'string') return { body };
  return { body: JSON.stringify(body) };
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
