import type { FinanceApp } from '../client/finance/finance-context.js';
import type { SwitchRefusal } from '../errors/switch-refused-error.js';
import type { TaxEdition } from '../schemas/edition-codes.js';
import { evaluateEligibility, type EligibilityContext } from './evaluate-eligibility.js';
import type { FinanceOrg } from './finance-org.js';
import { appName, orgLabel } from './org-label.js';

/** Switch attempts allowed in any hour: Zoho FSM allows at most three switch attempts within an hour. */
export const SWITCH_ATTEMPTS_PER_HOUR = 3;

/** What {@link evaluateSwitch} decides on. Facts the API cannot tell are given by the caller. */
export interface SwitchInput {
  /** The org bound now, if any. */
  current: { app: FinanceApp; organizationId: string; name: string; edition?: TaxEdition | undefined; currencyCode?: string | undefined } | undefined;
  /** The org asked for. */
  requested: { app: FinanceApp; organizationId: string };
  /** The requested org as the user's org list shows it; undefined when it is not there. */
  target: FinanceOrg | undefined;
  /** The FSM org's edition and base currency; each falls back to the current binding's. The edition also judges the target's eligibility (the Avalara rule). */
  fsm?: { edition?: TaxEdition | undefined; currencyCode?: string | undefined } | undefined;
  /** Whether the acting user has the FSM Administrator profile. */
  isAdmin: boolean;
  /** Whether two-way sync is enabled (a one-time step with no way back). */
  twoWaySyncEnabled: boolean;
  /** How many FSM records are still linked to the current org. */
  linkedRecordCount: number;
  /** Switch attempts made in the last hour. */
  recentAttempts: number;
  /** Eligibility options the target is checked with (rules, Avalara policy, now). Without `fsmEdition`, the FSM edition above is used. */
  eligibility?: EligibilityContext | undefined;
}

const SUPPORT = 'contact support@zohofsm.com (US, IN, AU) or support@eu.zohofsm.com (EU, UK)';

/**
 * The rules for switching the integrated finance org, as a pure function: every refusal, most
 * fundamental first (not an admin, too many attempts, nothing bound, target missing, same org,
 * target ineligible, edition, currency, two-way sync, linked records). An empty list means the
 * switch may go. The target is judged by the eligibility rules under the FSM org's tax edition
 * (`fsm.edition`, else the current binding's), so an Avalara org is accepted only under the US
 * edition; a `SWITCH_TARGET_INELIGIBLE` refusal carries the rules' own reasons in `targetReasons`.
 *
 * @example
 * ```ts
 * const refusals = evaluateSwitch({ current, requested, target, isAdmin: true, twoWaySyncEnabled: false, linkedRecordCount: 0, recentAttempts: 0 });
 * if (refusals.length === 0) enableSwitchButton();
 * ```
 */
export function evaluateSwitch(input: SwitchInput): SwitchRefusal[] {
  const { current, requested, target } = input;
  const refusals: SwitchRefusal[] = [];
  const refuse = (code: SwitchRefusal['code'], message: string) => refusals.push({ code, message });
  if (!input.isAdmin) refuse('SWITCH_NOT_ADMIN', 'only a user with the FSM Administrator profile can switch the finance organisation; ask an administrator.');
  if (input.recentAttempts >= SWITCH_ATTEMPTS_PER_HOUR) {
    refuse('SWITCH_RATE_LIMITED', `at most ${SWITCH_ATTEMPTS_PER_HOUR} switch attempts are allowed within an hour; try again later.`);
  }
  if (current === undefined) refuse('SWITCH_NOT_INTEGRATED', 'no finance organisation is bound yet; choose one with select() instead.');
  const label = orgLabel(target ?? { ...requested, name: requested.organizationId });
  if (target === undefined || target.deleted === true) {
    refuse('SWITCH_TARGET_NOT_FOUND', `${label} is not among this user's ${appName(requested.app)} organisations (deleted, or the user is not an admin there); choose one the user administers.`);
  }
  if (current !== undefined && current.app === requested.app && current.organizationId === requested.organizationId) {
    refuse('SWITCH_SAME_ORG', `${label} is already the integrated organisation; choose another one.`);
  }
  if (target !== undefined && target.deleted !== true) {
    const edition = input.fsm?.edition ?? current?.edition;
    const [ineligible] = evaluateEligibility([target], { ...input.eligibility, fsmEdition: input.eligibility?.fsmEdition ?? edition }).ineligible;
    if (ineligible) {
      refusals.push({
        code: 'SWITCH_TARGET_INELIGIBLE',
        message: ineligible.reasons.map((r) => r.message).join(' '),
        targetReasons: ineligible.reasons.map((r) => ({ code: r.code, message: r.message })),
      });
    }
    if (edition !== undefined && target.edition !== undefined && target.edition !== edition) {
      refuse('SWITCH_EDITION_MISMATCH', `${label} uses the ${target.edition} tax edition, this FSM organisation the ${edition} edition; choose an organisation of the ${edition} edition.`);
    }
    const currency = input.fsm?.currencyCode ?? current?.currencyCode;
    if (currency !== undefined && target.currencyCode !== undefined && target.currencyCode.toUpperCase() !== currency.toUpperCase()) {
      refuse('SWITCH_CURRENCY_MISMATCH', `${label} has base currency ${target.currencyCode}, this FSM organisation ${currency}; choose an organisation with base currency ${currency}.`);
    }
  }
  if (input.twoWaySyncEnabled) refuse('SWITCH_TWO_WAY_SYNC_ENABLED', `two-way sync is enabled and cannot be turned off; ${SUPPORT}.`);
  if (input.linkedRecordCount > 0) {
    refuse(
      'SWITCH_LINKED_RECORDS_EXIST',
      `${input.linkedRecordCount} record(s) are still linked to the current organisation through tax configuration or data sync; delete them first, or ${SUPPORT}.`,
    );
  }
  return refusals;
}
