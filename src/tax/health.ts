import { readFinanceOrg, readSnapshot } from './finance-snapshot.js';
import type { TaxContext } from './pull.js';

/** Stable codes of tax health problems. */
export type TaxHealthCode =
  /** Taxes are on in the FSM configuration and off in the finance org (setup page, "Tax Disabled"). */
  | 'TAX_DISABLED_IN_FINANCE'
  /** The finance org uses another tax edition. */
  | 'EDITION_MISMATCH'
  /** A tax or group used by FSM records is missing in the finance org (deleted there, or never pushed). */
  | 'TAX_MISSING_IN_FINANCE';

/** One tax problem of the integration, in the shape `OrgSelector.health()` reports problems. */
export interface TaxHealthProblem {
  readonly code: TaxHealthCode;
  readonly message: string;
  /** Tax problems never block creating work orders; they make lines and invoices wrong. */
  readonly blocking: false;
  readonly details: Readonly<Record<string, unknown>>;
}

/** Options of `TaxSync.health()`. */
export interface TaxHealthOptions {
  /** FSM ids of the taxes and groups your records use. Default: every tax and group of the stored configuration. */
  inUse?: Iterable<string>;
  signal?: AbortSignal;
}

/**
 * Compares the stored FSM tax configuration with the finance org: taxes disabled there, another
 * edition, taxes used by FSM but missing there. Returns problems; throws only on API failures.
 */
export async function checkTaxHealth(ctx: TaxContext, options: TaxHealthOptions): Promise<TaxHealthProblem[]> {
  const { signal } = options;
  const { settings } = await readFinanceOrg(ctx.client, ctx.organizationId, signal);
  const config = await ctx.store.config();
  const problems: TaxHealthProblem[] = [];
  const problem = (code: TaxHealthCode, message: string, details: Record<string, unknown>) => problems.push({ code, message, blocking: false, details });
  const org = settings.organizationId;
  if (config?.taxesEnabled === true && settings.taxEnabled === false) {
    problem('TAX_DISABLED_IN_FINANCE', `Taxes are enabled in FSM but disabled in the finance organisation ${org}: enable taxes in Books/Invoice (Settings > Taxes), or turn them off in FSM.`, { organizationId: org });
  }
  if (settings.edition !== undefined && settings.edition !== ctx.model.code) {
    problem('EDITION_MISMATCH', `The finance organisation ${org} uses the ${settings.edition} tax edition, but FSM uses ${ctx.model.code}: taxes cannot be shared; bind an organisation of the ${ctx.model.code} edition.`, {
      organizationId: org,
      edition: ctx.model.code,
      financeEdition: settings.edition,
    });
  }
  if (config === undefined || config.managedBy === 'avalara' || !config.taxesEnabled) return problems;
  const inUse = options.inUse === undefined ? [...config.taxes.map((t) => t.id), ...config.groups.map((g) => g.id)] : [...new Set(options.inUse)];
  if (inUse.length === 0) return problems;
  const snapshot = await readSnapshot(ctx.client, ctx.model, signal);
  const present = new Set([...snapshot.taxes, ...snapshot.groups].map((row) => row.tax_id));
  for (const fsmId of inUse) {
    const entry = await ctx.store.entry(fsmId);
    const name = entry?.name ?? [...config.taxes, ...config.groups].find((t) => t.id === fsmId)?.name ?? fsmId;
    if (entry?.financeId !== undefined && present.has(entry.financeId)) continue;
    problem(
      'TAX_MISSING_IN_FINANCE',
      entry?.financeId === undefined
        ? `The tax ${JSON.stringify(name)} (${fsmId}) used by FSM records does not exist in the finance organisation ${org}: run push() to create it.`
        : `The tax ${JSON.stringify(name)} (${fsmId}) used by FSM records was deleted from the finance organisation ${org}: create it again with push(), or change the records to another tax.`,
      { organizationId: org, fsmTaxId: fsmId, financeTaxId: entry?.financeId, name },
    );
  }
  return problems;
}
