import { describe, expect, it } from 'vitest';
import { testSandbox, orgId, SandboxApi } from './helpers.js';

const FSM_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

function setup(records = 0) {
  const sandbox = testSandbox({ records });
  return { sandbox, api: new SandboxApi(sandbox), books: orgId(sandbox, 'books'), fsm: orgId(sandbox, 'fsm') };
}

describe('sandbox FSM modules', () => {
  it('creates a company: 201 with result/code/data[UID, system fields]', async () => {
    const { api } = setup();
    const res = await api.fsm('POST', '/Companies', { data: [{ Company_Name: 'Zylker', Email: 'ops@zylker.example' }] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ result: 'success', code: 'SUCCESS' });
    const [entry] = res.body.data;
    expect(entry).toMatchObject({ UID: 'Companies_0', Created_By: { name: 'Owner' }, Modified_By: { name: 'Owner' } });
    expect(entry.id).toMatch(/^\d{19}$/);
    expect(entry.Created_Time).toMatch(FSM_TIME);
  });

  it('creates Service_And_Parts with its own reply shape (status, data.Service_And_Parts, TabName)', async () => {
    const { api } = setup();
    const res = await api.fsm('POST', '/Service_And_Parts', { data: [{ Name: 'AC Service', Type: 'Service', Unit_Price: 90 }] });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('success');
    expect(res.body.data.Service_And_Parts[0]).toMatchObject({ TabName: 'Products', UID: 'Service_And_Parts_0' });
  });

  it('refuses a contact without Last_Name or Email with MANDATORY_NOT_FOUND', async () => {
    const { api } = setup();
    const res = await api.fsm('POST', '/Contacts', { data: [{ First_Name: 'Nope', Email: 'n@x.example' }] });
    expect(res.status).toBe(400);
    expect(res.body.data[0]).toEqual({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Last_Name' }, message: 'required field not found', status: 'error' });
  });

  it('gets a record with lookups as {name, id} and updates it with “record updated”', async () => {
    const { api } = setup();
    const company = (await api.fsm('POST', '/Companies', { data: [{ Company_Name: 'Lookup Co' }] })).body.data[0];
    const contact = (await api.fsm('POST', '/Contacts', { data: [{ Last_Name: 'Doe', First_Name: 'Jan', Email: 'jan@l.example', Company: company.id }] })).body.data[0];
    const got = await api.fsm('GET', `/Contacts/${contact.id}`);
    expect(got.body.data[0]).toMatchObject({ id: contact.id, Full_Name: 'Jan Doe', Company: { name: 'Lookup Co', id: company.id }, $editable: true });
    const updated = await api.fsm('PUT', `/Contacts/${contact.id}`, { data: [{ Phone: '+1 555' }] });
    expect(updated.status).toBe(200);
    expect(updated.body.data[0]).toMatchObject({ code: 'SUCCESS', message: 'record updated', status: 'success', details: { id: contact.id } });
    expect((await api.fsm('PUT', `/Contacts/${contact.id}`, { data: [{ Company: '999' }] })).body.data[0].code).toBe('INVALID_DATA');
    const missing = await api.fsm('GET', '/Contacts/4150868999999999999');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('INVALID_DATA');
    expect((await api.fsm('DELETE', `/Contacts/${contact.id}`)).body.data[0].message).toBe('record deleted');
  });

  it('lists newest first with info, answers 204 with no body when empty, and 400 for an unknown module', async () => {
    const { api } = setup(3);
    const list = await api.fsm('GET', '/Service_And_Parts');
    expect(list.body.info).toEqual({ per_page: 200, count: 3, page: 1, more_records: false });
    const times = list.body.data.map((r: { Created_Time: string }) => Date.parse(r.Created_Time));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const empty = await api.fsm('GET', '/Work_Orders');
    expect(empty.status).toBe(204);
    expect(empty.body).toBeUndefined();
    expect((await api.fsm('GET', '/Deals')).body.code).toBe('INVALID_MODULE');
  });

  it('searches by a documented field (equal, contains) and by Modified_Time', async () => {
    const { sandbox, api, fsm } = setup(10);
    const company = sandbox.records(fsm, 'Companies')[0]!;
    const name = String(company.Company_Name);
    const equal = await api.fsm('GET', `/Companies/search?api_name=Company_Name&value=${encodeURIComponent(name.toUpperCase())}`);
    expect(equal.body.data.map((r: { id: string }) => r.id)).toEqual([company.id]);
    const contains = await api.fsm('GET', `/Companies/search?api_name=Company_Name&comparator=contains&value=${encodeURIComponent(name.slice(1, 5))}`);
    expect(contains.body.data.length).toBeGreaterThanOrEqual(1);
    await sandbox.manualClock.advance(5_000);
    const since = new Date(sandbox.clock.now()).toISOString();
    sandbox.edit(fsm, 'Companies', String(company.id), { Phone: '+1 000' });
    const changed = await api.fsm('GET', `/Companies/search?api_name=Modified_Time&comparator=greater_equal&value=${encodeURIComponent(since)}`);
    expect(changed.body.data.map((r: { id: string }) => r.id)).toEqual([company.id]);
    expect((await api.fsm('GET', '/Companies/search?api_name=Fax&value=1')).status).toBe(400);
    expect((await api.fsm('GET', '/Companies/search?api_name=Company_Name&value=nobody')).status).toBe(204);
  });

  it('process_sync links, unlinks and pushes companies, contacts and services to the bound finance org', async () => {
    const { sandbox, api, books } = setup();
    const company = (await api.fsm('POST', '/Companies', { data: [{ Company_Name: 'Sync Co', Billing_Address: { City: 'Austin' } }] })).body.data[0];
    const pushed = await api.fsm('POST', `/Companies/${company.id}/actions/process_sync?sync_service=finance`, { sync_process: 'push' });
    expect(pushed.status).toBe(200);
    expect(pushed.body.data[0]).toMatchObject({ code: 'SUCCESS', message: 'record pushed' });
    const billingId = pushed.body.data[0].details.ZBilling_Id;
    expect(sandbox.record(books, 'contacts', billingId)).toMatchObject({ contact_name: 'Sync Co', customer_sub_type: 'business' });
    expect((await api.fsm('GET', `/Companies/${company.id}`)).body.data[0].ZBilling_Id).toBe(billingId);

    const person = (await api.fsm('POST', '/Contacts', { data: [{ Last_Name: 'Lee', Email: 'lee@sync.example', Company: company.id }] })).body.data[0];
    const personPush = await api.fsm('POST', `/Contacts/${person.id}/actions/process_sync?sync_service=finance`, { sync_process: 'push' });
    const personId = personPush.body.data[0].details.ZBilling_Id;
    expect(sandbox.record(books, 'contactpersons', personId)).toMatchObject({ contact_id: billingId, email: 'lee@sync.example' });

    const unlinked = await api.fsm('POST', `/Companies/${company.id}/actions/process_sync?sync_service=finance`, { sync_process: 'unlink' });
    expect(unlinked.body.data[0].message).toBe('record unlinked');
    expect((await api.fsm('GET', `/Companies/${company.id}`)).body.data[0]).not.toHaveProperty('ZBilling_Id');
    const linked = await api.fsm('POST', `/Companies/${company.id}/actions/process_sync?sync_service=finance`, { integ_id: billingId, sync_process: 'link' });
    expect(linked.body.data[0]).toMatchObject({ message: 'record linked', details: { ZBilling_Id: billingId } });
    const badLink = await api.fsm('POST', `/Companies/${company.id}/actions/process_sync?sync_service=finance`, { integ_id: '1', sync_process: 'link' });
    expect(badLink.body.data[0]).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'integ_id' } });

    const part = (await api.fsm('POST', '/Service_And_Parts', { data: [{ Name: 'Filter', Type: 'Part', Unit_Price: 12 }] })).body.data.Service_And_Parts[0];
    const partPush = await api.fsm('POST', `/Service_And_Parts/${part.id}/actions/process_sync?sync_service=finance`, { sync_process: 'push' });
    expect(sandbox.record(books, 'items', partPush.body.data[0].details.ZBilling_Id)).toMatchObject({ name: 'Filter', rate: 12, product_type: 'goods' });

    const wo = (await api.fsm('POST', '/Work_Orders', { data: [{ Summary: 'Fix' }] })).body.data[0];
    expect((await api.fsm('POST', `/Work_Orders/${wo.id}/actions/process_sync?sync_service=finance`, { sync_process: 'push' })).body.data[0].code).toBe('NOT_SUPPORTED');
  });

  it('reports a finance refusal on push (a duplicate customer name)', async () => {
    const { api, books } = setup();
    await api.books('POST', books, '/contacts', { contact_name: 'Taken' });
    const company = (await api.fsm('POST', '/Companies', { data: [{ Company_Name: 'Taken' }] })).body.data[0];
    const res = await api.fsm('POST', `/Companies/${company.id}/actions/process_sync?sync_service=finance`, { sync_process: 'push' });
    expect(res.status).toBe(400);
    expect(res.body.data[0]).toMatchObject({ code: 'INVALID_DATA', details: { finance_code: 3062 } });
  });

  it('deletes work-order line items marked $fsm_delete and numbers work orders WO1, WO2…', async () => {
    const { api } = setup();
    const wo = (await api.fsm('POST', '/Work_Orders', { data: [{ Summary: 'Visit', Service_Line_Items: [{ Quantity: 1 }, { Quantity: 2 }] }] })).body.data[0];
    const before = (await api.fsm('GET', `/Work_Orders/${wo.id}`)).body.data[0];
    expect(before.Name).toBe('WO1');
    const [first] = before.Service_Line_Items;
    await api.fsm('PUT', `/Work_Orders/${wo.id}`, { data: [{ Service_Line_Items: [{ id: first.id, $fsm_delete: true }] }] });
    const after = (await api.fsm('GET', `/Work_Orders/${wo.id}`)).body.data[0];
    expect(after.Service_Line_Items.map((l: { Quantity: number }) => l.Quantity)).toEqual([2]);
  });

  it('answers INVALID_TOKEN (401) without a valid token', async () => {
    const { sandbox } = setup();
    const res = await sandbox.fetch('https://fsm.zoho.com/fsm/v1/Companies', { headers: { authorization: 'Zoho-oauthtoken 1000.bad' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' });
  });
});
