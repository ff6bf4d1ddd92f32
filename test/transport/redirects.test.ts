import { afterEach, describe, expect, it } from 'vitest';
import { RefreshTokenProvider } from '../../src/auth/refresh-token-provider.js';
import { IntegrationClient } from '../../src/client/integration-client.js';
import { RedirectRefusedError } from '../../src/errors/redirect-refused-error.js';
import { ManualClock } from '../../src/manual-clock.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import { fetchTo, startServer, type TestServer } from './hostile-servers.js';

const SECRETS = { clientId: '1000.REDIRECTCLIENT', clientSecret: 'client-SECRET-5e1f', refreshToken: '1000.refresh-TOKEN-9c3d' };
const ACCESS_TOKEN = '1000.access-TOKEN-7a2b';
const CUSTOMER = 'Customer Body Marker 4411';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** The second origin: it would hand out a token to whoever asks, and logs every request. */
async function foreignOrigin(): Promise<TestServer> {
  const server = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ access_token: 'FOREIGN-ACCESS-TOKEN', expires_in: 3600, code: 0, contact: { contact_id: '1' } }));
  });
  servers.push(server);
  return server;
}

/** The first origin: answers every request with `status` and a Location on the foreign origin. */
async function redirecting(status: number, location: string): Promise<TestServer> {
  const server = await startServer((_req, res) => {
    res.writeHead(status, { location, 'content-type': 'application/json' });
    res.end(JSON.stringify({ access_token: 'TOKEN-IN-THE-REDIRECT-BODY', expires_in: 3600 }));
  });
  servers.push(server);
  return server;
}

function provider(accountsServer: string, fetch?: typeof globalThis.fetch): RefreshTokenProvider {
  return new RefreshTokenProvider({
    ...SECRETS,
    accountsServer,
    transport: createFetchTransport(fetch ? { fetch } : {}),
    storage: new MemoryStorage(),
    clock: new ManualClock({ autoAdvance: true }),
  });
}

function everything(error: unknown): string {
  const e = error as Error & { cause?: unknown };
  return `${JSON.stringify(e)} ${e.message} ${e.stack ?? ''} ${String(e.cause ?? '')}`;
}

describe('redirects are refused, never followed (real servers on 127.0.0.1)', () => {
  it.each([307, 308, 302])('the token endpoint answering %i: RedirectRefusedError, the second origin receives nothing', async (status) => {
    const foreign = await foreignOrigin();
    const accounts = await redirecting(status, `${foreign.url}/oauth/v2/token?steal=1`);
    const error = await provider(accounts.url).getToken().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RedirectRefusedError);
    expect(error).toMatchObject({ code: 'REDIRECT_REFUSED', status, details: { status, method: 'POST', url: `${accounts.url}/oauth/v2/token` } });
    expect(foreign.received, 'the foreign origin was contacted').toEqual([]);
    expect(accounts.received, 'a refused redirect is not retried').toHaveLength(1);
    expect((error as Error).message).toContain(`HTTP ${status}`);
    expect((error as Error).message).toContain('not followed');
    const text = everything(error);
    for (const secret of [SECRETS.clientSecret, SECRETS.refreshToken, foreign.url, 'steal', 'TOKEN-IN-THE-REDIRECT-BODY']) expect(text).not.toContain(secret);
  });

  it('a fetch that follows a 302 anyway: the foreign access_token is not accepted', async () => {
    const foreign = await foreignOrigin();
    const accounts = await redirecting(302, `${foreign.url}/oauth/v2/token`);
    // A fetch wrapper that drops the redirect mode, as some proxies' agents do.
    const following: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      return globalThis.fetch(request.url, { method: request.method, headers: request.headers, body: init?.body ?? null });
    };
    const auth = provider(accounts.url, following);
    const error = await auth.getToken().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'REDIRECT_REFUSED' });
    expect(everything(error)).not.toContain('FOREIGN-ACCESS-TOKEN');
  });

  it.each([
    [307, 'POST'],
    [308, 'PUT'],
    [302, 'GET'],
  ] as const)('an API call answered %i (%s): refused, the second origin receives neither the token nor the record', async (status, method) => {
    const foreign = await foreignOrigin();
    const api = await redirecting(status, `${foreign.url}/books/v3/contacts`);
    const client = new IntegrationClient({
      region: 'in',
      finance: { app: 'books', organizationId: '60012345' },
      auth: { accessToken: ACCESS_TOKEN },
      transport: createFetchTransport({ fetch: fetchTo(api.url) }),
      limits: { plan: 'premium' },
      clock: new ManualClock({ autoAdvance: true }),
      retry: { retries: 3, random: () => 0.5 },
    });
    const error = await client
      .request({ service: 'books', method, path: '/contacts', ...(method === 'GET' ? {} : { body: { contact_name: CUSTOMER } }), organizationId: '60012345', retrySafe: true })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RedirectRefusedError);
    expect(error).toMatchObject({ code: 'REDIRECT_REFUSED', status });
    expect(foreign.received, 'the foreign origin was contacted').toEqual([]);
    expect(api.received, 'a refused redirect is not retried').toHaveLength(1);
    expect(api.received[0]?.body ?? '').toContain(method === 'GET' ? '' : CUSTOMER);
    const text = everything(error);
    for (const secret of [ACCESS_TOKEN, foreign.url, CUSTOMER]) expect(text).not.toContain(secret);
  });

  it('a custom transport that reports a 3xx is refused too: the reply is not taken as Zoho’s', async () => {
    const client = new IntegrationClient({
      region: 'in',
      finance: { app: 'books', organizationId: '60012345' },
      auth: { accessToken: ACCESS_TOKEN },
      transport: { send: async () => ({ status: 307, headers: { location: 'https://evil.example/x' }, body: { code: 0, contact: { contact_id: '1' } } }) },
      limits: { plan: 'premium' },
      clock: new ManualClock({ autoAdvance: true }),
    });
    const error = await client.request({ service: 'fsm', method: 'GET', path: '/Contacts' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'REDIRECT_REFUSED', status: 307 });
  });
});
