import type { FinanceOrgState } from '../org-state.js';
import type { StoredRecord } from '../record-table.js';
import { booksTimestamp } from '../time-format.js';
import type { SandboxWorld } from '../world.js';

/** The accounts every sandbox Books org starts with: a small chart as a new Books org has. */
const SEEDED_ACCOUNTS: ReadonlyArray<{ account_name: string; account_code: string; account_type: string }> = [
  { account_name: 'Petty Cash', account_code: '1000', account_type: 'cash' },
  { account_name: 'Undeposited Funds', account_code: '1010', account_type: 'cash' },
  { account_name: 'Business Checking', account_code: '1020', account_type: 'bank' },
  { account_name: 'Accounts Receivable', account_code: '1200', account_type: 'accounts_receivable' },
  { account_name: 'Prepaid Expenses', account_code: '1300', account_type: 'other_current_asset' },
  { account_name: 'Furniture and Equipment', account_code: '1500', account_type: 'fixed_asset' },
  { account_name: 'Accounts Payable', account_code: '2000', account_type: 'accounts_payable' },
  { account_name: 'Tax Payable', account_code: '2100', account_type: 'other_current_liability' },
  { account_name: "Owner's Equity", account_code: '3000', account_type: 'equity' },
  { account_name: 'Sales', account_code: '4000', account_type: 'income' },
  { account_name: 'General Income', account_code: '4100', account_type: 'income' },
  { account_name: 'Late Fee Income', account_code: '4200', account_type: 'other_income' },
  { account_name: 'Cost of Goods Sold', account_code: '5000', account_type: 'cost_of_goods_sold' },
  { account_name: 'Office Supplies', account_code: '6000', account_type: 'expense' },
  { account_name: 'Bank Fees and Charges', account_code: '6100', account_type: 'expense' },
];

/** The account a customer payment is deposited to when it names none (Books' default). */
export const DEFAULT_DEPOSIT_ACCOUNT = 'Undeposited Funds';

/** Account types a payment can be deposited to: Zoho's description asks for a cash or bank account. */
export const DEPOSIT_ACCOUNT_TYPES: readonly string[] = ['cash', 'bank'];

/** The group (`AccountType.<Group>` filter) each account type belongs to. */
const GROUP_OF_TYPE: Readonly<Record<string, 'Asset' | 'Liability' | 'Equity' | 'Income' | 'Expense'>> = {
  other_asset: 'Asset', other_current_asset: 'Asset', cash: 'Asset', bank: 'Asset', fixed_asset: 'Asset', accounts_receivable: 'Asset', stock: 'Asset',
  other_current_liability: 'Liability', credit_card: 'Liability', long_term_liability: 'Liability', accounts_payable: 'Liability', other_liability: 'Liability',
  equity: 'Equity',
  income: 'Income', other_income: 'Income',
  expense: 'Expense', cost_of_goods_sold: 'Expense', other_expense: 'Expense',
};

/** Gives a new Books org its chart of accounts (ids from their own sequence, stamped at the org's creation). */
export function seedChartOfAccounts(world: SandboxWorld, org: FinanceOrgState): void {
  for (const account of SEEDED_ACCOUNTS) {
    org.tables.chartofaccounts.insert(world.ids.account(), { ...account, is_active: true, is_user_created: false, is_system_account: true }, org.createdAt);
  }
}

/** The account with this name, if the org has it. */
export function accountNamed(org: FinanceOrgState, name: string): StoredRecord | undefined {
  return org.tables.chartofaccounts.all().find((row) => row.data.account_name === name);
}

/**
 * `filter_by` of GET /chartofaccounts: `AccountType.All | Active | Inactive | Asset | Liability |
 * Equity | Income | Expense`. `undefined` for any other value.
 */
export function accountFilter(value: string | null): ((row: StoredRecord) => boolean) | undefined {
  if (value === null || value === 'AccountType.All') return () => true;
  if (value === 'AccountType.Active') return (row) => row.data.is_active !== false;
  if (value === 'AccountType.Inactive') return (row) => row.data.is_active === false;
  const group = /^AccountType\.(Asset|Liability|Equity|Income|Expense)$/.exec(value)?.[1];
  return group === undefined ? undefined : (row) => GROUP_OF_TYPE[String(row.data.account_type)] === group;
}

/** An account as a row of GET /chartofaccounts. */
export function renderAccountRow(org: FinanceOrgState, row: StoredRecord): Record<string, unknown> {
  return {
    account_id: row.id,
    account_name: row.data.account_name,
    account_code: row.data.account_code,
    account_type: row.data.account_type,
    is_user_created: row.data.is_user_created === true,
    is_system_account: row.data.is_system_account === true,
    is_active: row.data.is_active !== false,
    is_involved_in_transaction: org.tables.customerpayments.all().some((p) => p.data.account_id === row.id),
    parent_account_id: '',
    parent_account_name: '',
    created_time: booksTimestamp(row.createdAt, org.utcOffsetMinutes),
    last_modified_time: booksTimestamp(row.modifiedAt, org.utcOffsetMinutes),
  };
}

/** An account as GET /chartofaccounts/{account_id} returns it (its fields beside `code` and `message`). */
export function renderAccount(org: FinanceOrgState, row: StoredRecord): Record<string, unknown> {
  const { parent_account_name: _parent, is_user_created: _user, ...common } = renderAccountRow(org, row);
  return { ...common, currency_id: org.currency.id, currency_code: org.currency.code, documents: [], custom_fields: [] };
}
