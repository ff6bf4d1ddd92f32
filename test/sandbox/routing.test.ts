import { describe, expect, it } from 'vitest';
import { REGIONS, REGION_HOSTS } from '../../src/regions.js';
import { testSandbox, orgId, SandboxApi } from './helpers.js';

describe('sandbox routing', () => {
  it('answers 404 for a host Zoho does not have', async () => {
    const sandbox = testSandbox();
    const res = await sandbox.fetch('https://api.example.com/books/v3/contacts');
    expect(res.status).toBe(404);
  });

  it.each(REGIONS)('serves Books, Invoice, FSM and accounts on every host of region %s', async (region) => {
    const email = `user@${region}.example`;
    const sandbox = testSandbox({ users: [{ email, region, books: [{}], invoice: [{}] }] });
    const c = sandbox.credentials(email);
    expect(c.accountsUrl).toBe(REGION_HOSTS[region].accounts);
    const token = await sandbox.fetch(`${c.accountsUrl}/oauth/v2/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: c.clientId, client_secret: c.clientSecret }),
    });
    expect((await token.json()).api_domain).toBe(new URL(REGION_HOSTS[region].books).origin);
    const api = new SandboxApi(sandbox, { email, region });
    const books = await api.books('GET', orgId(sandbox, 'books'), '/contacts');
    expect(books.status).toBe(200);
    const invoice = await api.finance('GET', 'invoice', orgId(sandbox, 'invoice'), '/items');
    expect(invoice.status).toBe(200);
    const fsm = await api.fsm('POST', '/Companies', { data: [{ Company_Name: 'Acme' }] });
    expect(fsm.status).toBe(201);
  });

  it('refuses a token on another data centre’s hosts (code 57, HTTP 401)', async () => {
    const sandbox = testSandbox();
    const api = new SandboxApi(sandbox);
    const res = await api.call('GET', `https://www.zohoapis.eu/books/v3/contacts?organization_id=${orgId(sandbox, 'books')}`);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe(57);
  });

  it('answers an unknown Books path with 404 "URL Not Found" (no code: Zoho documents none) and a wrong method with 405', async () => {
    const sandbox = testSandbox();
    const api = new SandboxApi(sandbox);
    const books = orgId(sandbox, 'books');
    const unknown = await api.books('GET', books, '/bills');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ message: 'URL Not Found' });
    expect((await api.books('PATCH', books, '/contacts')).status).toBe(405);
  });

  it('requires Authorization: Zoho-oauthtoken (a Bearer header is refused)', async () => {
    const sandbox = testSandbox();
    const token = sandbox.accessToken();
    const res = await sandbox.fetch(`https://www.zohoapis.com/books/v3/contacts?organization_id=${orgId(sandbox, 'books')}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: 57, message: 'OAuth token is invalid or expired.' });
  });

  it('rejects like fetch when the request is already aborted', async () => {
    const sandbox = testSandbox();
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(sandbox.fetch('https://www.zohoapis.com/books/v3/organizations', { signal: controller.signal })).rejects.toThrow('stop');
  });
});
