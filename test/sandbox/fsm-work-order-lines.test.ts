import { describe, expect, it } from 'vitest';
import { IntegrationClient } from '../../src/client/integration-client.js';
import { ManualClock } from '../../src/manual-clock.js';
import { createSandbox } from '../../src/sandbox/index.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import { rejection } from '../helpers/rejection.js';
import { SandboxApi } from './helpers.js';

type Line = { id: string; Quantity?: number; Billing_Status?: string; Invoice_Id?: string | null; Service?: { id: string; name: string }; Part_Line_Items?: Array<{ id: string; Part?: { id: string; name: string }; Quantity?: number }> };

function world(records: { customers: number; items: number; workOrders?: number } = { customers: 3, items: 8 }) {
  const clock = new ManualClock({ autoAdvance: true });
  const sandbox = createSandbox({ clock, users: [{ email: 'lines@example.com', books: [{}], invoice: [], fsm: { records } }] });
  const fsm = sandbox.orgs({ app: 'fsm' })[0]?.organizationId ?? '';
  const client = new IntegrationClient({ region: 'us', auth: { accessToken: sandbox.accessToken() }, transport: createFetchTransport({ fetch: sandbox.fetch }), clock, retry: { retries: 0 } });
  const products = sandbox.records(fsm, 'Service_And_Parts');
  const service = String(products.find((p) => p.Type === 'Service')?.id);
  const part = String(products.find((p) => p.Type === 'Part')?.id);
  return { sandbox, fsm, client, clock, api: new SandboxApi(sandbox), service, part };
}

type World = ReturnType<typeof world>;

async function orderWithLines(w: World): Promise<{ id: string; lines: Line[] }> {
  const { id } = await w.client.fsm.workOrders.create({
    Summary: 'AC service',
    Service_Line_Items: [
      { Service: w.service, Quantity: 1, Part_Line_Items: [{ Part: w.part, Quantity: 2 }] },
      { Service: w.service, Quantity: 3 },
    ],
  });
  return { id, lines: (await w.client.fsm.workOrders.get(id)).Service_Line_Items as Line[] };
}

async function linesOf(w: World, id: string): Promise<Line[]> {
  return (await w.client.fsm.workOrders.get(id)).Service_Line_Items as Line[];
}

describe('sandbox FSM work-order lines', () => {
  it('gives every service line and part line an id on create, Not yet Invoiced, with Service and Part as {name, id}', async () => {
    const w = world();
    const { lines } = await orderWithLines(w);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatchObject({ id: expect.stringMatching(/^\d{19}$/), Billing_Status: 'Not yet Invoiced', Service: { id: w.service, name: expect.any(String) } });
    expect(lines[0]?.Part_Line_Items).toEqual([expect.objectContaining({ id: expect.stringMatching(/^\d{19}$/), Quantity: 2, Part: { id: w.part, name: expect.any(String) } })]);
    expect(new Set([...lines.map((l) => l.id), ...(lines[0]?.Part_Line_Items ?? []).map((p) => p.id)]).size).toBe(3);
  });

  it('keeps line ids across edits: an id edits its line, no id adds one, $fsm_delete removes one', async () => {
    const w = world();
    const { id, lines } = await orderWithLines(w);
    const [first, second] = lines;
    const partId = first?.Part_Line_Items?.[0]?.id;
    await w.client.fsm.workOrders.update(id, {
      Service_Line_Items: [
        { id: first?.id, Quantity: 5, Part_Line_Items: [{ id: partId, Quantity: 7 }, { Part: w.part, Quantity: 1 }] },
        { id: second?.id, $fsm_delete: true },
        { Service: w.service, Quantity: 9 },
      ],
    });
    const after = await linesOf(w, id);
    expect(after.map((l) => [l.id === first?.id, l.Quantity])).toEqual([[true, 5], [false, 9]]);
    expect(after[0]).toMatchObject({ Service: { id: w.service }, Billing_Status: 'Not yet Invoiced' });
    expect(after[0]?.Part_Line_Items?.map((p) => [p.id === partId, p.Quantity])).toEqual([[true, 7], [false, 1]]);
    expect(after[1]?.id).not.toBe(second?.id);
    // An edit that does not name part lines keeps them.
    await w.client.fsm.workOrders.update(id, { Service_Line_Items: [{ id: first?.id, Description: 'Outdoor unit' }] });
    expect((await linesOf(w, id))[0]?.Part_Line_Items).toHaveLength(2);
  });

  it('refuses a line id that is not a line of the work order with INVALID_DATA, and changes nothing', async () => {
    const w = world();
    const { id, lines } = await orderWithLines(w);
    const before = w.sandbox.record(w.fsm, 'Work_Orders', id);
    const error = await rejection(w.client.fsm.workOrders.update(id, { Service_Line_Items: [{ id: lines[0]?.id, Quantity: 4 }, { id: '4150868000009999999', Quantity: 1 }] }));
    expect(error).toMatchObject({ zohoCode: 'INVALID_DATA', details: { field: 'Service_Line_Items', fsmDetails: { json_path: '$.Service_Line_Items[1].id' } } });
    expect(w.sandbox.record(w.fsm, 'Work_Orders', id)).toEqual(before);
  });

  it('refuses a Service that is not a Service_And_Parts record (INVALID_DATA on Service)', async () => {
    const w = world();
    const error = await rejection(w.client.fsm.workOrders.create({ Summary: 'Bad line', Service_Line_Items: [{ Service: '4150868000009999999', Quantity: 1 }] }));
    expect(error).toMatchObject({ zohoCode: 'INVALID_DATA', details: { field: 'Service', fsmDetails: { json_path: '$.Service_Line_Items[0].Service' } } });
  });

  it('writes Billing_Status and Invoice_Id of a line over PUT and moves Modified_Time', async () => {
    const w = world();
    const { id, lines } = await orderWithLines(w);
    const before = await w.client.fsm.workOrders.get(id);
    await w.clock.advance(5_000);
    const reply = await w.api.fsm('PUT', `/Work_Orders/${id}`, { data: [{ Service_Line_Items: [{ id: lines[0]?.id, Billing_Status: 'Invoiced', Invoice_Id: '460000000026049' }] }] });
    expect(reply.status).toBe(200);
    expect(reply.body.data[0]).toMatchObject({ code: 'SUCCESS', status: 'success' });
    const after = await w.client.fsm.workOrders.get(id);
    expect(after.Service_Line_Items?.map((l) => [l.Billing_Status, l.Invoice_Id ?? null, l.Quantity])).toEqual([['Invoiced', '460000000026049', 1], ['Not yet Invoiced', null, 3]]);
    expect(Date.parse(String(after.Modified_Time))).toBeGreaterThan(Date.parse(String(before.Modified_Time)));
  });

  it('refuses any other Billing_Status with a per-record INVALID_DATA, and changes nothing', async () => {
    const w = world();
    const { id, lines } = await orderWithLines(w);
    const before = w.sandbox.record(w.fsm, 'Work_Orders', id);
    await w.clock.advance(5_000);
    const reply = await w.api.fsm('PUT', `/Work_Orders/${id}`, { data: [{ Summary: 'Renamed', Service_Line_Items: [{ id: lines[0]?.id, Billing_Status: 'Invoiced' }, { id: lines[1]?.id, Billing_Status: 'Paid' }] }] });
    expect(reply.status).toBe(400);
    expect(reply.body.data[0]).toMatchObject({ code: 'INVALID_DATA', status: 'error', details: { api_name: 'Billing_Status', json_path: '$.Service_Line_Items[1].Billing_Status' } });
    expect(w.sandbox.record(w.fsm, 'Work_Orders', id)).toEqual(before);
  });

  it('keeps a line that an appointment covers on the work order, and the appointment still finds it after a billing edit', async () => {
    const w = world();
    const { id, lines } = await orderWithLines(w);
    const when = { Scheduled_Start_Date_Time: '2026-01-02T09:00:00+00:00', Scheduled_End_Date_Time: '2026-01-02T11:00:00+00:00' };
    await w.client.fsm.serviceAppointments.create({ Summary: 'Visit', ...when, $Service_Line_Items: [String(lines[0]?.id)] });
    await w.client.fsm.workOrders.setLineBillingStatus(id, [{ lineId: String(lines[0]?.id), status: 'Invoiced', invoiceId: '460000000026049' }]);
    expect((await linesOf(w, id)).map((l) => l.id)).toEqual(lines.map((l) => l.id));
    const second = await w.client.fsm.serviceAppointments.create({ Summary: 'Second visit', ...when, $Service_Line_Items: [String(lines[0]?.id)] });
    expect(await w.client.fsm.serviceAppointments.get(second.id)).toMatchObject({ Work_Order: { id } });
  });
});

describe('client.fsm.workOrders.setLineBillingStatus', () => {
  it('sets the status (and invoice) of the lines named in one PUT, leaving the other lines as they were', async () => {
    const w = world();
    const { id, lines } = await orderWithLines(w);
    const puts = w.sandbox.calls.count({ method: 'PUT', app: 'fsm' });
    const result = await w.client.fsm.workOrders.setLineBillingStatus(id, [
      { lineId: String(lines[0]?.id), status: 'Invoiced', invoiceId: '460000000026049' },
      { lineId: String(lines[1]?.id), status: 'Non Billable' },
    ]);
    expect(result.id).toBe(id);
    expect(w.sandbox.calls.count({ method: 'PUT', app: 'fsm' }) - puts).toBe(1);
    const after = await linesOf(w, id);
    expect(after.map((l) => [l.Billing_Status, l.Invoice_Id ?? null, l.Quantity])).toEqual([['Invoiced', '460000000026049', 1], ['Non Billable', null, 3]]);
    expect(after[0]?.Part_Line_Items).toHaveLength(1);
    await w.client.fsm.workOrders.setLineBillingStatus(id, [{ lineId: String(lines[0]?.id), status: 'Void' }]);
    expect((await linesOf(w, id))[0]).toMatchObject({ Billing_Status: 'Void', Invoice_Id: '460000000026049' });
    await w.client.fsm.workOrders.setLineBillingStatus(id, [{ lineId: String(lines[0]?.id), status: 'Not yet Invoiced', invoiceId: null }]);
    expect((await linesOf(w, id))[0]).toMatchObject({ Billing_Status: 'Not yet Invoiced', Invoice_Id: null });
  });

  it.each([
    ['no updates', []],
    ['a line given twice', [{ lineId: '1', status: 'Invoiced' }, { lineId: '1', status: 'Void' }]],
    ['an unknown status', [{ lineId: '1', status: 'Paid' }]],
    ['a line id that is not a Zoho id', [{ lineId: '../x', status: 'Invoiced' }]],
  ])('refuses %s with INVALID_INPUT before sending anything', async (_case, updates) => {
    const w = world();
    const { id } = await orderWithLines(w);
    const calls = w.sandbox.calls.count({ app: 'fsm' });
    const error = await rejection(w.client.fsm.workOrders.setLineBillingStatus(id, updates as never));
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(w.sandbox.calls.count({ app: 'fsm' })).toBe(calls);
  });

  it('reports FSM refusing a line that is not on the work order as an ApiError naming the field', async () => {
    const w = world();
    const { id } = await orderWithLines(w);
    const error = await rejection(w.client.fsm.workOrders.setLineBillingStatus(id, [{ lineId: '4150868000009999999', status: 'Invoiced' }]));
    expect(error).toMatchObject({ zohoCode: 'INVALID_DATA', details: { field: 'Service_Line_Items' } });
  });
});

describe('seeded billable work orders', () => {
  it('seeds work orders after the first with service and part lines on seeded products, a customer, addresses, none linked to Books', () => {
    const w = world({ customers: 12, items: 16, workOrders: 6 });
    const orders = w.sandbox.records(w.fsm, 'Work_Orders') as Array<Record<string, any>>;
    expect(orders).toHaveLength(6);
    const productIds = new Set(w.sandbox.records(w.fsm, 'Service_And_Parts').map((p) => p.id));
    const billable = orders.slice(1);
    for (const order of billable) {
      expect(order.Company ?? order.Contact).toMatchObject({ id: expect.any(String), name: expect.any(String) });
      expect(order.Billing_Address).toMatchObject({ Street_1: expect.any(String), City: expect.any(String) });
      expect(order.Service_Address).toMatchObject({ Address_Name: 'Site' });
      for (const line of order.Service_Line_Items as Line[]) {
        expect(line).toMatchObject({ id: expect.any(String), Billing_Status: 'Not yet Invoiced' });
        expect(productIds.has(String(line.Service?.id))).toBe(true);
        for (const part of line.Part_Line_Items ?? []) expect(productIds.has(String(part.Part?.id))).toBe(true);
      }
    }
    expect(billable.map((o) => ((o.Service_Line_Items as Line[])[0]?.Part_Line_Items ?? []).length > 0)).toEqual(billable.map(() => true));
    expect(billable.some((o) => o.Company === undefined && o.Contact !== undefined)).toBe(true);
    const companies = w.sandbox.records(w.fsm, 'Companies');
    const billedCompanies = billable.flatMap((o) => (o.Company ? [companies.find((c) => c.id === o.Company.id)] : []));
    expect(billedCompanies.length).toBeGreaterThan(0);
    for (const company of billedCompanies) expect(company?.ZBilling_Id ?? '').toBe('');
  });

  it('seeds the first work order as before: one service line on a company', () => {
    const w = world({ customers: 12, items: 16, workOrders: 1 });
    const [order] = w.sandbox.records(w.fsm, 'Work_Orders') as Array<Record<string, any>>;
    expect(order?.Service_Line_Items).toHaveLength(1);
    expect(order?.Service_Line_Items[0]).toMatchObject({ Billing_Status: 'Not yet Invoiced', Part_Line_Items: [] });
    expect(order?.Company).toBeDefined();
  });
});
