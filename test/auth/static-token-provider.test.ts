import { describe, expect, it } from 'vitest';
import { StaticTokenProvider } from '../../src/auth/index.js';
import { AuthError } from '../../src/errors/index.js';

describe('StaticTokenProvider', () => {
  it('returns the same token on every call, with no expiry', async () => {
    const provider = new StaticTokenProvider({ accessToken: '1000.static' });
    await expect(provider.getToken()).resolves.toEqual({ token: '1000.static' });
    await expect(provider.getToken()).resolves.toEqual({ token: '1000.static' });
  });

  it('fails with AUTH_FAILED once Zoho has refused the token, without echoing it', async () => {
    const provider = new StaticTokenProvider({ accessToken: '1000.static' });
    provider.invalidate('1000.static');

    const error = await provider.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: 'AUTH_FAILED' });
    expect((error as Error).message).toBe('the access token was refused; pass a fresh one or use refresh-token auth');
    expect(JSON.stringify(error)).not.toContain('1000.static');
  });

  it('ignores the refusal of another token', async () => {
    const provider = new StaticTokenProvider({ accessToken: '1000.static' });
    provider.invalidate('1000.other');
    await expect(provider.getToken()).resolves.toEqual({ token: '1000.static' });
  });

  it('rejects with the reason of an aborted signal', async () => {
    const reason = new Error('stop');
    await expect(new StaticTokenProvider({ accessToken: 't' }).getToken({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });
});
