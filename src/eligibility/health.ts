import type { IntegrationClient } from '../client/integration-client.js';
import { AuthError } from '../errors/auth-error.js';
import { financeOrgDeletedMessage, type HealthProblemCode } from '../errors/integration-health-error.js';
import type { FinanceBinding } from './finance-binding.js';
import type { FinanceOrg } from './finance-org.js';
import type { FsmOrgProfile } from './fsm-org-profile.js';
import { listFinanceOrgs, type DescribeOrg } from './org-listing.js';
import { appName, orgLabel } from './org-label.js';

/** One problem of the integration: a stable code, what to do, and whether it blocks record creation. */
export interface HealthProblem {
  readonly code: HealthProblemCode;
  readonly message: string;
  /** True when work orders, service appointments and assets cannot be created until it is fixed. */
  readonly blocking: boolean;
}

/** What `OrgSelector.health()` found. */
export interface HealthReport {
  /** No problem at all. */
  readonly ok: boolean;
  /** When the check ran (the client's clock). */
  readonly checkedAt: number;
  /** The stored binding, if any. */
  readonly binding: FinanceBinding | undefined;
  /** The bound org as Zoho lists it now; undefined when deleted, unbound or not readable. */
  readonly org: FinanceOrg | undefined;
  readonly problems: readonly HealthProblem[];
}

/** Checks the binding against Zoho. Errors other than auth ones propagate. */
export async function checkHealth(input: {
  client: IntegrationClient;
  binding: FinanceBinding | undefined;
  fsm: FsmOrgProfile | undefined;
  describe: DescribeOrg | undefined;
  signal: AbortSignal | undefined;
}): Promise<HealthReport> {
  const { client, binding, fsm } = input;
  const report = (org: FinanceOrg | undefined, problems: HealthProblem[]): HealthReport => ({
    ok: problems.length === 0,
    checkedAt: client.clock.now(),
    binding,
    org,
    problems,
  });
  if (binding === undefined) {
    return report(undefined, [{ code: 'NOT_INTEGRATED', blocking: true, message: 'This FSM organisation is not bound to a Zoho Books or Zoho Invoice organisation yet: run onboarding (OrgSelector.options() then select()).' }]);
  }
  let orgs: FinanceOrg[];
  try {
    orgs = await listFinanceOrgs(client, binding.app, input.describe, input.signal);
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    return report(undefined, [{
      code: 'TOKEN_REVOKED',
      blocking: false,
      message: `Zoho refused the credentials (${error.code}), so the finance organisation could not be checked: the refresh token was revoked or expired. Authorise again and give the client the new refresh token.`,
    }]);
  }
  const org = orgs.find((o) => o.organizationId === binding.organizationId);
  if (org === undefined || org.deleted === true) {
    return report(undefined, [{
      code: 'FINANCE_ORG_DELETED',
      blocking: true,
      // One wording with the client's create guard (IntegrationClient, healthGuard).
      message: financeOrgDeletedMessage(binding),
    }]);
  }
  return report(org, problemsOf(org, binding, fsm));
}

function problemsOf(org: FinanceOrg, binding: FinanceBinding, fsm: FsmOrgProfile | undefined): HealthProblem[] {
  const problems: HealthProblem[] = [];
  const label = orgLabel(org);
  // Setup page, "Handling Integration Errors": if taxes are enabled in FSM, they should also be enabled in Books.
  if (fsm?.taxesEnabled === true && org.taxEnabled === false) {
    problems.push({ code: 'TAX_DISABLED_IN_FINANCE', blocking: false, message: `Taxes are enabled in FSM but disabled in ${label}: enable taxes in ${appName(org.app)} (Settings > Taxes), or turn them off in FSM.` });
  }
  const currency = fsm?.currencyCode ?? binding.currencyCode;
  if (currency !== undefined && org.currencyCode !== undefined && currency.toUpperCase() !== org.currencyCode.toUpperCase()) {
    problems.push({ code: 'CURRENCY_MISMATCH', blocking: false, message: `${label} has base currency ${org.currencyCode} but the FSM organisation uses ${currency}: correct the FSM currency, or switch to an organisation with base currency ${currency}.` });
  }
  const edition = fsm?.edition ?? binding.edition;
  if (edition !== undefined && org.edition !== undefined && edition !== org.edition) {
    problems.push({ code: 'EDITION_MISMATCH', blocking: false, message: `${label} uses the ${org.edition} tax edition but the FSM organisation the ${edition} edition: taxes will not map; switch to an organisation of the ${edition} edition.` });
  }
  return problems;
}
