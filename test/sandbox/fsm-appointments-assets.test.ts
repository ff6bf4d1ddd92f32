import { describe, expect, it } from 'vitest';
import { IntegrationClient } from '../../src/client/integration-client.js';
import { ManualClock } from '../../src/manual-clock.js';
import { createSandbox } from '../../src/sandbox/index.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import { rejection } from '../helpers/rejection.js';

function world() {
  const clock = new ManualClock({ autoAdvance: true });
  const sandbox = createSandbox({ clock, users: [{ email: 'fsm@example.com', books: [{}], invoice: [], fsm: { records: { customers: 1, items: 1 } } }] });
  const fsm = sandbox.orgs({ app: 'fsm' })[0]?.organizationId ?? '';
  const client = new IntegrationClient({ region: 'us', auth: { accessToken: sandbox.accessToken() }, transport: createFetchTransport({ fetch: sandbox.fetch }), clock, retry: { retries: 0 } });
  return { sandbox, fsm, client };
}

const WHEN = { Scheduled_Start_Date_Time: '2026-01-02T09:00:00+00:00', Scheduled_End_Date_Time: '2026-01-02T11:00:00+00:00' };

describe('sandbox FSM Service_Appointments', () => {
  it('creates an appointment for a work order’s service lines and links it to that work order', async () => {
    const w = world();
    const service = w.sandbox.records(w.fsm, 'Service_And_Parts')[0];
    const order = await w.client.fsm.workOrders.create({ Summary: 'AC service', Service_Line_Items: [{ Service: String(service?.id), Quantity: 1 }] });
    const line = (await w.client.fsm.workOrders.get(order.id)).Service_Line_Items?.[0];
    const { id } = await w.client.fsm.serviceAppointments.create({ Summary: 'Visit', ...WHEN, $Service_Line_Items: [String(line?.id)] });
    expect(await w.client.fsm.serviceAppointments.get(id)).toMatchObject({ Summary: 'Visit', Work_Order: { id: order.id, name: 'WO1' }, ...WHEN });
  });

  it('refuses lines that are not service lines of a work order (INVALID_DATA on $Service_Line_Items)', async () => {
    const w = world();
    const error = await rejection(w.client.fsm.serviceAppointments.create({ Summary: 'Visit', ...WHEN, $Service_Line_Items: ['4150868000009999999'] }));
    expect(error).toMatchObject({ zohoCode: 'INVALID_DATA', details: { field: '$Service_Line_Items' } });
  });
});

describe('sandbox FSM Assets', () => {
  it('creates an asset with its product and company as lookups; Name is mandatory', async () => {
    const w = world();
    const product = w.sandbox.records(w.fsm, 'Service_And_Parts')[0];
    const company = w.sandbox.records(w.fsm, 'Companies')[0];
    const { id } = await w.client.fsm.assets.create({ Name: 'Split AC | MS-Q02', Product: String(product?.id), Company: String(company?.id) });
    expect(await w.client.fsm.assets.get(id)).toMatchObject({ Name: 'Split AC | MS-Q02', Product: { id: String(product?.id), name: product?.Name }, Company: { id: String(company?.id) } });
    expect(await w.client.fsm.assets.search('Name', 'Split AC | MS-Q02').toArray()).toHaveLength(1);
    const missing = await rejection(w.client.request({ service: 'fsm', method: 'POST', path: '/Assets', body: { data: [{ Description: 'no name' }] } }));
    expect(missing).toMatchObject({ zohoCode: 'MANDATORY_NOT_FOUND', details: { field: 'Name' } });
  });
});
