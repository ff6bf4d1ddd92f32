import type { FinanceApp } from '../client/finance/finance-context.js';
import type { IntegrationClient } from '../client/integration-client.js';
import type { FinanceOrganization } from '../schemas/finance/organization.js';
import { financeOrgFromZoho } from './finance-org-from-zoho.js';
import type { FinanceOrg } from './finance-org.js';

/** Adjusts a converted org with what you know better than Zoho's reply (edition, Avalara...). */
export type DescribeOrg = (org: FinanceOrg, record: FinanceOrganization) => FinanceOrg;

/**
 * The user's orgs of one app as FinanceOrgs. `GET /organizations` lists the orgs of the token's
 * user; Zoho drops deleted orgs from it.
 */
export async function listFinanceOrgs(
  client: IntegrationClient,
  app: FinanceApp,
  describe: DescribeOrg | undefined,
  signal: AbortSignal | undefined,
): Promise<FinanceOrg[]> {
  const records = await client.financeFor(app).organizations.list(signal ? { signal } : {});
  return records.map((record) => {
    const org = financeOrgFromZoho(app, record);
    return describe ? describe(org, record) : org;
  });
}
