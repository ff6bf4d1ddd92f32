import { describe, expect, it } from 'vitest';
import {
  appOf, compareToBound, customersSince, editNeeds, firstSyncNeeds, lowerBound, type LowerBoundInput, noChangeNeeds, PAGE_SIZE, pairingOf,
} from '../../bench/lower-bound.js';
import { IntegrationClient } from '../../src/client/integration-client.js';
import { FieldMapper } from '../../src/mapping/index.js';
import { ManualClock } from '../../src/manual-clock.js';
import { createSandbox } from '../../src/sandbox/index.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { timeOf } from '../../src/sync/merge/conflict-policies.js';
import { BidirectionalSyncer, zohoFinanceSource, zohoFsmSource } from '../../src/sync/index.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';

/*
 * The API calls of a small sync, per endpoint, against the lower bound bench/lower-bound.ts
 * computes from the data set alone (list pages, one write per record to create or change with a
 * customer and its persons as one create, the customer reads no list returns). Counts, not
 * timings: a change that makes the sync call Zoho more than it must fails here.
 */

const N = 60;

/**
 * Calls over the bound that are understood, per run kind and endpoint, with the reason. Anything
 * else must be at or under the bound.
 */
const ALLOWED: Record<string, Record<string, { extra: number; why: string }>> = {
  initial: {
    // Creating new customers with their persons inside reads the FSM contacts once more, in the
    // companies unit (a page per 200 contacts), to save one person create per contact.
    'GET fsm /Contacts': { extra: 1, why: 'the companies unit reads FSM contacts to send them inside new customers' },
  },
};

function world() {
  const clock = new ManualClock({ autoAdvance: true });
  const sandbox = createSandbox({
    seed: 42,
    clock,
    users: [{
      email: 'budget@example.com',
      region: 'us',
      books: [{ edition: 'us', plan: 'ultimate', records: { customers: N, items: N, offset: N / 2 } }],
      fsm: { edition: 'us', records: { customers: N, items: N } },
    }],
  });
  const books = sandbox.orgs({ app: 'books' })[0]?.organizationId ?? '';
  const fsm = sandbox.orgs({ app: 'fsm' })[0]?.organizationId ?? '';
  const { clientId, clientSecret, refreshToken } = sandbox.credentials();
  const client = new IntegrationClient({
    region: 'us',
    finance: { app: 'books', organizationId: books },
    auth: { clientId, clientSecret, refreshToken },
    transport: createFetchTransport({ fetch: sandbox.fetch }),
    clock,
    limits: { plan: 'ultimate' },
  });
  const storage = new MemoryStorage();
  const mapper = new FieldMapper({ storage, syncType: 'III', edition: 'us' });
  const syncer = new BidirectionalSyncer({ storage, mapper, fsm: zohoFsmSource(client), finance: zohoFinanceSource(client), clock });
  const rows = () => ({
    fsm: { companies: sandbox.records(fsm, 'Companies').length, contacts: sandbox.records(fsm, 'Contacts').length, items: sandbox.records(fsm, 'Service_And_Parts').length },
    books: { customers: sandbox.records(books, 'contacts').length, items: sandbox.records(books, 'items').length },
  });
  const newestCustomer = () => Math.max(0, ...sandbox.records(books, 'contacts').map((c) => timeOf(String(c.last_modified_time)) ?? 0));
  return { sandbox, clock, books, fsm, syncer, rows, newestCustomer };
}

async function measured(w: ReturnType<typeof world>, input: LowerBoundInput) {
  w.sandbox.calls.reset();
  const report = await w.syncer.run();
  expect(report.failures).toEqual([]);
  const calls: Record<string, number> = {};
  for (const [endpoint, n] of Object.entries(w.sandbox.calls.byEndpoint())) if (appOf(endpoint) !== 'accounts') calls[endpoint] = n;
  return compareToBound(calls, lowerBound(input));
}

function overBound(kind: string, rows: ReturnType<typeof compareToBound>): string[] {
  const allowed = ALLOWED[kind] ?? {};
  return rows
    .filter((row) => row.actual > row.bound + (allowed[row.endpoint]?.extra ?? 0))
    .map((row) => `${row.endpoint}: ${row.actual} calls, bound ${row.bound}`);
}

describe(`API calls of a sync of ${N} records per entity, per endpoint, against the lower bound`, () => {
  it('initial, settle (the run after) and no-change runs stay within the bound', async () => {
    const w = world();
    const pairs = pairingOf({
      fsm: { companies: w.sandbox.records(w.fsm, 'Companies'), contacts: w.sandbox.records(w.fsm, 'Contacts'), items: w.sandbox.records(w.fsm, 'Service_And_Parts') },
      books: { customers: w.sandbox.records(w.books, 'contacts'), persons: w.sandbox.records(w.books, 'contactpersons'), items: w.sandbox.records(w.books, 'items') },
    });
    const initial = await measured(w, { pageSize: PAGE_SIZE, read: 'full', rows: w.rows(), ...firstSyncNeeds(pairs) });
    expect(overBound('initial', initial), 'initial').toEqual([]);
    // The writes are all there: the sync did not save calls by leaving work undone.
    const writes = (rows: typeof initial) => rows.filter((r) => !r.endpoint.startsWith('GET ')).reduce((n, r) => n + r.actual, 0);
    const boundWrites = (rows: typeof initial) => rows.filter((r) => !r.endpoint.startsWith('GET ')).reduce((n, r) => n + r.bound, 0);
    expect(writes(initial)).toBe(boundWrites(initial));

    await w.clock.advance(120_000);
    const since = (cursor: number) => customersSince(w.sandbox.records(w.books, 'contacts'), cursor, (text) => timeOf(text));
    let cursor = w.newestCustomer();
    const settle = await measured(w, { pageSize: PAGE_SIZE, read: { booksCustomersSinceCursor: since(cursor) }, rows: w.rows(), ...noChangeNeeds() });
    expect(overBound('settle', settle), 'settle').toEqual([]);
    expect(settle.every((r) => r.endpoint.startsWith('GET ') && !r.endpoint.includes('{')), 'settle: list pages only').toBe(true);

    await w.clock.advance(120_000);
    cursor = w.newestCustomer();
    const quiet = await measured(w, { pageSize: PAGE_SIZE, read: { booksCustomersSinceCursor: since(cursor) }, rows: w.rows(), ...noChangeNeeds() });
    expect(overBound('no-change', quiet), 'no-change').toEqual([]);
    expect(quiet.every((r) => r.endpoint.startsWith('GET ') && !r.endpoint.includes('{')), 'no-change: list pages only').toBe(true);
  });

  it('FSM contact edits cost one person write each; the run after reads each of their customers once (the read a person write leaves owing), and the next is list pages only', async () => {
    const w = world();
    await w.syncer.run();
    await w.clock.advance(120_000);
    await w.syncer.run();
    await w.clock.advance(120_000);
    const since = (cursor: number) => customersSince(w.sandbox.records(w.books, 'contacts'), cursor, (text) => timeOf(text));
    // Three contacts of two companies, edited in FSM.
    const withCompany = w.sandbox.records(w.fsm, 'Contacts').filter((c) => c.Company !== undefined && c.Company !== null);
    const companyOf = (c: Record<string, unknown>) => String((c.Company as { id: string }).id);
    const [a, b] = [...new Set(withCompany.map(companyOf))].filter((id) => withCompany.filter((c) => companyOf(c) === id).length >= 2);
    if (a === undefined || b === undefined) throw new Error('the world needs two companies with two contacts each');
    const edited = [...withCompany.filter((c) => companyOf(c) === a).slice(0, 2), ...withCompany.filter((c) => companyOf(c) === b).slice(0, 1)];
    edited.forEach((c, i) => w.sandbox.edit(w.fsm, 'Contacts', String(c.id), { Phone: `+1 555 07${i}` }));
    await w.clock.advance(60_000);
    let cursor = w.newestCustomer();
    const incremental = await measured(w, {
      pageSize: PAGE_SIZE, read: { booksCustomersSinceCursor: since(cursor) }, rows: w.rows(),
      ...editNeeds({ fsm: { companies: 0, contacts: edited.length, items: 0 }, books: { customers: 0, persons: 0, items: 0 }, booksCustomersTouched: 0 }),
    });
    expect(overBound('incremental', incremental), 'incremental').toEqual([]);
    expect(incremental.find((r) => r.endpoint === 'PUT books /contacts/contactpersons/{id}')?.actual, 'person writes').toBe(3);

    await w.clock.advance(120_000);
    cursor = w.newestCustomer();
    const after = await measured(w, { pageSize: PAGE_SIZE, read: { booksCustomersSinceCursor: since(cursor) }, rows: w.rows(), ...noChangeNeeds(2) });
    expect(overBound('after person writes', after), 'the run after').toEqual([]);
    expect(after.find((r) => r.endpoint === 'GET books /contacts/{id}')?.actual, 'one read per customer whose persons were written').toBe(2);

    await w.clock.advance(120_000);
    cursor = w.newestCustomer();
    const quiet = await measured(w, { pageSize: PAGE_SIZE, read: { booksCustomersSinceCursor: since(cursor) }, rows: w.rows(), ...noChangeNeeds() });
    expect(overBound('no-change', quiet), 'no-change').toEqual([]);
    expect(quiet.every((r) => r.endpoint.startsWith('GET ') && !r.endpoint.includes('{')), 'then list pages only').toBe(true);
  });
});
