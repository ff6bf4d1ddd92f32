import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a test server received. */
export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A real HTTP server on 127.0.0.1 that logs what it receives and answers with `handler`. */
export interface TestServer {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

export async function startServer(handler: (req: Received, res: ServerResponse) => void): Promise<TestServer> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(entry);
      handler(entry, res);
    });
  });
  const url = await new Promise<string>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
  return {
    url,
    received,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/**
 * A fetch that sends every request for a Zoho host to `origin` instead, keeping its method, headers,
 * body, signal and redirect mode (so the transport's own redirect setting is what is tested).
 */
export function fetchTo(origin: string): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    return globalThis.fetch(new URL(`${url.pathname}${url.search}`, origin), {
      method: request.method,
      headers: request.headers,
      signal: request.signal,
      redirect: request.redirect,
      ...(body && body.byteLength > 0 ? { body } : {}),
    });
  }) as typeof fetch;
}
