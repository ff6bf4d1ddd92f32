import { FsmBillingError, type FsmBillingErrorOptions } from './fsm-billing-error.js';

/** Stable codes of integration health problems. */
export type HealthProblemCode =
  /** No finance org is bound yet. */
  | 'NOT_INTEGRATED'
  /** The bound Books/Invoice org was deleted (or the user lost access to it). */
  | 'FINANCE_ORG_DELETED'
  /** Taxes are on in the FSM configuration but off in the finance org. */
  | 'TAX_DISABLED_IN_FINANCE'
  /** The finance org's base currency differs from the FSM org's. */
  | 'CURRENCY_MISMATCH'
  /** The finance org's tax edition differs from the FSM org's. */
  | 'EDITION_MISMATCH'
  /** A tax used by FSM records is missing in the finance org (reported by TaxSync.health()). */
  | 'TAX_MISSING_IN_FINANCE'
  /** Zoho refused the credentials: the refresh token was revoked or expired. */
  | 'TOKEN_REVOKED';

/** Records whose creation a blocking health problem forbids: work orders, service appointments, assets. */
export type CreatableRecord = 'work_order' | 'service_appointment' | 'asset';

const RECORD_LABELS: Readonly<Record<CreatableRecord, string>> = { work_order: 'work orders', service_appointment: 'service appointments', asset: 'assets' };

/** True for `'work_order'`, `'service_appointment'` and `'asset'`. */
export function isCreatableRecord(value: unknown): value is CreatableRecord {
  return typeof value === 'string' && Object.hasOwn(RECORD_LABELS, value);
}

/** The finance org a health message names. */
export interface HealthOrgRef {
  app: 'books' | 'invoice';
  organizationId: string;
  /** The org's name, when known (a deleted org is no longer listed, so it may not be). */
  name?: string | undefined;
}

/**
 * What `FINANCE_ORG_DELETED` says, wherever it is found (`OrgSelector.health()`, the client's
 * create guard): what happened, what it blocks, and what to do.
 *
 * @example
 * ```ts
 * financeOrgDeletedMessage({ app: 'books', organizationId: '60012345', name: 'Zylker' });
 * // 'Zoho Books organisation "Zylker" (60012345) bound to this FSM organisation was deleted ...'
 * ```
 */
export function financeOrgDeletedMessage(org: HealthOrgRef): string {
  const app = org.app === 'books' ? 'Zoho Books' : 'Zoho Invoice';
  const label = org.name === undefined ? `${app} organisation ${org.organizationId}` : `${app} organisation "${org.name}" (${org.organizationId})`;
  return `${label} bound to this FSM organisation was deleted (or this user lost access to it). Work orders, service appointments and assets cannot be created until you switch to another organisation with OrgSelector.switch(), or contact support@zohofsm.com (US, IN, AU) / support@eu.zohofsm.com (EU, UK).`;
}

/**
 * Thrown when a blocking health problem forbids creating work orders, service appointments or
 * assets (the setup page: once the bound Books organisation is deleted they cannot be created):
 * by `OrgSelector.assertCanCreate()`, and by the client's `fsm.workOrders.create()`,
 * `fsm.serviceAppointments.create()` and `fsm.assets.create()` while its finance organisation is
 * deleted. `code` is the problem's (`FINANCE_ORG_DELETED`, `NOT_INTEGRATED`); the message says what
 * to do; `details.record` is what was being created and `details.problems` the blocking problems.
 *
 * @example
 * ```ts
 * try { await client.fsm.workOrders.create({ Summary: 'AC service' }); }
 * catch (error) {
 *   if (error instanceof IntegrationHealthError && error.code === 'FINANCE_ORG_DELETED') showSwitchDialog();
 * }
 * ```
 */
export class IntegrationHealthError extends FsmBillingError {
  override name = 'IntegrationHealthError';
  declare readonly code: HealthProblemCode;

  constructor(code: HealthProblemCode, message: string, options: FsmBillingErrorOptions = {}) {
    super(code, message, options);
  }

  /**
   * The refusal to create `record` because of a blocking `problem`: one wording for
   * `OrgSelector.assertCanCreate()` and the client's guard. `details` adds to `{ record, problems }`.
   *
   * @example
   * ```ts
   * throw IntegrationHealthError.createBlocked('asset', { code: 'FINANCE_ORG_DELETED', message: financeOrgDeletedMessage(org), blocking: true });
   * ```
   */
  static createBlocked(
    record: CreatableRecord,
    problem: { readonly code: HealthProblemCode; readonly message: string; readonly blocking: boolean },
    details: { problems?: readonly unknown[] } & Record<string, unknown> = {},
  ): IntegrationHealthError {
    return new IntegrationHealthError(problem.code, `Cannot create ${RECORD_LABELS[record]}: ${problem.message}`, {
      details: { record, problems: [problem], ...details },
    });
  }
}
