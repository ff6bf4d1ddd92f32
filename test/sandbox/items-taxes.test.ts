import { describe, expect, it } from 'vitest';
import type { SandboxEdition } from '../../src/sandbox/index.js';
import { testSandbox, orgId, SandboxApi } from './helpers.js';

function booksOf(edition: SandboxEdition) {
  const sandbox = testSandbox({ users: [{ email: 'tax@example.com', books: [{ edition }] }] });
  return { sandbox, api: new SandboxApi(sandbox), books: orgId(sandbox, 'books') };
}

type Tax = { tax_name: string; tax_percentage: number; tax_type: string; tax_specific_type?: string };

describe('sandbox items', () => {
  it('creates, lists, updates, deactivates and deletes an item with Zoho’s messages', async () => {
    const { api, books } = booksOf('au');
    const created = await api.books('POST', books, '/items', { name: 'Pump Service', rate: '120.5', product_type: 'service', sku: 'SRV-1' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 0, message: 'The item has been added.', item: { name: 'Pump Service', rate: 120.5, status: 'active' } });
    const id = created.body.item.item_id;
    expect((await api.books('PUT', books, `/items/${id}`, { rate: 130 })).body).toEqual({ code: 2, message: 'Invalid value passed for name' });
    expect((await api.books('PUT', books, `/items/${id}`, { name: 'Pump Service', rate: 130 })).body).toMatchObject({ message: 'Item details have been saved.', item: { rate: 130 } });
    expect((await api.books('POST', books, `/items/${id}/inactive`)).body.message).toBe('The item has been marked as inactive.');
    const list = await api.books('GET', books, '/items?filter_by=Status.Inactive');
    expect(list.body.items).toHaveLength(1);
    expect(list.body.page_context).toMatchObject({ report_name: 'Items', sort_column: 'name', sort_order: 'A' });
    expect((await api.books('DELETE', books, `/items/${id}`)).body).toEqual({ code: 0, message: 'The item has been deleted.' });
    expect((await api.books('GET', books, `/items/${id}`)).body).toEqual({ code: 1002, message: 'Item does not exist.' });
  });

  it('refuses a second item with the same name or SKU, and a missing name', async () => {
    const { api, books } = booksOf('au');
    await api.books('POST', books, '/items', { name: 'Valve', rate: 5, sku: 'V1' });
    expect((await api.books('POST', books, '/items', { name: 'valve', rate: 5 })).body.code).toBe(1001);
    expect((await api.books('POST', books, '/items', { name: 'Other', rate: 5, sku: 'V1' })).body.code).toBe(1001);
    expect((await api.books('POST', books, '/items', { rate: 5 })).body).toEqual({ code: 2, message: 'Invalid value passed for name' });
  });

  it('puts the tax on items outside the US and India, and intra/inter preferences in India', async () => {
    const au = booksOf('au');
    au.sandbox.records(au.books, 'items');
    const gst = (await au.api.books('GET', au.books, '/settings/taxes')).body.taxes.find((t: Tax) => t.tax_name === 'GST');
    const item = (await au.api.books('POST', au.books, '/items', { name: 'Filter', rate: 10, tax_id: gst.tax_id })).body.item;
    expect(item).toMatchObject({ tax_id: gst.tax_id, tax_name: 'GST', tax_percentage: 10 });
    const india = testSandbox({ users: [{ email: 'in@example.com', region: 'in', books: [{ records: { items: 3 } }] }] });
    const indiaItems = india.records(orgId(india, 'books'), 'items');
    expect(indiaItems[0]).toHaveProperty('hsn_or_sac');
    expect(indiaItems[0]).not.toHaveProperty('tax_id');
    expect((indiaItems[0]!.item_tax_preferences as Array<{ tax_specification: string }>).map((p) => p.tax_specification)).toEqual(['intra', 'inter']);
  });
});

describe('sandbox taxes per edition', () => {
  const cases: Array<[SandboxEdition, Array<[string, number]>]> = [
    ['in', [['CGST9', 9], ['SGST9', 9], ['IGST18', 18], ['GST18', 18]]],
    ['au', [['GST', 10]]],
    ['uk', [['VAT 20%', 20], ['Reduced Rate 5%', 5], ['Zero Rate', 0]]],
    ['ae', [['VAT 5%', 5]]],
    ['sa', [['VAT 15%', 15]]],
    ['us', [['California State Tax', 7.25], ['Los Angeles Sales Tax', 9.5]]],
  ];
  it.each(cases)('a new %s org starts with its taxes', async (edition, expected) => {
    const { api, books } = booksOf(edition);
    const res = await api.books('GET', books, '/settings/taxes');
    expect(res.body.page_context).toMatchObject({ report_name: 'Taxes' });
    const taxes: Tax[] = res.body.taxes;
    for (const [name, pct] of expected) expect(taxes.find((t) => t.tax_name === name), `${edition}: ${name}`).toMatchObject({ tax_percentage: pct });
  });

  it('India: CGST/SGST/IGST carry tax_specific_type and the GST groups combine CGST + SGST', async () => {
    const { api, books } = booksOf('in');
    const taxes: Array<Tax & { tax_id: string }> = (await api.books('GET', books, '/settings/taxes')).body.taxes;
    expect(taxes.find((t) => t.tax_name === 'IGST18')).toMatchObject({ tax_specific_type: 'igst' });
    const group = taxes.find((t) => t.tax_name === 'GST18')!;
    expect(group.tax_type).toBe('tax_group');
    const detail = await api.books('GET', books, `/settings/taxgroups/${group.tax_id}`);
    expect(detail.body.tax_group).toMatchObject({ tax_group_name: 'GST18', tax_group_percentage: 18 });
    expect(detail.body.tax_group.taxes.map((t: Tax) => t.tax_name)).toEqual(['CGST9', 'SGST9']);
  });

  it('creates, updates and deletes taxes and groups with Zoho’s messages', async () => {
    const { api, books } = booksOf('au');
    const tax = await api.books('POST', books, '/settings/taxes', { tax_name: 'Levy', tax_percentage: 2 });
    expect(tax.status).toBe(201);
    expect(tax.body).toMatchObject({ message: 'The tax has been added.', tax: { tax_name: 'Levy', tax_percentage: 2, tax_type: 'tax' } });
    const id = tax.body.tax.tax_id;
    expect((await api.books('PUT', books, `/settings/taxes/${id}`, { tax_percentage: 3 })).body).toMatchObject({ message: 'Tax information has been saved.', tax: { tax_percentage: 3 } });
    expect((await api.books('GET', books, `/settings/taxes/${id}`)).body.tax.tax_percentage).toBe(3);
    const group = await api.books('POST', books, '/settings/taxgroups', { tax_group_name: 'Combo', taxes: `${id}` });
    expect(group.body.tax_group).toMatchObject({ tax_group_name: 'Combo', tax_group_percentage: 3 });
    expect((await api.books('DELETE', books, `/settings/taxgroups/${group.body.tax_group.tax_group_id}`)).body.message).toBe('The tax group has been deleted.');
    expect((await api.books('DELETE', books, `/settings/taxes/${id}`)).body).toEqual({ code: 0, message: 'The record has been deleted.' });
    expect((await api.books('POST', books, '/settings/taxes', { tax_name: 'Bad', tax_percentage: 150 })).body.code).toBe(2);
  });

  it('serves tax authorities and exemptions in the US, and answers 404 "URL Not Found" in editions without them', async () => {
    const us = booksOf('us');
    const authorities = await us.api.books('GET', us.books, '/settings/taxauthorities');
    expect(authorities.body.tax_authorities.map((a: { tax_authority_name: string }) => a.tax_authority_name)).toContain('Texas Comptroller of Public Accounts');
    const created = await us.api.books('POST', us.books, '/settings/taxauthorities', { tax_authority_name: 'Nevada DoT' });
    expect(created.body).toMatchObject({ message: 'Tax Authority has been added.', tax_authority: { tax_authority_name: 'Nevada DoT' } });
    const exemption = await us.api.books('POST', us.books, '/settings/taxexemptions', { tax_exemption_code: 'GOV', description: 'Government', type: 'customer' });
    expect(exemption.body).toMatchObject({ message: 'Tax Exemption has been added.', tax_exemption: { tax_exemption_code: 'GOV' } });
    const exemptions = await us.api.books('GET', us.books, '/settings/taxexemptions');
    expect(exemptions.body.tax_exemptions.map((e: { tax_exemption_code: string }) => e.tax_exemption_code)).toEqual(['RESELLER', 'NONPROFIT', 'LABOUR', 'GOV']);
    const uk = booksOf('uk');
    expect((await uk.api.books('GET', uk.books, '/settings/taxauthorities')).body).toEqual({ message: 'URL Not Found' });
  });
});
