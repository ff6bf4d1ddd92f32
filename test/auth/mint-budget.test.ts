import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { RefreshTokenProvider } from '../../src/auth/index.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { autoClock, makeProvider, mintedToken, tokenEndpoint, useMsw } from './fixtures.js';

useMsw();

const WINDOW = 10 * 60_000;

/** Forces a fresh mint: what the client does after a 401. */
async function mintAgain(provider: RefreshTokenProvider): Promise<string> {
  const { token } = await provider.getToken();
  await provider.invalidate(token);
  return token;
}

describe('RefreshTokenProvider: 10 tokens per 10 minutes', () => {
  it('makes the 11th refresh inside 10 minutes wait until the oldest mint leaves the window', async () => {
    const calls = tokenEndpoint();
    const clock = autoClock();
    const start = clock.now();
    const throttled: unknown[] = [];
    const provider = makeProvider({ clock, onThrottled: (info) => throttled.push(info) });

    for (let i = 0; i < 10; i++) await mintAgain(provider);
    expect(calls).toHaveLength(10);
    expect(clock.now()).toBe(start);

    const eleventh = await provider.getToken();

    expect(eleventh.token).toBe('access-10');
    expect(calls).toHaveLength(11);
    expect(clock.now()).toBe(start + WINDOW);
    expect(throttled).toEqual([{ waitMs: WINDOW }]);
  });

  it('shares the budget between processes holding the same refresh token', async () => {
    const calls = tokenEndpoint();
    const clock = autoClock();
    const start = clock.now();
    const storage = new MemoryStorage();
    const a = makeProvider({ clock, storage });
    const b = makeProvider({ clock, storage });

    for (let i = 0; i < 5; i++) {
      await mintAgain(a);
      await mintAgain(b);
    }
    await b.getToken();

    expect(calls).toHaveLength(11);
    expect(clock.now()).toBe(start + WINDOW);
  });

  it('counts an attempt whose reply was lost as a mint', async () => {
    const calls = tokenEndpoint((n) => (n < 2 ? HttpResponse.error() : mintedToken(n)));
    const clock = autoClock();
    const start = clock.now();
    const provider = makeProvider({ clock });

    await mintAgain(provider); // two lost replies, then a token: three mints
    const retriesDoneAt = clock.now();
    for (let i = 0; i < 7; i++) await mintAgain(provider);
    expect(calls).toHaveLength(10);
    expect(clock.now()).toBe(retriesDoneAt);

    await provider.getToken();
    expect(calls).toHaveLength(11);
    expect(clock.now()).toBe(start + WINDOW);
  });

  it('rejects with the abort reason while throttled, without sending a request', async () => {
    const calls = tokenEndpoint();
    const clock = autoClock();
    const controller = new AbortController();
    const reason = new Error('shutting down');
    const provider = makeProvider({ clock, onThrottled: () => controller.abort(reason) });
    for (let i = 0; i < 10; i++) await mintAgain(provider);

    await expect(provider.getToken({ signal: controller.signal })).rejects.toBe(reason);
    expect(calls).toHaveLength(10);
    expect(clock.pendingTimers).toBe(0);
  });
});
