import { describe, expect, it } from 'vitest';
import { IntegrationClient } from '../../src/client/integration-client.js';
import type { SyncConflict } from '../../src/sync/index.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import { type SourceRecord, zohoFinanceSource } from '../../src/sync/index.js';
import { customers, DOCUMENTED_ONLY, one, type SyncWorld, syncWorld, views, writesSince } from './helpers.js';

/*
 * A Books that keeps only what Zoho's published API description promises: GET /contacts ignores
 * sort_order (sorted by last_modified_time it lists the oldest change first) and items carry no
 * created_time / last_modified_time. The sync must miss nothing there; where it relied on the
 * undocumented behaviour it costs more, never correctness.
 */

/** GET /contacts list pages the sandbox answered since call `since`. */
const listPages = (world: SyncWorld, since: number): number =>
  world.sandbox.calls.list({ method: 'GET', app: 'books', endpoint: '/contacts' }).filter((c) => c.seq > since).length;

/** Every record of a read, and the cursor it ends on. */
async function readAll(world: SyncWorld, since?: string): Promise<{ records: SourceRecord[]; cursor: string | undefined }> {
  const records: SourceRecord[] = [];
  let cursor: string | undefined;
  for await (const page of zohoFinanceSource(world.client).read('companies', { since })) {
    records.push(...page.records);
    if (page.cursor !== undefined) cursor = page.cursor;
  }
  return { records, cursor };
}

describe('the incremental read of Books customers does not rely on sort_order', () => {
  // 450 customers: three list pages of 200.
  const big = { booksRecords: { customers: 450, items: 0 }, fsmRecords: { customers: 0, items: 0 } };

  for (const [mode, undocumented, pages] of [['honoured', undefined, 1], ['ignored', DOCUMENTED_ONLY, 3]] as const) {
    it(`sort_order ${mode}: a read from a cursor lists every customer changed since (in the cursor's second too), for ${pages} list page(s)`, async () => {
      const world = syncWorld({ ...big, ...(undocumented ? { undocumented } : {}) });
      const business = customers(world, 'business');
      const [atCursor, later, untouched] = business.map((c) => String(c.contact_id));
      if (atCursor === undefined || later === undefined || untouched === undefined) throw new Error('the sandbox should generate business customers');
      await world.clock.advance(3_600_000);
      world.sandbox.edit(world.books, 'contacts', atCursor, { website: 'https://cursor.example' });
      const { cursor } = await readAll(world);
      expect(cursor, 'a full read ends on the newest modified time').toBeDefined();
      await world.clock.advance(60_000);
      world.sandbox.edit(world.books, 'contacts', later, { website: 'https://later.example' });
      const before = world.sandbox.calls.total;

      const { records, cursor: next } = await readAll(world, cursor);

      expect(records.map((r) => r.id).sort()).toEqual([atCursor, later].sort());
      expect(records.some((r) => r.id === untouched)).toBe(false);
      expect(next).toBe(world.sandbox.record(world.books, 'contacts', later)?.last_modified_time);
      expect(listPages(world, before)).toBe(pages);
    });
  }

  it('a reply whose page_context says ascending is walked to the end even when its rows look newest first', async () => {
    const world = syncWorld(big);
    const [first, second] = customers(world, 'business').map((c) => String(c.contact_id));
    if (first === undefined || second === undefined) throw new Error('the sandbox should generate business customers');
    await world.clock.advance(3_600_000);
    world.sandbox.edit(world.books, 'contacts', first, { website: 'https://one.example' });
    const { cursor } = await readAll(world);
    await world.clock.advance(60_000);
    world.sandbox.edit(world.books, 'contacts', second, { website: 'https://two.example' });
    // Rows newest first, but every page says ascending: the walk believes the page, not its hope.
    const saysAscending: typeof fetch = async (input, init) => {
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      const reply = await world.sandbox.fetch(request);
      if (request.method !== 'GET' || !new URL(request.url).pathname.endsWith('/contacts')) return reply;
      const body = (await reply.json()) as { page_context?: Record<string, unknown> };
      body.page_context = { ...body.page_context, sort_order: 'A' };
      return new Response(JSON.stringify(body), { status: reply.status, headers: reply.headers });
    };
    const { clientId, clientSecret, refreshToken } = world.sandbox.credentials();
    const client = new IntegrationClient({
      region: 'us',
      finance: { app: 'books', organizationId: world.books },
      auth: { clientId, clientSecret, refreshToken },
      transport: createFetchTransport({ fetch: saysAscending }),
      clock: world.clock,
    });
    const before = world.sandbox.calls.total;

    const records: SourceRecord[] = [];
    for await (const page of zohoFinanceSource(client).read('companies', { since: cursor })) records.push(...page.records);

    expect(records.map((r) => r.id).sort()).toEqual([first, second].sort());
    expect(listPages(world, before)).toBe(3);
  });
});

describe('two-way sync against a Books that keeps only its documented behaviour', () => {
  it('Books edits reach FSM on incremental runs although GET /contacts comes oldest first; a run with no change writes nothing', async () => {
    const world = syncWorld({ undocumented: DOCUMENTED_ONLY, booksRecords: { customers: 8, items: 3, offset: 2 } });
    expect((await world.syncer().run()).failures).toEqual([]);
    const [a, b] = customers(world).map((c) => String(c.contact_id));
    if (a === undefined || b === undefined) throw new Error('the sandbox should generate business customers');
    await world.clock.advance(60_000);
    world.sandbox.edit(world.books, 'contacts', a, { website: 'https://first-edit.example' });
    await world.clock.advance(60_000);
    world.sandbox.edit(world.books, 'contacts', b, { billing_address: { city: 'Ogdenville' } });

    const report = await world.syncer().run();

    expect(report.toFsm.updated).toBe(2);
    const name = (id: string) => world.sandbox.record(world.books, 'contacts', id)?.contact_name;
    expect(one(world, 'fsm', 'Companies', 'Company_Name', name(a)).Website).toBe('https://first-edit.example');
    expect((one(world, 'fsm', 'Companies', 'Company_Name', name(b)).Billing_Address as Record<string, unknown>).City).toBe('Ogdenville');
    const { fsm, finance } = views(world);
    expect(finance.companies).toEqual(fsm.companies);
    await world.syncer().run();
    const before = world.sandbox.calls.total;
    await world.syncer().run();
    expect(writesSince(world, before)).toEqual([]);
  });

  it('Type III: a Books contact person edited after the last run reaches its FSM contact', async () => {
    const world = syncWorld({ syncType: 'III', undocumented: DOCUMENTED_ONLY, booksRecords: { customers: 8, items: 1, offset: 2 } });
    await world.syncer().run();
    const person = world.sandbox.records(world.books, 'contactpersons').find((p) => typeof p.email === 'string' && p.email !== '' && world.sandbox.records(world.fsm, 'Contacts').some((c) => c.Email === p.email)) as Record<string, unknown>;
    await world.clock.advance(60_000);
    world.sandbox.edit(world.books, 'contactpersons', String(person.contact_person_id), { phone: '+1 555 0177' });

    await world.syncer().run();

    expect(one(world, 'fsm', 'Contacts', 'Email', person.email).Phone).toBe('+1 555 0177');
  });

  it('items without modified times: edits flow both ways by content, and a conflicting field goes to FSM under latest-wins even when Books edited last', async () => {
    const world = syncWorld({ undocumented: DOCUMENTED_ONLY });
    await world.syncer().run();
    const [first, second] = world.sandbox.records(world.fsm, 'Service_And_Parts');
    if (!first || !second) throw new Error('the sandbox should generate services');
    const item = (name: unknown) => one(world, 'books', 'items', 'name', name);
    expect(item(first.Name).last_modified_time, 'the sandbox shows item times to tests, not to the API').toBeDefined();
    world.sandbox.edit(world.fsm, 'Service_And_Parts', String(first.id), { Description: 'from FSM' });
    world.sandbox.edit(world.books, 'items', String(item(second.Name).item_id), { rate: 99 });
    await world.syncer().run();
    expect(item(first.Name).description).toBe('from FSM');
    expect(world.sandbox.record(world.fsm, 'Service_And_Parts', String(second.id))?.Unit_Price).toBe(99);

    world.sandbox.edit(world.fsm, 'Service_And_Parts', String(first.id), { Unit_Price: 10 });
    await world.clock.advance(60_000);
    world.sandbox.edit(world.books, 'items', String(item(first.Name).item_id), { rate: 20.5 });
    const syncer = world.syncer({ conflicts: 'latest-wins' });
    const seen: Array<{ conflict: SyncConflict; resolution: string }> = [];
    syncer.on('conflict', (event) => seen.push(event));
    await syncer.run();

    expect(seen.map(({ conflict, resolution }) => ({ field: conflict.field.fsm, resolution, financeModifiedTime: conflict.financeModifiedTime }))).toEqual([
      { field: 'Unit_Price', resolution: 'fsm', financeModifiedTime: undefined },
    ]);
    expect(item(first.Name).rate).toBe(10);
  });
});
