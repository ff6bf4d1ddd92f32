import { describe, expect, it } from 'vitest';
import { testSandbox, orgId, SandboxApi } from './helpers.js';

function tokenRequest(params: Record<string, string>): RequestInit {
  return { method: 'POST', body: new URLSearchParams(params) };
}

describe('sandbox accounts server', () => {
  it('issues a 1000.* access token for a valid refresh token, with api_domain and expires_in 3600', async () => {
    const sandbox = testSandbox();
    const c = sandbox.credentials();
    const res = await sandbox.fetch(`${c.accountsUrl}/oauth/v2/token`, tokenRequest({
      grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: c.clientId, client_secret: c.clientSecret,
    }));
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body).toEqual({ access_token: expect.stringMatching(/^1000\./), api_domain: 'https://www.zohoapis.com', token_type: 'Bearer', expires_in: 3600 });
    expect(body).not.toHaveProperty('refresh_token');
  });

  it('accepts the parameters in the query string too', async () => {
    const sandbox = testSandbox();
    const c = sandbox.credentials();
    const qs = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: c.clientId, client_secret: c.clientSecret });
    const res = await sandbox.fetch(`${c.accountsUrl}/oauth/v2/token?${qs}`, { method: 'POST' });
    expect((await res.json()).access_token).toMatch(/^1000\./);
  });

  it('answers {"error":"invalid_code"} for an unknown refresh token and invalid_client for a wrong secret', async () => {
    const sandbox = testSandbox();
    const c = sandbox.credentials();
    const bad = await sandbox.fetch(`${c.accountsUrl}/oauth/v2/token`, tokenRequest({
      grant_type: 'refresh_token', refresh_token: '1000.nope', client_id: c.clientId, client_secret: c.clientSecret,
    }));
    expect(await bad.json()).toEqual({ error: 'invalid_code' });
    const wrongSecret = await sandbox.fetch(`${c.accountsUrl}/oauth/v2/token`, tokenRequest({
      grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: c.clientId, client_secret: 'wrong',
    }));
    expect(await wrongSecret.json()).toEqual({ error: 'invalid_client' });
  });

  it('refuses the 11th access token within ten minutes with Access Denied (HTTP 400), then issues again', async () => {
    const sandbox = testSandbox();
    const c = sandbox.credentials();
    const refresh = () => sandbox.fetch(`${c.accountsUrl}/oauth/v2/token`, tokenRequest({
      grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: c.clientId, client_secret: c.clientSecret,
    }));
    for (let i = 0; i < 10; i++) expect((await refresh()).status).toBe(200);
    const denied = await refresh();
    expect(denied.status).toBe(400);
    expect(await denied.json()).toEqual({
      error: 'Access Denied',
      error_description: 'You have made too many requests continuously. Please try again after some time.',
    });
    await sandbox.manualClock.advance(10 * 60_000);
    expect((await (await refresh()).json()).access_token).toMatch(/^1000\./);
  });

  it('redeems a grant code once for the refresh token and an access token', async () => {
    const sandbox = testSandbox();
    const c = sandbox.credentials();
    const code = sandbox.grantCode();
    const params = { grant_type: 'authorization_code', code, client_id: c.clientId, client_secret: c.clientSecret, redirect_uri: 'https://app.example/cb' };
    const first = await (await sandbox.fetch(`${c.accountsUrl}/oauth/v2/token`, tokenRequest(params))).json();
    expect(first.refresh_token).toBe(c.refreshToken);
    expect(first.access_token).toMatch(/^1000\./);
    const again = await (await sandbox.fetch(`${c.accountsUrl}/oauth/v2/token`, tokenRequest(params))).json();
    expect(again).toEqual({ error: 'invalid_code' });
  });

  it('binds tokens to the data centre: another region’s accounts server does not know the refresh token', async () => {
    const sandbox = testSandbox();
    const c = sandbox.credentials();
    const res = await sandbox.fetch('https://accounts.zoho.eu/oauth/v2/token', tokenRequest({
      grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: c.clientId, client_secret: c.clientSecret,
    }));
    expect(await res.json()).toEqual({ error: 'invalid_code' });
  });

  it('rejects an expired access token with code 57 and HTTP 401; a revoked refresh token stops refreshing', async () => {
    const sandbox = testSandbox();
    const api = new SandboxApi(sandbox);
    const books = orgId(sandbox, 'books');
    expect((await api.books('GET', books, '/contacts')).status).toBe(200);
    await sandbox.manualClock.advance(3600_000);
    const expired = await api.books('GET', books, '/contacts');
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ code: 57, message: 'OAuth token is invalid or expired.' });
    const c = sandbox.credentials();
    await sandbox.fetch(`${c.accountsUrl}/oauth/v2/token/revoke?token=${c.refreshToken}`, { method: 'POST' });
    const res = await sandbox.fetch(`${c.accountsUrl}/oauth/v2/token`, tokenRequest({
      grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: c.clientId, client_secret: c.clientSecret,
    }));
    expect(await res.json()).toEqual({ error: 'invalid_code' });
  });
});
