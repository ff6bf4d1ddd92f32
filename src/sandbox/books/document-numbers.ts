import type { FinanceOrgState } from '../org-state.js';

const counters = new WeakMap<FinanceOrgState, Map<string, number>>();

/**
 * The next auto-number of a document series (`EST-000001`, `SO-000001`), per organisation. A
 * number once given is never given again, even after its document is deleted, as Books does.
 */
export function nextDocumentNumber(org: FinanceOrgState, prefix: string): string {
  let series = counters.get(org);
  if (!series) {
    series = new Map();
    counters.set(org, series);
  }
  const next = (series.get(prefix) ?? 0) + 1;
  series.set(prefix, next);
  return `${prefix}-${String(next).padStart(6, '0')}`;
}
