import type { IntegrationClient } from '../client/integration-client.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { UnknownEndpointError } from '../errors/unknown-endpoint-error.js';
import type { FinanceOrganization, FinanceTax, FinanceTaxAuthority, FinanceTaxExemption } from '../schemas/finance/index.js';
import type { TaxEditionModel } from './edition-model.js';
import { editionOfOrganization } from './org-edition.js';
import type { FinanceTaxSettings } from './tax-config.js';

/** The tax objects of a finance org, as its lists return them. */
export interface FinanceTaxSnapshot {
  /** Simple and compound taxes. */
  taxes: FinanceTax[];
  /** Tax groups as rows of the tax list (`tax_type: 'tax_group'`, `tax_percentage` the sum). */
  groups: FinanceTax[];
  authorities: FinanceTaxAuthority[];
  exemptions: FinanceTaxExemption[];
}

const flag = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);

/** The client's finance organisation and its tax facts. */
export async function readFinanceOrg(
  client: IntegrationClient,
  organizationId: string,
  signal: AbortSignal | undefined,
): Promise<{ org: FinanceOrganization; settings: FinanceTaxSettings }> {
  const org = await client.finance.organizations.get(organizationId, signal ? { signal } : {});
  const settings: FinanceTaxSettings = { organizationId };
  const edition = editionOfOrganization(org);
  const taxEnabled = flag(org.is_tax_enabled);
  const avalara = flag(org.is_avalara_integrated);
  const taxGroupEnabled = flag(org.tax_group_enabled);
  if (edition !== undefined) settings.edition = edition;
  if (taxEnabled !== undefined) settings.taxEnabled = taxEnabled;
  if (avalara !== undefined) settings.avalara = avalara;
  if (taxGroupEnabled !== undefined) settings.taxGroupEnabled = taxGroupEnabled;
  if (typeof org.currency_code === 'string' && org.currency_code !== '') settings.currencyCode = org.currency_code;
  return { org, settings };
}

/** An edition-specific list: an edition without the endpoint answers "URL Not Found", which means "none". */
async function orEmpty<T>(read: () => Promise<T[]>): Promise<T[]> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof UnknownEndpointError || error instanceof NotFoundError) return [];
    throw error;
  }
}

/** Reads the taxes, groups, and — where the edition has them — authorities and exemptions. */
export async function readSnapshot(client: IntegrationClient, model: TaxEditionModel, signal: AbortSignal | undefined): Promise<FinanceTaxSnapshot> {
  const options = signal ? { signal } : {};
  const rows = await client.finance.taxes.list(options).toArray();
  const authorities = model.supports.authorities ? await orEmpty(() => client.finance.taxAuthorities.list(options).toArray()) : [];
  const exemptions = model.supports.exemptions ? await orEmpty(() => client.finance.taxExemptions.list(options).toArray()) : [];
  return {
    taxes: rows.filter((row) => row.tax_type !== 'tax_group'),
    groups: rows.filter((row) => row.tax_type === 'tax_group'),
    authorities,
    exemptions,
  };
}
