import type { Reply } from '../reply.js';
import type { FinanceContext } from './context.js';
import { accountFilter, renderAccount, renderAccountRow } from './account-model.js';
import { listReply, sortListed, sortOrder, success } from './envelope.js';
import { booksErrors } from './errors.js';
import { searchText } from './list-filters.js';

const SORT_COLUMNS = ['account_name', 'account_type', 'account_code'];

/** Zoho Invoice keeps no accounts: the chart's endpoints are unknown URLs there, as on an edition that lacks an endpoint. */
function booksOnly(handler: (ctx: FinanceContext) => Reply) {
  return (ctx: FinanceContext): Reply => (ctx.app === 'books' ? handler(ctx) : booksErrors.invalidUrl());
}

/** GET /chartofaccounts: `filter_by`, `sort_column`, `account_id`/`account_code`/`account_name` (exact), `search_text`, paging. */
export const listAccounts = booksOnly((ctx) => {
  const { org, query } = ctx;
  const byType = accountFilter(query.get('filter_by'));
  if (!byType) return booksErrors.invalidValue('filter_by');
  const column = query.get('sort_column') ?? 'account_name';
  if (!SORT_COLUMNS.includes(column)) return booksErrors.invalidValue('sort_column');
  const exact = (['account_id', 'account_code', 'account_name'] as const).flatMap((name) => {
    const wanted = query.get(name);
    return wanted === null ? [] : [(view: Record<string, unknown>) => String(view[name]).toLowerCase() === wanted.toLowerCase()];
  });
  const bySearch = searchText(query, ['account_name', 'account_code']);
  const rows = org.tables.chartofaccounts
    .all()
    .filter(byType)
    .map((row) => ({ row, view: renderAccountRow(org, row) }))
    .filter(({ view }) => exact.every((test) => test(view)) && bySearch(view));
  const order = sortOrder(ctx, 'A');
  sortListed(rows, column, order);
  return listReply('chartofaccounts', rows.map((r) => r.view), query, { applied_filter: query.get('filter_by') ?? 'AccountType.All', sort_column: column, sort_order: order });
});

/** GET /chartofaccounts/{account_id}: the account's fields at the top level, as Zoho's description of the reply has them. */
export const getAccount = booksOnly((ctx) => {
  const row = ctx.org.tables.chartofaccounts.get(ctx.params.id ?? '');
  if (!row) return booksErrors.notFound('Account');
  return success('success', renderAccount(ctx.org, row));
});
