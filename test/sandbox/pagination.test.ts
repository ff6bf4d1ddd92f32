import { describe, expect, it } from 'vitest';
import { testSandbox, orgId, SandboxApi } from './helpers.js';

describe('sandbox pagination over 1,000 records', () => {
  const sandbox = testSandbox({ records: 1000, limits: { perMinute: false } });
  const api = new SandboxApi(sandbox);

  it('walks 1,000 Books contacts in five pages of 200 with page_context', async () => {
    const books = orgId(sandbox, 'books');
    const seen = new Set<string>();
    let page = 1;
    for (;;) {
      const res = await api.books('GET', books, `/contacts?page=${page}&per_page=200&sort_column=last_modified_time`);
      expect(res.body.page_context).toMatchObject({ page, per_page: 200, sort_column: 'last_modified_time' });
      for (const c of res.body.contacts) seen.add(c.contact_id);
      if (!res.body.page_context.has_more_page) break;
      page += 1;
    }
    expect(page).toBe(5);
    expect(seen.size).toBe(1000);
  });

  it('caps per_page at 200 and defaults to 200', async () => {
    const books = orgId(sandbox, 'books');
    const big = await api.books('GET', books, '/items?per_page=1000');
    expect(big.body.items).toHaveLength(200);
    expect(big.body.page_context.per_page).toBe(200);
    expect((await api.books('GET', books, '/items')).body.page_context).toMatchObject({ per_page: 200, has_more_page: true });
    const beyond = await api.books('GET', books, '/items?page=99');
    expect(beyond.body).toMatchObject({ items: [], page_context: { page: 99, has_more_page: false } });
  });

  it('walks 1,000 FSM services with info.more_records, then 204 past the end', async () => {
    let page = 1;
    let total = 0;
    for (;;) {
      const res = await api.fsm('GET', `/Service_And_Parts?page=${page}&per_page=200`);
      expect(res.body.info).toMatchObject({ page, per_page: 200, count: 200 });
      total += res.body.data.length;
      if (!res.body.info.more_records) break;
      page += 1;
    }
    expect(total).toBe(1000);
    expect((await api.fsm('GET', `/Service_And_Parts?page=${page + 1}`)).status).toBe(204);
  });
});
