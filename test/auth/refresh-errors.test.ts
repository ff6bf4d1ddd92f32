import { inspect } from 'node:util';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ApiError, AuthError, NetworkError } from '../../src/errors/index.js';
import type { Transport } from '../../src/transport/transport.js';
import { CREDENTIALS, autoClock, makeProvider, mintedToken, tokenEndpoint, useMsw } from './fixtures.js';

useMsw();

const SECRETS = [CREDENTIALS.clientSecret, CREDENTIALS.refreshToken, encodeURIComponent(CREDENTIALS.clientSecret), encodeURIComponent(CREDENTIALS.refreshToken)];

/** Every way a user might print or ship an error. */
function renderings(error: unknown): Record<string, string> {
  const asError = error as Error;
  return {
    json: JSON.stringify(error),
    string: String(error),
    stack: asError.stack ?? '',
    inspect: inspect(error, { depth: 10 }),
  };
}

function expectNoSecret(error: unknown, extra: readonly string[] = []): void {
  for (const [how, text] of Object.entries(renderings(error))) {
    for (const secret of [...SECRETS, ...extra]) expect(text, `${how} leaks a secret`).not.toContain(secret);
  }
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected getToken to reject'),
    (error: unknown) => error,
  );
}

describe('RefreshTokenProvider: refusals', () => {
  it('turns invalid_code into TOKEN_REFRESH_FAILED that holds no secret in any rendering', async () => {
    tokenEndpoint(() => HttpResponse.json({ error: 'invalid_code' }));
    const error = await failure(makeProvider({ clock: autoClock() }).getToken());

    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: 'TOKEN_REFRESH_FAILED', details: { reason: 'refresh_token', zohoError: 'invalid_code' } });
    expect((error as Error).message).toMatch(/authorise again/i);
    expectNoSecret(error);
  });

  it.each([
    ['invalid_code with HTTP 400', 400, { error: 'invalid_code' }, 'refresh_token', /data centre/],
    ['invalid_client', 200, { error: 'invalid_client' }, 'client', /client id and secret/],
    ['invalid_client_secret', 400, { error: 'invalid_client_secret' }, 'client', /enabled for this data centre/],
    ['Access Denied (too many requests)', 400, { error: 'Access Denied', error_description: 'You have made too many requests continuously.' }, 'too_many_tokens', /10 access tokens/],
    ['access_denied', 200, { error: 'access_denied' }, 'too_many_tokens', /10 minutes/],
    ['HTTP 429', 429, {}, 'too_many_tokens', /10 access tokens/],
    ['a reply without access_token', 200, { token_type: 'Bearer' }, 'no_token', /returned no access token/],
    ['an HTML page', 200, '<html>oops</html>', 'no_token', /returned no access token/],
  ])('explains %s', async (_name, status, body, reason, advice) => {
    const calls = tokenEndpoint(() =>
      typeof body === 'string' ? new HttpResponse(body, { status, headers: { 'content-type': 'text/html' } }) : HttpResponse.json(body, { status }),
    );
    const error = await failure(makeProvider({ clock: autoClock() }).getToken());

    expect(error).toMatchObject({ name: 'AuthError', code: 'TOKEN_REFRESH_FAILED', details: { reason, status } });
    expect((error as Error).message).toMatch(advice);
    expect(calls).toHaveLength(1);
  });

  it('redacts a secret the accounts server echoes back in its error', async () => {
    tokenEndpoint(() => HttpResponse.json({ error: `bad token ${CREDENTIALS.refreshToken}` }));
    const error = await failure(makeProvider({ clock: autoClock() }).getToken());
    expect((error as AuthError).details['zohoError']).toContain('[redacted]');
    expectNoSecret(error);
  });
});

describe('RefreshTokenProvider: outages', () => {
  it('retries a 500 on the clock and succeeds on the next reply', async () => {
    const calls = tokenEndpoint((n) => (n === 0 ? HttpResponse.json({}, { status: 500 }) : mintedToken(n)));
    const clock = autoClock();
    const start = clock.now();

    const token = await makeProvider({ clock }).getToken();

    expect(token.token).toBe('access-1');
    expect(calls).toHaveLength(2);
    expect(clock.now()).toBe(start + 1_000);
  });

  it('gives up after three attempts with an ApiError carrying the status', async () => {
    const calls = tokenEndpoint(() => HttpResponse.text('Service Unavailable', { status: 503 }));
    const clock = autoClock();
    const start = clock.now();

    const error = await failure(makeProvider({ clock }).getToken());

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503 });
    expect(calls).toHaveLength(3);
    expect(clock.now()).toBe(start + 3_000);
    expectNoSecret(error);
  });

  it('retries a dropped connection and succeeds', async () => {
    const calls = tokenEndpoint((n) => (n === 0 ? HttpResponse.error() : mintedToken(n)));
    await expect(makeProvider({ clock: autoClock() }).getToken()).resolves.toMatchObject({ token: 'access-1' });
    expect(calls).toHaveLength(2);
  });

  it('wraps a transport failure so neither the request nor a secret survives in the error', async () => {
    let sent = 0;
    const leakyTransport: Transport = {
      send: async (request) => {
        sent++;
        const error = new Error(`socket hang up while sending ${String(request.body)}`);
        throw Object.assign(error, { request, config: { body: request.body } });
      },
    };
    const error = await failure(makeProvider({ clock: autoClock(), transport: leakyTransport }).getToken());

    expect(sent).toBe(3);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'NETWORK_ERROR' });
    const cause = (error as Error).cause as Error;
    expect(cause).not.toHaveProperty('request');
    expect(cause).not.toHaveProperty('config');
    expect(cause.cause).toBeUndefined();
    expectNoSecret(error);
  });
});
