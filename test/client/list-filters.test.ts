import { describe, expect, it } from 'vitest';
import { ACCOUNT_FILTERS, ACCOUNT_PARAMS } from '../../src/client/finance/chart-of-accounts.js';
import { CONTACT_FILTERS } from '../../src/client/finance/contacts.js';
import { PAYMENT_FILTERS } from '../../src/client/finance/customer-payments.js';
import { ESTIMATE_FILTERS } from '../../src/client/finance/estimates.js';
import { INVOICE_FILTERS } from '../../src/client/finance/invoices.js';
import { ITEM_FILTERS } from '../../src/client/finance/items.js';
import { SALES_ORDER_FILTERS } from '../../src/client/finance/sales-orders.js';
import { declaredQueryParams } from '../../src/sandbox/books/declared-params.js';

// The client keeps its own table of list filters (it must not import the sandbox); this keeps the
// two in step: every query name a list sends is one its operation declares.
const tables: Array<[string, Readonly<Record<string, string>>, readonly string[]]> = [
  ['/contacts', CONTACT_FILTERS, ['sort_order']], // the one documented exception
  ['/items', ITEM_FILTERS, []],
  ['/invoices', INVOICE_FILTERS, []],
  ['/customerpayments', PAYMENT_FILTERS, []],
  ['/estimates', ESTIMATE_FILTERS, []],
  ['/salesorders', SALES_ORDER_FILTERS, []],
  ['/chartofaccounts', ACCOUNT_FILTERS, []],
  ['/chartofaccounts', ACCOUNT_PARAMS, []],
];

describe('list filters are the parameters each operation declares', () => {
  it.each(tables)('GET %s sends only declared query names', (template, filters, exceptions) => {
    const declared = new Set([...declaredQueryParams('GET', template), ...exceptions]);
    const undeclared = Object.values(filters).filter((name) => !declared.has(name));
    expect(undeclared, `GET ${template} would send parameters it does not declare`).toEqual([]);
    expect(Object.values(filters)).not.toContain('organization_id');
  });
});
