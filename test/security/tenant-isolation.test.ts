import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { IntegrationClient } from '../../src/client/integration-client.js';
import { ValidationError } from '../../src/errors/validation-error.js';
import { REGION_HOSTS } from '../../src/regions.js';
import { books, contact, testClient, useMswServer } from '../helpers/msw-zoho.js';
import { rejection } from '../helpers/rejection.js';

// The configured organisation of testClient() is 60012345; 999 is someone else's.
const server = useMswServer();
const BOOKS = REGION_HOSTS.in.books;
const INVOICE = REGION_HOSTS.in.invoice;
const FSM = REGION_HOSTS.in.fsm;

/** Every request any Zoho API host receives (the plan read of GET /organizations/{id} aside). */
function recordCalls(): string[] {
  const calls: string[] = [];
  const record = ({ request }: { request: Request }) => {
    calls.push(`${request.method} ${request.url}`);
    const path = new URL(request.url).pathname;
    if (path.includes('/fsm/')) return HttpResponse.json({ data: [{ id: '1' }], info: { more_records: false } });
    return books({ contacts: [contact(1)], page_context: { page: 1, per_page: 200, has_more_page: false } });
  };
  server.use(
    http.all(new RegExp(`^(${[BOOKS, INVOICE].map((h) => h.replace(/\./g, '\\.')).join('|')})/(?!organizations/)`), record),
    http.all(new RegExp(`^${FSM.replace(/\./g, '\\.')}/`), record),
  );
  return calls;
}

function expectRefused(error: unknown, pattern: RegExp): void {
  expect(error, 'the call should be refused with a ValidationError').toBeInstanceOf(ValidationError);
  expect((error as ValidationError).code).toBe('INVALID_INPUT');
  expect((error as ValidationError).message).toMatch(pattern);
  expect((error as ValidationError).message).toMatch(/Nothing was sent to Zoho\./);
}

const hostile = { organizationId: '999' } as never;

// Every list of the client, called with a caller-supplied organisation.
const lists: Array<[string, (client: IntegrationClient) => Promise<unknown>]> = [
  ['contacts.listPage', (c) => c.finance.contacts.listPage(1, hostile)],
  ['contacts.list', async (c) => c.finance.contacts.list(hostile).toArray()],
  ['contacts.list (organization_id)', async (c) => c.finance.contacts.list({ organization_id: '999' } as never).toArray()],
  ['items.list', async (c) => c.finance.items.list(hostile).toArray()],
  ['invoices.listPage', (c) => c.finance.invoices.listPage(1, hostile)],
  ['customerPayments.list', async (c) => c.finance.customerPayments.list(hostile).toArray()],
  ['estimates.list', async (c) => c.finance.estimates.list(hostile).toArray()],
  ['salesOrders.listPage', (c) => c.finance.salesOrders.listPage(1, hostile)],
  ['chartOfAccounts.list', async (c) => c.finance.chartOfAccounts.list(hostile).toArray()],
  ['taxes.list', async (c) => c.finance.taxes.list(hostile).toArray()],
  ['taxGroups.list', async (c) => c.finance.taxGroups.list(hostile).toArray()],
  ['taxAuthorities.list', async (c) => c.finance.taxAuthorities.list(hostile).toArray()],
  ['taxExemptions.list', async (c) => c.finance.taxExemptions.list(hostile).toArray()],
  ['contactPersons.list', async (c) => c.finance.contactPersons.list('1', hostile).toArray()],
  ['financeFor(invoice).contacts.list', async (c) => c.financeFor('invoice', '60012345').contacts.list(hostile).toArray()],
  ['fsm.companies.list', async (c) => c.fsm.companies.list(hostile).toArray()],
  ['fsm.contacts.search', async (c) => c.fsm.contacts.search('Email', 'a@b.test', hostile).toArray()],
];

describe('tenant isolation: the organisation is the client’s alone', () => {
  it.each(lists)('%s with a caller-supplied organisation is refused, and nothing is sent', async (_name, call) => {
    const calls = recordCalls();
    const { client } = testClient();
    const error = await rejection(call(client));
    expectRefused(error, /does not accept "organization(Id|_id)"\. Accepted: .*perPage, signal, maxPages\./);
    expect((error as ValidationError).message).toMatch(/client\.financeFor\(app, organizationId\)/);
    expect(calls).toEqual([]);
    expect(client.limiter.usage('finance:999').lastMinute).toBe(0);
  });

  it('an unknown list parameter is refused with the names the list accepts', async () => {
    const calls = recordCalls();
    const { client } = testClient();
    expect(() => client.finance.items.list({ sortOrder: 'D', colour: 'red' } as never)).toThrow(
      'GET /items does not accept "sortOrder", "colour". Accepted: filterBy, sortColumn, searchText, name, description, perPage, signal, maxPages. Nothing was sent to Zoho.',
    );
    const error = await rejection(client.finance.contacts.listPage(1, { page: 3 } as never));
    expectRefused(error, /GET \/contacts does not accept "page"\. Accepted: contactType, filterBy, sortColumn, sortOrder, searchText, contactName, companyName, email, phone, perPage, signal, maxPages\./);
    expect((error as ValidationError).issues).toEqual([{ path: ['page'], message: 'not a parameter of GET /contacts', code: 'unknown_list_param' }]);
    expect(calls).toEqual([]);
  });

  it.each([
    ['books query organization_id', { service: 'books', method: 'GET', path: '/contacts', organizationId: '60012345', query: { organization_id: '999' } }],
    ['books query Organization_ID', { service: 'books', method: 'GET', path: '/contacts', organizationId: '60012345', query: { Organization_ID: '999' } }],
    ['books path ?organization_id=', { service: 'books', method: 'GET', path: '/contacts?organization_id=999', organizationId: '60012345' }],
    ['books write', { service: 'books', method: 'POST', path: '/contacts', organizationId: '60012345', query: { organization_id: '999' }, body: { contact_name: 'X' } }],
    ['invoice query organization_id', { service: 'invoice', method: 'GET', path: '/contacts', organizationId: '60012345', query: { organization_id: '999' } }],
    ['fsm query organization_id', { service: 'fsm', method: 'GET', path: '/Companies', query: { organization_id: '999' } }],
  ] as const)('client.request with %s (beside the organisation it may use) is refused, and nothing is sent', async (_name, request) => {
    const calls = recordCalls();
    const { client } = testClient();
    const error = await rejection(client.request(request));
    expectRefused(error, /the query names "organization_id"|the query names "Organization_ID"/i);
    expect((error as ValidationError).message).toMatch(/organizationId in client\.request\(\)/);
    expect(calls).toEqual([]);
    expect(client.limiter.usage('finance:999').lastMinute).toBe(0);
  });

  it('normal calls carry the configured organisation and charge its rate limiter, never another’s', async () => {
    const calls = recordCalls();
    const { client } = testClient();
    await client.finance.contacts.list({ contactType: 'customer', sortColumn: 'last_modified_time', sortOrder: 'D' }).toArray();
    await client.request({ service: 'books', method: 'GET', path: '/contacts', organizationId: '60012345', query: { page: 1 } });
    expect(calls).toHaveLength(2);
    for (const call of calls) expect(new URL(call.slice(call.indexOf(' ') + 1)).searchParams.getAll('organization_id')).toEqual(['60012345']);
    expect(calls[0]).toContain('contact_type=customer');
    expect(client.limiter.usage('finance:60012345').lastMinute).toBeGreaterThanOrEqual(2);
    expect(client.limiter.usage('finance:999').lastMinute).toBe(0);
    // Another organisation is reached the documented ways, and charged as itself.
    await client.request({ service: 'books', method: 'GET', path: '/contacts', organizationId: '999' });
    await client.financeFor('books', '999').contacts.listPage(1);
    expect(calls.slice(2).map((call) => new URL(call.slice(call.indexOf(' ') + 1)).searchParams.getAll('organization_id'))).toEqual([['999'], ['999']]);
    expect(client.limiter.usage('finance:999').lastMinute).toBeGreaterThanOrEqual(2);
  });
});
