import { afterEach, describe, expect, it } from 'vitest';
import { IntegrationClient } from '../../src/client/integration-client.js';
import { sandboxServerFetch, serveSandbox, type SandboxServer } from '../../src/node/serve-sandbox.js';
import { createSandbox } from '../../src/sandbox/index.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import { orgId } from './helpers.js';

describe('serveSandbox (a real HTTP server on 127.0.0.1)', () => {
  let server: SandboxServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('serves plain paths as the default region and the /__zoho/<host>/ prefix for any host', async () => {
    const sandbox = createSandbox({ seed: 1, records: 3 });
    server = await serveSandbox(sandbox, { port: 0 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const headers = { authorization: `Zoho-oauthtoken ${sandbox.accessToken()}` };
    const plain = await fetch(`${server.url}/books/v3/contacts?organization_id=${orgId(sandbox, 'books')}`, { headers });
    expect((await plain.json()).contacts).toHaveLength(3);
    const prefixed = await fetch(`${server.url}/__zoho/fsm.zoho.com/fsm/v1/Companies`, { headers });
    expect(prefixed.status).toBe(200);
    expect((await fetch(`${server.url}/__zoho/api.example.com/anything`)).status).toBe(404);
  });

  it('drives IntegrationClient through sandboxServerFetch, refresh token and all, in region in', async () => {
    const sandbox = createSandbox({ seed: 4, records: 250, users: [{ email: 'srv@example.com', region: 'in', books: [{}] }] });
    server = await serveSandbox(sandbox, { port: 0 });
    const { clientId, clientSecret, refreshToken } = sandbox.credentials();
    const client = new IntegrationClient({
      region: 'in',
      finance: { app: 'books', organizationId: orgId(sandbox, 'books') },
      auth: { clientId, clientSecret, refreshToken },
      transport: createFetchTransport({ fetch: sandboxServerFetch(server.url) }),
    });
    expect(await client.finance.contacts.list().toArray()).toHaveLength(250);
    const created = await client.fsm.companies.create({ Company_Name: 'Over HTTP' });
    expect(sandbox.record(orgId(sandbox, 'fsm'), 'Companies', created.id)).toMatchObject({ Company_Name: 'Over HTTP' });
    expect(sandbox.calls.count({ app: 'accounts' })).toBe(1);
    expect(sandbox.calls.list().every((c) => c.host.endsWith('.in'))).toBe(true);
  });

  it('resets the socket when the sandbox drops the connection', async () => {
    const sandbox = createSandbox();
    server = await serveSandbox(sandbox, { port: 0 });
    sandbox.faults.next({ fault: 'drop' });
    await expect(fetch(`${server.url}/books/v3/organizations`)).rejects.toThrow();
    expect((await fetch(`${server.url}/books/v3/organizations`)).status).toBe(401);
  });

  it('leaves URLs that are not Zoho’s to the base fetch', async () => {
    const seen: string[] = [];
    const f = sandboxServerFetch('http://127.0.0.1:1', async (input) => {
      seen.push(input instanceof Request ? input.url : String(input));
      return new Response('ok');
    });
    await f('https://example.com/ping');
    await f('https://www.zohoapis.eu/books/v3/items?x=1');
    expect(seen).toEqual(['https://example.com/ping', 'http://127.0.0.1:1/books/v3/items?x=1']);
  });
});
