import type { Region } from '../regions.js';
import type { TotalsRounding } from '../tax/totals-input.js';
import type { SandboxEdition } from './editions.js';
import { RecordTable } from './record-table.js';

/** Zoho Books plans and their daily API caps. */
export const PLAN_DAILY_CAPS = {
  free: 1000,
  standard: 2000,
  professional: 5000,
  premium: 10000,
  elite: 10000,
  ultimate: 10000,
} as const;

/** A Books/Invoice subscription plan. */
export type SandboxPlan = keyof typeof PLAN_DAILY_CAPS;

/** The Books/Invoice resources the sandbox stores. */
export const FINANCE_RESOURCES = [
  'contacts',
  'contactpersons',
  'items',
  'taxes',
  'taxgroups',
  'taxauthorities',
  'taxexemptions',
  'invoices',
  'estimates',
  'salesorders',
  'customerpayments',
  'chartofaccounts',
] as const;

/** A Books/Invoice resource name, as used by {@link Sandbox.records}. */
export type SandboxFinanceResource = (typeof FINANCE_RESOURCES)[number];

/** The FSM modules the sandbox serves. */
export const FSM_MODULES = ['Companies', 'Contacts', 'Service_And_Parts', 'Work_Orders', 'Service_Appointments', 'Assets', 'Estimates'] as const;

/** An FSM module API name. */
export type SandboxFsmModule = (typeof FSM_MODULES)[number];

/** A Books or Invoice organisation held by the sandbox. */
export interface FinanceOrgState {
  readonly kind: 'finance';
  readonly app: 'books' | 'invoice';
  readonly organizationId: string;
  readonly ownerEmail: string;
  readonly region: Region;
  name: string;
  plan: SandboxPlan;
  /** End of the trial (epoch ms), or undefined when the org is not on a trial. */
  trialEndsAt: number | undefined;
  avalara: boolean;
  active: boolean;
  deleted: boolean;
  edition: SandboxEdition;
  currency: { id: string; code: string; symbol: string; name: string };
  taxEnabled: boolean;
  allowDuplicateNames: boolean;
  /** Books inventory (items tracked, sales orders): off unless set. Invoice orgs never have it. */
  inventory: boolean;
  isDefault: boolean;
  utcOffsetMinutes: number;
  timeZone: string;
  createdAt: number;
  invoiceCounter: number;
  /** Number of the last customer payment (`payment_number`). */
  paymentCounter: number;
  /** Books' "Rounding off in sales transactions": how invoice totals are rounded. */
  rounding: TotalsRounding;
  readonly tables: Record<SandboxFinanceResource, RecordTable>;
}

/** An FSM organisation held by the sandbox. The token is org-bound. */
export interface FsmOrgState {
  readonly kind: 'fsm';
  readonly organizationId: string;
  readonly ownerEmail: string;
  readonly region: Region;
  name: string;
  edition: SandboxEdition;
  /** The finance org this FSM org is bound to: where `process_sync` links and pushes. */
  finance: { app: 'books' | 'invoice'; organizationId: string } | undefined;
  user: { name: string; id: string; email: string };
  utcOffsetMinutes: number;
  currencyCode: string;
  workOrderCounter: number;
  /** The number the next estimate's `Name` (`ES<n>`) takes, minus one. */
  estimateCounter: number;
  readonly tables: Record<SandboxFsmModule, RecordTable>;
}

/** Any organisation of the sandbox. */
export type OrgState = FinanceOrgState | FsmOrgState;

/** Empty tables for every finance resource. */
export function financeTables(): Record<SandboxFinanceResource, RecordTable> {
  return Object.fromEntries(FINANCE_RESOURCES.map((r) => [r, new RecordTable()])) as Record<SandboxFinanceResource, RecordTable>;
}

/** Empty tables for every FSM module. */
export function fsmTables(): Record<SandboxFsmModule, RecordTable> {
  return Object.fromEntries(FSM_MODULES.map((m) => [m, new RecordTable()])) as Record<SandboxFsmModule, RecordTable>;
}
