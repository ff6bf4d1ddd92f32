import type { Storage } from '../storage/storage.js';
import { BillingError } from '../errors/billing-error.js';
import type { LineStatusUpdate } from './work-order-source.js';

/** What billing knows about one line. A line with no record is not yet invoiced. */
export interface LedgerLine {
  status: 'invoiced' | 'void' | 'non_billable';
  invoiceId?: string;
}

/** An invoice billing made for the work order. */
export interface LedgerInvoice {
  invoiceId: string;
  /** The `reference_number` billing set, unique per invoice. */
  reference: string;
  lineIds: string[];
  void: boolean;
  at: number;
}

/**
 * An invoice being created: written before the create, so a crash or a lost reply is settled by
 * looking the reference up in finance before anything else happens to the work order.
 */
export interface PendingInvoice {
  reference: string;
  lineIds: string[];
  /** Who is creating it, and until when that call may (after that, anyone may settle it). */
  owner: string;
  until: number;
}

/** Billing's record of one work order: one document, changed only by compare-and-set. */
export interface WorkOrderLedger {
  format: 1;
  /** Numbers the invoices' references (`<work order>-<n>`). */
  sequence: number;
  lines: Record<string, LedgerLine>;
  invoices: LedgerInvoice[];
  pending?: PendingInvoice;
  /** Line statuses still to show on the work order's side. */
  outbox: LineStatusUpdate[];
  /**
   * Invoices a create made after its lease was taken over (the lines were billed meanwhile): to
   * be voided, and voided again by the next call on the work order if a void fails.
   */
  strays?: string[];
}

export const EMPTY_LEDGER: WorkOrderLedger = /* @__PURE__ */ Object.freeze({ format: 1, sequence: 0, lines: {}, invoices: [], outbox: [] }) as WorkOrderLedger;

// Compare-and-set rounds before giving up: each lost round means another writer changed the ledger.
const MAX_ROUNDS = 16;

/** Reads and changes work order ledgers under `<prefix>work-orders/<id>`. */
export class LedgerStore {
  readonly #storage: Storage;
  readonly #prefix: string;

  constructor(storage: Storage, prefix: string) {
    this.#storage = storage;
    this.#prefix = prefix;
  }

  key(workOrderId: string): string {
    return `${this.#prefix}work-orders/${encodeURIComponent(workOrderId)}`;
  }

  async read(workOrderId: string): Promise<WorkOrderLedger> {
    return (await this.#storage.get<WorkOrderLedger>(this.key(workOrderId))) ?? EMPTY_LEDGER;
  }

  /**
   * Applies `change` to the latest ledger atomically. `change` returns the next ledger (or the
   * same object to write nothing) and may throw to refuse; it is called again after a lost race.
   */
  async change(workOrderId: string, change: (current: WorkOrderLedger) => WorkOrderLedger): Promise<WorkOrderLedger> {
    const key = this.key(workOrderId);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const stored = await this.#storage.get<WorkOrderLedger>(key);
      const current = stored ?? EMPTY_LEDGER;
      const next = change(current);
      if (next === current) return current;
      if (await this.#storage.compareAndSet(key, stored, next)) return next;
    }
    throw new BillingError('WORK_ORDER_BUSY', `Work order ${workOrderId}'s billing record kept changing under other writers; try again.`, { details: { workOrderId } });
  }
}
