import { describe, expect, it } from 'vitest';
import { testSandbox, SandboxApi } from './helpers.js';

const users = [
  {
    email: 'ana@example.com',
    books: [
      { plan: 'professional' as const, avalara: true, trialEndsAt: '2025-12-01' },
      { deleted: true },
      { active: false, edition: 'in' as const },
    ],
    invoice: [{}],
  },
  { email: 'bo@example.com', books: [{}] },
];

describe('sandbox organizations', () => {
  it('lists only the token user’s orgs of the app, without deleted ones, with the plan and eligibility flags', async () => {
    const sandbox = testSandbox({ users });
    const api = new SandboxApi(sandbox, { email: 'ana@example.com' });
    const res = await api.call('GET', api.url('books', '/organizations'));
    expect(res.status).toBe(200);
    expect(res.body.code).toBe(0);
    expect(res.body.message).toBe('success');
    const orgs = res.body.organizations;
    expect(orgs).toHaveLength(2);
    expect(orgs[0]).toMatchObject({
      plan_name: 'PROFESSIONAL',
      is_org_active: true,
      is_avalara_integrated: true,
      trial_end_date: '2025-12-01',
      is_trial_expired: true,
      currency_code: 'USD',
      version: 'us',
      email: 'ana@example.com',
      is_default_org: true,
    });
    expect(orgs[1]).toMatchObject({ is_org_active: false, version: 'in', currency_code: 'INR' });
    const invoice = await api.call('GET', api.url('invoice', '/organizations'));
    expect(invoice.body.organizations).toHaveLength(1);
  });

  it('creates a new Invoice org named as asked, listed afterwards', async () => {
    const sandbox = testSandbox({ users });
    const api = new SandboxApi(sandbox, { email: 'ana@example.com' });
    const created = await api.call('POST', api.url('invoice', '/organizations'), { body: { name: 'Ana Field Service', currency_code: 'INR', time_zone: 'Asia/Calcutta', portal_name: 'anafieldservice' } });
    expect(created.status).toBe(201);
    expect(created.body.organization).toMatchObject({ name: 'Ana Field Service', currency_code: 'INR', version: 'in', plan_name: 'FREE' });
    const listed = await api.call('GET', api.url('invoice', '/organizations'));
    expect(listed.body.organizations.map((o: { name: string }) => o.name)).toContain('Ana Field Service');
    const missingName = await api.call('POST', api.url('invoice', '/organizations'), { body: {} });
    expect(missingName.body).toEqual({ code: 2, message: 'Invalid value passed for name' });
    const missingPortal = await api.call('POST', api.url('invoice', '/organizations'), { body: { name: 'Ana Two', currency_code: 'INR', time_zone: 'Asia/Calcutta' } });
    expect([missingPortal.status, missingPortal.body]).toEqual([400, { code: 2, message: 'Invalid value passed for portal_name' }]);
  });

  it('takes the Invoice org from the X-com-zoho-invoice-organizationid header; Books needs the query parameter', async () => {
    const sandbox = testSandbox({ users });
    const api = new SandboxApi(sandbox, { email: 'ana@example.com' });
    const invoiceOrg = sandbox.orgs({ app: 'invoice', email: 'ana@example.com' })[0]!.organizationId;
    const viaHeader = await api.call('GET', api.url('invoice', '/contacts'), { headers: { 'X-com-zoho-invoice-organizationid': invoiceOrg } });
    expect(viaHeader.status).toBe(200);
    const booksOrg = sandbox.orgs({ app: 'books', email: 'ana@example.com' })[0]!.organizationId;
    const booksHeader = await api.call('GET', api.url('books', '/contacts'), { headers: { 'X-com-zoho-invoice-organizationid': booksOrg } });
    expect(booksHeader.status).toBe(400);
    expect(booksHeader.body).toMatchObject({ code: 6024, message: 'This user belongs to multiple organizations' });
  });

  it('refuses another user’s org and a deleted org with HTTP 403 code 57', async () => {
    const sandbox = testSandbox({ users });
    const api = new SandboxApi(sandbox, { email: 'ana@example.com' });
    const bo = sandbox.orgs({ app: 'books', email: 'bo@example.com' })[0]!.organizationId;
    const foreign = await api.books('GET', bo, '/contacts');
    expect(foreign.status).toBe(403);
    expect(foreign.body).toEqual({ code: 57, message: 'You are not authorized to perform this operation' });
    const deleted = sandbox.orgs({ app: 'books', email: 'ana@example.com' }).find((o) => o.deleted)!.organizationId;
    expect((await api.books('GET', deleted, '/contacts')).status).toBe(403);
  });

  it('reflects admin changes made through sandbox.updateOrg', async () => {
    const sandbox = testSandbox({ users });
    const api = new SandboxApi(sandbox, { email: 'bo@example.com' });
    const bo = sandbox.orgs({ app: 'books', email: 'bo@example.com' })[0]!.organizationId;
    sandbox.updateOrg(bo, { taxEnabled: false, plan: 'free', allowDuplicateNames: true });
    const org = await api.call('GET', api.url('books', `/organizations/${bo}`));
    expect(org.body.organization).toMatchObject({ is_tax_enabled: false, plan_name: 'FREE', allow_duplicate_contact_names: true });
    sandbox.updateOrg(bo, { deleted: true });
    expect((await api.call('GET', api.url('books', '/organizations'))).body.organizations).toEqual([]);
  });
});
