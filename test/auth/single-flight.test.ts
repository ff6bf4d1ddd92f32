import { describe, expect, it } from 'vitest';
import type { Storage } from '../../src/storage/storage.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { autoClock, makeProvider, tokenEndpoint, useMsw } from './fixtures.js';

useMsw();

describe('RefreshTokenProvider: single-flight', () => {
  it('sends exactly one refresh request for 100 concurrent getToken calls', async () => {
    const calls = tokenEndpoint();
    const provider = makeProvider({ clock: autoClock() });

    const tokens = await Promise.all(Array.from({ length: 100 }, () => provider.getToken()));

    expect(calls).toHaveLength(1);
    expect(new Set(tokens.map((t) => t.token))).toEqual(new Set(['access-0']));
  });

  it('sends one request for two providers (two processes) sharing one Storage', async () => {
    const calls = tokenEndpoint();
    const clock = autoClock();
    const storage = new MemoryStorage();
    const a = makeProvider({ clock, storage });
    const b = makeProvider({ clock, storage });

    const [ta, tb] = await Promise.all([a.getToken(), b.getToken()]);

    expect(calls).toHaveLength(1);
    expect(ta.token).toBe('access-0');
    expect(tb.token).toBe('access-0');
  });

  it('lets a caller abort its own wait without failing the others', async () => {
    const calls = tokenEndpoint();
    const provider = makeProvider({ clock: autoClock() });
    const controller = new AbortController();
    const reason = new Error('caller gave up');

    const leaving = provider.getToken({ signal: controller.signal });
    const staying = provider.getToken();
    controller.abort(reason);

    await expect(leaving).rejects.toBe(reason);
    await expect(staying).resolves.toMatchObject({ token: 'access-0' });
    expect(calls).toHaveLength(1);
  });

  it('rejects at once with the reason when the signal is already aborted', async () => {
    const calls = tokenEndpoint();
    const reason = new Error('already aborted');
    await expect(makeProvider({ clock: autoClock() }).getToken({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(calls).toHaveLength(0);
  });

  it('takes over the lease of a holder that crashed once the lease expires (30 s)', async () => {
    const calls = tokenEndpoint();
    const clock = autoClock();
    const shared = new MemoryStorage();
    const crashed = makeProvider({ clock, storage: leasesNeverReleased(shared) });
    const survivor = makeProvider({ clock, storage: shared });

    const first = await crashed.getToken();
    const leaseTakenAt = clock.now();
    await crashed.invalidate(first.token);
    const next = await survivor.getToken();

    expect(next.token).toBe('access-1');
    expect(calls).toHaveLength(2);
    expect(clock.now()).toBeGreaterThanOrEqual(leaseTakenAt + 30_000);
    expect(clock.now()).toBeLessThan(leaseTakenAt + 31_000);
  });
});

/** A Storage view whose lease releases never land, as if the process died holding the lease. */
function leasesNeverReleased(inner: Storage): Storage {
  return {
    get: (key) => inner.get(key),
    getMany: (keys) => inner.getMany(keys),
    list: (prefix, options) => inner.list(prefix, options),
    batch: (ops) => inner.batch(ops),
    compareAndSet: async (key, expected, next) =>
      key.startsWith('auth/lease/') && next === undefined ? true : inner.compareAndSet(key, expected, next),
  };
}
