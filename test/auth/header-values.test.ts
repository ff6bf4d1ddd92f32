import { describe, expect, it } from 'vitest';
import type { TokenProvider } from '../../src/auth/token-provider.js';
import { IntegrationClient } from '../../src/client/integration-client.js';
import { AuthError } from '../../src/errors/auth-error.js';
import { NetworkError } from '../../src/errors/network-error.js';
import { ManualClock } from '../../src/manual-clock.js';
import { BidirectionalSyncer, zohoFinanceSource, zohoFsmSource } from '../../src/sync/index.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import type { Transport } from '../../src/transport/transport.js';
import { syncWorld } from '../sync/helpers.js';

const EVIL = 'abc\r\nX-Evil: 1';
/** Every part of the evil token that must appear nowhere, raw or JSON-escaped. */
const EVIL_PARTS = ['X-Evil', 'Evil: 1', 'abc\r', 'abc\\r', '\r\nX', '\\r\\nX'];

const providerOf = (token: string): TokenProvider => ({ getToken: async () => ({ token }), invalidate: async () => undefined });

function everything(value: unknown): string {
  if (value instanceof Error) {
    const cause = (value as { cause?: unknown }).cause;
    return `${value.name} ${value.message} ${value.stack ?? ''} ${JSON.stringify(value)} ${cause === undefined ? '' : everything(cause)}`;
  }
  return JSON.stringify(value) ?? String(value);
}

describe('an access token that cannot go in a header is refused before any header is built', () => {
  it.each([
    ['CR LF and a header', EVIL],
    ['NUL', 'abc\u0000def'],
    ['a lone LF', 'abc\ndef'],
    ['non-ASCII', 'abcé'],
    ['a space', 'abc def'],
  ])('%s: AuthError INVALID_ACCESS_TOKEN, nothing sent, no part of the value quoted', async (_label, token) => {
    let sent = 0;
    const transport: Transport = {
      send: async () => {
        sent++;
        return { status: 200, headers: {}, body: { data: [] } };
      },
    };
    const client = new IntegrationClient({ region: 'in', auth: providerOf(token), transport, clock: new ManualClock({ autoAdvance: true }) });
    const error = await client.request({ service: 'fsm', method: 'GET', path: '/Contacts' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: 'INVALID_ACCESS_TOKEN', details: { length: token.length } });
    expect(sent, 'a request was sent').toBe(0);
    expect(everything(error)).not.toContain(token);
    expect(everything(error)).not.toContain('abc');
  });

  it('a sync run with such a token stops with a reason, and neither its report nor the sync log holds any part of the token', async () => {
    const world = syncWorld();
    const client = new IntegrationClient({
      region: 'us',
      finance: { app: 'books', organizationId: world.books },
      auth: providerOf(EVIL),
      transport: createFetchTransport({ fetch: world.sandbox.fetch }),
      clock: world.clock,
      retry: { random: () => 0.5 },
    });
    const before = world.sandbox.calls.total;
    const syncer = new BidirectionalSyncer({ storage: world.storage, mapper: world.mapper, fsm: zohoFsmSource(client), finance: zohoFinanceSource(client), clock: world.clock });
    const report = await syncer.run().catch((e: unknown) => e);
    const stored = await world.storage.list<unknown>('');
    const text = `${everything(report)} ${JSON.stringify(stored)}`;
    expect(text).toContain('INVALID_ACCESS_TOKEN');
    for (const part of EVIL_PARTS) expect(text, `"${part}" leaked into the report or the log`).not.toContain(part);
    expect(world.sandbox.calls.total - before, 'a request reached Zoho').toBe(0);
  });
});

describe('a lower layer’s message is scrubbed of every secret before it goes into an error', () => {
  const TOKEN = '1000.scrub-ACCESS-token.77';

  it('ky transport: a fetch error quoting the authorization header becomes a NetworkError without the token', async () => {
    const transport = createFetchTransport({
      fetch: async (input) => {
        const auth = (input as Request).headers.get('authorization') ?? '';
        throw new TypeError(`Headers.append: "${auth}" is an invalid header value (${encodeURIComponent(auth)})`);
      },
    });
    const error = await transport.send({ method: 'GET', url: 'https://www.zohoapis.in/fsm/v1/Contacts', headers: { authorization: `Zoho-oauthtoken ${TOKEN}` } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toContain('[redacted]');
    expect(everything(error)).not.toContain(TOKEN);
    expect(everything(error)).not.toContain(encodeURIComponent(TOKEN));
  });

  it('ky transport: a failure quoting the token endpoint’s form body loses the client secret and the refresh token', async () => {
    const form = new URLSearchParams({ grant_type: 'refresh_token', client_id: 'id', client_secret: 'sec+RET/x=1', refresh_token: '1000.re+fresh/tok' });
    const transport = createFetchTransport({
      fetch: async () => {
        throw new TypeError(`socket hang up while sending ${form.toString()}`);
      },
    });
    const error = await transport.send({ method: 'POST', url: 'https://accounts.zoho.in/oauth/v2/token', headers: {}, body: form }).catch((e: unknown) => e);
    const text = everything(error);
    for (const secret of ['sec+RET/x=1', '1000.re+fresh/tok', form.get('client_secret') ?? '', encodeURIComponent('sec+RET/x=1'), 'sec%2BRET%2Fx%3D1', '1000.re%2Bfresh%2Ftok']) {
      expect(text).not.toContain(secret);
    }
  });

  it('pipeline: a custom transport that throws a raw error quoting the token becomes a NetworkError without it', async () => {
    const transport: Transport = {
      send: async (request) => {
        throw new Error(`proxy refused ${request.headers['authorization'] ?? ''}`);
      },
    };
    const client = new IntegrationClient({
      region: 'in',
      auth: { accessToken: TOKEN },
      transport,
      clock: new ManualClock({ autoAdvance: true }),
      retry: { retries: 0 },
    });
    const error = await client.request({ service: 'fsm', method: 'GET', path: '/Contacts' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(everything(error)).not.toContain(TOKEN);
  });

  it('pipeline: a custom transport’s NetworkError quoting the token is rebuilt without it', async () => {
    const transport: Transport = {
      send: async (request) => {
        throw new NetworkError(`timed out: ${request.headers['authorization'] ?? ''}`, { timeout: true, details: { sent: request.headers } });
      },
    };
    const client = new IntegrationClient({ region: 'in', auth: { accessToken: TOKEN }, transport, clock: new ManualClock({ autoAdvance: true }), retry: { retries: 0 } });
    const error = await client.request({ service: 'fsm', method: 'GET', path: '/Contacts' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'NetworkError', code: 'TIMEOUT' });
    expect(everything(error)).not.toContain(TOKEN);
  });
});
