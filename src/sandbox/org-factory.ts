import { defaultEditionFor, editionInfo } from './editions.js';
import { populateFinanceOrg } from './generator/populate-finance.js';
import { populateFsmOrg } from './generator/populate-fsm.js';
import { resolveCounts } from './generator/record-counts.js';
import type { FinanceOrgInit, FsmOrgInit, RecordCounts } from './options.js';
import { financeTables, fsmTables, type FinanceOrgState, type FsmOrgState } from './org-state.js';
import { parseLocalDate } from './time-format.js';
import { seedChartOfAccounts } from './books/account-model.js';
import type { SandboxWorld, UserState } from './world.js';

const DAY = 86_400_000;

function trialEnd(value: string | number | undefined, utcOffsetMinutes: number): number | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' ? value : parseLocalDate(value, utcOffsetMinutes);
}

/** Creates a Books or Invoice org for a user, with its taxes and generated records. */
export function addFinanceOrg(
  world: SandboxWorld,
  user: UserState,
  app: 'books' | 'invoice',
  init: FinanceOrgInit,
  fallbackRecords: RecordCounts | undefined,
): FinanceOrgState {
  const edition = init.edition ?? defaultEditionFor(user.region);
  const info = editionInfo(edition);
  const organizationId = init.organizationId ?? world.ids.organization();
  const isFirst = world.financeOrgsOf(user, app).length === 0;
  const org: FinanceOrgState = {
    kind: 'finance',
    app,
    organizationId,
    ownerEmail: user.email,
    region: user.region,
    name: init.name ?? `${user.name} ${app === 'books' ? 'Books' : 'Invoice'}${isFirst ? '' : ` ${world.financeOrgsOf(user, app).length + 1}`}`,
    plan: init.plan ?? (app === 'books' ? 'standard' : 'free'),
    trialEndsAt: trialEnd(init.trialEndsAt, info.utcOffsetMinutes),
    avalara: init.avalara ?? false,
    active: init.active ?? true,
    deleted: init.deleted ?? false,
    edition,
    currency: { id: world.ids.finance(), ...info.currency, code: init.currencyCode ?? info.currency.code },
    taxEnabled: init.taxEnabled ?? true,
    allowDuplicateNames: init.allowDuplicateNames ?? false,
    inventory: app === 'books' && init.inventory === true,
    isDefault: init.isDefault ?? isFirst,
    utcOffsetMinutes: info.utcOffsetMinutes,
    timeZone: info.timeZone,
    createdAt: world.now() - 500 * DAY,
    invoiceCounter: 0,
    paymentCounter: 0,
    rounding: 'none',
    tables: financeTables(),
  };
  // Zoho Invoice keeps no books: only a Books org has a chart of accounts.
  if (app === 'books') seedChartOfAccounts(world, org);
  world.orgs.set(organizationId, org);
  user.financeOrgIds.push(organizationId);
  populateFinanceOrg(world, org, resolveCounts(init.records ?? fallbackRecords));
  return org;
}

/** Creates the FSM org of a user, bound to `finance`, with generated records. */
export function addFsmOrg(world: SandboxWorld, user: UserState, init: FsmOrgInit, fallbackRecords: RecordCounts | undefined): FsmOrgState {
  const edition = init.edition ?? defaultEditionFor(user.region);
  const info = editionInfo(edition);
  const organizationId = init.organizationId ?? world.ids.organization();
  const finance =
    init.finance ??
    (() => {
      const first = world.financeOrgsOf(user, 'books')[0] ?? world.financeOrgsOf(user, 'invoice')[0];
      return first ? { app: first.app, organizationId: first.organizationId } : undefined;
    })();
  const org: FsmOrgState = {
    kind: 'fsm',
    organizationId,
    ownerEmail: user.email,
    region: user.region,
    name: init.name ?? `${user.name} Field Service`,
    edition,
    finance,
    user: { name: user.name, id: user.userId, email: user.email },
    utcOffsetMinutes: info.utcOffsetMinutes,
    currencyCode: info.currency.code,
    workOrderCounter: 0,
    estimateCounter: 0,
    tables: fsmTables(),
  };
  world.orgs.set(organizationId, org);
  user.fsmOrgId = organizationId;
  populateFsmOrg(world, org, resolveCounts(init.records ?? fallbackRecords));
  return org;
}
