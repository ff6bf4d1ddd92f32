import { http, HttpResponse, type JsonBodyType } from 'msw';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors/api-error.js';
import { REGION_HOSTS } from '../../src/regions.js';
import { Paginator } from '../../src/transport/paginator.js';
import { DEFAULT_MAX_PAGES } from '../../src/transport/page-walk.js';
import { books, contact, testClient, useMswServer } from '../helpers/msw-zoho.js';
import { rejection } from '../helpers/rejection.js';
import { syncWorld } from '../sync/helpers.js';

const server = useMswServer();
const BOOKS = REGION_HOSTS.in.books;
const FSM = REGION_HOSTS.in.fsm;

/** A Books GET /contacts that always says more pages follow; `rows(page)` gives each page's contacts. */
function endlessContacts(rows: (page: number) => Array<Record<string, JsonBodyType>>, context: Record<string, JsonBodyType> = {}): number[] {
  const asked: number[] = [];
  server.use(
    http.get(`${BOOKS}/contacts`, ({ request }) => {
      const page = Number(new URL(request.url).searchParams.get('page'));
      asked.push(page);
      return books({ contacts: rows(page), page_context: { page, per_page: 200, has_more_page: true, ...context } });
    }),
  );
  return asked;
}

/** An FSM module list that always says more records follow. */
function endlessFsm(module: string, rows: (page: number) => Array<Record<string, JsonBodyType>>): number[] {
  const asked: number[] = [];
  server.use(
    http.get(new RegExp(`^${FSM.replace(/\./g, '\\.')}/${module}(/search)?$`), ({ request }) => {
      const page = Number(new URL(request.url).searchParams.get('page'));
      asked.push(page);
      const data = rows(page);
      return HttpResponse.json({ data, info: { more_records: true, page, per_page: 200, count: data.length } });
    }),
  );
  return asked;
}

const same = [contact(1), contact(2), contact(3)];

function expectLoop(error: unknown, reason: 'repeated-page' | 'too-many-pages'): void {
  expect(error, 'the walk should stop with an ApiError').toBeInstanceOf(ApiError);
  expect((error as ApiError).code).toBe('PAGINATION_LOOP');
  expect((error as ApiError).details.reason).toBe(reason);
}

describe('a list reply that says more pages follow for ever stops the walk with PAGINATION_LOOP', () => {
  it('Books: has_more_page always true with the same rows stops at the repeated page; page 3 is never asked for', async () => {
    const asked = endlessContacts(() => same);
    const { client } = testClient();
    const seen: string[] = [];
    const error = await rejection((async () => {
      for await (const c of client.finance.contacts.list()) seen.push(c.contact_id);
    })());
    expectLoop(error, 'repeated-page');
    expect((error as ApiError).message).toMatch(/GET \/contacts: page 2 holds only records already read/);
    expect(asked).toEqual([1, 2]);
    // The repeated rows are not handed out a second time.
    expect(seen).toEqual(['1', '2', '3']);
  });

  it('Books: pages cycling A, B, A stop at the third page', async () => {
    const asked = endlessContacts((page) => (page % 2 === 1 ? same : [contact(4), contact(5)]));
    const { client } = testClient();
    expectLoop(await rejection(client.finance.contacts.list().toArray()), 'repeated-page');
    expect(asked).toEqual([1, 2, 3]);
  });

  it('Books: a page that repeats some rows of the one before (records moved during the walk) is not a loop', async () => {
    server.use(
      http.get(`${BOOKS}/contacts`, ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get('page'));
        const rows = page === 1 ? [contact(1), contact(2)] : page === 2 ? [contact(2), contact(3)] : [contact(4)];
        return books({ contacts: rows, page_context: { page, per_page: 2, has_more_page: page < 3 } });
      }),
    );
    const { client } = testClient();
    expect((await client.finance.contacts.list().toArray()).map((c) => c.contact_id)).toEqual(['1', '2', '2', '3', '4']);
  });

  it('Books: new rows on every page stop at maxPages, with nothing fetched past it', async () => {
    const asked = endlessContacts((page) => [contact(page)]);
    const { client } = testClient();
    const error = await rejection(client.finance.contacts.list({ maxPages: 4 }).toArray());
    expectLoop(error, 'too-many-pages');
    expect((error as ApiError).message).toMatch(/maxPages \(4\)/);
    expect(asked).toEqual([1, 2, 3, 4]);
  });

  it('Books: a first page that reports the list total bounds the walk to twice the pages it needs, plus 5', async () => {
    // 4 records at 2 a page: 2 pages needed, so at most 9.
    const asked = endlessContacts((page) => [contact(2 * page), contact(2 * page + 1)], { total: 4 });
    const { client } = testClient();
    expectLoop(await rejection(client.finance.contacts.list().toArray()), 'too-many-pages');
    expect(asked).toHaveLength(9);
  });

  it('listPage callers keep their own place: the loop check is the walk’s, and listPage still answers', async () => {
    endlessContacts(() => same);
    const { client } = testClient();
    const page = await client.finance.contacts.listPage(7);
    expect(page.hasMore).toBe(true);
  });

  it('with no total and no maxPages, a walk stops after DEFAULT_MAX_PAGES pages', async () => {
    let fetched = 0;
    const list = new Paginator(async (page) => {
      fetched++;
      // Fails fast, instead of spinning, should the cap ever be skipped.
      if (fetched > DEFAULT_MAX_PAGES) throw new Error(`page ${page} was fetched past the cap`);
      return { items: [{ id: String(page) }], page, hasMore: true };
    }, { idOf: (row) => row.id, what: 'GET /things' });
    expectLoop(await rejection(list.toArray()), 'too-many-pages');
    expect(fetched).toBe(DEFAULT_MAX_PAGES);
  });

  it('rows without ids are told apart by content: the same rows again are a repeated page', async () => {
    let fetched = 0;
    const list = new Paginator(async (page) => {
      fetched++;
      return { items: [{ name: 'a' }, { name: 'b' }], page, hasMore: true };
    });
    expectLoop(await rejection(list.toArray()), 'repeated-page');
    expect(fetched).toBe(2);
  });

  it('refuses a maxPages that is not a whole number of at least 1 at the call', () => {
    const { client } = testClient();
    for (const maxPages of [0, -1, 1.5, Number.NaN]) {
      expect(() => client.finance.contacts.list({ maxPages }), String(maxPages)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
  });

  it('tax groups: a page of taxes without groups neither ends the walk nor hides a loop', async () => {
    const asked: number[] = [];
    server.use(
      http.get(`${BOOKS}/settings/taxes`, ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get('page'));
        asked.push(page);
        const taxes = page === 1
          ? [{ tax_id: '1', tax_name: 'VAT', tax_percentage: 20, tax_type: 'tax' }]
          : [{ tax_id: '2', tax_name: 'GST', tax_percentage: 18, tax_type: 'tax_group' }];
        return books({ taxes, page_context: { page, per_page: 200, has_more_page: true } });
      }),
    );
    const { client } = testClient();
    const seen: string[] = [];
    const error = await rejection((async () => {
      for await (const group of client.finance.taxGroups.list()) seen.push(group.tax_id);
    })());
    expectLoop(error, 'repeated-page');
    expect(seen).toEqual(['2']);
    expect(asked).toEqual([1, 2, 3]);
  });

  it('FSM: info.more_records always true with the same rows stops at the repeated page (list and search)', async () => {
    const asked = endlessFsm('Companies', () => [{ id: '1', Company_Name: 'A' }, { id: '2', Company_Name: 'B' }]);
    const { client } = testClient();
    expectLoop(await rejection(client.fsm.companies.list().toArray()), 'repeated-page');
    expect(asked).toEqual([1, 2]);
    expectLoop(await rejection(client.fsm.companies.search('Company_Name', 'A').toArray()), 'repeated-page');
    expect(asked).toEqual([1, 2, 1, 2]);
  });

  it('FSM: new rows on every page stop at maxPages', async () => {
    const asked = endlessFsm('Contacts', (page) => [{ id: String(page), Last_Name: `L${page}` }]);
    const { client } = testClient();
    expectLoop(await rejection(client.fsm.contacts.list({ maxPages: 3 }).toArray()), 'too-many-pages');
    expect(asked).toEqual([1, 2, 3]);
  });
});

/** Wraps the sandbox so that one list answers its first page for every page, saying more follow. */
function endlessSandboxList(path: RegExp, moreFlag: (body: Record<string, unknown>) => void, asked: string[]) {
  return (sandboxFetch: typeof fetch): typeof fetch => async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (request.method !== 'GET' || !path.test(url.pathname)) return sandboxFetch(request);
    asked.push(url.searchParams.get('page') ?? '');
    url.searchParams.set('page', '1');
    const reply = await sandboxFetch(new Request(url, request));
    if (reply.status !== 200) return reply;
    const body = (await reply.json()) as Record<string, unknown>;
    moreFlag(body);
    return Response.json(body, { status: 200, headers: reply.headers });
  };
}

describe('the sync’s walks read through the paginator: an endless list stops the run with PAGINATION_LOOP', () => {
  it('Books GET /contacts always saying has_more_page: the run stops, each walk having fetched two pages', async () => {
    const asked: string[] = [];
    const world = syncWorld({
      fetch: endlessSandboxList(/\/books\/v3\/contacts$/, (body) => { (body.page_context as Record<string, unknown>).has_more_page = true; }, asked),
    });
    const error = await rejection(world.syncer({ entities: ['companies'] }).run());
    expectLoop(error, 'repeated-page');
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter((page) => page !== '1' && page !== '2')).toEqual([]);
  });

  it('FSM GET /Companies always saying more_records: the run stops, each walk having fetched two pages', async () => {
    const asked: string[] = [];
    const world = syncWorld({
      fetch: endlessSandboxList(/\/fsm\/v1\/Companies$/, (body) => { (body.info as Record<string, unknown>).more_records = true; }, asked),
    });
    const error = await rejection(world.syncer({ entities: ['companies'] }).run());
    expectLoop(error, 'repeated-page');
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter((page) => page !== '1' && page !== '2')).toEqual([]);
  });
});
