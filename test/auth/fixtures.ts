import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { RefreshTokenProvider, type RefreshTokenProviderOptions } from '../../src/auth/index.js';
import { ManualClock } from '../../src/manual-clock.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';

export const ACCOUNTS = 'https://accounts.zoho.in';
export const TOKEN_URL = `${ACCOUNTS}/oauth/v2/token`;

/** Distinctive values, so a leak is easy to spot in any rendering of an error. */
export const CREDENTIALS = {
  clientId: '1000.CLIENTID0001',
  clientSecret: 'sec+CLIENT/SECRET=4f9a',
  refreshToken: '1000.refresh+TOKEN/77b2.e1',
} as const;

/** One request the fake token endpoint received. */
export interface TokenCall {
  search: string;
  contentType: string | null;
  form: Record<string, string>;
}

/** What the fake endpoint answers to the n-th call (0-based); default: a fresh token `access-<n>`. */
export type TokenReplyFn = (n: number) => Response | Promise<Response>;

export const mintedToken = (n: number, extra: Record<string, unknown> = {}): Response =>
  HttpResponse.json({ access_token: `access-${n}`, api_domain: 'https://www.zohoapis.in', token_type: 'Bearer', expires_in: 3600, ...extra });

export const server = setupServer();

/** Starts msw for the calling test file; every request must be handled. */
export function useMsw(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}

/** Installs a token endpoint and returns the log of calls it receives. */
export function tokenEndpoint(reply: TokenReplyFn = mintedToken): TokenCall[] {
  const calls: TokenCall[] = [];
  server.use(
    http.post(TOKEN_URL, async ({ request }) => {
      const n = calls.length;
      calls.push({
        search: new URL(request.url).search,
        contentType: request.headers.get('content-type'),
        form: Object.fromEntries(new URLSearchParams(await request.text())),
      });
      return reply(n);
    }),
  );
  return calls;
}

/** A provider on the test's clock and storage, with the real transport. */
export function makeProvider(
  overrides: Partial<RefreshTokenProviderOptions> & { clock: ManualClock; storage?: RefreshTokenProviderOptions['storage'] },
): RefreshTokenProvider {
  return new RefreshTokenProvider({
    ...CREDENTIALS,
    accountsServer: ACCOUNTS,
    transport: createFetchTransport(),
    storage: new MemoryStorage(),
    ...overrides,
  });
}

/** A clock that jumps ahead whenever everything waits on it. */
export const autoClock = (): ManualClock => new ManualClock({ autoAdvance: true });

export { MemoryStorage, ManualClock };
