import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { IntegrationClient } from '../../src/client/integration-client.js';
import { NetworkError } from '../../src/errors/network-error.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import { fetchTo, startServer, type TestServer } from './hostile-servers.js';

const servers: TestServer[] = [];
const drips: Array<ReturnType<typeof setInterval>> = [];
afterEach(async () => {
  for (const drip of drips.splice(0)) clearInterval(drip);
  for (const server of servers.splice(0)) await server.close();
});

/** Sends headers at once, then one byte every 200 ms, for ever: `/slow`. Anything else answers at once. */
async function drippingServer(): Promise<TestServer> {
  const server = await startServer((req, res: ServerResponse) => {
    if (!req.url.startsWith('/fsm/v1/Slow')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: [], info: { more_records: false } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{');
    const drip = setInterval(() => res.write(' '), 200);
    drips.push(drip);
    res.on('close', () => clearInterval(drip));
  });
  servers.push(server);
  return server;
}

describe('one deadline covers the whole exchange, headers and body (a real slow server)', () => {
  it('a reply dripping one byte every 200 ms fails with TIMEOUT at timeoutMs', async () => {
    const server = await drippingServer();
    const transport = createFetchTransport({ fetch: fetchTo(server.url), timeoutMs: 600 });
    const started = Date.now();
    const error = await transport.send({ method: 'GET', url: 'https://www.zohoapis.in/fsm/v1/Slow', headers: {} }).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'TIMEOUT' });
    expect(elapsed, 'the deadline was not kept').toBeLessThan(3_000);
    expect(elapsed).toBeGreaterThanOrEqual(550);
  }, 10_000);

  it('a fetch that ignores the signal once headers arrived is stopped at the deadline too', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{'));
        const drip = setInterval(() => controller.enqueue(new TextEncoder().encode(' ')), 200);
        drips.push(drip);
      },
      cancel() {
        cancelled = true;
      },
    });
    const transport = createFetchTransport({ fetch: async () => new Response(body, { headers: { 'content-type': 'application/json' } }), timeoutMs: 500 });
    const error = await transport.send({ method: 'GET', url: 'https://www.zohoapis.in/fsm/v1/Slow', headers: {} }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'NetworkError', code: 'TIMEOUT' });
    expect(cancelled, 'the body was not cancelled').toBe(true);
  }, 10_000);

  it('10 dripping replies time out and free their limiter slots: a later call goes through', async () => {
    const server = await drippingServer();
    const client = new IntegrationClient({
      region: 'in',
      auth: { accessToken: 'deadline-token' },
      transport: createFetchTransport({ fetch: fetchTo(server.url), timeoutMs: 500 }),
      retry: { retries: 0 },
    });
    // FSM calls go 10 at once: without the deadline the 10 dripping calls hold every slot for ever.
    const slow = await Promise.all(
      Array.from({ length: 10 }, () => client.request({ service: 'fsm', method: 'GET', path: '/Slow' }).catch((e: unknown) => e)),
    );
    for (const error of slow) expect(error).toMatchObject({ name: 'NetworkError', code: 'TIMEOUT' });
    const later = await Promise.race([
      client.request({ service: 'fsm', method: 'GET', path: '/Contacts' }),
      new Promise((resolve) => setTimeout(() => resolve('still waiting for a limiter slot'), 3_000)),
    ]);
    expect(later).toEqual({ data: [], info: { more_records: false } });
  }, 20_000);
});
