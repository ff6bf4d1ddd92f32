import { describe, expect, it } from 'vitest';
import { IntegrationClient } from '../../src/client/integration-client.js';
import { ApiError } from '../../src/errors/api-error.js';
import { ManualClock } from '../../src/manual-clock.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import { scrubSecret } from '../../src/transport/scrub-secret.js';

const TOKEN = '1000.deep-ACCESS-token.99';
const DEPTH = 200_000;

describe('the secret scrubber copes with any JSON an error reply can hold', () => {
  it('a 400 KB error body of nested arrays becomes an ApiError, not a RangeError', async () => {
    const body = `${'['.repeat(DEPTH)}"${TOKEN}"${']'.repeat(DEPTH)}`;
    const client = new IntegrationClient({
      region: 'in',
      auth: { accessToken: TOKEN },
      transport: createFetchTransport({ fetch: async () => new Response(body, { status: 400, headers: { 'content-type': 'application/json' } }) }),
      clock: new ManualClock({ autoAdvance: true }),
      retry: { retries: 0 },
    });
    const error = await client.request({ service: 'fsm', method: 'GET', path: '/Contacts' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400 });
  });

  it('redacts the secret at any depth, keeps __proto__ keys as data, and copies a cycle once', () => {
    let deep: unknown = { note: `echo ${TOKEN}` };
    for (let i = 0; i < DEPTH; i++) deep = [deep];
    let out = scrubSecret(deep, TOKEN);
    for (let i = 0; i < DEPTH; i++) out = (out as unknown[])[0];
    expect(out).toEqual({ note: 'echo [redacted]' });

    const hostile = JSON.parse(`{"__proto__": {"polluted": "${TOKEN}"}}`) as Record<string, unknown>;
    const copy = scrubSecret(hostile, TOKEN) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toEqual({ polluted: '[redacted]' });

    const cyclic: Record<string, unknown> = { token: TOKEN };
    cyclic['self'] = cyclic;
    const scrubbed = scrubSecret(cyclic, [TOKEN, 'other']) as Record<string, unknown>;
    expect(scrubbed['token']).toBe('[redacted]');
    expect(scrubbed['self']).toBe(scrubbed);
  });
});
