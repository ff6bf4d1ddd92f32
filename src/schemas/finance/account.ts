import { z } from 'zod';
import { ZohoIdRefSchema, ZohoIdSchema } from '../ids.js';
import { ZohoNumberSchema, blankAsNull } from '../scalars.js';

/**
 * An account of the Books chart of accounts (`/chartofaccounts`). `account_type` is one of
 * Zoho's types (`cash`, `bank`, `income`, `expense`, `accounts_receivable`…); a customer payment
 * is deposited to a `cash` or `bank` account. Zoho Invoice has no chart of accounts.
 *
 * @example
 * ```ts
 * const account = FinanceAccountSchema.parse({ account_id: '982000000567250', account_name: 'Petty Cash', account_type: 'cash' });
 * ```
 */
export const FinanceAccountSchema = z.looseObject({
  account_id: ZohoIdSchema,
  account_name: z.string(),
  account_code: z.string().nullish(),
  account_type: z.string().nullish(),
  is_active: z.boolean().nullish(),
  is_user_created: z.boolean().nullish(),
  is_system_account: z.boolean().nullish(),
  is_involved_in_transaction: z.boolean().nullish(),
  parent_account_id: ZohoIdRefSchema.nullish(),
  parent_account_name: z.string().nullish(),
  currency_id: ZohoIdRefSchema.nullish(),
  currency_code: z.string().nullish(),
  closing_balance: blankAsNull(ZohoNumberSchema).optional(),
  created_time: z.string().nullish(),
  last_modified_time: z.string().nullish(),
});

/** An account of the chart of accounts. */
export type FinanceAccount = z.infer<typeof FinanceAccountSchema>;
