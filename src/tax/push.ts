import { ApiError } from '../errors/api-error.js';
import { NetworkError } from '../errors/network-error.js';
import { Decimal } from './decimal.js';
import { readFinanceOrg, readSnapshot, type FinanceTaxSnapshot } from './finance-snapshot.js';
import { assertUsableOrg } from './org-checks.js';
import type { TaxContext } from './pull.js';
import type { TaxConfig, TaxObjectKind } from './tax-config.js';
import type { TaxIdMapEntry } from './tax-store.js';

/** One configured object and the finance object it now is. */
export interface TaxPushItem {
  kind: TaxObjectKind;
  fsmId: string;
  financeId: string;
  name: string;
}

/** What a push did: created, found already there (same name and rate), or already mapped. */
export interface TaxPushReport {
  created: TaxPushItem[];
  matched: TaxPushItem[];
  existing: TaxPushItem[];
}

/** One object to make sure of: how to recognise it in the finance org and how to create it. */
interface Wanted {
  kind: TaxObjectKind;
  fsmId: string;
  name: string;
  rate?: string;
  /** The finance rows of its kind in the snapshot. */
  rows: (snapshot: FinanceTaxSnapshot) => Array<{ id: string; name: string; rate?: string; extra?: string }>;
  /** Recognises the object among them ("match by name and rate"). */
  matches: (row: { name: string; rate?: string; extra?: string }) => boolean;
  create: () => Promise<string>;
}

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();
const sameRate = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && Decimal.from(a).equals(b);
const rate = (value: number | null | undefined): string => Decimal.from(value ?? 0).toString();

/** A failure after which the create may have been applied (the reply was lost, or a 5xx). */
function ambiguous(error: unknown): boolean {
  return error instanceof NetworkError || (error instanceof ApiError && (error.status === 0 || error.status >= 500));
}

/** Events a push reports while it works. */
export type PushProgress = (item: TaxPushItem & { action: 'created' | 'matched' | 'existing' }) => void;

/** What {@link pushTaxes} needs besides the configuration. */
export interface PushTaxesOptions {
  signal: AbortSignal | undefined;
  progress: PushProgress;
  /** Keeps the push's lease (see withTaxLease); throws `TAX_LEASE_LOST` when another operation took it. */
  renew: () => Promise<void>;
}

/**
 * Creates the configuration in a finance org: authorities, then taxes, then groups (after their
 * member taxes), then exemptions. Crash-safe and idempotent: before each create an intent is
 * stored; an object already mapped and still present is left alone; an object found in the org
 * with the same name and rate (an earlier run whose reply was lost) is adopted, not created again.
 * When a create's reply is lost, the org is read again at once and a landed write adopted.
 * Runs under the org's tax lease, renewed before each object.
 */
export async function pushTaxes(ctx: TaxContext, config: TaxConfig, { signal, progress, renew }: PushTaxesOptions): Promise<TaxPushReport> {
  const { client, store } = ctx;
  const { settings } = await readFinanceOrg(client, ctx.organizationId, signal);
  const report: TaxPushReport = { created: [], matched: [], existing: [] };
  if (config.managedBy === 'avalara') {
    await store.putConfig({ ...config, finance: settings });
    return report;
  }
  assertUsableOrg(settings, ctx.model, 'push');
  let snapshot = await readSnapshot(client, ctx.model, signal);
  const financeIds = new Map<string, string>();
  const options = signal ? { signal } : {};

  const ensure = async (wanted: Wanted): Promise<void> => {
    signal?.throwIfAborted();
    // A long push keeps its lease; one that lost it stops here, before touching the next object.
    await renew();
    const entry = await store.entry(wanted.fsmId);
    const record = async (financeId: string, status: TaxIdMapEntry['status'], action: 'created' | 'matched' | 'existing') => {
      if (action !== 'existing') await store.put({ kind: wanted.kind, fsmId: wanted.fsmId, financeId, name: wanted.name, status, at: ctx.clock.now(), ...(wanted.rate === undefined ? {} : { rate: wanted.rate }) }, entry?.financeId);
      financeIds.set(wanted.fsmId, financeId);
      const item = { kind: wanted.kind, fsmId: wanted.fsmId, financeId, name: wanted.name };
      report[action].push(item);
      progress({ ...item, action });
    };
    const rows = () => wanted.rows(snapshot);
    if (entry?.financeId !== undefined && rows().some((row) => row.id === entry.financeId)) return record(entry.financeId, entry.status, 'existing');
    // An intent without a finance id is a create whose reply never came: it counts as ours.
    const found = (): string | undefined => rows().find((row) => wanted.matches(row))?.id;
    const match = found();
    if (match !== undefined) return record(match, entry?.status === 'pending' ? 'created' : 'matched', entry?.status === 'pending' ? 'created' : 'matched');
    await store.put({ kind: wanted.kind, fsmId: wanted.fsmId, name: wanted.name, status: 'pending', at: ctx.clock.now(), ...(wanted.rate === undefined ? {} : { rate: wanted.rate }) });
    let financeId: string;
    try {
      financeId = await wanted.create();
    } catch (error) {
      if (!ambiguous(error)) throw error;
      snapshot = await readSnapshot(client, ctx.model, signal);
      const landed = found();
      if (landed === undefined) throw error;
      financeId = landed;
    }
    return record(financeId, 'created', 'created');
  };

  for (const a of config.authorities) {
    await ensure({
      kind: 'authority', fsmId: a.id, name: a.name,
      rows: (s) => s.authorities.map((r) => ({ id: r.tax_authority_id, name: r.tax_authority_name ?? '' })),
      matches: (r) => same(r.name, a.name),
      create: async () => (await client.finance.taxAuthorities.create({
        tax_authority_name: a.name,
        ...(a.description === undefined ? {} : { description: a.description }),
        ...(a.registrationNumber === undefined ? {} : { registration_number: a.registrationNumber }),
        ...(a.registrationNumberLabel === undefined ? {} : { registration_number_label: a.registrationNumberLabel }),
      }, options)).tax_authority_id,
    });
  }
  for (const t of config.taxes) {
    const authority = t.authorityId === undefined ? undefined : financeIds.get(t.authorityId);
    await ensure({
      kind: 'tax', fsmId: t.id, name: t.name, rate: t.rate,
      rows: (s) => s.taxes.map((r) => ({ id: r.tax_id, name: r.tax_name ?? '', rate: rate(r.tax_percentage) })),
      matches: (r) => same(r.name, t.name) && sameRate(r.rate, t.rate),
      create: async () => (await client.finance.taxes.create({
        tax_name: t.name,
        tax_percentage: t.rate,
        tax_type: t.compound === true ? 'compound_tax' : 'tax',
        ...(t.specificType === undefined ? {} : { tax_specific_type: t.specificType }),
        ...(authority === undefined ? {} : { tax_authority_id: authority }),
        ...(t.countryCode === undefined ? {} : { country_code: t.countryCode }),
      }, options)).tax_id,
    });
  }
  for (const g of config.groups) {
    const members = g.taxIds.map((id) => financeIds.get(id)).filter((id): id is string => id !== undefined);
    const groupRate = g.taxIds.reduce((sum, id) => sum.plus(config.taxes.find((t) => t.id === id)?.rate ?? 0), Decimal.ZERO).toString();
    await ensure({
      kind: 'group', fsmId: g.id, name: g.name, rate: groupRate,
      rows: (s) => s.groups.map((r) => ({ id: r.tax_id, name: r.tax_name ?? '', rate: rate(r.tax_percentage) })),
      matches: (r) => same(r.name, g.name) && sameRate(r.rate, groupRate),
      create: async () => (await client.finance.taxGroups.create({ tax_group_name: g.name, taxes: members }, options)).tax_group_id,
    });
  }
  for (const e of config.exemptions) {
    await ensure({
      kind: 'exemption', fsmId: e.id, name: e.code,
      rows: (s) => s.exemptions.map((r) => ({ id: r.tax_exemption_id, name: r.tax_exemption_code ?? '', extra: r.type ?? '' })),
      matches: (r) => same(r.name, e.code) && r.extra === e.type,
      create: async () => (await client.finance.taxExemptions.create({
        tax_exemption_code: e.code,
        type: e.type,
        ...(e.description === undefined ? {} : { description: e.description }),
      }, options)).tax_exemption_id,
    });
  }
  // A push that stalled here after losing its lease must not overwrite the configuration of the operation that took over.
  await renew();
  await store.putConfig({ ...config, finance: settings });
  return report;
}
