import { describe, expect, it } from 'vitest';
import { OPENAPI_AVAILABLE, OpenApiIndex } from './openapi-index.js';
import type { Exchange } from './record-exchanges.js';
import { validateExchange } from './validate-exchange.js';

const index = OpenApiIndex.load();

function exchange(method: string, path: string, query: Array<[string, string]>, requestBody?: unknown): Exchange {
  return { seq: 1, app: 'books', method, path, query: [['organization_id', '10234695'], ...query], invoiceOrgHeader: false, requestBody, status: 404, replyBody: undefined };
}

describe.skipIf(!OPENAPI_AVAILABLE)('the contract validator names each kind of departure', () => {
  it.each([
    ['an undeclared query parameter', exchange('GET', '/settings/taxauthorities', [['per_page', '200']]), /"per_page" is not declared/],
    ['organization_id on GET /organizations/{organization_id} (declared there only as the path id)', exchange('GET', '/organizations/10234695', []), /"organization_id" is not declared by GET \/organizations\/\{organization_id\}/],
    ['page on tax exemptions (no paging declared)', exchange('GET', '/settings/taxexemptions', [['page', '1']]), /"page" is not declared/],
    ['a non-integer page', exchange('GET', '/contacts', [['page', 'two']]), /"page"="two" is not an integer/],
    ['a non-boolean flag', exchange('GET', '/items', [['is_taxable', 'yes']]), /"is_taxable"="yes" is not true or false/],
    ['a date that is not yyyy-mm-dd', exchange('GET', '/invoices', [['date_start', '01/02/2026']]), /is not a yyyy-mm-dd date/],
    ['a missing required body field', exchange('PUT', '/items/460000000000001', [], { rate: 10 }), /name: required, missing/],
    ['a body field of the wrong type', exchange('PUT', '/items/460000000000001', [], { name: 'Visit', rate: 'ten' }), /rate: string "ten", declared number/],
    ['an undeclared operation', exchange('PATCH', '/contacts/460000000000001', []), /PATCH is not declared/],
    ['an undeclared path', exchange('GET', '/widgets', []), /no operation of the published description matches/],
  ])('%s', (_what, sent, problem) => {
    expect(validateExchange(index, sent).map((v) => v.problem).join('\n')).toMatch(problem);
  });

  it('a request-field exception excuses only the departure it names', () => {
    const exception = { operations: /\/invoices/, requestField: /^discount: string "\d+%", declared number$/, reason: 'test' };
    const body = (discount: unknown) => ({ customer_id: '1', line_items: [{ item_id: '2' }], discount });
    expect(validateExchange(index, exchange('POST', '/invoices', [], body('10%')), [exception])).toEqual([]);
    expect(validateExchange(index, exchange('POST', '/invoices', [], body('ten')), [exception]).map((v) => v.problem).join('\n')).toMatch(/discount: string "ten", declared number/);
  });

  it('a conforming call has no problem', () => {
    expect(validateExchange(index, exchange('GET', '/invoices', [['date_start', '2026-01-01'], ['page', '2'], ['per_page', '50']]))).toEqual([]);
  });
});
