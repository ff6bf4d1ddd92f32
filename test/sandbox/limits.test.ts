import { describe, expect, it } from 'vitest';
import { testSandbox, orgId, SandboxApi } from './helpers.js';

const MESSAGE_44 =
  'For security reasons your organization has been blocked as it have exceeded the maximum number of requests per minute that can originate from an organization.';
const MESSAGE_1070 = 'You have reached the maximum number of in process requests allowed. Kindly try again after some time.';

describe('sandbox per-organisation limits', () => {
  it('answers the 101st call in a minute with 429 code 44, and accepts calls again a minute later', async () => {
    const sandbox = testSandbox();
    const api = new SandboxApi(sandbox);
    const books = orgId(sandbox, 'books');
    for (let i = 0; i < 100; i++) expect((await api.books('GET', books, '/contacts')).status).toBe(200);
    const refused = await api.books('GET', books, '/contacts');
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ code: 44, message: MESSAGE_44 });
    expect(refused.headers.get('retry-after')).toBeNull();
    await sandbox.manualClock.advance(60_000);
    expect((await api.books('GET', books, '/contacts')).status).toBe(200);
  });

  it('counts per organisation: another org of the same user is not limited', async () => {
    const sandbox = testSandbox({ limits: { perMinute: 3 } });
    const api = new SandboxApi(sandbox);
    const books = orgId(sandbox, 'books');
    for (let i = 0; i < 3; i++) await api.books('GET', books, '/items');
    expect((await api.books('GET', books, '/items')).status).toBe(429);
    expect((await api.finance('GET', 'invoice', orgId(sandbox, 'invoice'), '/items')).status).toBe(200);
  });

  it('answers the call past the plan’s daily cap with 429 code 45 naming the cap, until the next day', async () => {
    const sandbox = testSandbox({ users: [{ email: 'free@example.com', books: [{ plan: 'free' }] }], limits: { perMinute: false, perDay: { free: 20 } } });
    const api = new SandboxApi(sandbox);
    const books = orgId(sandbox, 'books');
    for (let i = 0; i < 20; i++) expect((await api.books('GET', books, '/items')).status).toBe(200);
    const refused = await api.books('GET', books, '/items');
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ code: 45, message: 'The API call for this organization has exceeded the maximum call rate limit of 20.' });
    await sandbox.manualClock.advance(24 * 3600_000);
    const nextDay = new SandboxApi(sandbox); // yesterday's access token has expired
    expect((await nextDay.books('GET', books, '/items')).status).toBe(200);
  });

  it('uses Zoho’s daily caps by default (free plan: 1000)', async () => {
    const sandbox = testSandbox({ users: [{ email: 'free@example.com', invoice: [{ plan: 'free' }] }], limits: { perMinute: false } });
    const api = new SandboxApi(sandbox);
    const invoice = orgId(sandbox, 'invoice');
    for (let i = 0; i < 1000; i++) await api.finance('GET', 'invoice', invoice, '/items');
    const refused = await api.finance('GET', 'invoice', invoice, '/items');
    expect(refused.body).toEqual({ code: 45, message: 'The API call for this organization has exceeded the maximum call rate limit of 1000.' });
  });

  it.each([
    ['free', 5],
    ['standard', 10],
  ] as const)('lets %s orgs run %i calls at once and answers one more with 429 code 1070', async (plan, cap) => {
    const sandbox = testSandbox({ users: [{ email: 'c@example.com', books: [{ plan }] }], latencyMs: 1000 });
    const api = new SandboxApi(sandbox);
    const books = orgId(sandbox, 'books');
    const replies = await Promise.all(Array.from({ length: cap + 1 }, () => api.books('GET', books, '/contacts')));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(cap);
    const refused = replies.find((r) => r.status === 429);
    expect(refused?.body).toEqual({ code: 1070, message: MESSAGE_1070 });
    expect((await api.books('GET', books, '/contacts')).status).toBe(200);
  });

  it('sends Retry-After when asked to, and can switch every limit off', async () => {
    const withHeader = testSandbox({ limits: { perMinute: 1, retryAfterHeader: true } });
    const api = new SandboxApi(withHeader);
    const books = orgId(withHeader, 'books');
    await api.books('GET', books, '/items');
    expect((await api.books('GET', books, '/items')).headers.get('retry-after')).toBe('60');
    const unlimited = testSandbox({ limits: { perMinute: false, perDay: false, concurrency: false } });
    const free = new SandboxApi(unlimited);
    const org = orgId(unlimited, 'books');
    for (let i = 0; i < 150; i++) expect((await free.books('GET', org, '/items')).status).toBe(200);
    expect(unlimited.limits.usage(org)).toMatchObject({ lastMinute: 150, today: 150, inFlight: 0 });
  });
});
