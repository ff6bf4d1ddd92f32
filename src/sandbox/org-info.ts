import { ConfigError } from '../errors/config-error.js';
import { Decimal } from '../tax/decimal.js';
import type { Region } from '../regions.js';
import type { TotalsRounding } from '../tax/totals-input.js';
import type { SandboxEdition } from './editions.js';
import type { OrgState, SandboxPlan } from './org-state.js';
import { parseLocalDate } from './time-format.js';
import type { SandboxWorld } from './world.js';

/** A sandbox organisation as inspection shows it. */
export interface SandboxOrgInfo {
  organizationId: string;
  app: 'books' | 'invoice' | 'fsm';
  name: string;
  ownerEmail: string;
  region: Region;
  edition: SandboxEdition;
  /** Finance orgs only. */
  plan?: SandboxPlan;
  trialEndsAt?: number;
  trialExpired?: boolean;
  avalara?: boolean;
  active?: boolean;
  deleted?: boolean;
  currencyCode: string;
  taxEnabled?: boolean;
  allowDuplicateNames?: boolean;
  /** Books orgs only: inventory enabled (sales orders served). */
  inventory?: boolean;
  /** Finance orgs only: Books' "Rounding off in sales transactions". */
  rounding?: TotalsRounding;
  /** FSM orgs only: the finance org `process_sync` uses. */
  finance?: { app: 'books' | 'invoice'; organizationId: string };
}

/** Changes an admin can make to a finance org (the FSM org takes only `name` and `finance`). */
export interface SandboxOrgPatch {
  name?: string;
  plan?: SandboxPlan;
  /** `yyyy-mm-dd`, epoch ms, or `null` to end the trial. */
  trialEndsAt?: string | number | null;
  avalara?: boolean;
  active?: boolean;
  deleted?: boolean;
  taxEnabled?: boolean;
  allowDuplicateNames?: boolean;
  /** Books only: turns inventory (and with it sales orders) on or off. Refused for an Invoice org. */
  inventory?: boolean;
  /**
   * "Rounding off in sales transactions": `'none'` (default), `'whole'` (to the nearest whole
   * number) or `{ increment: '0.05' }` (to the nearest multiple). Invoices show what rounding
   * changed as `roundoff_value`.
   */
  rounding?: TotalsRounding;
  finance?: { app: 'books' | 'invoice'; organizationId: string } | null;
}

/** The inspection view of an org. */
export function orgInfo(org: OrgState, now: number): SandboxOrgInfo {
  if (org.kind === 'fsm') {
    const info: SandboxOrgInfo = {
      organizationId: org.organizationId,
      app: 'fsm',
      name: org.name,
      ownerEmail: org.ownerEmail,
      region: org.region,
      edition: org.edition,
      currencyCode: org.currencyCode,
    };
    if (org.finance) info.finance = { ...org.finance };
    return info;
  }
  const info: SandboxOrgInfo = {
    organizationId: org.organizationId,
    app: org.app,
    name: org.name,
    ownerEmail: org.ownerEmail,
    region: org.region,
    edition: org.edition,
    plan: org.plan,
    trialExpired: org.trialEndsAt !== undefined && org.trialEndsAt <= now,
    avalara: org.avalara,
    active: org.active,
    deleted: org.deleted,
    currencyCode: org.currency.code,
    taxEnabled: org.taxEnabled,
    allowDuplicateNames: org.allowDuplicateNames,
    rounding: org.rounding,
  };
  if (org.app === 'books') info.inventory = org.inventory;
  if (org.trialEndsAt !== undefined) info.trialEndsAt = org.trialEndsAt;
  return info;
}

/** Applies an admin's change to an org. */
export function updateOrg(world: SandboxWorld, org: OrgState, patch: SandboxOrgPatch): SandboxOrgInfo {
  if (patch.name !== undefined) org.name = patch.name;
  if (org.kind === 'fsm') {
    if (patch.finance !== undefined) org.finance = patch.finance ?? undefined;
    return orgInfo(org, world.now());
  }
  if (patch.plan !== undefined) org.plan = patch.plan;
  if (patch.trialEndsAt !== undefined) {
    const end = patch.trialEndsAt === null ? undefined : typeof patch.trialEndsAt === 'number' ? patch.trialEndsAt : parseLocalDate(patch.trialEndsAt, org.utcOffsetMinutes);
    if (patch.trialEndsAt !== null && end === undefined) throw new ConfigError(`trialEndsAt ${JSON.stringify(patch.trialEndsAt)} is not a date (use yyyy-mm-dd).`);
    org.trialEndsAt = end;
  }
  if (patch.avalara !== undefined) org.avalara = patch.avalara;
  if (patch.active !== undefined) org.active = patch.active;
  if (patch.deleted !== undefined) org.deleted = patch.deleted;
  if (patch.taxEnabled !== undefined) org.taxEnabled = patch.taxEnabled;
  if (patch.allowDuplicateNames !== undefined) org.allowDuplicateNames = patch.allowDuplicateNames;
  if (patch.rounding !== undefined) org.rounding = checkedRounding(patch.rounding);
  if (patch.inventory !== undefined) {
    // Zoho Invoice has no inventory and no sales orders.
    if (org.app !== 'books') throw new ConfigError(`inventory is a Books setting; ${org.organizationId} is a Zoho Invoice organisation.`);
    org.inventory = patch.inventory;
  }
  return orgInfo(org, world.now());
}

function checkedRounding(rounding: TotalsRounding): TotalsRounding {
  if (rounding === 'none' || rounding === 'whole') return rounding;
  const increment = typeof rounding === 'object' && rounding !== null ? Decimal.tryFrom(rounding.increment) : undefined;
  if (increment === undefined || increment.compare(0) <= 0) throw new ConfigError(`rounding ${JSON.stringify(rounding)} is not 'none', 'whole' or { increment } with an increment above 0.`);
  return { increment: increment.toString() };
}
