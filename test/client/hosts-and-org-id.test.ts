import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { REGIONS, REGION_HOSTS } from '../../src/regions.js';
import { ConfigError } from '../../src/errors/config-error.js';
import { books, contact, testClient, useMswServer } from '../helpers/msw-zoho.js';

const server = useMswServer();

describe('hosts per data centre', () => {
  it.each(REGIONS)('region %s calls its own Books, Invoice and FSM hosts', async (region) => {
    const seen: string[] = [];
    const hosts = REGION_HOSTS[region];
    server.use(
      http.get(`${hosts.books}/contacts/1`, ({ request }) => {
        seen.push(request.url);
        return books({ contact: contact(1) });
      }),
      http.get(`${hosts.invoice}/contacts/2`, ({ request }) => {
        seen.push(request.url);
        return books({ contact: contact(2) });
      }),
      http.get(`${hosts.fsm}/Companies/3`, ({ request }) => {
        seen.push(request.url);
        return Response.json({ data: [{ id: '3', Company_Name: 'Acme' }] });
      }),
    );
    const { client } = testClient({ region });
    await client.finance.contacts.get('1');
    await client.financeFor('invoice', '60012345').contacts.get('2');
    await client.fsm.companies.get('3');
    expect(seen.map((u) => new URL(u).origin + new URL(u).pathname)).toEqual([
      `${hosts.books}/contacts/1`,
      `${hosts.invoice}/contacts/2`,
      `${hosts.fsm}/Companies/3`,
    ]);
  });

  it('refuses an unknown region with a ConfigError listing the valid ones', () => {
    expect(() => testClient({ region: 'xx' as never })).toThrow(ConfigError);
    expect(() => testClient({ region: 'xx' as never })).toThrow(/us, eu, in, au, jp, ca, cn, sa, uk/);
  });
});

describe('organisation id', () => {
  it('Books sends organization_id as a query parameter and the token in Zoho-oauthtoken', async () => {
    let url = '';
    let auth = '';
    let header: string | null = null;
    server.use(
      http.get(`${REGION_HOSTS.in.books}/contacts/1`, ({ request }) => {
        url = request.url;
        auth = request.headers.get('authorization') ?? '';
        header = request.headers.get('x-com-zoho-invoice-organizationid');
        return books({ contact: contact(1) });
      }),
    );
    const { client } = testClient();
    await client.finance.contacts.get('1');
    expect(new URL(url).searchParams.get('organization_id')).toBe('60012345');
    expect(auth).toMatch(/^Zoho-oauthtoken \S+$/);
    expect(header).toBeNull();
  });

  it('Invoice sends the X-com-zoho-invoice-organizationid header', async () => {
    let header: string | null = null;
    server.use(
      http.get(`${REGION_HOSTS.in.invoice}/contacts/1`, ({ request }) => {
        header = request.headers.get('x-com-zoho-invoice-organizationid');
        return books({ contact: contact(1) });
      }),
    );
    const { client } = testClient({ finance: { app: 'invoice', organizationId: '777' } });
    await client.finance.contacts.get('1');
    expect(header).toBe('777');
  });

  it('a finance call without an organisation id fails before sending, saying which option to set', async () => {
    const { client } = testClient({ finance: { app: 'books' } });
    await expect(client.finance.contacts.get('1')).rejects.toThrow(/finance\.organizationId/);
  });

  it('refuses a non-numeric organisation id at construction', () => {
    expect(() => testClient({ finance: { app: 'books', organizationId: '12/../34' } })).toThrow(ConfigError);
  });

  it.each(['../1', '1/2', '1?x=2', '1#frag', '..', '', 'a b'])('refuses the id %j instead of building a path from it', async (id) => {
    const { client } = testClient();
    await expect(client.finance.contacts.get(id)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
