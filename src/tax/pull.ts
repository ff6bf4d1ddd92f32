import type { IntegrationClient } from '../client/integration-client.js';
import type { Clock } from '../clock.js';
import { Decimal } from './decimal.js';
import type { TaxEditionModel } from './edition-model.js';
import { readFinanceOrg, readSnapshot } from './finance-snapshot.js';
import { assertUsableOrg } from './org-checks.js';
import type { FinanceOrganization } from '../schemas/finance/index.js';
import type { ConfigTax, ConfigTaxAuthority, ConfigTaxExemption, ConfigTaxGroup, TaxConfig, TaxObjectKind } from './tax-config.js';
import type { TaxIdMapEntry, TaxStore } from './tax-store.js';
import { stateOfGstNumber } from './validators/gst-state-codes.js';

/** What pull and push need. */
export interface TaxContext {
  client: IntegrationClient;
  organizationId: string;
  store: TaxStore;
  model: TaxEditionModel;
  clock: Clock;
  origin: string | undefined;
}

/** What {@link pullTaxes} needs besides the context. */
export interface PullTaxesOptions {
  signal: AbortSignal | undefined;
  /** Keeps the pull's lease (see withTaxLease); throws `TAX_LEASE_LOST` when another operation took it. */
  renew: () => Promise<void>;
}

const rateOf = (value: number | null | undefined): string => Decimal.from(value ?? 0).toString();
const textOf = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/**
 * Reads the finance org's taxes, groups (with their members), authorities, exemptions and tax
 * settings, and stores them as the FSM tax configuration with a stable id map (setup page: "If
 * integrated with an existing account, taxes and all other settings related to it will be pulled").
 * An FSM id, once given to a finance object, is kept by every later pull. An Avalara-integrated US
 * org keeps only the items' Avalara tax codes. Runs under the org's tax
 * lease, renewed while it reads; it writes only at the end, and only while it still holds the lease.
 */
export async function pullTaxes(ctx: TaxContext, { signal, renew }: PullTaxesOptions): Promise<TaxConfig> {
  const { client, model, store } = ctx;
  const { settings, org } = await readFinanceOrg(client, ctx.organizationId, signal);
  assertUsableOrg(settings, model, 'pull');
  const previous = await store.config();
  const base = { edition: model.code, taxesEnabled: settings.taxEnabled ?? true, finance: settings };
  const origin = ctx.origin ?? previous?.origin ?? originOf(model, org);
  if (settings.avalara === true) {
    const itemTaxCodes: Record<string, string> = {};
    for await (const item of client.finance.items.list(signal ? { signal } : {})) {
      await renew();
      const code = textOf(item.avatax_tax_code);
      if (code !== undefined) itemTaxCodes[item.item_id] = code;
    }
    const config: TaxConfig = { ...base, managedBy: 'avalara', taxes: [], groups: [], authorities: [], exemptions: [], itemTaxCodes, ...(origin ? { origin } : {}) };
    await renew();
    await store.replaceAll(config, []);
    return config;
  }
  const snapshot = await readSnapshot(client, model, signal);
  const entries: TaxIdMapEntry[] = [];
  const now = ctx.clock.now();
  const assign = async (kind: TaxObjectKind, financeId: string, name: string, rate?: string): Promise<string> => {
    const fsmId = (await store.fsmIdOf(kind, financeId)) ?? `${kind}-${financeId}`;
    entries.push({ kind, fsmId, financeId, name, status: 'pulled', at: now, ...(rate === undefined ? {} : { rate }) });
    return fsmId;
  };

  const authorities: ConfigTaxAuthority[] = [];
  const authorityIds = new Map<string, string>();
  for (const a of snapshot.authorities) {
    const name = a.tax_authority_name ?? '';
    const id = await assign('authority', a.tax_authority_id, name);
    authorityIds.set(a.tax_authority_id, id);
    authorities.push({ id, name, ...optionalText('description', a.description), ...optionalText('registrationNumber', a.registration_number), ...optionalText('registrationNumberLabel', a.registration_number_label) });
  }
  const taxes: ConfigTax[] = [];
  const taxIds = new Map<string, string>();
  let defaultTaxId: string | undefined;
  for (const t of snapshot.taxes) {
    const rate = rateOf(t.tax_percentage);
    const tax: ConfigTax = { id: await assign('tax', t.tax_id, t.tax_name ?? '', rate), name: t.tax_name ?? '', rate };
    if (t.tax_type === 'compound_tax') tax.compound = true;
    const specific = textOf(t.tax_specific_type);
    if (specific !== undefined) tax.specificType = specific;
    const authority = textOf(t.tax_authority_id);
    const authorityId = authority === undefined ? undefined : authorityIds.get(authority);
    if (authorityId !== undefined) tax.authorityId = authorityId;
    const countryCode = textOf(t.country_code);
    if (countryCode !== undefined) tax.countryCode = countryCode;
    taxIds.set(t.tax_id, tax.id);
    if (t.is_default_tax === true) defaultTaxId = tax.id;
    taxes.push(tax);
  }
  const groups: ConfigTaxGroup[] = [];
  for (const row of snapshot.groups) {
    await renew();
    // The tax list shows a group without its members: read the group.
    const group = await client.finance.taxGroups.get(row.tax_id, signal ? { signal } : {});
    const name = group.tax_group_name ?? row.tax_name ?? '';
    const id = await assign('group', row.tax_id, name, rateOf(row.tax_percentage));
    const members = (group.taxes ?? []).map((m) => taxIds.get(m.tax_id)).filter((m): m is string => m !== undefined);
    groups.push({ id, name, taxIds: members });
    if (row.is_default_tax === true) defaultTaxId = id;
  }
  const exemptions: ConfigTaxExemption[] = [];
  for (const e of snapshot.exemptions) {
    const code = e.tax_exemption_code ?? '';
    // Zoho documents `type` as customer or item; an exemption without one is treated as a customer's.
    const type = e.type === 'item' ? 'item' : 'customer';
    exemptions.push({ id: await assign('exemption', e.tax_exemption_id, code), code, type, ...optionalText('description', e.description) });
  }
  const config: TaxConfig = {
    ...base,
    managedBy: 'fsm',
    taxes,
    groups,
    authorities,
    exemptions,
    ...(defaultTaxId === undefined ? {} : { defaultTaxId }),
    ...(origin === undefined ? {} : { origin }),
  };
  // A pull that lost its lease while reading must not replace the id map under the operation that took over.
  await renew();
  await store.replaceAll(config, entries);
  return config;
}

function optionalText<K extends string>(key: K, value: unknown): Partial<Record<K, string>> {
  const text = textOf(value);
  return (text === undefined ? {} : { [key]: text }) as Partial<Record<K, string>>;
}

/** India: the org's state, from its GSTIN (`tax_id_value`) or a state code in its address. */
function originOf(model: TaxEditionModel, org: FinanceOrganization): string | undefined {
  if (model.code !== 'in') return undefined;
  const gstin = textOf(org.tax_id_value);
  const fromGstin = gstin === undefined ? undefined : stateOfGstNumber(gstin.slice(0, 2));
  if (fromGstin !== undefined) return fromGstin;
  const state = textOf(org.address?.state)?.toUpperCase();
  return state !== undefined && model.placeOfSupply?.codes?.includes(state) ? state : undefined;
}
