import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ManualClock } from '../../src/manual-clock.js';
import { REGION_HOSTS } from '../../src/regions.js';
import { declaredQueryParams } from '../../src/sandbox/books/declared-params.js';
import { financeRoutes } from '../../src/sandbox/books/routes.js';
import { createSandbox, type Sandbox, type UndocumentedBehaviour } from '../../src/sandbox/index.js';
import { OPENAPI_AVAILABLE, OpenApiIndex } from './openapi-index.js';

const index = OpenApiIndex.load();

describe.skipIf(!OPENAPI_AVAILABLE)("the sandbox's table of declared query parameters is the published description's", () => {
  it.each(financeRoutes.list().map((r) => [`${r.method} ${r.template}`, r] as const))('%s', (key, route) => {
    const match = index.match(route.method, route.template.replace(/\{[^}]+\}/g, '460000000000001'));
    expect(match.kind, `${key} is not in the published description`).toBe('found');
    const published = match.kind === 'found' ? match.operations.flatMap(({ operation }) => operation.parameters.filter((p) => p.in === 'query').map((p) => p.name)) : [];
    expect([...declaredQueryParams(route.method, route.template)].sort(), `declared-params.ts differs from the YAML for ${key}`).toEqual([...new Set(published)].sort());
  });
});

const Listed = z.object({
  code: z.literal(0),
  page_context: z.object({ sort_order: z.string().optional(), has_more_page: z.boolean() }).loose(),
}).loose();
const Contacts = Listed.extend({ contacts: z.array(z.object({ contact_name: z.string() }).loose()) });
const Items = Listed.extend({ items: z.array(z.object({ name: z.string(), sku: z.string().optional() }).loose()) });

interface BooksWorld {
  sandbox: Sandbox;
  get(path: string): Promise<unknown>;
  post(path: string): Promise<{ status: number; body: unknown }>;
}

function booksWorld(undocumented?: UndocumentedBehaviour): BooksWorld {
  const sandbox = createSandbox({
    seed: 4,
    clock: new ManualClock({ autoAdvance: true }),
    ...(undocumented ? { undocumented } : {}),
    users: [{ email: 'params@example.com', region: 'us', books: [{ edition: 'us', records: { customers: 6, items: 5 } }], invoice: [], fsm: false }],
  });
  const org = sandbox.orgs({ app: 'books' })[0]?.organizationId ?? '';
  const token = sandbox.accessToken();
  const call = async (method: string, path: string) => {
    const url = `${REGION_HOSTS.us.books}${path}${path.includes('?') ? '&' : '?'}organization_id=${org}`;
    const response = await sandbox.fetch(url, { method, headers: { authorization: `Zoho-oauthtoken ${token}` } });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  return { sandbox, get: async (path) => (await call('GET', path)).body, post: (path) => call('POST', path) };
}

const contactNames = async (world: BooksWorld, path: string) => Contacts.parse(await world.get(path)).contacts.map((c) => c.contact_name);
const itemNames = async (world: BooksWorld, path: string) => Items.parse(await world.get(path)).items.map((i) => i.name);

describe("undocumented.params: 'ignore' drops every query parameter the operation does not declare", () => {
  const honour = booksWorld();
  const ignore = booksWorld({ params: 'ignore' });

  it('sort_order (undeclared) no longer reverses GET /contacts: the default ascending order, reported as A', async () => {
    const all = await contactNames(honour, '/contacts?sort_column=contact_name');
    expect(await contactNames(honour, '/contacts?sort_column=contact_name&sort_order=D')).toEqual([...all].reverse());
    expect(await contactNames(ignore, '/contacts?sort_column=contact_name&sort_order=D')).toEqual(all);
    expect(Contacts.parse(await ignore.get('/contacts?sort_column=contact_name&sort_order=D')).page_context.sort_order).toBe('A');
  });

  it('a filter one list lacks (contact_name_contains on GET /contacts, sku on GET /items) filters nothing', async () => {
    const contacts = await contactNames(honour, '/contacts');
    const fragment = (contacts[0] ?? '').slice(0, 4);
    const narrowed = await contactNames(honour, `/contacts?contact_name_contains=${encodeURIComponent(fragment)}`);
    expect(narrowed.length).toBeLessThan(contacts.length);
    expect(await contactNames(ignore, `/contacts?contact_name_contains=${encodeURIComponent(fragment)}`)).toEqual(contacts);
    const items = Items.parse(await honour.get('/items')).items;
    const sku = items.find((i) => i.sku !== undefined && i.sku !== '')?.sku ?? '';
    expect(sku, 'a generated item with a SKU').not.toBe('');
    expect((await itemNames(honour, `/items?sku=${sku}`)).length).toBe(1);
    expect(await itemNames(ignore, `/items?sku=${sku}`)).toEqual(items.map((i) => i.name));
  });

  it('declared filters and paging still apply (contact_name, name_startswith, per_page)', async () => {
    const contacts = await contactNames(ignore, '/contacts');
    expect(await contactNames(ignore, `/contacts?contact_name=${encodeURIComponent(contacts[1] ?? '')}`)).toEqual([contacts[1]]);
    const page = Contacts.parse(await ignore.get('/contacts?per_page=2&page=1'));
    expect(page.contacts.map((c) => c.contact_name)).toEqual(contacts.slice(0, 2));
    expect(page.page_context.has_more_page).toBe(true);
    const items = await itemNames(ignore, '/items');
    const first = items[0] ?? '';
    expect(await itemNames(ignore, `/items?name_startswith=${encodeURIComponent(first)}`)).toContain(first);
  });

  it('a body sent as JSONString in the query string (undeclared) is not read: the create lacks contact_name', async () => {
    const body = encodeURIComponent(JSON.stringify({ contact_name: 'Query String Co' }));
    expect((await honour.post(`/contacts?JSONString=${body}`)).status).toBe(201);
    const refused = await ignore.post(`/contacts?JSONString=${body}`);
    expect(refused.status).toBe(400);
    expect(ignore.sandbox.records(ignore.sandbox.orgs({ app: 'books' })[0]?.organizationId ?? '', 'contacts').some((c) => c.contact_name === 'Query String Co')).toBe(false);
  });

  it("implies sortOrder 'ignore' even when sortOrder says 'honour'", async () => {
    const both = booksWorld({ params: 'ignore', sortOrder: 'honour' });
    const all = await contactNames(both, '/contacts?sort_column=contact_name');
    expect(await contactNames(both, '/contacts?sort_column=contact_name&sort_order=D')).toEqual(all);
  });
});
