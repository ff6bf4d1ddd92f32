import { describe, expect, it } from 'vitest';
import { IntegrationClient } from '../../src/client/integration-client.js';
import { ManualClock } from '../../src/manual-clock.js';
import { createSandbox } from '../../src/sandbox/index.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import { rejection } from '../helpers/rejection.js';
import { SandboxApi } from './helpers.js';

function world() {
  const clock = new ManualClock({ autoAdvance: true });
  const sandbox = createSandbox({ clock, users: [{ email: 'quotes@example.com', books: [{}], invoice: [], fsm: { records: { customers: 3, items: 8 } } }] });
  const fsm = sandbox.orgs({ app: 'fsm' })[0]?.organizationId ?? '';
  const client = new IntegrationClient({ region: 'us', auth: { accessToken: sandbox.accessToken() }, transport: createFetchTransport({ fetch: sandbox.fetch }), clock, retry: { retries: 0 } });
  const company = sandbox.records(fsm, 'Companies')[0];
  const contact = sandbox.records(fsm, 'Contacts').find((c) => (c.Company as { id?: string } | undefined)?.id === company?.id);
  const service = sandbox.records(fsm, 'Service_And_Parts').find((p) => p.Type === 'Service');
  return { sandbox, fsm, client, api: new SandboxApi(sandbox), company: String(company?.id), contact: String(contact?.id), service: String(service?.id) };
}

type World = ReturnType<typeof world>;

function boilerQuote(w: World) {
  return w.client.fsm.estimates.create({
    Summary: 'Replace the boiler',
    Company: w.company,
    Contact: w.contact,
    Billing_Address: { Street_1: '1 Main St', City: 'Austin' },
    Service_Line_Items: [{ Service: w.service, Quantity: 1, List_Price: 900 }],
  });
}

describe('sandbox FSM Estimates', () => {
  it('creates an estimate numbered ES1, Draft, with its lookups as {name, id} and lines with ids', async () => {
    const w = world();
    const { id } = await boilerQuote(w);
    const estimate = await w.client.fsm.estimates.get(id);
    expect(estimate).toMatchObject({
      Name: 'ES1', Summary: 'Replace the boiler', Status: 'Draft',
      Company: { id: w.company, name: expect.any(String) }, Contact: { id: w.contact },
      Billing_Address: { Street_1: '1 Main St', City: 'Austin' },
    });
    expect(estimate.Service_Line_Items).toEqual([expect.objectContaining({ id: expect.stringMatching(/^\d{19}$/), Service: { id: w.service, name: expect.any(String) }, Quantity: 1 })]);
    expect(estimate.Service_Line_Items?.[0]?.Billing_Status).toBeUndefined();
    expect((await boilerQuote(w)).id).not.toBe(id);
    expect((await w.client.fsm.estimates.list().toArray()).map((e) => e.Name).sort()).toEqual(['ES1', 'ES2']);
  });

  it('updates status, link and lines (line ids kept), and deletes an estimate', async () => {
    const w = world();
    const { id } = await boilerQuote(w);
    const [line] = (await w.client.fsm.estimates.get(id)).Service_Line_Items ?? [];
    await w.client.fsm.estimates.update(id, { Status: 'Accepted', ZBilling_Id: '460000000026049', Service_Line_Items: [{ id: line?.id, Quantity: 2 }, { Service: w.service, Quantity: 1 }] });
    const after = await w.client.fsm.estimates.get(id);
    expect(after).toMatchObject({ Status: 'Accepted', ZBilling_Id: '460000000026049' });
    expect(after.Service_Line_Items?.map((l) => [l.id === line?.id, l.Quantity])).toEqual([[true, 2], [false, 1]]);
    expect((await w.api.fsm('DELETE', `/Estimates/${id}`)).status).toBe(200);
    expect((await w.api.fsm('GET', `/Estimates/${id}`)).status).toBe(404);
  });

  it('searches estimates by Status, Company, Summary and ZBilling_Id', async () => {
    const w = world();
    const { id } = await boilerQuote(w);
    await w.client.fsm.estimates.create({ Summary: 'Annual check' });
    await w.client.fsm.estimates.update(id, { Status: 'Sent', ZBilling_Id: '460000000026049' });
    const ids = async (field: 'Status' | 'Company' | 'Summary' | 'ZBilling_Id', value: string, comparator?: 'contains') =>
      (await w.client.fsm.estimates.search(field, value, comparator ? { comparator } : {}).toArray()).map((e) => e.id);
    expect(await ids('Status', 'Sent')).toEqual([id]);
    expect(await ids('Company', w.company)).toEqual([id]);
    expect(await ids('Summary', 'boiler', 'contains')).toEqual([id]);
    expect(await ids('ZBilling_Id', '460000000026049')).toEqual([id]);
    expect(await ids('Status', 'Declined')).toEqual([]);
  });

  it('refuses an estimate without Summary (MANDATORY_NOT_FOUND) and a Company that does not exist (INVALID_DATA)', async () => {
    const w = world();
    const missing = await rejection(w.client.request({ service: 'fsm', method: 'POST', path: '/Estimates', body: { data: [{ Status: 'Draft' }] } }));
    expect(missing).toMatchObject({ zohoCode: 'MANDATORY_NOT_FOUND', details: { field: 'Summary' } });
    const badCompany = await rejection(w.client.fsm.estimates.create({ Summary: 'Quote', Company: '4150868000009999999' }));
    expect(badCompany).toMatchObject({ zohoCode: 'INVALID_DATA', details: { field: 'Company' } });
  });

  it('is an FSM module the inspection API knows', () => {
    const w = world();
    const created = w.sandbox.insert(w.fsm, 'Estimates', { Summary: 'From the UI' });
    expect(w.sandbox.record(w.fsm, 'Estimates', String(created.id))).toMatchObject({ Name: 'ES1', Status: 'Draft' });
  });
});
