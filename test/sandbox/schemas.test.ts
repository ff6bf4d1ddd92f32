import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  FinanceContactPersonSchema,
  FinanceContactSchema,
  FinanceEnvelopeSchema,
  FinanceErrorEnvelopeSchema,
  FinanceInvoiceSchema,
  FinanceItemSchema,
  FinanceOrganizationSchema,
  FinanceTaxAuthoritySchema,
  FinanceTaxExemptionSchema,
  FinanceTaxGroupSchema,
  FinanceTaxSchema,
  FsmCompanySchema,
  FsmContactSchema,
  FsmCreateReplySchema,
  FsmErrorReplySchema,
  FsmProcessSyncReplySchema,
  FsmRecordErrorSchema,
  FsmServiceAndPartSchema,
  FsmServiceAndPartsCreateReplySchema,
  FsmUpdateReplySchema,
  FsmWorkOrderSchema,
  financeListEnvelope,
  financeRecordEnvelope,
  fsmListEnvelope,
} from '../../src/schemas/index.js';
import { testSandbox, orgId, SandboxApi, type JsonReply } from './helpers.js';

/** Parses a reply with the client's schema; on failure the message lists every issue with its path. */
function expectShape(schema: z.ZodMiniType, reply: JsonReply, label: string): void {
  const result = schema.safeParse(reply.body);
  const issues = result.success ? '' : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  expect(issues, `${label} (HTTP ${reply.status}) does not match the client's schema`).toBe('');
}

function expectFinanceError(reply: JsonReply, code: number, label: string): void {
  expectShape(FinanceErrorEnvelopeSchema, reply, label);
  expect(reply.body.code, label).toBe(code);
}

describe('sandbox replies match the client’s zod schemas', () => {
  const users = [
    { email: 'us@example.com', books: [{ edition: 'us' as const, records: { customers: 5, items: 5, invoices: 3 } }], invoice: [{}], fsm: { records: { customers: 5, items: 5, workOrders: 3 } } },
    { email: 'in@example.com', region: 'in' as const, books: [{ edition: 'in' as const, records: 5 }], fsm: { records: 5 } },
    { email: 'uk@example.com', region: 'uk' as const, books: [{ edition: 'uk' as const, records: 5 }], fsm: false as const },
    { email: 'ae@example.com', books: [{ edition: 'ae' as const, records: 5 }], fsm: false as const },
  ];
  const sandbox = testSandbox({ users, limits: { perMinute: false } });

  it.each(users.map((u) => [u.email, u.region ?? 'us'] as const))('Books endpoints for %s', async (email, region) => {
    const api = new SandboxApi(sandbox, { email, region });
    const books = orgId(sandbox, 'books', email);
    const list = <K extends string>(key: K, schema: z.ZodMiniType) => financeListEnvelope(key, schema);
    const one = <K extends string>(key: K, schema: z.ZodMiniType) => financeRecordEnvelope(key, schema);

    expectShape(z.extend(FinanceEnvelopeSchema, { organizations: list('organizations', FinanceOrganizationSchema).shape.organizations }), await api.call('GET', api.url('books', '/organizations')), 'GET /organizations');
    expectShape(one('organization', FinanceOrganizationSchema), await api.call('GET', api.url('books', `/organizations/${books}`)), 'GET /organizations/{id}');

    const contacts = await api.books('GET', books, '/contacts');
    expectShape(list('contacts', FinanceContactSchema), contacts, 'GET /contacts');
    const contactId = contacts.body.contacts[0].contact_id;
    expectShape(one('contact', FinanceContactSchema), await api.books('GET', books, `/contacts/${contactId}`), 'GET /contacts/{id}');
    const created = await api.books('POST', books, '/contacts', { contact_name: `Schema ${email}`, contact_persons: [{ first_name: 'A', email: 'a@s.example' }] });
    expectShape(one('contact', FinanceContactSchema), created, 'POST /contacts');
    const newId = created.body.contact.contact_id;
    expectShape(one('contact', FinanceContactSchema), await api.books('PUT', books, `/contacts/${newId}`, { contact_name: `Schema ${email}`, contact_type: 'customer', notes: 'n' }), 'PUT /contacts/{id}');
    expectShape(FinanceEnvelopeSchema, await api.books('POST', books, `/contacts/${newId}/inactive`), 'POST /contacts/{id}/inactive');
    expectShape(FinanceEnvelopeSchema, await api.books('POST', books, `/contacts/${newId}/active`), 'POST /contacts/{id}/active');

    const persons = await api.books('GET', books, `/contacts/${newId}/contactpersons`);
    expectShape(list('contact_persons', FinanceContactPersonSchema), persons, 'GET /contacts/{id}/contactpersons');
    const person = await api.books('POST', books, '/contacts/contactpersons', { contact_id: newId, first_name: 'B' });
    expectShape(one('contact_person', FinanceContactPersonSchema), person, 'POST /contacts/contactpersons');
    const personId = person.body.contact_person.contact_person_id;
    expectShape(one('contact_person', FinanceContactPersonSchema), await api.books('GET', books, `/contacts/${newId}/contactpersons/${personId}`), 'GET contact person');
    expectShape(one('contact_person', FinanceContactPersonSchema), await api.books('PUT', books, `/contacts/contactpersons/${personId}`, { contact_id: newId, first_name: 'B', last_name: 'C' }), 'PUT contact person');
    expectShape(FinanceEnvelopeSchema, await api.books('POST', books, `/contacts/contactpersons/${personId}/primary`), 'POST primary');
    expectShape(FinanceEnvelopeSchema, await api.books('DELETE', books, `/contacts/contactpersons/${personId}`), 'DELETE contact person');

    const items = await api.books('GET', books, '/items');
    expectShape(list('items', FinanceItemSchema), items, 'GET /items');
    const item = await api.books('POST', books, '/items', { name: `Schema item ${email}`, rate: 10 });
    expectShape(one('item', FinanceItemSchema), item, 'POST /items');
    const itemId = item.body.item.item_id;
    expectShape(one('item', FinanceItemSchema), await api.books('GET', books, `/items/${itemId}`), 'GET /items/{id}');
    expectShape(one('item', FinanceItemSchema), await api.books('PUT', books, `/items/${itemId}`, { name: `Schema item ${email}`, rate: 11 }), 'PUT /items/{id}');

    const taxes = await api.books('GET', books, '/settings/taxes');
    expectShape(list('taxes', FinanceTaxSchema), taxes, 'GET /settings/taxes');
    const tax = await api.books('POST', books, '/settings/taxes', { tax_name: 'Schema tax', tax_percentage: 1 });
    expectShape(one('tax', FinanceTaxSchema), tax, 'POST /settings/taxes');
    const taxId = tax.body.tax.tax_id;
    expectShape(one('tax', FinanceTaxSchema), await api.books('GET', books, `/settings/taxes/${taxId}`), 'GET /settings/taxes/{id}');
    expectShape(one('tax', FinanceTaxSchema), await api.books('PUT', books, `/settings/taxes/${taxId}`, { tax_percentage: 2 }), 'PUT /settings/taxes/{id}');
    const group = await api.books('POST', books, '/settings/taxgroups', { tax_group_name: 'Schema group', taxes: taxId });
    expectShape(one('tax_group', FinanceTaxGroupSchema), group, 'POST /settings/taxgroups');
    const groupId = group.body.tax_group.tax_group_id;
    expectShape(one('tax_group', FinanceTaxGroupSchema), await api.books('GET', books, `/settings/taxgroups/${groupId}`), 'GET tax group');
    expectShape(one('tax_group', FinanceTaxGroupSchema), await api.books('PUT', books, `/settings/taxgroups/${groupId}`, { tax_group_name: 'G2' }), 'PUT tax group');
    expectShape(FinanceEnvelopeSchema, await api.books('DELETE', books, `/settings/taxgroups/${groupId}`), 'DELETE tax group');
    expectShape(FinanceEnvelopeSchema, await api.books('DELETE', books, `/settings/taxes/${taxId}`), 'DELETE tax');

    const invoice = await api.books('POST', books, '/invoices', { customer_id: newId, line_items: [{ item_id: itemId, quantity: 1 }] });
    expectShape(one('invoice', FinanceInvoiceSchema), invoice, 'POST /invoices');
    const invoiceId = invoice.body.invoice.invoice_id;
    expectShape(list('invoices', FinanceInvoiceSchema), await api.books('GET', books, '/invoices'), 'GET /invoices');
    expectShape(one('invoice', FinanceInvoiceSchema), await api.books('GET', books, `/invoices/${invoiceId}`), 'GET /invoices/{id}');
    expectShape(one('invoice', FinanceInvoiceSchema), await api.books('PUT', books, `/invoices/${invoiceId}`, { customer_id: newId, line_items: [{ item_id: itemId, quantity: 2 }], notes: 'x' }), 'PUT /invoices/{id}');
    expectShape(FinanceEnvelopeSchema, await api.books('POST', books, `/invoices/${invoiceId}/status/sent`), 'POST status/sent');

    expectFinanceError(await api.books('DELETE', books, `/contacts/${newId}`), 3000, 'DELETE contact with invoices');
    expectShape(FinanceEnvelopeSchema, await api.books('DELETE', books, `/invoices/${invoiceId}`), 'DELETE /invoices/{id}');
    expectShape(FinanceEnvelopeSchema, await api.books('DELETE', books, `/items/${itemId}`), 'DELETE /items/{id}');
    expectShape(FinanceEnvelopeSchema, await api.books('DELETE', books, `/contacts/${newId}`), 'DELETE /contacts/{id}');
  });

  it('US-only endpoints: tax authorities and exemptions', async () => {
    const api = new SandboxApi(sandbox, { email: 'us@example.com' });
    const books = orgId(sandbox, 'books', 'us@example.com');
    expectShape(financeListEnvelope('tax_authorities', FinanceTaxAuthoritySchema), await api.books('GET', books, '/settings/taxauthorities'), 'GET taxauthorities');
    const authority = await api.books('POST', books, '/settings/taxauthorities', { tax_authority_name: 'Schema DoR' });
    expectShape(financeRecordEnvelope('tax_authority', FinanceTaxAuthoritySchema), authority, 'POST taxauthorities');
    const authorityId = authority.body.tax_authority.tax_authority_id;
    expectShape(financeRecordEnvelope('tax_authority', FinanceTaxAuthoritySchema), await api.books('GET', books, `/settings/taxauthorities/${authorityId}`), 'GET tax authority');
    expectShape(FinanceEnvelopeSchema, await api.books('DELETE', books, `/settings/taxauthorities/${authorityId}`), 'DELETE tax authority');
    expectShape(financeListEnvelope('tax_exemptions', FinanceTaxExemptionSchema), await api.books('GET', books, '/settings/taxexemptions'), 'GET taxexemptions');
    const exemption = await api.books('POST', books, '/settings/taxexemptions', { tax_exemption_code: 'SCH', type: 'item' });
    expectShape(financeRecordEnvelope('tax_exemption', FinanceTaxExemptionSchema), exemption, 'POST taxexemptions');
    expectShape(financeRecordEnvelope('tax_exemption', FinanceTaxExemptionSchema), await api.books('PUT', books, `/settings/taxexemptions/${exemption.body.tax_exemption.tax_exemption_id}`, { tax_exemption_code: 'SCH', type: 'item', description: 'd' }), 'PUT tax exemption');
  });

  it('Invoice: a new organisation and an Invoice-org call through the header', async () => {
    const api = new SandboxApi(sandbox, { email: 'us@example.com' });
    expectShape(financeRecordEnvelope('organization', FinanceOrganizationSchema), await api.call('POST', api.url('invoice', '/organizations'), { body: { name: 'Schema Invoice Org', currency_code: 'USD', time_zone: 'PST', portal_name: 'schema' } }), 'POST /organizations');
    const invoice = orgId(sandbox, 'invoice', 'us@example.com');
    expectShape(financeListEnvelope('contacts', FinanceContactSchema), await api.call('GET', api.url('invoice', '/contacts'), { headers: { 'X-com-zoho-invoice-organizationid': invoice } }), 'GET Invoice /contacts');
  });

  it('Books/Invoice errors: 1002, 3062, 57, 44/45/1070, code 2, and the code-less 404 of an unknown URL', async () => {
    const limited = testSandbox({ limits: { perMinute: 1, perDay: { standard: 2 } }, latencyMs: 100 });
    const api = new SandboxApi(limited);
    const books = orgId(limited, 'books');
    expectFinanceError(await api.books('GET', books, '/contacts/1'), 1002, '1002');
    const minute = await api.books('GET', books, '/contacts');
    expectFinanceError(minute, 44, '44');
    await limited.manualClock.advance(60_000);
    await api.books('GET', books, '/items');
    await limited.manualClock.advance(60_000);
    expectFinanceError(await api.books('GET', books, '/items'), 45, '45');
    const concurrent = testSandbox({ users: [{ email: 'f@example.com', books: [{ plan: 'free' }] }], latencyMs: 100 });
    const capi = new SandboxApi(concurrent);
    const corg = orgId(concurrent, 'books');
    const replies = await Promise.all(Array.from({ length: 6 }, () => capi.books('GET', corg, '/items')));
    expectFinanceError(replies.find((r) => r.status === 429)!, 1070, '1070');
    const plain = testSandbox();
    const papi = new SandboxApi(plain);
    const porg = orgId(plain, 'books');
    await papi.books('POST', porg, '/contacts', { contact_name: 'Dup' });
    expectFinanceError(await papi.books('POST', porg, '/contacts', { contact_name: 'Dup' }), 3062, '3062');
    expectFinanceError(await papi.books('POST', porg, '/items', {}), 2, 'code 2');
    const unknownUrl = await papi.books('GET', porg, '/bills');
    expect([unknownUrl.status, unknownUrl.body], 'an unknown URL: HTTP 404 "URL Not Found", no code').toEqual([404, { message: 'URL Not Found' }]);
    const bad = await plain.fetch(`https://www.zohoapis.com/books/v3/contacts?organization_id=${porg}`, { headers: { authorization: 'Zoho-oauthtoken 1000.x' } });
    expectFinanceError({ status: bad.status, body: await bad.json(), headers: bad.headers }, 57, '57');
  });

  it('FSM endpoints and errors', async () => {
    const api = new SandboxApi(sandbox, { email: 'us@example.com' });
    const schemas = { Companies: FsmCompanySchema, Contacts: FsmContactSchema, Service_And_Parts: FsmServiceAndPartSchema, Work_Orders: FsmWorkOrderSchema } as const;
    for (const [module, schema] of Object.entries(schemas)) {
      const listed = await api.fsm('GET', `/${module}`);
      expectShape(fsmListEnvelope(schema), listed, `GET /${module}`);
      expectShape(fsmListEnvelope(schema), await api.fsm('GET', `/${module}/${listed.body.data[0].id}`), `GET /${module}/{id}`);
      expectShape(fsmListEnvelope(schema), await api.fsm('GET', `/${module}/search?api_name=Modified_Time&comparator=less_equal&value=${encodeURIComponent(new Date(sandbox.clock.now()).toISOString())}`), `search ${module}`);
    }
    const company = await api.fsm('POST', '/Companies', { data: [{ Company_Name: 'Schema FSM Co' }] });
    expectShape(FsmCreateReplySchema, company, 'POST /Companies');
    const companyId = company.body.data[0].id;
    expectShape(FsmCreateReplySchema, await api.fsm('POST', '/Contacts', { data: [{ Last_Name: 'S', Email: 's@fsm.example', Company: companyId }] }), 'POST /Contacts');
    expectShape(FsmCreateReplySchema, await api.fsm('POST', '/Work_Orders', { data: [{ Summary: 'Schema WO', Company: companyId }] }), 'POST /Work_Orders');
    const part = await api.fsm('POST', '/Service_And_Parts', { data: [{ Name: 'Schema part', Type: 'Part', Unit_Price: 3 }] });
    expectShape(FsmServiceAndPartsCreateReplySchema, part, 'POST /Service_And_Parts');
    expectShape(FsmUpdateReplySchema, await api.fsm('PUT', `/Companies/${companyId}`, { data: [{ Phone: '1' }] }), 'PUT /Companies/{id}');
    expectShape(FsmUpdateReplySchema, await api.fsm('PUT', '/Companies', { data: [{ id: companyId, Phone: '2' }] }), 'PUT /Companies');
    const sync = (process: string, extra: Record<string, string> = {}) =>
      api.fsm('POST', `/Companies/${companyId}/actions/process_sync?sync_service=finance`, { sync_process: process, ...extra });
    const pushed = await sync('push');
    expectShape(FsmProcessSyncReplySchema, pushed, 'process_sync push');
    expectShape(FsmUpdateReplySchema, pushed, 'process_sync push as an update reply');
    expectShape(FsmProcessSyncReplySchema, await sync('unlink'), 'process_sync unlink');
    expectShape(FsmProcessSyncReplySchema, await sync('link', { integ_id: pushed.body.data[0].details.ZBilling_Id }), 'process_sync link');

    const missing = await api.fsm('POST', '/Contacts', { data: [{ First_Name: 'x' }] });
    expectShape(FsmRecordErrorSchema, { ...missing, body: missing.body.data[0] }, 'per-record error');
    expectShape(FsmUpdateReplySchema, await api.fsm('PUT', `/Companies/${companyId}`, { data: [{ Company_Name: '' }] }), 'update error entry');
    expectShape(FsmErrorReplySchema, await api.fsm('GET', '/Companies/1'), 'not found');
    expectShape(FsmErrorReplySchema, await api.fsm('GET', '/Deals'), 'invalid module');
    expectShape(FsmErrorReplySchema, await api.fsm('GET', '/Companies/search?api_name=Company_Name'), 'missing param');
    const bad = await sandbox.fetch('https://fsm.zoho.com/fsm/v1/Companies', { headers: { authorization: 'Zoho-oauthtoken 1000.x' } });
    expectShape(FsmErrorReplySchema, { status: bad.status, body: await bad.json(), headers: bad.headers }, 'invalid token');
  });

  it('schema drift still parses: an extra field passes through, a missing optional field is tolerated', async () => {
    const api = new SandboxApi(sandbox, { email: 'in@example.com', region: 'in' });
    const books = orgId(sandbox, 'books', 'in@example.com');
    for (const fault of ['extra-field', 'missing-field'] as const) {
      sandbox.faults.next({ fault, times: 3 });
      expectShape(financeListEnvelope('contacts', FinanceContactSchema), await api.books('GET', books, '/contacts'), `contacts with ${fault}`);
      expectShape(financeListEnvelope('items', FinanceItemSchema), await api.books('GET', books, '/items'), `items with ${fault}`);
      expectShape(fsmListEnvelope(FsmCompanySchema), await api.fsm('GET', '/Companies'), `companies with ${fault}`);
    }
    sandbox.faults.next({ fault: 'extra-field' });
    const parsed = financeListEnvelope('contacts', FinanceContactSchema).parse((await api.books('GET', books, '/contacts')).body);
    expect(parsed.contacts[0]).toHaveProperty('zb_new_attribute', 'added by schema drift');
  });
});
