import { Billing } from '../../src/billing/billing.js';
import type { BillingOptions } from '../../src/billing/billing-types.js';
import type { SyncType } from '../../src/mapping/index.js';
import { syncWorld, type SyncWorld, type SyncWorldOptions } from '../sync/helpers.js';

/** A sync world with billable work orders whose customers and items are not in Books yet. */
export interface BillingWorld extends SyncWorld {
  /** A new Billing over the world's storage and a new syncer (like a new process). */
  billing(options?: Partial<BillingOptions>): Billing;
  /** The seeded work orders: WO2 and later have service lines (the first with parts). */
  workOrders(): Array<Record<string, unknown>>;
  /** Books invoices as the sandbox holds them. */
  invoices(): Array<Record<string, unknown>>;
}

export function billingWorld(options: SyncWorldOptions & { syncType?: SyncType } = {}): BillingWorld {
  const world = syncWorld({
    fsmRecords: { customers: 4, items: 3, workOrders: 5 },
    // An offset past the FSM records: no Books customer or item shares a name with them.
    booksRecords: { customers: 2, items: 2, offset: 10 },
    ...options,
  });
  return {
    ...world,
    billing: (extra = {}) => new Billing({ client: world.client, storage: world.storage, mapper: world.mapper, syncer: world.syncer(), clock: world.clock, ...extra }),
    workOrders: () => world.sandbox.records(world.fsm, 'Work_Orders').filter((w) => Array.isArray(w.Service_Line_Items) && w.Service_Line_Items.length > 0 && w.Name !== 'WO1'),
    invoices: () => world.sandbox.records(world.books, 'invoices'),
  };
}

/** The service line ids of a work order. */
export function lineIdsOf(workOrder: Record<string, unknown>): string[] {
  return (workOrder.Service_Line_Items as Array<{ id: string }>).map((line) => line.id);
}
