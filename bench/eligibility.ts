/**
 * `evaluateEligibility` throughput over a generated table of organisations: one call over the
 * whole table, and many calls of a few orgs each (what an onboarding page does per user).
 * A fifth of the orgs trips a default rule (deleted, inactive, expired trial, Avalara outside the
 * US edition), so refusal messages are built too.
 *
 *   node --import tsx bench/eligibility.ts           # 200,000 orgs
 *   BENCH_ORGS=50000 node --import tsx bench/eligibility.ts
 */
import { performance } from 'node:perf_hooks';
import { evaluateEligibility, type FinanceOrg, type TaxEdition } from '../src/eligibility/index.js';
import { formatNumber, formatTable, median, recordFigure } from './report.js';

const ORGS = Number(process.env.BENCH_ORGS ?? 200_000);
const PER_USER = 3;
const ROUNDS = 5;
const NOW = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const EDITIONS: readonly TaxEdition[] = ['us', 'in', 'uk', 'ca', 'au', 'de', 'ae', 'global'];

/** Org `i` of the table: deterministic, with every fifth org refused by one default rule. */
function org(i: number): FinanceOrg {
  const base: FinanceOrg = {
    app: i % 3 === 0 ? 'invoice' : 'books',
    organizationId: String(60_000_000 + i),
    name: `Organisation ${i}`,
    edition: EDITIONS[i % EDITIONS.length],
    currencyCode: 'USD',
    plan: 'PROFESSIONAL',
    active: true,
    taxEnabled: true,
  };
  switch (i % 20) {
    case 0: return { ...base, deleted: true };
    case 5: return { ...base, active: false };
    case 10: return { ...base, trialEndsAt: NOW - 3 * DAY };
    case 15: return { ...base, avalara: true };
    case 7: return { ...base, trialEndsAt: NOW + 10 * DAY };
    default: return base;
  }
}

const table = Array.from({ length: ORGS }, (_, i) => org(i));
const users = Array.from({ length: Math.floor(ORGS / PER_USER) }, (_, u) => table.slice(u * PER_USER, u * PER_USER + PER_USER));
// An Indian FSM org: Avalara (US edition only) is refused too.
const context = { fsmEdition: 'in' as const, now: NOW };

let sink = 0;
const wholeTable = (): void => {
  const result = evaluateEligibility(table, context);
  sink += result.ineligible.length + result.choices.existing_books.length;
};
const perUser = (): void => {
  for (const orgs of users) sink += evaluateEligibility(orgs, context).ineligible.length;
};

const timed = (work: () => void): number[] => {
  work(); // warm-up
  return Array.from({ length: ROUNDS }, () => {
    const start = performance.now();
    work();
    return performance.now() - start;
  });
};
const wholeMs = median(timed(wholeTable));
const perUserMs = median(timed(perUser));
if (sink === 0) throw new Error('nothing evaluated');
const refused = evaluateEligibility(table, context).ineligible.length;

const rows = [
  ['one call over the table', formatNumber(ORGS), `${formatNumber(wholeMs, 1)} ms`, formatNumber((ORGS / wholeMs) * 1000)],
  [`${formatNumber(users.length)} calls of ${PER_USER} orgs`, formatNumber(users.length * PER_USER), `${formatNumber(perUserMs, 1)} ms`, formatNumber(((users.length * PER_USER) / perUserMs) * 1000)],
];
process.stdout.write(`evaluateEligibility: ${formatNumber(ORGS)} orgs, ${formatNumber(refused)} refused by the default rules, median of ${ROUNDS} rounds\n\n`);
process.stdout.write(`${formatTable(['case', 'orgs', 'time', 'orgs/s'], rows)}\n`);

recordFigure({ label: `one call over ${formatNumber(ORGS)} orgs`, value: (ORGS / wholeMs) * 1000, unit: 'orgs/s' });
recordFigure({ label: `calls of ${PER_USER} orgs (one user each)`, value: (users.length / perUserMs) * 1000, unit: 'calls/s' });
