import { describe, expect, it } from 'vitest';
import { UnknownEndpointError } from '../../src/errors/unknown-endpoint-error.js';
import { IntegrationClient } from '../../src/client/integration-client.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import { orgId, SandboxApi, testSandbox } from './helpers.js';

type Row = Record<string, unknown>;

/** A US Books org with no generated records and a few contacts shaped for each filter. */
async function filterWorld() {
  const sandbox = testSandbox({ users: [{ email: 'filters@example.com', books: [{ edition: 'us', records: 0, allowDuplicateNames: true }] }] });
  const api = new SandboxApi(sandbox);
  const books = orgId(sandbox, 'books');
  const create = async (body: Row): Promise<string> => (await api.books('POST', books, '/contacts', body)).body.contact.contact_id as string;
  const ids = {
    plain: await create({ contact_name: 'Plain Co' }),
    twinA: await create({ contact_name: 'Twin Co' }),
    twinB: await create({ contact_name: 'twin co' }),
    portal: await create({ contact_name: 'Portal Co', contact_persons: [{ first_name: 'Pia', enable_portal: true }] }),
    crm: await create({ contact_name: 'Crm Co', zcrm_account_id: '3000000012345' }),
    owing: await create({ contact_name: 'Owing Co', credit_limit: 50 }),
    late: await create({ contact_name: 'Late Co' }),
    idle: await create({ contact_name: 'Idle Co' }),
  };
  await api.books('POST', books, `/contacts/${ids.idle}/inactive`);
  const item = (await api.books('POST', books, '/items', { name: 'Visit', rate: 100 })).body.item;
  const invoice = async (customer: string, dueDate: string) => {
    const created = (await api.books('POST', books, '/invoices', { customer_id: customer, date: '2020-01-01', due_date: dueDate, line_items: [{ item_id: item.item_id }] })).body.invoice;
    await api.books('POST', books, `/invoices/${created.invoice_id}/status/sent`);
  };
  await invoice(ids.owing, '2999-12-31');
  await invoice(ids.late, '2020-01-31');
  return { sandbox, api, books, ids };
}

describe('GET /contacts filter_by: every value Zoho documents', () => {
  it.each([
    ['Status.All', ['plain', 'twinA', 'twinB', 'portal', 'crm', 'owing', 'late', 'idle']],
    ['Status.Active', ['plain', 'twinA', 'twinB', 'portal', 'crm', 'owing', 'late']],
    ['Status.Inactive', ['idle']],
    ['Status.Duplicate', ['twinA', 'twinB']],
    ['Status.PortalEnabled', ['portal']],
    ['Status.PortalDisabled', ['plain', 'twinA', 'twinB', 'crm', 'owing', 'late', 'idle']],
    ['Invoice.Unpaid', ['owing', 'late']],
    ['Invoice.OverDue', ['late']],
    ['Status.CreditLimitExceed', ['owing']],
    ['Status.Crm', ['crm']],
  ])('%s keeps the contacts it names, and page_context says the filter', async (filter, expected) => {
    const { api, books, ids } = await filterWorld();
    const reply = await api.books('GET', books, `/contacts?filter_by=${filter}`);
    expect(reply.status).toBe(200);
    const got = (reply.body.contacts as Row[]).map((c) => Object.entries(ids).find(([, id]) => id === c.contact_id)?.[0]).sort();
    expect(got).toEqual([...expected].sort());
    expect(reply.body.page_context.applied_filter).toBe(filter);
  });

  it('refuses a value Zoho does not document with code 2', async () => {
    const { api, books } = await filterWorld();
    expect((await api.books('GET', books, '/contacts?filter_by=Status.Everything')).body).toEqual({ code: 2, message: 'Invalid value passed for filter_by' });
  });
});

describe('GET /invoices and /items: the documented filters', () => {
  it('filter_by Status.<Name> and Date.PaymentExpectedDate, date and item filters', async () => {
    const { api, books, ids } = await filterWorld();
    const list = async (query: string) => ((await api.books('GET', books, `/invoices?${query}`)).body.invoices as Row[]).map((i) => i.customer_id);
    expect(await list('filter_by=Status.OverDue')).toEqual([ids.late]);
    expect((await list('filter_by=Status.Unpaid')).sort()).toEqual([ids.owing, ids.late].sort());
    expect(await list('filter_by=Status.Draft')).toEqual([]);
    expect(await list('filter_by=Date.PaymentExpectedDate')).toEqual([]);
    expect(await list('due_date_after=2021-01-01')).toEqual([ids.owing]);
    expect(await list('due_date_before=2021-01-01')).toEqual([ids.late]);
    expect((await api.books('GET', books, '/invoices?filter_by=Status.Nope')).body.code).toBe(2);
  });

  it('items: rate comparisons', async () => {
    const { api, books } = await filterWorld();
    await api.books('POST', books, '/items', { name: 'Cheap', rate: 5 });
    const names = async (query: string) => ((await api.books('GET', books, `/items?${query}`)).body.items as Row[]).map((i) => i.name);
    expect(await names('rate_less_than=50')).toEqual(['Cheap']);
    expect(await names('rate_greater_equals=100')).toEqual(['Visit']);
  });
});

describe('an endpoint the edition lacks', () => {
  it('answers 404 "URL Not Found", which the client raises as UnknownEndpointError, not as a deleted record', async () => {
    const sandbox = testSandbox({ users: [{ email: 'uk@example.com', books: [{ edition: 'uk' }] }] });
    const books = orgId(sandbox, 'books');
    const client = new IntegrationClient({
      region: 'us',
      finance: { app: 'books', organizationId: books },
      auth: { accessToken: sandbox.accessToken() },
      transport: createFetchTransport({ fetch: sandbox.fetch }),
    });
    const error = await client.finance.taxAuthorities.list().toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownEndpointError);
    expect(error).toMatchObject({ code: 'UNKNOWN_ENDPOINT', status: 404, zohoMessage: 'URL Not Found' });
  });
});
