import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { IntegrationClient } from '../../src/client/integration-client.js';
import { OrgSelector } from '../../src/eligibility/org-selector.js';
import { FsmBillingError } from '../../src/errors/fsm-billing-error.js';
import { ManualClock } from '../../src/manual-clock.js';
import { REGION_HOSTS } from '../../src/regions.js';
import { createSandbox } from '../../src/sandbox/index.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import type { ClientEvents } from '../../src/transport/pipeline-events.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import type { Transport } from '../../src/transport/transport.js';
import { useMswServer } from '../helpers/msw-zoho.js';

// Secrets chosen with characters that change under URL and form encoding, so a leak of the
// encoded request body is caught as well as a leak of the plain value.
const CLIENT_ID = '1000.FULLRUNCLIENTID';
const CLIENT_SECRET = 'cs+full/run=secret&7f3a9e';
const REFRESH_TOKEN = '1000.rt+full/run=4c1d88';
const EMAIL = 'secrets@example.com';
const EVENTS = ['request', 'response', 'retry', 'rate-limited', 'token-refreshed'] as const;

/** Each secret as typed, URL-encoded and form-encoded. */
function spellings(secrets: Record<string, string>): Array<[string, string]> {
  return Object.entries(secrets).flatMap(([name, value]): Array<[string, string]> => [
    [name, value],
    [`${name} (URL-encoded)`, encodeURIComponent(value)],
    [`${name} (form-encoded)`, new URLSearchParams({ s: value }).toString().slice(2)],
  ]);
}

/** Every way a user might print what they caught: JSON, String, the stack, util.inspect all the way down. */
function renderings(value: unknown): string[] {
  const out = [inspect(value, { depth: Infinity, showHidden: true }), inspect(value, { depth: Infinity })];
  try {
    out.push(JSON.stringify(value) ?? '');
  } catch {
    // A value JSON cannot serialise is still covered by inspect.
  }
  for (let cause: unknown = value, hops = 0; cause instanceof Error && hops < 10; cause = cause.cause, hops++) out.push(String(cause), cause.stack ?? '', cause.message);
  return out;
}

/** Fails naming the item and the secret (never printing the secret) when any rendering holds one. */
function expectNoSecrets(items: ReadonlyArray<readonly [string, unknown]>, secrets: Array<[string, string]>): void {
  const leaks: string[] = [];
  for (const [label, item] of items) {
    const text = renderings(item).join('\n');
    for (const [name, value] of secrets) if (value.length > 0 && text.includes(value)) leaks.push(`${label} holds the ${name}`);
  }
  expect(leaks).toEqual([]);
}

let consoleSpies: Array<MockInstance<(...args: unknown[]) => void>> = [];
beforeEach(() => {
  consoleSpies = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((method) => vi.spyOn(console, method).mockImplementation(() => undefined));
});
afterEach(() => {
  for (const spy of consoleSpies) spy.mockRestore();
});
const logged = (): Array<readonly [string, unknown]> => consoleSpies.flatMap((spy, i) => spy.mock.calls.map((args, j) => [`console call ${i}.${j}`, args] as const));

describe('tokens and client secrets appear in no error, event, log or report of a full run', () => {
  it('drives a client through auth, lists, writes, 429, 5xx, a dropped connection, a timeout, token expiry, refusals and OrgSelector, and checks everything it emitted', async () => {
    const clock = new ManualClock({ autoAdvance: true });
    const sandbox = createSandbox({
      seed: 21,
      clock,
      clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }],
      users: [{ email: EMAIL, region: 'in', refreshToken: REFRESH_TOKEN, books: [{ name: 'Full Run Books', records: 450 }], invoice: [{}], fsm: { records: 20 } }],
    });
    const booksOrg = sandbox.orgs({ app: 'books' })[0]?.organizationId ?? '';

    // The test's own view of the wire: every access token issued or sent, so it can look for them.
    const accessTokens = new Set<string>();
    const hang = { nextCreate: false };
    const spyFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      const auth = request.headers.get('authorization');
      if (auth?.startsWith('Zoho-oauthtoken ')) accessTokens.add(auth.slice('Zoho-oauthtoken '.length));
      if (hang.nextCreate && request.method === 'POST' && new URL(request.url).pathname.endsWith('/contacts')) {
        hang.nextCreate = false;
        return new Promise<Response>((_resolve, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason as Error), { once: true }));
      }
      const response = await sandbox.fetch(request);
      if (new URL(request.url).pathname === '/oauth/v2/token') {
        const body = (await response.clone().json()) as { access_token?: unknown };
        if (typeof body.access_token === 'string') accessTokens.add(body.access_token);
      }
      return response;
    };

    const storage = new MemoryStorage();
    const auth = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN };
    const common = { region: 'in' as const, finance: { app: 'books' as const, organizationId: booksOrg }, auth, storage, clock, retry: { random: () => 0.5 } };
    const client = new IntegrationClient({ ...common, transport: createFetchTransport({ fetch: spyFetch }) });
    // Same credentials and token cache, a transport that gives up after 50 ms: for a real ky timeout.
    const impatient = new IntegrationClient({ ...common, transport: createFetchTransport({ fetch: spyFetch, timeoutMs: 50 }) });

    const captured: Array<readonly [string, unknown]> = [];
    const events: Record<string, number> = {};
    const retryReasons = new Set<string>();
    for (const [name, c] of [['client', client], ['impatient client', impatient]] as const) {
      for (const event of EVENTS) {
        c.on(event, (payload: ClientEvents[typeof event]) => {
          events[event] = (events[event] ?? 0) + 1;
          if (event === 'retry') retryReasons.add((payload as ClientEvents['retry']).reason);
          captured.push([`${name} '${event}' event ${JSON.stringify(payload).slice(0, 120)}`, payload]);
        });
      }
    }
    const errors: Array<readonly [string, unknown]> = [];
    const fails = async (label: string, work: () => Promise<unknown>): Promise<void> => {
      const error = await work().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, `${label} should have failed`).toBeInstanceOf(FsmBillingError);
      errors.push([`error of ${label} (${(error as FsmBillingError).code})`, error]);
    };
    const bookGet = { method: 'GET', app: 'books' as const, path: '/contacts/{id}' };

    // Onboarding: list the user's orgs through OrgSelector (Books and Invoice).
    const selector = new OrgSelector({ client, fsm: { name: 'Full Run Field Services', edition: 'in', currencyCode: 'INR', taxesEnabled: true } });
    const options = await selector.options(EMAIL);
    expect(options.choices.existing_books.map((o) => o.organizationId)).toEqual([booksOrg]);
    await client.financeFor('invoice').organizations.list();

    // Lists (three pages of contacts), creates and updates on both products.
    expect(await client.finance.contacts.list().toArray()).toHaveLength(450);
    const created = await client.finance.contacts.create({ contact_name: 'Full Run Ltd' });
    await client.finance.contacts.update(created.contact_id, { contact_name: 'Full Run Ltd', contact_type: 'customer', website: 'https://full-run.example' });
    const company = await client.fsm.companies.create({ Company_Name: 'Full Run FSM' });
    await client.fsm.companies.update(company.id, { Website: 'https://full-run.example' });
    await client.fsm.companies.list().toArray();

    // Faults the client absorbs: a 429, a 5xx, a dropped connection, then an expired token.
    sandbox.faults.next({ match: bookGet, fault: 'rate-limit' });
    await client.finance.contacts.get(created.contact_id);
    sandbox.faults.next({ match: bookGet, fault: 'server-error' });
    await client.finance.contacts.get(created.contact_id);
    sandbox.faults.next({ match: bookGet, fault: 'drop' });
    await client.finance.contacts.get(created.contact_id);
    sandbox.expireAccessTokens();
    await client.finance.contacts.get(created.contact_id);

    // Binding and health.
    await selector.select({ choice: 'existing_books', organizationId: booksOrg });
    const health = await selector.health();

    // Failures the caller sees.
    await fails('a missing contact', () => client.finance.contacts.get('460099999999999'));
    await fails('a hostile id', () => client.finance.contacts.get('../organizations'));
    sandbox.faults.next({ match: { method: 'POST', app: 'books' }, fault: 'drop' });
    await fails('a create whose connection dropped', () => client.finance.contacts.create({ contact_name: 'Dropped Ltd' }));
    sandbox.faults.next({ match: { method: 'POST', app: 'books' }, fault: 'server-error' });
    await fails('a create answered 500', () => client.finance.contacts.create({ contact_name: 'Failed Ltd' }));
    sandbox.faults.next({ match: { method: 'POST', app: 'books' }, fault: 'bad-gateway' });
    await fails('a create answered by a proxy page', () => client.finance.contacts.create({ contact_name: 'Proxied Ltd' }));
    hang.nextCreate = true;
    await fails('a create that timed out', () => impatient.finance.contacts.create({ contact_name: 'Slow Ltd' }));
    sandbox.faults.next({ match: bookGet, fault: 'rate-limit', times: 7 });
    await fails('a read refused with 429 past the retry budget', () => client.finance.contacts.get(created.contact_id));
    await fails('an ineligible binding', () => selector.select({ choice: 'existing_invoice', organizationId: '999' }));
    for (const bad of [
      { ...auth, refreshToken: '' },
      { ...auth, accessToken: 'not-a-token' },
    ]) {
      const error = (() => {
        try {
          return new IntegrationClient({ ...common, auth: bad as never });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toMatchObject({ code: 'INVALID_CONFIG' });
      errors.push([`error of a bad auth option (${Object.keys(bad).join(',')})`, error]);
    }
    // Last: the refresh token is revoked, so the next refresh is refused.
    await sandbox.fetch(`${REGION_HOSTS.in.accounts}/oauth/v2/token/revoke?token=${encodeURIComponent(REFRESH_TOKEN)}`, { method: 'POST' });
    sandbox.expireAccessTokens();
    await fails('a call after the refresh token was revoked', () => client.finance.contacts.get(created.contact_id));

    // The run covered what it claims to cover.
    for (const event of EVENTS) expect(events[event] ?? 0, `no '${event}' event was emitted`).toBeGreaterThan(0);
    expect([...retryReasons].sort()).toEqual(['http-500', 'network', 'rate-limited:minute']);
    expect(events['token-refreshed']).toBeGreaterThanOrEqual(2);
    expect(accessTokens.size, 'access tokens seen on the wire').toBeGreaterThanOrEqual(2);
    expect(errors.map(([, e]) => (e as FsmBillingError).code).sort()).toEqual(
      ['ELIGIBILITY_REFUSED', 'INVALID_CONFIG', 'INVALID_CONFIG', 'INVALID_INPUT', 'NETWORK_ERROR', 'NOT_FOUND', 'RATE_LIMITED', 'TIMEOUT', 'TOKEN_REFRESH_FAILED', 'ZOHO_API_ERROR', 'ZOHO_API_ERROR'].sort(),
    );

    const secrets = spellings({ 'client secret': CLIENT_SECRET, 'refresh token': REFRESH_TOKEN, ...Object.fromEntries([...accessTokens].map((t, i) => [`access token #${i + 1}`, t])) });
    // Storage keys show up in listings, logs and database indexes: the token cache and mint log are keyed by a hash.
    const keys = (await storage.list('')).map((entry) => entry.key);
    expect(keys.filter((key) => key.startsWith('auth/')).length, 'auth keys in storage').toBeGreaterThan(0);
    expectNoSecrets([...captured, ...errors, ['OrgSelector.options() result', options], ['OrgSelector.health() report', health], ['storage keys', keys], ...logged()], secrets);
  });
});

describe('secrets echoed by the other side are kept out of errors', () => {
  const server = useMswServer();
  const TOKEN_URL = `${REGION_HOSTS.in.accounts}/oauth/v2/token`;
  const secrets = spellings({ 'client secret': CLIENT_SECRET, 'refresh token': REFRESH_TOKEN });

  it('an accounts server that quotes the refresh token and secret in its refusal', async () => {
    server.use(
      http.post(TOKEN_URL, () => HttpResponse.json({ error: `invalid_code ${REFRESH_TOKEN} for ${CLIENT_SECRET}`, error_description: `refresh_token=${encodeURIComponent(REFRESH_TOKEN)}` })),
    );
    const client = new IntegrationClient({
      region: 'in',
      finance: { app: 'books', organizationId: '60012345' },
      auth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN },
      clock: new ManualClock({ autoAdvance: true }),
    });
    const error = await client.finance.contacts.get('1').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TOKEN_REFRESH_FAILED' });
    expectNoSecrets([['the refusal error', error], ...logged()], secrets);
  });

  it('a transport whose failure quotes the form body it was sending', async () => {
    const transport: Transport = {
      send: async (request) => {
        throw new Error(`socket hang up while sending ${String(request.body)} to ${request.url}`);
      },
    };
    const client = new IntegrationClient({
      region: 'in',
      finance: { app: 'books', organizationId: '60012345' },
      auth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN },
      transport,
      clock: new ManualClock({ autoAdvance: true }),
    });
    const error = await client.finance.contacts.get('1').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NETWORK_ERROR' });
    expect((error as Error).message).toContain('[redacted]');
    expectNoSecrets([['the unreachable-accounts error', error]], secrets);
  });
});
