import * as z from 'zod/mini';
import { FinanceAccountSchema, type FinanceAccount } from '../../schemas/finance/index.js';
import type { Paginator } from '../../transport/paginator.js';
import { type CallOptions, type ListOptions, listFilters, listQuery } from '../list-params.js';
import { parseWith } from '../parse.js';
import { idSegment } from '../path.js';
import { sendFinance, type FinanceContext } from './finance-context.js';
import { FinanceResource } from './finance-resource.js';

/** The account groups and states `GET /chartofaccounts` filters by (`filter_by=AccountType.<name>`). */
export type AccountTypeFilter = 'All' | 'Active' | 'Inactive' | 'Asset' | 'Liability' | 'Equity' | 'Income' | 'Expense';

/** Filters of {@link ChartOfAccountsResource.list}. */
export interface AccountListParams extends ListOptions {
  /** Only accounts of this group or state. Default: all. */
  accountType?: AccountTypeFilter;
  sortColumn?: 'account_name' | 'account_type' | 'account_code';
  searchText?: string;
}

/**
 * The query names GET /chartofaccounts declares; accountType becomes filter_by=AccountType.<type>.
 */
export const ACCOUNT_PARAMS = /* @__PURE__ */ listFilters<Omit<AccountListParams, keyof ListOptions>>({ accountType: 'filter_by', sortColumn: 'sort_column', searchText: 'search_text' });
/** The same names as sent: `accountType` already turned into `filterBy`. */
export const ACCOUNT_FILTERS = /* @__PURE__ */ listFilters<{ filterBy?: string; sortColumn?: string; searchText?: string }>({ filterBy: 'filter_by', sortColumn: 'sort_column', searchText: 'search_text' });

// The chart has no create or update here: the SDK reads it, to pick a deposit account.
const ReadOnly = /* @__PURE__ */ z.never();

/**
 * The Books chart of accounts (`/chartofaccounts`), read-only: where a customer payment is
 * deposited (a `cash` or `bank` account). Zoho Invoice has no chart of accounts: there every call
 * fails with HTTP 404.
 *
 * @example
 * ```ts
 * const cash = await client.finance.chartOfAccounts.list({ accountType: 'Asset' }).toArray();
 * const deposit = cash.find((a) => a.account_type === 'bank');
 * ```
 */
export class ChartOfAccountsResource {
  readonly #context: FinanceContext;
  readonly #resource: FinanceResource<typeof FinanceAccountSchema, typeof ReadOnly, typeof ReadOnly, { filterBy?: string; sortColumn?: string; searchText?: string }>;

  constructor(context: FinanceContext) {
    this.#resource = new FinanceResource(context, {
      path: '/chartofaccounts',
      one: 'account',
      many: 'chartofaccounts',
      label: 'account',
      record: FinanceAccountSchema,
      create: ReadOnly,
      update: ReadOnly,
      filters: ACCOUNT_FILTERS,
    });
    this.#context = context;
  }

  /**
   * Every account, page by page as you iterate, optionally of one group or state.
   *
   * @example
   * ```ts
   * for await (const account of client.finance.chartOfAccounts.list({ accountType: 'Income' })) console.log(account.account_name);
   * ```
   */
  list(params: AccountListParams = {}): Paginator<FinanceAccount> {
    listQuery('GET /chartofaccounts', params, ACCOUNT_PARAMS);
    const { accountType, ...rest } = params;
    return this.#resource.list({ ...rest, ...(accountType ? { filterBy: `AccountType.${accountType}` } : {}) });
  }

  /**
   * One account by id. Zoho's description puts the account's fields beside `code` and `message`;
   * an `account` object is read too.
   *
   * @example
   * ```ts
   * const account = await client.finance.chartOfAccounts.get(accountId);
   * ```
   */
  async get(id: string, options: CallOptions = {}): Promise<FinanceAccount> {
    const body = (await sendFinance(this.#context, 'GET', `/chartofaccounts/${idSegment(id, 'account id')}`, options)) as Record<string, unknown> | undefined;
    const record = body?.account ?? body?.chart_of_account ?? body;
    return parseWith(FinanceAccountSchema, record, { what: 'GET /chartofaccounts/{id}', kind: 'response' });
  }
}
