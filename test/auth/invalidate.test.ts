import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { autoClock, makeProvider, tokenEndpoint, useMsw } from './fixtures.js';

useMsw();

describe('RefreshTokenProvider.invalidate', () => {
  it('makes the next getToken mint a new token instead of returning the refused one', async () => {
    const calls = tokenEndpoint();
    const provider = makeProvider({ clock: autoClock() });
    const refused = await provider.getToken();

    await provider.invalidate(refused.token);

    expect((await provider.getToken()).token).toBe('access-1');
    expect(calls).toHaveLength(2);
  });

  it('keeps the newer token when a stale 401 invalidates an older one', async () => {
    const calls = tokenEndpoint();
    const clock = autoClock();
    const storage = new MemoryStorage();
    const a = makeProvider({ clock, storage });
    const b = makeProvider({ clock, storage });
    const old = await a.getToken();
    await b.getToken();

    await a.invalidate(old.token);
    const newer = await a.getToken();
    await b.invalidate(old.token); // b's late 401 for the token a already replaced

    expect(newer.token).toBe('access-1');
    expect((await b.getToken()).token).toBe('access-1');
    expect((await a.getToken()).token).toBe('access-1');
    expect(calls).toHaveLength(2);
  });

  it('ignores a token it never issued', async () => {
    const calls = tokenEndpoint();
    const provider = makeProvider({ clock: autoClock() });
    await provider.getToken();
    await provider.invalidate('some-other-token');
    expect((await provider.getToken()).token).toBe('access-0');
    expect(calls).toHaveLength(1);
  });
});
