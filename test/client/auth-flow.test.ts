import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { AuthError } from '../../src/errors/auth-error.js';
import { ManualClock } from '../../src/manual-clock.js';
import { REGION_HOSTS } from '../../src/regions.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { books, contact, testClient, useMswServer } from '../helpers/msw-zoho.js';

const server = useMswServer();
const BOOKS = REGION_HOSTS.in.books;
const TOKEN_URL = `${REGION_HOSTS.in.accounts}/oauth/v2/token`;
const SECRET = 'client-secret-9f8e7d';
const REFRESH = '1000.refresh-token-abc123';
const credentials = { clientId: '1000.CLIENTID', clientSecret: SECRET, refreshToken: REFRESH };

/** An accounts server minting token-1, token-2, ...; and a Books API accepting only `valid` tokens. */
function zoho(valid: (token: string) => boolean) {
  const state = { minted: 0, apiCalls: 0 };
  server.use(
    http.post(TOKEN_URL, () => {
      state.minted++;
      return HttpResponse.json({ access_token: `1000.token-${state.minted}`, api_domain: 'https://www.zohoapis.in', token_type: 'Bearer', expires_in: 3600 });
    }),
    http.get(`${BOOKS}/contacts/:id`, ({ request, params }) => {
      state.apiCalls++;
      const token = (request.headers.get('authorization') ?? '').replace('Zoho-oauthtoken ', '');
      if (!valid(token)) return HttpResponse.json({ code: 57, message: 'You are not authorized to perform this operation' }, { status: 401 });
      return books({ contact: contact(String(params.id)) });
    }),
  );
  return state;
}

describe('token refresh', () => {
  it('100 parallel calls after the cached token expired cause exactly one refresh', async () => {
    const clock = new ManualClock({ autoAdvance: true });
    const state = zoho(() => true);
    const { client } = testClient({ auth: credentials, clock });
    await client.finance.contacts.get('0');
    expect(state.minted).toBe(1);
    await clock.advance(2 * 3600_000);
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => client.finance.contacts.get(String(i + 1))));
    expect(results).toHaveLength(100);
    expect(state.minted).toBe(2);
  });

  it('100 parallel calls whose token Zoho now refuses (HTTP 401) cause exactly one refresh', async () => {
    const storage = new MemoryStorage();
    let revoked = false;
    const state = zoho((token) => !(revoked && token === '1000.token-1'));
    const { client } = testClient({ auth: credentials, storage });
    await client.finance.contacts.get('0');
    revoked = true;
    const refreshed: unknown[] = [];
    client.on('token-refreshed', (e) => refreshed.push(e));
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => client.finance.contacts.get(String(i + 1))));
    expect(results).toHaveLength(100);
    expect(state.minted).toBe(2);
    expect(refreshed).toHaveLength(1);
  });

  it('a 401 refreshes once and replays once; a second 401 is an AuthError', async () => {
    const state = zoho(() => false);
    const { client } = testClient({ auth: credentials });
    const error = await client.finance.contacts.get('1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: 'AUTH_FAILED' });
    expect(state.apiCalls).toBe(2);
    expect(state.minted).toBe(2);
  });

  it('no token or secret appears in a serialised error or in any event payload', async () => {
    zoho(() => false);
    const { client } = testClient({ auth: credentials });
    const events: unknown[] = [];
    for (const name of ['request', 'response', 'retry', 'rate-limited', 'token-refreshed'] as const) client.on(name, (e) => events.push(e));
    const error = await client.finance.contacts.get('1').catch((e: unknown) => e);
    const dumps = [JSON.stringify(error), String(error), (error as Error).stack ?? '', inspect(error, { depth: 10 }), JSON.stringify(events)];
    expect(events.length).toBeGreaterThan(0);
    for (const dump of dumps) {
      for (const secret of [SECRET, REFRESH, '1000.token-1', '1000.token-2']) expect(dump).not.toContain(secret);
    }
  });
});
