// A reply that quotes the access token back must not carry it into the error the SDK throws.
import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { REGION_HOSTS } from '../../src/regions.js';
import { TEST_TOKEN, testClient, useMswServer } from '../helpers/msw-zoho.js';

const server = useMswServer();
const BOOKS = REGION_HOSTS.in.books;
const dump = (e: unknown) => [inspect(e, { depth: Infinity }), JSON.stringify(e), String(e)].join('\n');

describe('replies that echo the access token do not carry it into errors', () => {
  it('a proxy 502 page echoing the request headers', async () => {
    server.use(http.post(`${BOOKS}/contacts`, ({ request }) => new HttpResponse(`<html><pre>Authorization: ${request.headers.get('authorization')}</pre></html>`, { status: 502, headers: { 'content-type': 'text/html' } })));
    const { client } = testClient({ retry: { retries: 0 } });
    const error = await client.finance.contacts.create({ contact_name: 'x' }).catch((e: unknown) => e);
    expect(dump(error)).not.toContain(TEST_TOKEN);
  });
  it('a Zoho error message quoting the token', async () => {
    server.use(http.get(`${BOOKS}/contacts/1`, ({ request }) => HttpResponse.json({ code: 14, message: `Invalid value passed for authtoken ${request.headers.get('authorization')}` }, { status: 400 })));
    const { client } = testClient({ retry: { retries: 0 } });
    const error = await client.finance.contacts.get('1').catch((e: unknown) => e);
    expect(dump(error)).not.toContain(TEST_TOKEN);
  });
});
