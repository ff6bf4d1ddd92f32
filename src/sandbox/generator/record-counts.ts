import type { RecordCounts } from '../options.js';

/** Record counts with every field filled in. */
export interface ResolvedCounts {
  customers: number;
  items: number;
  invoices: number;
  workOrders: number;
  offset: number;
}

/** Expands the `records` shorthand: a number n means n customers and n items. */
export function resolveCounts(counts: RecordCounts | undefined): ResolvedCounts {
  if (counts === undefined) return { customers: 0, items: 0, invoices: 0, workOrders: 0, offset: 0 };
  if (typeof counts === 'number') return { customers: counts, items: counts, invoices: 0, workOrders: 0, offset: 0 };
  return {
    customers: counts.customers ?? 0,
    items: counts.items ?? 0,
    invoices: counts.invoices ?? 0,
    workOrders: counts.workOrders ?? 0,
    offset: counts.offset ?? 0,
  };
}

const DAY = 86_400_000;

/** A creation time `ageDays` before `now`, plus a random time of day; and a later modification. */
export function pastTimes(now: number, ageDays: number, fraction: number): { createdAt: number; modifiedAt: number } {
  const createdAt = now - ageDays * DAY + Math.floor(fraction * DAY * 0.9) - DAY;
  const modifiedAt = createdAt + Math.floor(fraction * (now - createdAt) * 0.5);
  return { createdAt, modifiedAt: Math.min(modifiedAt, now) };
}
