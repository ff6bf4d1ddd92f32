import * as z from 'zod/mini';
import type { KnownFields, RecordSchema } from '../known.js';
import { ZohoIdRefSchema, ZohoIdSchema } from '../ids.js';
import { ZohoNumberSchema, blankAsNull } from '../scalars.js';

const financeAccountObject = /* @__PURE__ */ z.looseObject({
  account_id: ZohoIdSchema,
  account_name: /* @__PURE__ */ z.string(),
  account_code: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  account_type: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  is_active: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
  is_user_created: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
  is_system_account: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
  is_involved_in_transaction: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
  parent_account_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  parent_account_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  currency_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  currency_code: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  closing_balance: /* @__PURE__ */ z.optional(/* @__PURE__ */ blankAsNull(ZohoNumberSchema)),
  created_time: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  last_modified_time: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
});

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
export const FinanceAccountSchema: RecordSchema<FinanceAccount, typeof financeAccountObject> = financeAccountObject;

/** An account of the chart of accounts. */
export interface FinanceAccount extends KnownFields<z.output<typeof financeAccountObject>> {}
