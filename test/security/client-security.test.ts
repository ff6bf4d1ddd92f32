import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { REGION_HOSTS } from '../../src/regions.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
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
    const storage = new MemoryStorage();
    const { client } = testClient({ auth: { clientId: 'id', clientSecret: 'secret', refreshToken: '1000.r' }, storage });
    await client.finance.contacts.get('1');
    expect(hosts).toEqual(['www.zohoapis.in']);
    // Nor is it kept: the shared token cache holds only known Zoho origins.
    expect(JSON.stringify(await storage.list('auth/'))).not.toContain('evil.example');
  });

  it('never follows an api_domain naming another data centre’s Zoho host either', async () => {
    const hosts: string[] = [];
    server.use(
      http.post(`${REGION_HOSTS.in.accounts}/oauth/v2/token`, () =>
        HttpResponse.json({ access_token: '1000.a', api_domain: 'https://www.zohoapis.com', token_type: 'Bearer', expires_in: 3600 }),
      ),
      http.get(`${BOOKS}/contacts`, ({ request }) => {
        hosts.push(new URL(request.url).host);
        return HttpResponse.json({ code: 0, message: 'success', contacts: [], page_context: { page: 1, per_page: 200, has_more_page: false } });
      }),
      http.get(`${REGION_HOSTS.in.fsm}/Companies`, ({ request }) => {
        hosts.push(new URL(request.url).host);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { client } = testClient({ auth: { clientId: 'id', clientSecret: 'secret', refreshToken: '1000.r' } });
    await client.finance.contacts.list().toArray();
    await client.fsm.companies.list().toArray();
    expect(hosts).toEqual(['www.zohoapis.in', 'fsm.zoho.in']);
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

  it('__proto__ keys in every record of a Books list page and an FSM list page stay data', async () => {
    const hostile = (id: number) => `{"contact_id":"${id}","contact_name":"C${id}","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}`;
    server.use(
      http.get(`${BOOKS}/contacts`, () =>
        new HttpResponse(`{"code":0,"message":"success","contacts":[${hostile(1)},${hostile(2)}],"page_context":{"page":1,"per_page":200,"has_more_page":false,"__proto__":{"has_more_page":true}}}`, {
          headers: { 'content-type': 'application/json' },
        }),
      ),
      http.get(`${REGION_HOSTS.in.fsm}/Companies`, () =>
        new HttpResponse('{"data":[{"id":"7","Company_Name":"Acme","__proto__":{"polluted":true}}],"info":{"more_records":false,"__proto__":{"more_records":true}}}', {
          headers: { 'content-type': 'application/json' },
        }),
      ),
    );
    const { client } = testClient();
    const contacts = await client.finance.contacts.list().toArray();
    const companies = await client.fsm.companies.list().toArray();
    expect(contacts.map((c) => c.contact_id)).toEqual(['1', '2']);
    expect(companies.map((c) => c.id)).toEqual(['7']);
    for (const record of [...contacts, ...companies]) {
      expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
      expect((record as Record<string, unknown>).polluted).toBeUndefined();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).has_more_page).toBeUndefined();
  });
});
