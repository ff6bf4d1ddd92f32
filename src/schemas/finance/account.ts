import * as z from 'zod/mini';
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
  account_code: z.nullish(z.string()),
  account_type: z.nullish(z.string()),
  is_active: z.nullish(z.boolean()),
  is_user_created: z.nullish(z.boolean()),
  is_system_account: z.nullish(z.boolean()),
  is_involved_in_transaction: z.nullish(z.boolean()),
  parent_account_id: z.nullish(ZohoIdRefSchema),
  parent_account_name: z.nullish(z.string()),
  currency_id: z.nullish(ZohoIdRefSchema),
  currency_code: z.nullish(z.string()),
  closing_balance: z.optional(blankAsNull(ZohoNumberSchema)),
  created_time: z.nullish(z.string()),
  last_modified_time: z.nullish(z.string()),
});

/** An account of the chart of accounts. */
export type FinanceAccount = z.infer<typeof FinanceAccountSchema>;
