import type { FinanceOrg, SwitchInput, SwitchRefusalCode } from '../../src/eligibility/index.js';
import { NOW } from './eligibility-cases.js';

const current = { app: 'books' as const, organizationId: '1', name: 'Current', edition: 'in' as const, currencyCode: 'INR' };
const target = (extra: Partial<FinanceOrg> = {}): FinanceOrg => ({ app: 'books', organizationId: '2', name: 'Target', edition: 'in', currencyCode: 'INR', active: true, ...extra });
const base: SwitchInput = {
  current,
  requested: { app: 'books', organizationId: '2' },
  target: target(),
  isAdmin: true,
  twoWaySyncEnabled: false,
  linkedRecordCount: 0,
  recentAttempts: 0,
  eligibility: { now: NOW },
};

/** The pure switch rules: input → refusal codes, in order. */
export const SWITCH_CASES: Array<{ name: string; input: SwitchInput; codes: SwitchRefusalCode[] }> = [
  { name: 'a valid switch', input: base, codes: [] },
  { name: 'not an admin', input: { ...base, isAdmin: false }, codes: ['SWITCH_NOT_ADMIN'] },
  { name: 'third attempt of the hour is still allowed', input: { ...base, recentAttempts: 2 }, codes: [] },
  { name: 'fourth attempt of the hour', input: { ...base, recentAttempts: 3 }, codes: ['SWITCH_RATE_LIMITED'] },
  { name: 'nothing bound', input: { ...base, current: undefined }, codes: ['SWITCH_NOT_INTEGRATED'] },
  { name: 'target missing', input: { ...base, target: undefined }, codes: ['SWITCH_TARGET_NOT_FOUND'] },
  { name: 'target flagged deleted', input: { ...base, target: target({ deleted: true }) }, codes: ['SWITCH_TARGET_NOT_FOUND'] },
  { name: 'same org', input: { ...base, requested: { app: 'books', organizationId: '1' }, target: target({ organizationId: '1' }) }, codes: ['SWITCH_SAME_ORG'] },
  { name: 'same id in the other app is another org', input: { ...base, requested: { app: 'invoice', organizationId: '1' }, target: target({ app: 'invoice', organizationId: '1' }) }, codes: [] },
  { name: 'target inactive', input: { ...base, target: target({ active: false }) }, codes: ['SWITCH_TARGET_INELIGIBLE'] },
  { name: 'other edition', input: { ...base, target: target({ edition: 'uk' }) }, codes: ['SWITCH_EDITION_MISMATCH'] },
  { name: "FSM edition wins over the binding's", input: { ...base, fsm: { edition: 'uk' }, target: target({ edition: 'uk' }) }, codes: [] },
  { name: 'other currency (case-insensitive compare)', input: { ...base, target: target({ currencyCode: 'usd' }) }, codes: ['SWITCH_CURRENCY_MISMATCH'] },
  { name: 'same currency in lower case', input: { ...base, target: target({ currencyCode: 'inr' }) }, codes: [] },
  { name: 'unknown target edition and currency never refuse', input: { ...base, target: target({ edition: undefined, currencyCode: undefined }) }, codes: [] },
  // The Avalara rule judges the target under the FSM edition: fsm.edition, else the binding's.
  {
    name: 'Avalara target, FSM edition US given in fsm (same-edition target)',
    input: { ...base, current: { ...current, edition: 'us', currencyCode: 'USD' }, fsm: { edition: 'us' }, target: target({ edition: 'us', currencyCode: 'USD', avalara: true }) },
    codes: [],
  },
  {
    name: 'Avalara target, FSM edition IN given in fsm, target of unknown edition',
    input: { ...base, fsm: { edition: 'in' }, target: target({ edition: undefined, avalara: true }) },
    codes: ['SWITCH_TARGET_INELIGIBLE'],
  },
  {
    name: 'Avalara target, FSM edition US given in fsm, target of unknown edition',
    input: { ...base, current: { ...current, edition: 'us', currencyCode: 'USD' }, fsm: { edition: 'us' }, target: target({ edition: undefined, currencyCode: 'USD', avalara: true }) },
    codes: [],
  },
  // fsm.edition, not the binding's edition, judges the Avalara rule when the two differ.
  {
    name: "Avalara target, fsm US over the binding's IN edition: accepted",
    input: { ...base, fsm: { edition: 'us' }, target: target({ edition: undefined, avalara: true }) },
    codes: [],
  },
  {
    name: "Avalara target, fsm IN over the binding's US edition: ineligible",
    input: { ...base, current: { ...current, edition: 'us', currencyCode: 'USD' }, fsm: { edition: 'in' }, target: target({ edition: undefined, currencyCode: 'USD', avalara: true }) },
    codes: ['SWITCH_TARGET_INELIGIBLE'],
  },
  {
    name: "Avalara target, no fsm: the binding's IN edition judges it",
    input: { ...base, target: target({ edition: undefined, avalara: true }) },
    codes: ['SWITCH_TARGET_INELIGIBLE'],
  },
  {
    name: "Avalara target, no fsm: the binding's US edition judges it",
    input: { ...base, current: { ...current, edition: 'us', currencyCode: 'USD' }, target: target({ edition: undefined, currencyCode: 'USD', avalara: true }) },
    codes: [],
  },
  {
    name: 'Avalara target, fsmEdition given explicitly in eligibility wins',
    input: { ...base, current: { ...current, edition: 'us', currencyCode: 'USD' }, fsm: { edition: 'us' }, target: target({ edition: undefined, currencyCode: 'USD', avalara: true }), eligibility: { now: NOW, fsmEdition: 'in' } },
    codes: ['SWITCH_TARGET_INELIGIBLE'],
  },
  { name: 'two-way sync on', input: { ...base, twoWaySyncEnabled: true }, codes: ['SWITCH_TWO_WAY_SYNC_ENABLED'] },
  { name: 'linked records', input: { ...base, linkedRecordCount: 1 }, codes: ['SWITCH_LINKED_RECORDS_EXIST'] },
  {
    name: 'everything wrong at once, most fundamental first',
    input: { ...base, isAdmin: false, recentAttempts: 5, target: target({ edition: 'ae', currencyCode: 'AED', trialExpired: true }), twoWaySyncEnabled: true, linkedRecordCount: 4 },
    codes: [
      'SWITCH_NOT_ADMIN',
      'SWITCH_RATE_LIMITED',
      'SWITCH_TARGET_INELIGIBLE',
      'SWITCH_EDITION_MISMATCH',
      'SWITCH_CURRENCY_MISMATCH',
      'SWITCH_TWO_WAY_SYNC_ENABLED',
      'SWITCH_LINKED_RECORDS_EXIST',
    ],
  },
];
