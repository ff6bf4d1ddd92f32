import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { REGION_HOSTS } from '../../src/regions.js';
import { books, contact, testClient, useMswServer } from '../helpers/msw-zoho.js';

const server = useMswServer();
const BOOKS = REGION_HOSTS.in.books;
const FSM = REGION_HOSTS.in.fsm;

/** Books contacts spread over `pages` pages of `perPage`. */
function booksContacts(pages: number, perPage = 200) {
  const requested: Array<{ page: string | null; perPage: string | null; sort: string | null }> = [];
  server.use(
    http.get(`${BOOKS}/contacts`, ({ request }) => {
      const url = new URL(request.url);
      requested.push({ page: url.searchParams.get('page'), perPage: url.searchParams.get('per_page'), sort: url.searchParams.get('sort_column') });
      const page = Number(url.searchParams.get('page'));
      const contacts = Array.from({ length: perPage }, (_, i) => contact((page - 1) * perPage + i + 1));
      return books({ contacts, page_context: { page, per_page: perPage, has_more_page: page < pages, sort_column: 'last_modified_time', sort_order: 'D' } });
    }),
  );
  return requested;
}

describe('pagination', () => {
  it('walks three Books pages of 200 as one stream of 600 records, asking per_page=200', async () => {
    const requested = booksContacts(3);
    const { client } = testClient();
    const ids: string[] = [];
    for await (const c of client.finance.contacts.list({ sortColumn: 'last_modified_time' })) ids.push(c.contact_id);
    expect(ids).toHaveLength(600);
    expect(new Set(ids).size).toBe(600);
    expect(requested).toEqual([1, 2, 3].map((p) => ({ page: String(p), perPage: '200', sort: 'last_modified_time' })));
  });

  it('.pages() gives the pages themselves', async () => {
    booksContacts(3);
    const { client } = testClient();
    const sizes: number[] = [];
    for await (const page of client.finance.contacts.list().pages()) sizes.push(page.items.length);
    expect(sizes).toEqual([200, 200, 200]);
  });

  it('walks FSM pages until info.more_records is false, and reads 204 as an empty list', async () => {
    server.use(
      http.get(`${FSM}/Companies`, ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get('page'));
        const data = Array.from({ length: 200 }, (_, i) => ({ id: String(page * 1000 + i), Company_Name: `Co ${i}` }));
        return HttpResponse.json({ data, info: { more_records: page < 2, page, per_page: 200, count: 200 } });
      }),
      http.get(`${FSM}/Contacts`, () => new HttpResponse(null, { status: 204 })),
    );
    const { client } = testClient();
    expect(await client.fsm.companies.list().toArray()).toHaveLength(400);
    expect(await client.fsm.contacts.list().toArray()).toEqual([]);
  });

  it('an AbortSignal stops a walk mid-way: no page is fetched after the abort', async () => {
    const requested = booksContacts(10);
    const { client } = testClient();
    const controller = new AbortController();
    let seen = 0;
    const walk = (async () => {
      for await (const _ of client.finance.contacts.list({ signal: controller.signal })) {
        seen++;
        if (seen === 250) controller.abort(new Error('user cancelled'));
      }
    })();
    await expect(walk).rejects.toThrow('user cancelled');
    expect(requested).toHaveLength(2);
    expect(seen).toBe(250);
  });
});
