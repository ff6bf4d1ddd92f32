import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors/api-error.js';
import { NotFoundError } from '../../src/errors/not-found-error.js';
import { RateLimitError } from '../../src/errors/rate-limit-error.js';
import { UnknownEndpointError } from '../../src/errors/unknown-endpoint-error.js';
import { REGION_HOSTS } from '../../src/regions.js';
import { books, booksError, contact, testClient, useMswServer } from '../helpers/msw-zoho.js';

const server = useMswServer();
const BOOKS = REGION_HOSTS.in.books;

// Zoho's messages for error codes 44, 45 and 1070, verbatim.
const MSG_44 =
  'For security reasons your organization has been blocked as it have exceeded the maximum number of requests per minute that can originate from an organization.';
const MSG_45 = 'The API call for this organization has exceeded the maximum call rate limit of 1000.';
const MSG_1070 = 'You have reached the maximum number of in process requests allowed. Kindly try again after some time.';

/** Answers the given replies in order, then the last one forever; counts calls. */
function sequence(method: 'get' | 'post', url: string, replies: Array<() => Response>) {
  const state = { calls: 0 };
  server.use(
    http[method](url, () => {
      const reply = replies[Math.min(state.calls, replies.length - 1)];
      state.calls++;
      return reply ? reply() : HttpResponse.error();
    }),
  );
  return state;
}

describe('error envelopes', () => {
  it('turns a non-zero code into an ApiError with Zoho code and message', async () => {
    sequence('post', `${BOOKS}/contacts`, [() => booksError(400, 3062, 'The contact already exists.Please specify a different name')]);
    const { client } = testClient();
    const error = await client.finance.contacts.create({ contact_name: 'Acme' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, zohoCode: 3062, zohoMessage: 'The contact already exists.Please specify a different name' });
  });

  it('turns code 1002 into a NotFoundError', async () => {
    sequence('get', `${BOOKS}/contacts/9`, [() => booksError(404, 1002, 'Contact does not exist')]);
    const { client } = testClient();
    await expect(client.finance.contacts.get('9')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('words a missing record as one: NotFoundError "does not exist", the record may have been deleted', async () => {
    sequence('get', `${BOOKS}/contacts/9`, [() => booksError(404, 1002, 'Contact does not exist.')]);
    const { client } = testClient();
    const error = await client.finance.contacts.get('9').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NOT_FOUND', zohoCode: 1002 });
    expect((error as Error).message).toMatch(/does not exist.*deleted in Zoho/);
  });

  it.each([
    ['no code, as Zoho documents HTTP 404 "URL Not Found"', { message: 'URL Not Found' }],
    ['code 5, as Zoho is reported to answer', { code: 5, message: 'Invalid URL Passed' }],
  ])('tells an unknown URL (%s) from a missing record: UnknownEndpointError, never NotFoundError', async (_, body) => {
    sequence('get', `${BOOKS}/contacts/9`, [() => HttpResponse.json(body, { status: 404 })]);
    const { client } = testClient();
    const error = await client.finance.contacts.get('9').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownEndpointError);
    expect(error).not.toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: 'UNKNOWN_ENDPOINT', status: 404, zohoMessage: body.message });
    expect((error as Error).message).toMatch(/not an endpoint.*No record was read or changed/);
    expect((error as Error).message).not.toMatch(/deleted/);
  });

  it('turns an HTML error page from a proxy into an ApiError naming the status', async () => {
    sequence('post', `${BOOKS}/contacts`, [() => new HttpResponse('<html><body>Bad gateway</body></html>', { status: 502, headers: { 'content-type': 'text/html' } })]);
    const { client } = testClient();
    const error = await client.finance.contacts.create({ contact_name: 'Acme' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(502);
    expect((error as ApiError).message).toMatch(/HTTP 502/);
  });

  it('turns a truncated JSON body into an ApiError (after retrying a GET)', async () => {
    const calls = sequence('get', `${BOOKS}/contacts/1`, [() => new HttpResponse('{"code":0,"message":"success","contact":{"contact_id":"1"', { headers: { 'content-type': 'application/json' } })]);
    const { client } = testClient({ retry: { retries: 2, random: () => 0.5 } });
    const error = await client.finance.contacts.get('1').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'MALFORMED_RESPONSE' });
    expect(calls.calls).toBe(3);
  });
});

describe('rate limits and retries', () => {
  it('code 44 waits (Retry-After when given) and then succeeds', async () => {
    const calls = sequence('get', `${BOOKS}/contacts/1`, [() => booksError(429, 44, MSG_44, { 'retry-after': '30' }), () => books({ contact: contact(1) })]);
    const { client, clock } = testClient();
    const retries: number[] = [];
    client.on('retry', (e) => retries.push(e.delayMs));
    const before = clock.now();
    const result = await client.finance.contacts.get('1');
    expect(result.contact_id).toBe('1');
    expect(calls.calls).toBe(2);
    expect(retries).toHaveLength(1);
    expect(clock.now() - before).toBeGreaterThanOrEqual(30_000);
  });

  it('code 45 fails at once with RateLimitError kind day, and later calls fail without a request', async () => {
    const calls = sequence('get', `${BOOKS}/contacts/1`, [() => booksError(429, 45, MSG_45)]);
    const { client } = testClient();
    const error = await client.finance.contacts.get('1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ kind: 'day', zohoCode: 45 });
    expect(calls.calls).toBe(1);
    await expect(client.finance.contacts.get('1')).rejects.toMatchObject({ kind: 'day' });
    expect(calls.calls).toBe(1);
  });

  it('code 1070 backs off and then succeeds', async () => {
    const calls = sequence('get', `${BOOKS}/contacts/1`, [() => booksError(429, 1070, MSG_1070), () => booksError(429, 1070, MSG_1070), () => books({ contact: contact(1) })]);
    const { client } = testClient();
    const delays: number[] = [];
    client.on('retry', (e) => delays.push(e.delayMs));
    await client.finance.contacts.get('1');
    expect(calls.calls).toBe(3);
    expect(delays).toHaveLength(2);
    expect(delays[1]).toBeGreaterThan(delays[0] ?? Infinity);
  });

  it('gives up on 429 after the retry budget with a RateLimitError', async () => {
    const calls = sequence('get', `${BOOKS}/contacts/1`, [() => booksError(429, 1070, MSG_1070)]);
    const { client } = testClient({ retry: { retries: 3, random: () => 0.5 } });
    await expect(client.finance.contacts.get('1')).rejects.toMatchObject({ kind: 'concurrency' });
    expect(calls.calls).toBe(4);
  });

  it('500 then 200 succeeds', async () => {
    const calls = sequence('get', `${BOOKS}/contacts/1`, [() => booksError(500, 1000, 'Internal error'), () => books({ contact: contact(1) })]);
    const { client } = testClient();
    await expect(client.finance.contacts.get('1')).resolves.toMatchObject({ contact_id: '1' });
    expect(calls.calls).toBe(2);
  });

  it('retries a GET after a dropped connection', async () => {
    const calls = sequence('get', `${BOOKS}/contacts/1`, [() => HttpResponse.error(), () => books({ contact: contact(1) })]);
    const { client } = testClient();
    await expect(client.finance.contacts.get('1')).resolves.toMatchObject({ contact_id: '1' });
    expect(calls.calls).toBe(2);
  });

  it('does not retry a POST blindly after a dropped connection or a 500', async () => {
    const dropped = sequence('post', `${BOOKS}/contacts`, [() => HttpResponse.error(), () => books({ contact: contact(1) })]);
    const { client } = testClient();
    await expect(client.finance.contacts.create({ contact_name: 'Acme' })).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect(dropped.calls).toBe(1);

    const failed = sequence('post', `${BOOKS}/items`, [() => booksError(500, 1000, 'Internal error'), () => books({ item: { item_id: '5', name: 'x' } })]);
    await expect(client.finance.items.create({ name: 'x', rate: 1 })).rejects.toMatchObject({ status: 500 });
    expect(failed.calls).toBe(1);
  });

  it('retries a POST that the caller marks safe, and any POST refused by a 429', async () => {
    const marked = sequence('post', `${BOOKS}/contacts`, [() => HttpResponse.error(), () => books({ contact: contact(1) }, { status: 201 })]);
    const { client } = testClient();
    await expect(client.finance.contacts.create({ contact_name: 'Acme' }, { retrySafe: true })).resolves.toMatchObject({ contact_id: '1' });
    expect(marked.calls).toBe(2);

    const limited = sequence('post', `${BOOKS}/items`, [() => booksError(429, 44, MSG_44), () => books({ item: { item_id: '5', name: 'x' } }, { status: 201 })]);
    await expect(client.finance.items.create({ name: 'x', rate: 1 })).resolves.toMatchObject({ item_id: '5' });
    expect(limited.calls).toBe(2);
  });

  it('a DELETE whose reply was lost and whose replay finds nothing counts as done', async () => {
    let deletes = 0;
    server.use(
      http.delete(`${BOOKS}/contacts/7`, () => {
        deletes++;
        return deletes === 1 ? HttpResponse.error() : booksError(404, 1002, 'Contact does not exist');
      }),
    );
    const { client } = testClient();
    await expect(client.finance.contacts.delete('7')).resolves.toBeUndefined();
    expect(deletes).toBe(2);
  });
});
