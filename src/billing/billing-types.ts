import type { IntegrationClient } from '../client/integration-client.js';
import type { Clock } from '../clock.js';
import type { FieldMapper } from '../mapping/field-mapper.js';
import type { Storage } from '../storage/storage.js';
import type { SyncEntity } from '../sync/run/sync-units.js';
import type { TaxSync } from '../tax/tax-sync.js';
import type { TotalsResult } from '../tax/totals.js';
import type { PlannedLine, PricingOptions } from './invoice-draft.js';
import type { LineState } from './line-selection.js';
import type { WorkOrderSource } from './work-order-source.js';

/** The syncer's side of billing: its links, and one-record sync (a `BidirectionalSyncer`). */
export interface BillingSyncer {
  /** The finance id linked to an FSM record of a mapping module, without calling anyone. */
  linkedId(module: 'companies' | 'contacts' | 'items', side: 'fsm', id: string): Promise<string | undefined>;
  /** Creates (or pairs) the counterpart of one record now, linked as `run()` would. */
  syncOne(entity: SyncEntity, side: 'fsm' | 'finance', id: string, options?: { signal?: AbortSignal; waitMs?: number }): Promise<{ counterpartId?: string | undefined; action: string; failure?: { message: string } | undefined }>;
}

/** Options of {@link Billing}. */
export interface BillingOptions {
  client: IntegrationClient;
  /** Where line statuses and invoice intents live (the syncer's storage). */
  storage: Storage;
  /** The field mapper: its sync type picks the billed customer, its invoice mapping the header fields. */
  mapper: FieldMapper;
  /** Line taxes by the prefill matrix, and the totals to expect. Without it, finance picks each line's tax. */
  taxes?: TaxSync;
  /** Links and `syncOne` for customers and items missing in finance. */
  syncer: BillingSyncer;
  /** Where work orders come from. Default: Zoho FSM through `client`. */
  workOrders?: WorkOrderSource;
  /** The finance organisation's pricing settings. */
  pricing?: PricingOptions;
  /** Time source. Default: the system clock. */
  clock?: Clock;
  /**
   * How long an invoice being created holds its work order: another call settles it only after
   * this (by looking its reference up in finance). Default 5 minutes.
   */
  pendingLeaseMs?: number;
  /**
   * How long creating a missing customer or item waits for a sync run of the binding to end
   * before refusing with `SYNC_ALREADY_RUNNING`. Default 0: refuse at once.
   */
  syncWaitMs?: number;
  /** Storage namespace. Default `'billing/'`. */
  keyPrefix?: string;
}

/** Options of `invoiceWorkOrder`. */
export interface InvoiceWorkOrderOptions {
  /** Service line ids to invoice. Default: every line not yet invoiced and not Non Billable. */
  lines?: readonly string[];
  /** Mark the invoice sent once created. Default false: it stays a Draft. */
  send?: boolean;
  /** The invoice date (`yyyy-mm-dd`). Default: finance's today. */
  date?: string;
  /** The salesperson's name on the invoice. */
  salesperson?: string;
  signal?: AbortSignal;
}

/** A record billing created in finance because the work order needed it. */
export interface CreatedCounterpart {
  entity: SyncEntity;
  fsmId: string;
  financeId: string;
}

/** What `invoiceWorkOrder` did. */
export interface InvoiceWorkOrderResult {
  workOrderId: string;
  /** The invoice as finance returned it (a Draft unless `send`). */
  invoice: Readonly<Record<string, unknown>> & { invoice_id: string };
  /** The `reference_number` billing set: `<work order>-<n>`. */
  reference: string;
  /** The invoice's lines as billing planned them. */
  lines: PlannedLine[];
  /** The totals billing expects (undefined when finance picked the taxes). */
  totals: TotalsResult | undefined;
  /** Customers and items created in finance for this invoice, each linked for the two-way sync. */
  created: CreatedCounterpart[];
  /** Every line of the work order with its status after the call. */
  lineStates: LineState[];
  /**
   * Steps after the create that did not complete; the invoice exists either way. Line statuses
   * not shown on the work order are retried by the next billing call on it; the billing address
   * (`client.finance.invoices.setBillingAddress`) and `send` are for the caller to repeat.
   */
  warnings: string[];
  /** True when the invoice was made by an earlier call whose reply was lost, and found by its reference. */
  recovered: boolean;
}

/** An invoice's payment state, read back from finance. */
export interface InvoiceStatus {
  invoiceId: string;
  status: 'draft' | 'sent' | 'partially_paid' | 'paid' | 'overdue' | 'void' | string;
  total: number;
  balance: number;
  currency: string | undefined;
  dueDate: string | undefined;
}

/** Events of {@link Billing}. */
export interface BillingEvents {
  /** A customer or item was created in finance for an invoice. */
  counterpart: CreatedCounterpart & { workOrderId: string };
  /** An invoice was created (or found after a lost reply). */
  invoice: { workOrderId: string; invoiceId: string; reference: string; lineIds: string[]; recovered: boolean };
  /** An invoice was voided and its lines freed. */
  void: { workOrderId: string; invoiceId: string; lineIds: string[] };
  /** A step that will be retried did not complete. */
  warning: { workOrderId: string; message: string };
}
