import { setupServer } from 'msw/node';
import { afterAll, describe, expect, it } from 'vitest';
import { IntegrationClient } from '../../src/client/integration-client.js';
import { ManualClock } from '../../src/manual-clock.js';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import { orgId } from './helpers.js';

/** The client's own pagination, auth and retry tests, run against the sandbox instead of hand-written handlers. */
function setup(options: SandboxOptions = {}): { sandbox: Sandbox; client: IntegrationClient; books: string } {
  const clock = new ManualClock({ autoAdvance: true });
  const sandbox = createSandbox({ clock, users: [{ email: 'c@example.com', region: 'in', books: [{}], invoice: [{}] }], ...options });
  const books = orgId(sandbox, 'books');
  const { clientId, clientSecret, refreshToken } = sandbox.credentials();
  const client = new IntegrationClient({
    region: 'in',
    finance: { app: 'books', organizationId: books },
    auth: { clientId, clientSecret, refreshToken },
    transport: createFetchTransport({ fetch: sandbox.fetch }),
    clock,
    retry: { random: () => 0.5 },
  });
  return { sandbox, client, books };
}

describe('IntegrationClient against the sandbox', () => {
  it('walks 1,000 contacts as one stream in five pages of 200, after one token refresh', async () => {
    const { sandbox, client } = setup({ records: 1000 });
    const ids: string[] = [];
    for await (const c of client.finance.contacts.list({ sortColumn: 'last_modified_time' })) ids.push(c.contact_id);
    expect(ids).toHaveLength(1000);
    expect(new Set(ids).size).toBe(1000);
    expect(sandbox.calls.count({ method: 'GET', endpoint: '/contacts' })).toBe(5);
    expect(sandbox.calls.count({ app: 'accounts' })).toBe(1);
  });

  it('.pages() gives the pages; FSM lists walk info.more_records and read 204 as empty', async () => {
    const { client } = setup({ records: { customers: 450, items: 450 } });
    const sizes: number[] = [];
    for await (const page of client.finance.items.list().pages()) sizes.push(page.items.length);
    expect(sizes).toEqual([200, 200, 50]);
    expect(await client.fsm.serviceAndParts.list().toArray()).toHaveLength(450);
    expect(await client.fsm.workOrders.list().toArray()).toEqual([]);
  });

  it('creates, reads, updates and deletes a contact; a duplicate name fails with Zoho’s 3062', async () => {
    const { client, sandbox, books } = setup();
    const created = await client.finance.contacts.create({ contact_name: 'Client Co', contact_persons: [{ first_name: 'Ada', email: 'ada@client.example' }] });
    expect(sandbox.record(books, 'contacts', created.contact_id)).toMatchObject({ contact_name: 'Client Co' });
    const updated = await client.finance.contacts.update(created.contact_id, { contact_name: created.contact_name ?? '', contact_type: 'customer', notes: 'from the client' });
    expect(updated.notes).toBe('from the client');
    await expect(client.finance.contacts.create({ contact_name: 'Client Co' })).rejects.toMatchObject({ zohoCode: 3062 });
    await client.finance.contacts.delete(created.contact_id);
    await expect(client.finance.contacts.get(created.contact_id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('retries scripted 429 (code 44), 500 and a dropped connection, and succeeds', async () => {
    const { client, sandbox } = setup({ records: 3 });
    sandbox.faults.next({ match: { path: '/contacts' }, fault: 'rate-limit' });
    sandbox.faults.next({ match: { path: '/contacts' }, fault: 'server-error' });
    sandbox.faults.next({ match: { path: '/contacts' }, fault: 'drop' });
    expect(await client.finance.contacts.list().toArray()).toHaveLength(3);
    expect(sandbox.calls.count({ endpoint: '/contacts' })).toBe(4);
  });

  it('a lost acknowledgement on create fails the call, yet the contact exists in Zoho', async () => {
    const { client, sandbox, books } = setup();
    sandbox.faults.next({ match: { method: 'POST', path: '/contacts' }, fault: 'lost-ack' });
    await expect(client.finance.contacts.create({ contact_name: 'Maybe Ltd' })).rejects.toBeInstanceOf(Error);
    expect(sandbox.records(books, 'contacts').map((c) => c.contact_name)).toEqual(['Maybe Ltd']);
  });

  it('links, pushes and unlinks FSM records through process_sync', async () => {
    const { client, sandbox, books } = setup();
    const company = await client.fsm.companies.create({ Company_Name: 'Push Co' });
    await client.fsm.companies.push(company.id, books);
    const linked = await client.fsm.companies.get(company.id);
    expect(sandbox.record(books, 'contacts', String(linked.ZBilling_Id))).toMatchObject({ contact_name: 'Push Co' });
    await client.fsm.companies.unlink(company.id, String(linked.ZBilling_Id));
    expect((await client.fsm.companies.get(company.id)).ZBilling_Id).toBeUndefined();
  });
});

describe('sandbox.handlers() with msw', () => {
  const sandbox = createSandbox({ seed: 2, records: 5, users: [{ email: 'm@example.com', region: 'in', books: [{}] }] });
  const server = setupServer();
  afterAll(() => server.close());

  it('serves the client over the global fetch; other hosts fall through to msw’s unhandled handling', async () => {
    server.use(...(await sandbox.handlers()));
    server.listen({ onUnhandledRequest: 'bypass' });
    const books = orgId(sandbox, 'books');
    const client = new IntegrationClient({ region: 'in', finance: { app: 'books', organizationId: books }, auth: { accessToken: sandbox.accessToken() } });
    expect(await client.finance.contacts.list().toArray()).toHaveLength(5);
    sandbox.faults.next({ fault: 'drop' });
    await expect(fetch(`https://www.zohoapis.in/books/v3/items?organization_id=${books}`)).rejects.toThrow();
  });
});
