import type { AvalaraPolicy, FinanceOrg, OnboardingChoice, TaxEdition } from '../../src/eligibility/index.js';

/** 2026-01-01T00:00:00Z, the ManualClock's default start: every case is judged at this instant. */
export const NOW = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

/** One row of the eligibility table: orgs, context (rules by name), and the expected answer. */
export interface EligibilityCase {
  name: string;
  orgs: FinanceOrg[];
  context: {
    now: number;
    fsmEdition?: TaxEdition;
    avalara?: AvalaraPolicy;
    /** A rule set by name (see table-runner.mjs); absent: the defaults. */
    rules?: 'none' | 'default+free-plan' | 'free-plan-only';
  };
  expected: {
    defaultChoice: OnboardingChoice;
    books: string[];
    invoice: string[];
    ineligible: Array<{ id: string; codes: string[] }>;
  };
}

/** What the runner returns for a case. */
export interface CaseSummary {
  defaultChoice: OnboardingChoice;
  newInvoice: true;
  books: string[];
  invoice: string[];
  ineligible: Array<{ id: string; codes: string[]; messages: string[] }>;
}

const books = (id: string, extra: Partial<FinanceOrg> = {}): FinanceOrg => ({ app: 'books', organizationId: id, name: `Books ${id}`, active: true, ...extra });
const invoice = (id: string, extra: Partial<FinanceOrg> = {}): FinanceOrg => ({ app: 'invoice', organizationId: id, name: `Invoice ${id}`, active: true, ...extra });
const ok = (b: string[], i: string[], defaultChoice: OnboardingChoice) => ({ defaultChoice, books: b, invoice: i, ineligible: [] });

/** Every rule and the combinations the onboarding page meets. */
export const ELIGIBILITY_CASES: EligibilityCase[] = [
  { name: 'no orgs: new Invoice account by default', orgs: [], context: { now: NOW }, expected: ok([], [], 'new_invoice') },
  { name: 'one active Books org: existing Books by default', orgs: [books('1')], context: { now: NOW }, expected: ok(['1'], [], 'existing_books') },
  { name: 'one active Invoice org: existing Invoice by default', orgs: [invoice('2')], context: { now: NOW }, expected: ok([], ['2'], 'existing_invoice') },
  {
    name: 'orgs from both apps: both listed, Books first',
    orgs: [invoice('2'), books('1'), invoice('3')],
    context: { now: NOW },
    expected: ok(['1'], ['2', '3'], 'existing_books'),
  },
  {
    name: 'only trial-expired orgs: they do not count, new Invoice by default',
    orgs: [books('1', { trialEndsAt: NOW - 10 * DAY }), invoice('2', { trialEndsAt: NOW - DAY })],
    context: { now: NOW },
    expected: { defaultChoice: 'new_invoice', books: [], invoice: [], ineligible: [{ id: '1', codes: ['TRIAL_EXPIRED'] }, { id: '2', codes: ['TRIAL_EXPIRED'] }] },
  },
  {
    name: 'a trial ending exactly now has expired',
    orgs: [books('1', { trialEndsAt: NOW })],
    context: { now: NOW },
    expected: { defaultChoice: 'new_invoice', books: [], invoice: [], ineligible: [{ id: '1', codes: ['TRIAL_EXPIRED'] }] },
  },
  { name: 'a trial ending tomorrow is still running', orgs: [books('1', { trialEndsAt: NOW + DAY })], context: { now: NOW }, expected: ok(['1'], [], 'existing_books') },
  {
    name: "Zoho's trialExpired: true wins over a future end date",
    orgs: [books('1', { trialEndsAt: NOW + DAY, trialExpired: true })],
    context: { now: NOW },
    expected: { defaultChoice: 'new_invoice', books: [], invoice: [], ineligible: [{ id: '1', codes: ['TRIAL_EXPIRED'] }] },
  },
  { name: "Zoho's trialExpired: false wins over a past end date", orgs: [books('1', { trialEndsAt: NOW - DAY, trialExpired: false })], context: { now: NOW }, expected: ok(['1'], [], 'existing_books') },
  {
    name: 'an inactive org is refused',
    orgs: [invoice('2', { active: false })],
    context: { now: NOW },
    expected: { defaultChoice: 'new_invoice', books: [], invoice: [], ineligible: [{ id: '2', codes: ['ORG_INACTIVE'] }] },
  },
  {
    name: 'a deleted org is refused',
    orgs: [books('1', { deleted: true })],
    context: { now: NOW },
    expected: { defaultChoice: 'new_invoice', books: [], invoice: [], ineligible: [{ id: '1', codes: ['ORG_DELETED'] }] },
  },
  {
    name: 'deleted, inactive and expired at once: every reason, in rule order',
    orgs: [books('1', { deleted: true, active: false, trialExpired: true })],
    context: { now: NOW },
    expected: { defaultChoice: 'new_invoice', books: [], invoice: [], ineligible: [{ id: '1', codes: ['ORG_DELETED', 'ORG_INACTIVE', 'TRIAL_EXPIRED'] }] },
  },
  { name: 'Avalara org under the US FSM edition is allowed', orgs: [books('1', { avalara: true, edition: 'us' })], context: { now: NOW, fsmEdition: 'us' }, expected: ok(['1'], [], 'existing_books') },
  {
    name: 'Avalara org under the India FSM edition is refused',
    orgs: [books('1', { avalara: true, edition: 'in' })],
    context: { now: NOW, fsmEdition: 'in' },
    expected: { defaultChoice: 'new_invoice', books: [], invoice: [], ineligible: [{ id: '1', codes: ['AVALARA_INTEGRATED'] }] },
  },
  {
    name: "Avalara judged by the FSM edition, not the org's: US org under India is refused",
    orgs: [books('1', { avalara: true, edition: 'us' })],
    context: { now: NOW, fsmEdition: 'in' },
    expected: { defaultChoice: 'new_invoice', books: [], invoice: [], ineligible: [{ id: '1', codes: ['AVALARA_INTEGRATED'] }] },
  },
  { name: "no FSM edition yet: Avalara judged by the org's own US edition", orgs: [books('1', { avalara: true, edition: 'us' })], context: { now: NOW }, expected: ok(['1'], [], 'existing_books') },
  {
    name: "no FSM edition yet: Avalara on a Canadian org is refused",
    orgs: [books('1', { avalara: true, edition: 'ca' })],
    context: { now: NOW },
    expected: { defaultChoice: 'new_invoice', books: [], invoice: [], ineligible: [{ id: '1', codes: ['AVALARA_INTEGRATED'] }] },
  },
  {
    name: 'no edition known anywhere: Avalara is refused',
    orgs: [books('1', { avalara: true })],
    context: { now: NOW },
    expected: { defaultChoice: 'new_invoice', books: [], invoice: [], ineligible: [{ id: '1', codes: ['AVALARA_INTEGRATED'] }] },
  },
  {
    name: "policy 'refuse': Avalara refused even under the US edition (the setup page's rule)",
    orgs: [books('1', { avalara: true, edition: 'us' })],
    context: { now: NOW, fsmEdition: 'us', avalara: 'refuse' },
    expected: { defaultChoice: 'new_invoice', books: [], invoice: [], ineligible: [{ id: '1', codes: ['AVALARA_INTEGRATED'] }] },
  },
  { name: "policy 'allow': Avalara allowed under India", orgs: [books('1', { avalara: true, edition: 'in' })], context: { now: NOW, fsmEdition: 'in', avalara: 'allow' }, expected: ok(['1'], [], 'existing_books') },
  { name: 'avalara: false is never refused', orgs: [books('1', { avalara: false })], context: { now: NOW, fsmEdition: 'in' }, expected: ok(['1'], [], 'existing_books') },
  {
    name: 'expired Books and active Invoice: existing Invoice by default',
    orgs: [books('1', { trialExpired: true }), invoice('2')],
    context: { now: NOW },
    expected: { defaultChoice: 'existing_invoice', books: [], invoice: ['2'], ineligible: [{ id: '1', codes: ['TRIAL_EXPIRED'] }] },
  },
  {
    name: 'inactive Invoice and active Books: existing Books by default',
    orgs: [invoice('2', { active: false }), books('1')],
    context: { now: NOW },
    expected: { defaultChoice: 'existing_books', books: ['1'], invoice: [], ineligible: [{ id: '2', codes: ['ORG_INACTIVE'] }] },
  },
  {
    name: 'a custom rule added to the defaults refuses free-plan orgs',
    orgs: [books('1', { plan: 'FREE' }), books('3', { plan: 'STANDARD' }), invoice('2', { plan: 'FREE', trialExpired: true })],
    context: { now: NOW, fsmEdition: 'uk', rules: 'default+free-plan' },
    expected: { defaultChoice: 'existing_books', books: ['3'], invoice: [], ineligible: [{ id: '1', codes: ['FREE_PLAN'] }, { id: '2', codes: ['TRIAL_EXPIRED', 'FREE_PLAN'] }] },
  },
  {
    name: 'a custom rule replacing the defaults: an expired trial no longer counts',
    orgs: [books('1', { trialExpired: true }), invoice('2', { plan: 'FREE' })],
    context: { now: NOW, rules: 'free-plan-only' },
    expected: { defaultChoice: 'existing_books', books: ['1'], invoice: [], ineligible: [{ id: '2', codes: ['FREE_PLAN'] }] },
  },
  {
    name: 'no rules at all: even a deleted org is offered',
    orgs: [books('1', { deleted: true, active: false })],
    context: { now: NOW, rules: 'none' },
    expected: ok(['1'], [], 'existing_books'),
  },
  {
    name: 'unknown facts never refuse: an org with only app, id and name is eligible',
    orgs: [{ app: 'invoice', organizationId: '9', name: 'Bare' }],
    context: { now: NOW, fsmEdition: 'in' },
    expected: ok([], ['9'], 'existing_invoice'),
  },
  {
    name: 'input order is kept within each dropdown',
    orgs: [books('30'), books('10'), invoice('20'), books('20')],
    context: { now: NOW },
    expected: ok(['30', '10', '20'], ['20'], 'existing_books'),
  },
  {
    name: 'a GCC user: deleted Books, expired Invoice, Avalara Invoice under UAE, one good Books',
    orgs: [
      books('1', { deleted: true, edition: 'ae' }),
      invoice('2', { trialEndsAt: NOW - 1, edition: 'ae' }),
      invoice('3', { avalara: true, edition: 'ae' }),
      books('4', { edition: 'ae', currencyCode: 'AED' }),
    ],
    context: { now: NOW, fsmEdition: 'ae' },
    expected: {
      defaultChoice: 'existing_books',
      books: ['4'],
      invoice: [],
      ineligible: [{ id: '1', codes: ['ORG_DELETED'] }, { id: '2', codes: ['TRIAL_EXPIRED'] }, { id: '3', codes: ['AVALARA_INTEGRATED'] }],
    },
  },
];
