import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { REGION_HOSTS } from '../../src/regions.js';
import { testClient, useMswServer } from '../helpers/msw-zoho.js';

// onUnhandledRequest: 'error' makes any call to a host not handled here fail the test.
const server = useMswServer();
const BOOKS = REGION_HOSTS.in.books;

describe('hostile replies', () => {
  it('never follows an api_domain from the token reply that is not the region host', async () => {
    const hosts: string[] = [];
    server.use(
      http.post(`${REGION_HOSTS.in.accounts}/oauth/v2/token`, () =>
        HttpResponse.json({ access_token: '1000.a', api_domain: 'https://evil.example', token_type: 'Bearer', expires_in: 3600 }),
      ),
      http.get(`${BOOKS}/contacts/1`, ({ request }) => {
        hosts.push(new URL(request.url).host);
        return HttpResponse.json({ code: 0, message: 'success', contact: { contact_id: '1', contact_name: 'A' } });
      }),
    );
    const { client } = testClient({ auth: { clientId: 'id', clientSecret: 'secret', refreshToken: '1000.r' } });
    await client.finance.contacts.get('1');
    expect(hosts).toEqual(['www.zohoapis.in']);
  });

  it('__proto__ and constructor keys in a reply pollute neither the record nor Object.prototype', async () => {
    server.use(
      http.get(`${BOOKS}/contacts/1`, () =>
        new HttpResponse(
          '{"code":0,"message":"success","contact":{"contact_id":"1","contact_name":"A","__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":true}},"billing_address":{"__proto__":{"isAdmin":true}}}}',
          { headers: { 'content-type': 'application/json' } },
        ),
      ),
    );
    const { client } = testClient();
    const contact = (await client.finance.contacts.get('1')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(contact)).toBe(Object.prototype);
    expect(contact.isAdmin).toBeUndefined();
    expect((contact.billing_address as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
