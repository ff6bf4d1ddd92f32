import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  RefreshTokenProvider,
  StaticTokenProvider,
  resolveTokenProvider,
  type ResolveAuthDeps,
  type TokenProvider,
} from '../../src/auth/index.js';
import { ConfigError } from '../../src/errors/index.js';
import { ManualClock } from '../../src/manual-clock.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import { CREDENTIALS, mintedToken, tokenEndpoint, useMsw } from './fixtures.js';

useMsw();

const deps = (): ResolveAuthDeps => ({
  region: 'in',
  transport: createFetchTransport(),
  storage: new MemoryStorage(),
  clock: new ManualClock({ autoAdvance: true }),
});

describe('resolveTokenProvider', () => {
  it('turns { accessToken } into a StaticTokenProvider', async () => {
    const provider = resolveTokenProvider({ accessToken: '1000.abc' }, deps());
    expect(provider).toBeInstanceOf(StaticTokenProvider);
    await expect(provider.getToken()).resolves.toEqual({ token: '1000.abc' });
  });

  it('treats fields set to undefined as absent', () => {
    const auth = { accessToken: '1000.abc', clientId: undefined, refreshToken: undefined };
    expect(resolveTokenProvider(auth, deps())).toBeInstanceOf(StaticTokenProvider);
  });

  it("turns refresh credentials into a RefreshTokenProvider on the region's accounts server", async () => {
    const calls = tokenEndpoint(mintedToken); // listens on https://accounts.zoho.in only
    const provider = resolveTokenProvider({ ...CREDENTIALS }, deps());
    expect(provider).toBeInstanceOf(RefreshTokenProvider);
    await expect(provider.getToken()).resolves.toMatchObject({ token: 'access-0' });
    expect(calls).toHaveLength(1);
  });

  it('uses an object with getToken and invalidate as is', () => {
    const own: TokenProvider = { getToken: async () => ({ token: 'mine' }), invalidate: () => undefined };
    expect(resolveTokenProvider(own, deps())).toBe(own);
  });

  const SECRET = 'sec-DO-NOT-PRINT';
  it.each([
    ['undefined', undefined],
    ['a string', SECRET],
    ['an empty object', {}],
    ['an empty accessToken', { accessToken: '' }],
    ['refresh fields missing the secret', { clientId: 'id', refreshToken: SECRET }],
    ['a refresh token that is not a string', { clientId: 'id', clientSecret: SECRET, refreshToken: 42 }],
    ['accessToken mixed with refresh fields', { accessToken: SECRET, clientId: 'id', clientSecret: SECRET, refreshToken: SECRET }],
    ['getToken without invalidate', { getToken: () => Promise.resolve({ token: SECRET }) }],
    ['a token under an unknown name', { token: SECRET }],
  ])('refuses %s with a ConfigError naming the three shapes and no value', (_name, auth) => {
    let error: unknown;
    try {
      resolveTokenProvider(auth, deps());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('{ clientId, clientSecret, refreshToken }');
    expect(message).toContain('{ accessToken }');
    expect(message).toContain('TokenProvider');
    for (const text of [message, JSON.stringify(error), inspect(error, { depth: 10 })]) expect(text).not.toContain(SECRET);
  });

  it('names the missing refresh fields', () => {
    expect(() => resolveTokenProvider({ clientId: 'id', refreshToken: 'r' }, deps())).toThrow(/clientSecret/);
  });

  it('refuses an unknown region with a ConfigError', () => {
    expect(() => resolveTokenProvider({ ...CREDENTIALS }, { ...deps(), region: 'xx' as ResolveAuthDeps['region'] })).toThrow(ConfigError);
  });
});
