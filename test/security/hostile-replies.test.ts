import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { IntegrationClient } from '../../src/client/integration-client.js';
import { ApiError } from '../../src/errors/api-error.js';
import { ResponseTooLargeError } from '../../src/errors/response-too-large-error.js';
import { ManualClock } from '../../src/manual-clock.js';
import { SANDBOX_HOST_HEADER, sandboxServerFetch, serveSandbox, type SandboxServer } from '../../src/node/serve-sandbox.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    closers.push(
      () =>
        new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
    );
  });
}

type ProxyMode = 'pass' | 'truncate' | 'html-502' | 'html-200';

/**
 * A reverse proxy on a real port in front of a sandbox server, misbehaving as real proxies do:
 * cutting a JSON reply short (and declaring the short length, so the socket ends cleanly), or
 * answering with its own HTML page.
 */
async function proxiedSandbox(records = 5): Promise<{ sandbox: Sandbox; client: IntegrationClient; proxy: { mode: ProxyMode } }> {
  const sandbox = createSandbox({ seed: 8, records, clock: new ManualClock({ autoAdvance: true }) });
  const upstream: SandboxServer = await serveSandbox(sandbox, { port: 0 });
  closers.push(() => upstream.close());
  const proxy = { mode: 'pass' as ProxyMode };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void forward(req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks), res, proxy.mode);
    });
  });
  async function forward(method: string, url: string, headers: NodeJS.Dict<string | string[]>, body: Buffer, res: ServerResponse, mode: ProxyMode): Promise<void> {
    if (mode === 'html-502' || mode === 'html-200') {
      res.writeHead(mode === 'html-502' ? 502 : 200, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>');
      return;
    }
    const forwarded = new Headers();
    for (const [name, value] of Object.entries(headers)) if (typeof value === 'string' && name !== 'host' && name !== 'content-length') forwarded.set(name, value);
    const reply = await fetch(`${upstream.url}${url}`, { method, headers: forwarded, ...(body.length > 0 ? { body: new Uint8Array(body) } : {}) });
    const text = await reply.text();
    const sent = mode === 'truncate' ? text.slice(0, Math.floor(text.length / 2)) : text;
    res.writeHead(reply.status, { 'content-type': reply.headers.get('content-type') ?? 'application/json', 'content-length': Buffer.byteLength(sent) });
    res.end(sent);
  }
  const proxyUrl = await listen(server);
  const client = new IntegrationClient({
    region: 'us',
    finance: { app: 'books', organizationId: sandbox.orgs({ app: 'books' })[0]?.organizationId ?? '' },
    auth: { accessToken: sandbox.accessToken() },
    transport: createFetchTransport({ fetch: sandboxServerFetch(proxyUrl) }),
    clock: new ManualClock({ autoAdvance: true }),
    retry: { retries: 2, random: () => 0.5 },
  });
  return { sandbox, client, proxy };
}

describe('a proxy’s HTML page or a cut JSON body becomes an ApiError (real HTTP through a proxy)', () => {
  it('an nginx 502 page on a create: ApiError with the status and the page’s start, not retried', async () => {
    const { client, proxy } = await proxiedSandbox();
    proxy.mode = 'html-502';
    let retries = 0;
    client.on('retry', () => retries++);
    const error = await client.finance.contacts.create({ contact_name: 'Behind a proxy' }).catch((e: unknown) => e);
    expect(retries, 'a create was repeated after an ambiguous 502').toBe(0);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'ZOHO_API_ERROR', status: 502, details: { bodySnippet: expect.stringContaining('502 Bad Gateway') } });
    expect((error as ApiError).message).toMatch(/HTTP 502 and no Zoho error body/);
  });

  it('an HTML page with status 200 (a captive portal) on a read: ApiError MALFORMED_RESPONSE after the retries', async () => {
    const { client, proxy } = await proxiedSandbox();
    proxy.mode = 'html-200';
    const retries: string[] = [];
    client.on('retry', (e) => retries.push(e.reason));
    const error = await client.finance.contacts.list().toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'MALFORMED_RESPONSE', status: 200 });
    expect(retries).toEqual(['malformed-response', 'malformed-response']);
  });

  it('a JSON list page cut in half: ApiError MALFORMED_RESPONSE; the same call succeeds once the proxy behaves', async () => {
    const { client, proxy } = await proxiedSandbox(30);
    proxy.mode = 'truncate';
    const error = await client.finance.contacts.list().toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'MALFORMED_RESPONSE' });
    expect((error as ApiError).message).toMatch(/not valid JSON .*a proxy may have cut or replaced it/);
    proxy.mode = 'pass';
    expect(await client.finance.contacts.list().toArray()).toHaveLength(30);
  });

  it('a sandbox 502/503 HTML fault on a create is an ApiError too (in process)', async () => {
    const sandbox = createSandbox({ seed: 2, clock: new ManualClock({ autoAdvance: true }) });
    const client = new IntegrationClient({
      region: 'us',
      finance: { app: 'books', organizationId: sandbox.orgs({ app: 'books' })[0]?.organizationId ?? '' },
      auth: { accessToken: sandbox.accessToken() },
      transport: createFetchTransport({ fetch: sandbox.fetch }),
      clock: sandbox.clock,
    });
    for (const fault of ['bad-gateway', 'unavailable'] as const) {
      sandbox.faults.next({ match: { method: 'POST' }, fault });
      const error = await client.finance.contacts.create({ contact_name: `After ${fault}` }).catch((e: unknown) => e);
      expect(error, fault).toBeInstanceOf(ApiError);
      expect(error, fault).toMatchObject({ code: 'ZOHO_API_ERROR', status: fault === 'bad-gateway' ? 502 : 503 });
    }
    expect(sandbox.records(sandbox.orgs({ app: 'books' })[0]?.organizationId ?? '', 'contacts')).toHaveLength(0);
  });
});

/** A body of `totalBytes` produced chunk by chunk on demand, counting what was pulled. */
function countedStream(totalBytes: number, chunkBytes = 64 * 1024) {
  const state = { pulled: 0, cancelled: false };
  const chunk = new TextEncoder().encode('x'.repeat(chunkBytes));
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= totalBytes) return controller.close();
      state.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

describe('a reply larger than maxResponseBytes is refused without holding it in memory', () => {
  const LIMIT = 256 * 1024;

  it('a 64 MiB streamed reply with no length: refused after reading little more than the bound, and the stream is cancelled', async () => {
    const { stream, state } = countedStream(64 * 1024 * 1024);
    const transport = createFetchTransport({ maxResponseBytes: LIMIT, fetch: async () => new Response(stream, { headers: { 'content-type': 'application/json' } }) });
    const error = await transport.send({ method: 'GET', url: 'https://www.zohoapis.com/books/v3/contacts', headers: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'RESPONSE_TOO_LARGE', maxBytes: LIMIT });
    expect(state.pulled, 'bytes pulled from the body').toBeLessThanOrEqual(LIMIT + 4 * 64 * 1024);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(state.cancelled, 'the body was not cancelled').toBe(true);
  });

  it('a reply declaring a length above the bound: refused before its body is read', async () => {
    const { stream, state } = countedStream(LIMIT * 4);
    const transport = createFetchTransport({ maxResponseBytes: LIMIT, fetch: async () => new Response(stream, { headers: { 'content-length': String(LIMIT * 4) } }) });
    await expect(transport.send({ method: 'GET', url: 'https://www.zohoapis.com/books/v3/items', headers: {} })).rejects.toMatchObject({ code: 'RESPONSE_TOO_LARGE' });
    expect(state.pulled).toBeLessThanOrEqual(2 * 64 * 1024);
  });

  it('over a real socket: the server stops being read soon after the bound (backpressure), it does not send everything', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'y');
    const TOTAL = 512 * 1024 * 1024;
    let onClose = (): void => undefined;
    const closed = new Promise<void>((resolve) => {
      onClose = resolve;
    });
    const served = { written: 0 };
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.on('close', () => onClose());
      const pump = (): void => {
        while (served.written < TOTAL && !res.destroyed) {
          served.written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const url = await listen(server);
    const transport = createFetchTransport({ maxResponseBytes: LIMIT });
    await expect(transport.send({ method: 'GET', url: `${url}/books/v3/contacts`, headers: {} })).rejects.toMatchObject({ code: 'RESPONSE_TOO_LARGE' });
    await closed;
    // Socket and stream buffers hold a few MiB at most; reading it all would be 512 MiB.
    expect(served.written, 'bytes the server managed to send').toBeLessThan(64 * 1024 * 1024);
  });

  it('through the client: a list page over the bound fails with RESPONSE_TOO_LARGE after one call (not retried)', async () => {
    const sandbox = createSandbox({ seed: 6, records: 200, clock: new ManualClock({ autoAdvance: true }) });
    const organizationId = sandbox.orgs({ app: 'books' })[0]?.organizationId ?? '';
    const client = new IntegrationClient({
      region: 'us',
      finance: { app: 'books', organizationId },
      auth: { accessToken: sandbox.accessToken() },
      transport: createFetchTransport({ fetch: sandbox.fetch, maxResponseBytes: 16 * 1024 }),
      clock: sandbox.clock,
    });
    await expect(client.finance.contacts.list().toArray()).rejects.toMatchObject({ code: 'RESPONSE_TOO_LARGE', maxBytes: 16 * 1024 });
    expect(sandbox.calls.count({ method: 'GET', endpoint: '/contacts' })).toBe(1);
  });

  it('the sandbox server’s replies are bounded the same way over HTTP', async () => {
    const sandbox = createSandbox({ seed: 6, records: 200 });
    const server = await serveSandbox(sandbox, { port: 0 });
    closers.push(() => server.close());
    const transport = createFetchTransport({ fetch: sandboxServerFetch(server.url), maxResponseBytes: 16 * 1024 });
    const organizationId = sandbox.orgs({ app: 'books' })[0]?.organizationId ?? '';
    const headers = { authorization: `Zoho-oauthtoken ${sandbox.accessToken()}`, [SANDBOX_HOST_HEADER]: 'www.zohoapis.com' };
    await expect(transport.send({ method: 'GET', url: `https://www.zohoapis.com/books/v3/contacts?organization_id=${organizationId}&per_page=200`, headers })).rejects.toMatchObject({
      code: 'RESPONSE_TOO_LARGE',
    });
  });
});
