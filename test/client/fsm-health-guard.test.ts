import { describe, expect, it } from 'vitest';
import { IntegrationClient, type IntegrationClientOptions } from '../../src/client/integration-client.js';
import { OrgSelector } from '../../src/eligibility/org-selector.js';
import { ApiError } from '../../src/errors/api-error.js';
import { ConfigError } from '../../src/errors/config-error.js';
import { IntegrationHealthError } from '../../src/errors/integration-health-error.js';
import { ManualClock } from '../../src/manual-clock.js';
import { createSandbox } from '../../src/sandbox/index.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import { rejection } from '../helpers/rejection.js';

// FSM blocks creating work orders, service appointments and assets once the integrated Books
// organisation is deleted; the client enforces it before sending the create.

function world(extra: Partial<IntegrationClientOptions> = {}) {
  const clock = new ManualClock({ autoAdvance: true });
  const sandbox = createSandbox({ clock, users: [{ email: 'guard@example.com', books: [{ name: 'Zylker Books' }], invoice: [], fsm: { records: { customers: 1, items: 1 } } }] });
  const books = sandbox.orgs({ app: 'books' })[0]?.organizationId ?? '';
  const fsm = sandbox.orgs({ app: 'fsm' })[0]?.organizationId ?? '';
  const client = new IntegrationClient({
    region: 'us',
    finance: { app: 'books', organizationId: books },
    auth: { accessToken: sandbox.accessToken() },
    transport: createFetchTransport({ fetch: sandbox.fetch }),
    clock,
    retry: { random: () => 0.5, retries: 0 },
    ...extra,
  });
  const checks = () => sandbox.calls.count({ method: 'GET', endpoint: '/organizations' });
  const fsmPosts = () => sandbox.calls.count({ method: 'POST', app: 'fsm' });
  return { clock, sandbox, books, fsm, client, checks, fsmPosts, deleteBooks: () => sandbox.updateOrg(books, { deleted: true }) };
}

type World = ReturnType<typeof world>;

/** A work order with one service line, for appointments to cover. */
async function workOrderWithLine(w: World, options: { skipHealthCheck?: boolean } = {}) {
  const service = w.sandbox.records(w.fsm, 'Service_And_Parts')[0];
  const { id } = await w.client.fsm.workOrders.create({ Summary: 'AC service', Service_Line_Items: [{ Service: String(service?.id), Quantity: 1 }] }, options);
  const line = (await w.client.fsm.workOrders.get(id)).Service_Line_Items?.[0];
  if (!line) throw new Error('the work order has no service line');
  return { id, lineId: line.id };
}

const CREATES = {
  work_order: (w: World, o: { skipHealthCheck?: boolean } = {}) => w.client.fsm.workOrders.create({ Summary: 'Fix the boiler' }, o),
  service_appointment: async (w: World, o: { skipHealthCheck?: boolean } = {}) => {
    const { lineId } = await workOrderWithLine(w, { skipHealthCheck: true });
    return w.client.fsm.serviceAppointments.create(
      { Summary: 'Visit', Scheduled_Start_Date_Time: '2026-01-02T09:00:00+00:00', Scheduled_End_Date_Time: '2026-01-02T11:00:00+00:00', $Service_Line_Items: [lineId] },
      o,
    );
  },
  asset: (w: World, o: { skipHealthCheck?: boolean } = {}) => w.client.fsm.assets.create({ Name: 'Split AC | MS-Q02', Product: String(w.sandbox.records(w.fsm, 'Service_And_Parts')[0]?.id) }, o),
} as const;

describe('creates while the finance organisation is healthy', () => {
  it('creates a work order, a service appointment and an asset, checking the org before each create', async () => {
    const w = world();
    await CREATES.work_order(w);
    await CREATES.service_appointment(w);
    await CREATES.asset(w);
    expect(w.sandbox.records(w.fsm, 'Service_Appointments')).toHaveLength(1);
    expect(w.checks(), 'GET /organizations calls: the work order, the appointment and the asset').toBe(3);
  });

  it('with ttlMs, checks the org once for every create within it', async () => {
    const w = world({ healthGuard: { ttlMs: 60_000 } });
    await CREATES.work_order(w);
    await CREATES.service_appointment(w);
    await CREATES.asset(w);
    expect(w.sandbox.records(w.fsm, 'Work_Orders')).toHaveLength(2);
    expect(w.sandbox.records(w.fsm, 'Service_Appointments')).toHaveLength(1);
    expect(w.sandbox.records(w.fsm, 'Assets')).toHaveLength(1);
    expect(w.checks(), 'GET /organizations calls for four creates within ttlMs').toBe(1);
  });

  it('concurrent creates share one check', async () => {
    const w = world();
    await Promise.all([CREATES.work_order(w), CREATES.work_order(w), CREATES.asset(w)]);
    expect(w.checks()).toBe(1);
  });

  it('companies, contacts and parts are never checked', async () => {
    const w = world();
    w.deleteBooks();
    await w.client.fsm.companies.create({ Company_Name: 'Acme' });
    expect(w.checks()).toBe(0);
  });
});

describe('after the Books organisation is deleted', () => {
  it.each(Object.keys(CREATES) as Array<keyof typeof CREATES>)('refuses to create a %s with FINANCE_ORG_DELETED, sending nothing to FSM', async (record) => {
    const w = world();
    const { lineId } = await workOrderWithLine(w); // while healthy: the guard learns the org's name
    w.deleteBooks(); // the very next create is refused: nothing to forget, no time to wait
    const before = w.fsmPosts();
    const attempts = {
      work_order: () => CREATES.work_order(w),
      service_appointment: () => w.client.fsm.serviceAppointments.create({ Summary: 'Visit', Scheduled_Start_Date_Time: '2026-01-02T09:00:00+00:00', Scheduled_End_Date_Time: '2026-01-02T11:00:00+00:00', $Service_Line_Items: [lineId] }),
      asset: () => CREATES.asset(w),
    };
    const error = await rejection(attempts[record]());
    expect(error).toBeInstanceOf(IntegrationHealthError);
    expect(error).toMatchObject({ code: 'FINANCE_ORG_DELETED', details: { record, organizationId: w.books } });
    expect((error as Error).message).toMatch(/^Cannot create .*: Zoho Books organisation "Zylker Books" \(\d+\) bound to this FSM organisation was deleted .* switch to another organisation with OrgSelector\.switch\(\), or contact support@zohofsm\.com/);
    expect(w.fsmPosts() - before, 'POSTs that reached FSM').toBe(0);
  });

  it('names the org by its id when it was never seen listed', async () => {
    const w = world();
    w.deleteBooks();
    expect(await rejection(CREATES.work_order(w))).toMatchObject({ message: expect.stringContaining(`Cannot create work orders: Zoho Books organisation ${w.books} bound to this FSM organisation was deleted`) });
  });

  it('still creates with { skipHealthCheck: true }, and with healthGuard: false without any check', async () => {
    const w = world();
    w.deleteBooks();
    await CREATES.work_order(w, { skipHealthCheck: true });
    await CREATES.service_appointment(w, { skipHealthCheck: true });
    await CREATES.asset(w, { skipHealthCheck: true });
    expect(w.checks()).toBe(0);

    const off = world({ healthGuard: false });
    off.deleteBooks();
    await CREATES.work_order(off);
    await CREATES.asset(off);
    expect(off.client.fsm.healthGuard).toBeUndefined();
    expect(off.checks()).toBe(0);
    expect(off.sandbox.records(off.fsm, 'Assets')).toHaveLength(1);
  });

  it('reads and updates of work orders go on', async () => {
    const w = world();
    const { id } = await CREATES.work_order(w);
    w.deleteBooks();
    w.client.fsm.healthGuard?.forget();
    await w.client.fsm.workOrders.update(id, { Priority: 'High' });
    expect((await w.client.fsm.workOrders.get(id)).Priority).toBe('High');
    expect(await w.client.fsm.workOrders.list().toArray()).toHaveLength(1);
  });

  it('OrgSelector.assertCanCreate refuses with the same code and message', async () => {
    const w = world();
    const selector = new OrgSelector({ client: w.client });
    await selector.select({ choice: 'existing_books', organizationId: w.books });
    await CREATES.work_order(w); // the guard learns the org's name while it is listed
    w.deleteBooks();
    await w.clock.advance(60_000);
    const fromClient = await rejection(CREATES.asset(w));
    const fromSelector = await rejection(selector.assertCanCreate('asset'));
    expect(fromClient).toMatchObject({ code: 'FINANCE_ORG_DELETED', message: (fromSelector as Error).message });
    expect(fromSelector).toMatchObject({ code: 'FINANCE_ORG_DELETED', details: { record: 'asset' } });
  });
});

describe('the verdict cache follows the client clock', () => {
  it('keeps a verdict for ttlMs, checks again after it, and sees a restored org', async () => {
    const w = world({ healthGuard: { ttlMs: 30_000 } });
    await CREATES.work_order(w);
    w.deleteBooks();
    await w.clock.advance(29_999);
    await CREATES.work_order(w); // the healthy verdict still stands
    expect(w.checks()).toBe(1);

    await w.clock.advance(1);
    expect(await rejection(CREATES.work_order(w))).toMatchObject({ code: 'FINANCE_ORG_DELETED' });
    expect(await rejection(CREATES.asset(w))).toMatchObject({ code: 'FINANCE_ORG_DELETED' });
    expect(w.checks(), 'the deleted verdict is cached too').toBe(2);

    w.sandbox.updateOrg(w.books, { deleted: false });
    await w.clock.advance(30_000);
    await CREATES.asset(w);
    expect(w.checks()).toBe(3);
  });

  it('a finance reply refusing the org (HTTP 403) makes the next create check again', async () => {
    const w = world();
    await CREATES.work_order(w);
    w.deleteBooks();
    expect(await rejection(w.client.finance.contacts.list().toArray())).toMatchObject({ status: 403 });
    expect(await rejection(CREATES.work_order(w))).toMatchObject({ code: 'FINANCE_ORG_DELETED' });
    expect(w.checks()).toBe(2);
  });
});

describe('when the check itself fails', () => {
  it('lets the create through by default, and tries again only after ttlMs', async () => {
    const w = world({ healthGuard: { ttlMs: 60_000 } });
    w.deleteBooks();
    w.sandbox.faults.next({ match: { method: 'GET', path: '/organizations' }, fault: 'server-error' });
    await CREATES.work_order(w);
    await CREATES.work_order(w);
    expect(w.checks()).toBe(1);
    await w.clock.advance(60_000);
    expect(await rejection(CREATES.work_order(w))).toMatchObject({ code: 'FINANCE_ORG_DELETED' });
  });

  it("refuses with the check's error under onCheckError: 'block', and checks again on the next create", async () => {
    const w = world({ healthGuard: { onCheckError: 'block' } });
    w.sandbox.faults.next({ match: { method: 'GET', path: '/organizations' }, fault: 'server-error' });
    const error = await rejection(CREATES.work_order(w));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(IntegrationHealthError);
    await CREATES.work_order(w);
    expect(w.checks()).toBe(2);
    expect(w.sandbox.records(w.fsm, 'Work_Orders')).toHaveLength(1);
  });

  it('refuses a malformed healthGuard option at construction', () => {
    expect(() => world({ healthGuard: { ttlMs: -1 } })).toThrow(ConfigError);
  });
});

describe('no finance organisation configured', () => {
  it('has no guard: creates are not checked', async () => {
    const w = world();
    const client = new IntegrationClient({ region: 'us', auth: { accessToken: w.sandbox.accessToken() }, transport: createFetchTransport({ fetch: w.sandbox.fetch }), clock: w.clock });
    w.deleteBooks();
    expect(client.fsm.healthGuard).toBeUndefined();
    await client.fsm.workOrders.create({ Summary: 'Unbound' });
    expect(w.checks()).toBe(0);
  });
});
