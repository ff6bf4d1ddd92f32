import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { createFetchTransport } from '../helpers/fetch-transport.js';
import { CREDENTIALS, autoClock, makeProvider, mintedToken, tokenEndpoint, useMsw } from './fixtures.js';

useMsw();

const HOUR = 3_600_000;
const MINUTE = 60_000;

describe('RefreshTokenProvider: refresh and cache', () => {
  it('refreshes once, then serves the cached token without another request', async () => {
    const calls = tokenEndpoint();
    const clock = autoClock();
    const provider = makeProvider({ clock });

    const first = await provider.getToken();
    const second = await provider.getToken();

    expect(first).toEqual({ token: 'access-0', expiresAt: clock.now() + HOUR });
    expect(second).toEqual(first);
    expect(calls).toHaveLength(1);
  });

  it('posts the refresh grant as a form body and keeps every secret out of the URL', async () => {
    const calls = tokenEndpoint();
    await makeProvider({ clock: autoClock() }).getToken();

    expect(calls[0]?.search).toBe('');
    expect(calls[0]?.contentType).toContain('application/x-www-form-urlencoded');
    expect(calls[0]?.form).toEqual({
      grant_type: 'refresh_token',
      client_id: CREDENTIALS.clientId,
      client_secret: CREDENTIALS.clientSecret,
      refresh_token: CREDENTIALS.refreshToken,
    });
  });

  it('works over any Transport, here a plain fetch wrapper', async () => {
    const calls = tokenEndpoint();
    const provider = makeProvider({ clock: autoClock(), transport: createFetchTransport() });
    await expect(provider.getToken()).resolves.toMatchObject({ token: 'access-0' });
    expect(calls[0]?.form['refresh_token']).toBe(CREDENTIALS.refreshToken);
  });

  it('refreshes again once the token is within the 5-minute margin of its expiry', async () => {
    const calls = tokenEndpoint();
    const clock = autoClock();
    const provider = makeProvider({ clock });
    await provider.getToken();

    await clock.advance(HOUR - 5 * MINUTE - 1);
    expect((await provider.getToken()).token).toBe('access-0');
    await clock.advance(1);
    expect((await provider.getToken()).token).toBe('access-1');
    expect(calls).toHaveLength(2);
  });

  it('honours a custom refreshMarginMs', async () => {
    const calls = tokenEndpoint();
    const clock = autoClock();
    const provider = makeProvider({ clock, refreshMarginMs: 0 });
    await provider.getToken();
    await clock.advance(HOUR - 1);
    expect((await provider.getToken()).token).toBe('access-0');
    expect(calls).toHaveLength(1);
  });

  it('uses a short-lived token for half its life instead of re-minting on every call', async () => {
    const calls = tokenEndpoint((n) => mintedToken(n, { expires_in: 60 }));
    const clock = autoClock();
    const provider = makeProvider({ clock });
    await provider.getToken();
    await provider.getToken();
    expect(calls).toHaveLength(1);
    await clock.advance(30_000);
    await provider.getToken();
    expect(calls).toHaveLength(2);
  });

  it.each([
    ['expires_in in seconds', { expires_in: 1800 }, 1800_000],
    ['expires_in_sec with expires_in in ms', { expires_in_sec: 1800, expires_in: 1_800_000 }, 1800_000],
    ['expires_in_sec alone', { expires_in: undefined, expires_in_sec: 900 }, 900_000],
    ['no lifetime at all (Zoho: up to an hour)', { expires_in: undefined }, HOUR],
  ])('reads the lifetime from %s', async (_name, extra, lifetime) => {
    tokenEndpoint((n) => mintedToken(n, extra));
    const clock = autoClock();
    const { expiresAt } = await makeProvider({ clock }).getToken();
    expect(expiresAt).toBe(clock.now() + lifetime);
  });

  it('reports new tokens to onRefresh with their expiry and source, never the token', async () => {
    tokenEndpoint();
    const clock = autoClock();
    const storage = new MemoryStorage();
    const seenA: unknown[] = [];
    const seenB: unknown[] = [];
    await makeProvider({ clock, storage, onRefresh: (info) => seenA.push(info) }).getToken();
    await makeProvider({ clock, storage, onRefresh: (info) => seenB.push(info) }).getToken();

    expect(seenA).toEqual([{ expiresAt: clock.now() + HOUR, source: 'accounts' }]);
    expect(seenB).toEqual([{ expiresAt: clock.now() + HOUR, source: 'storage' }]);
  });

  it('keeps a listener that throws from breaking getToken', async () => {
    tokenEndpoint();
    const provider = makeProvider({
      clock: autoClock(),
      onRefresh: () => {
        throw new Error('listener bug');
      },
    });
    await expect(provider.getToken()).resolves.toMatchObject({ token: 'access-0' });
  });
});

describe('RefreshTokenProvider: what it stores', () => {
  it('stores the token under a hashed key that reveals no credential', async () => {
    tokenEndpoint();
    const storage = new MemoryStorage();
    await makeProvider({ clock: autoClock(), storage }).getToken();

    const entries = await storage.list<unknown>('auth/');
    const keys = entries.map((e) => e.key);
    expect(keys).toContainEqual(expect.stringMatching(/^auth\/token\/[0-9a-f]{64}$/));
    expect(keys).toContainEqual(expect.stringMatching(/^auth\/mints\/[0-9a-f]{64}$/));
    const dump = JSON.stringify(entries);
    for (const secret of [CREDENTIALS.refreshToken, CREDENTIALS.clientSecret]) expect(dump).not.toContain(secret);
  });

  it('keeps api_domain only when it is a known Zoho origin', async () => {
    const storage = new MemoryStorage();
    tokenEndpoint((n) => mintedToken(n, { api_domain: n === 0 ? 'https://www.zohoapis.in' : 'https://evil.example' }));
    const clock = autoClock();
    const provider = makeProvider({ clock, storage });

    const first = await provider.getToken();
    const [entry] = await storage.list<Record<string, unknown>>('auth/token/');
    expect(entry?.value['apiDomain']).toBe('https://www.zohoapis.in');

    await provider.invalidate(first.token);
    await provider.getToken();
    const [next] = await storage.list<Record<string, unknown>>('auth/token/');
    expect(next?.value['token']).toBe('access-1');
    expect(next?.value).not.toHaveProperty('apiDomain');
  });

  it('keeps tokens of different refresh tokens apart', async () => {
    const calls = tokenEndpoint();
    const clock = autoClock();
    const storage = new MemoryStorage();
    await makeProvider({ clock, storage }).getToken();
    const other = await makeProvider({ clock, storage, refreshToken: '1000.another' }).getToken();
    expect(other.token).toBe('access-1');
    expect(calls).toHaveLength(2);
  });

  it('rejects an accountsServer that is not a URL', () => {
    expect(() => makeProvider({ clock: autoClock(), accountsServer: 'accounts.zoho.in' })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG' }),
    );
  });
});
