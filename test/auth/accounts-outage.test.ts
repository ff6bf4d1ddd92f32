import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { IntegrationClient } from '../../src/client/integration-client.js';
import { regionHosts } from '../../src/regions.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import { CREDENTIALS, ManualClock, MemoryStorage, mintedToken, server, tokenEndpoint, useMsw } from './fixtures.js';

useMsw();

const FSM = regionHosts('in').fsm;

/** A client on refresh-token auth whose accounts server answers with `reply`. */
function outage(reply: (n: number) => Response = () => new HttpResponse('<html>503</html>', { status: 503 })) {
  const calls = tokenEndpoint(reply);
  const clock = new ManualClock({ autoAdvance: true });
  const client = new IntegrationClient({
    region: 'in',
    auth: { ...CREDENTIALS },
    transport: createFetchTransport(),
    storage: new MemoryStorage(),
    clock,
    retry: { random: () => 0.5 },
  });
  const call = () => client.request({ service: 'fsm', method: 'GET', path: '/Contacts' }).catch((e: unknown) => e);
  return { calls, clock, client, call };
}

describe('an accounts-server outage is bounded: few token requests, one refresh in flight, no wait on the budget', () => {
  it.each([
    ['HTTP 503', () => new HttpResponse('<html>503</html>', { status: 503 }), { name: 'ApiError', status: 503 }],
    ['a dropped connection', () => HttpResponse.error(), { name: 'NetworkError', code: 'NETWORK_ERROR' }],
  ] as const)('%s: one call costs 3 token requests (the provider’s retries), not 21', async (_label, reply, expected) => {
    const { calls, call } = outage(reply);
    const error = await call();
    expect(error).toMatchObject(expected);
    expect(calls).toHaveLength(3);
  });

  it('10 concurrent calls share one refresh: 3 token requests in all', async () => {
    const { calls, call } = outage();
    const errors = await Promise.all(Array.from({ length: 10 }, call));
    for (const error of errors) expect(error).toMatchObject({ name: 'ApiError', status: 503 });
    expect(calls).toHaveLength(3);
  });

  it('after a failed refresh, calls fail at once without a request until the back-off has passed; then one refresh again', async () => {
    const { calls, clock, call } = outage();
    await call();
    expect(calls).toHaveLength(3);
    const started = clock.now();
    const soon = await call();
    expect(soon).toMatchObject({ name: 'ApiError', status: 503, details: { retryAt: expect.any(String) } });
    expect((soon as Error).message).toContain('No new attempt is made before');
    expect(clock.now() - started, 'the call waited').toBe(0);
    expect(calls, 'a call inside the back-off asked the accounts server').toHaveLength(3);
    await clock.advance(10_000);
    await call();
    expect(calls).toHaveLength(6);
  });

  it('a sustained outage never spends more than the mint budget (10 in any 10 minutes), and no call waits on it', async () => {
    const { calls, clock, call } = outage();
    const sentAt: number[] = [];
    let longest = 0;
    for (let i = 0; i < 240; i++) {
      const before = calls.length;
      const started = clock.now();
      await call();
      longest = Math.max(longest, clock.now() - started);
      for (let k = before; k < calls.length; k++) sentAt.push(clock.now());
      await clock.advance(5_000);
    }
    for (const at of sentAt) {
      const inWindow = sentAt.filter((t) => t > at - 600_000 && t <= at).length;
      expect(inWindow, `token requests in the 10 minutes before ${at}`).toBeLessThanOrEqual(10);
    }
    expect(longest, 'a call waited on the budget').toBeLessThan(10_000);
    expect(sentAt.length, 'no refresh was tried again after the first minutes').toBeGreaterThan(6);
  }, 30_000);

  it('once the accounts server is back after the back-off, the call succeeds and the outage is forgotten', async () => {
    let up = false;
    const { calls, clock, call } = outage((n) => (up ? mintedToken(n) : new HttpResponse('busy', { status: 502 })));
    server.use(http.get(`${FSM}/Contacts`, () => HttpResponse.json({ data: [{ id: '1' }], info: { more_records: false } })));
    await call();
    up = true;
    await clock.advance(10_000);
    await expect(call()).resolves.toMatchObject({ data: [{ id: '1' }] });
    expect(calls).toHaveLength(4);
  });
});
