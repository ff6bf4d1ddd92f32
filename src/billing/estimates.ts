import type { EstimateCreate } from '../schemas/finance/estimate.js';
import { BillingError } from '../errors/billing-error.js';
import type { TotalsResult } from '../tax/totals.js';
import type { CreatedCounterpart } from './billing-types.js';
import { createOnce } from './create-once.js';
import { withoutInvoiceFields, type DocumentDeps } from './document-plan.js';
import { billableFromFsmWorkOrder } from './fsm-work-order.js';
import type { BillableWorkOrder } from './work-order.js';

type Row = Readonly<Record<string, unknown>>;

/** What `pushEstimate` did. */
export interface PushedEstimate {
  /** The estimate's id on the FSM side. */
  fsmEstimateId: string;
  /** The finance estimate, as read back. */
  estimate: Row & { estimate_id: string };
  /** False when the estimate had been pushed before (nothing was created this time). */
  pushed: boolean;
  /** True when an earlier push whose reply was lost was found by its reference. */
  recovered: boolean;
  created: CreatedCounterpart[];
  totals: TotalsResult | undefined;
}

/** Where an estimate stands in finance. */
export interface EstimateState {
  fsmEstimateId: string;
  estimateId: string;
  /** draft, sent, accepted, declined, invoiced, expired... */
  status: string;
  /** The invoices made from it. */
  invoiceIds: string[];
}

/** How `convertEstimate` hands an accepted estimate on. */
export type EstimateConversion =
  | { to: 'invoice' }
  | {
    to: 'work-order';
    /**
     * Creates the work order; returns its id. Called again after a crash before its id was stored,
     * with the same `reference`: make it idempotent by that reference.
     */
    create(estimate: Row, reference: string): Promise<string>;
  };

/** What `convertEstimate` made. */
export type ConvertedEstimate =
  | { to: 'invoice'; invoiceId: string; invoice: Row; converted: boolean }
  | { to: 'work-order'; workOrderId: string; converted: boolean };

// FSM shows the estimate's finance status in its own words (an assumption: FSM documents no list).
const FSM_STATUS: Readonly<Record<string, string>> = { draft: 'Draft', sent: 'Sent', accepted: 'Accepted', declined: 'Declined', invoiced: 'Invoiced', expired: 'Expired' };

/** FSM Estimates ↔ finance estimates: push once, read the status back, convert when accepted. */
export class EstimateBilling {
  readonly #d: DocumentDeps;
  /** Whether estimate ids are Zoho FSM's (then statuses and links are written back there). */
  readonly #zohoFsm: boolean;

  constructor(deps: DocumentDeps, options: { zohoFsm: boolean }) {
    this.#d = deps;
    this.#zohoFsm = options.zohoFsm;
  }

  #key(kind: 'estimates' | 'estimate-conversions', fsmEstimateId: string): string {
    return `${this.#d.prefix}${kind}/${encodeURIComponent(fsmEstimateId)}`;
  }

  async push(estimate: string | BillableWorkOrder, signal?: AbortSignal): Promise<PushedEstimate> {
    const call = signal ? { signal } : {};
    const fsmEstimateId = typeof estimate === 'string' ? estimate : estimate.id;
    const done = await this.#d.storage.get<{ documentId?: string }>(this.#key('estimates', fsmEstimateId));
    if (done?.documentId !== undefined) {
      const existing = (await this.#d.client.finance.estimates.get(done.documentId, call)) as Row & { estimate_id: string };
      return { fsmEstimateId, estimate: existing, pushed: false, recovered: false, created: [], totals: undefined };
    }
    const order = typeof estimate === 'string' ? billableFromFsmWorkOrder((await this.#d.client.fsm.estimates.get(estimate, call)) as Row) : estimate;
    const { draft, created } = await this.#d.planner.plan(order, order.lines, { signal });
    const outcome = await createOnce({
      storage: this.#d.storage, clock: this.#d.clock, key: this.#key('estimates', order.id), leaseMs: this.#d.leaseMs,
      reference: order.name ?? order.id, keep: true,
      busy: { code: 'WORK_ORDER_BUSY', what: `Estimate ${order.name ?? order.id}`, details: { fsmEstimateId: order.id } },
      find: async (reference) => {
        const found = (await this.#d.client.finance.estimates.list({ referenceNumber: reference, ...call }).toArray()).find((e) => e.reference_number === reference);
        return found?.estimate_id ?? undefined;
      },
      create: async (reference) => (await this.#d.client.finance.estimates.create({ ...withoutInvoiceFields(draft.payload), reference_number: reference } as EstimateCreate, call)).estimate_id,
    });
    const pushed = (await this.#d.client.finance.estimates.get(outcome.documentId, call)) as Row & { estimate_id: string };
    if (this.#zohoFsm && typeof estimate === 'string') {
      await this.#d.client.fsm.estimates.update(order.id, { ZBilling_Id: outcome.documentId, Status: FSM_STATUS[String(pushed.status)] ?? String(pushed.status) }, call).catch(() => undefined);
    }
    return { fsmEstimateId: order.id, estimate: pushed, pushed: outcome.created, recovered: outcome.recovered, created: outcome.created ? created : [], totals: draft.totals };
  }

  async status(fsmEstimateId: string, signal?: AbortSignal): Promise<EstimateState> {
    const call = signal ? { signal } : {};
    const estimateId = await this.#pushedId(fsmEstimateId);
    const estimate = (await this.#d.client.finance.estimates.get(estimateId, call)) as Row;
    const status = String(estimate.status);
    if (this.#zohoFsm) await this.#d.client.fsm.estimates.update(fsmEstimateId, { Status: FSM_STATUS[status] ?? status }, call).catch(() => undefined);
    const invoiceIds = Array.isArray(estimate.invoice_ids) ? estimate.invoice_ids.map(String) : [];
    return { fsmEstimateId, estimateId, status, invoiceIds };
  }

  async convert(fsmEstimateId: string, conversion: EstimateConversion, signal?: AbortSignal): Promise<ConvertedEstimate> {
    const call = signal ? { signal } : {};
    const estimateId = await this.#pushedId(fsmEstimateId);
    const estimate = (await this.#d.client.finance.estimates.get(estimateId, call)) as Row;
    const status = String(estimate.status);
    const number = String(estimate.estimate_number ?? estimateId);
    const key = this.#key('estimate-conversions', fsmEstimateId);
    const converted = await this.#d.storage.get<{ documentId?: string }>(key);
    if (converted?.documentId === undefined && status !== 'accepted' && !(conversion.to === 'invoice' && status === 'invoiced')) {
      throw new BillingError('ESTIMATE_STATE', `Estimate ${number} is ${status}: only an accepted estimate is converted.`, { details: { fsmEstimateId, estimateId, status } });
    }
    const outcome = await createOnce({
      storage: this.#d.storage, clock: this.#d.clock, key, leaseMs: this.#d.leaseMs, reference: number, keep: true,
      busy: { code: 'WORK_ORDER_BUSY', what: `The conversion of estimate ${number}`, details: { fsmEstimateId } },
      find: async (reference) => {
        if (conversion.to !== 'invoice') return undefined;
        const invoices = await this.#d.client.finance.invoices.findByReference(reference, call);
        return invoices.find((i) => (i as Row).invoiced_estimate_id === estimateId && i.status !== 'void')?.invoice_id;
      },
      create: async (reference) => (conversion.to === 'invoice'
        ? (await this.#d.client.finance.estimates.convertToInvoice(estimateId, call)).invoice_id
        : conversion.create(estimate, reference)),
    });
    if (conversion.to === 'work-order') return { to: 'work-order', workOrderId: outcome.documentId, converted: outcome.created };
    const invoice = (await this.#d.client.finance.invoices.get(outcome.documentId, call)) as Row;
    return { to: 'invoice', invoiceId: outcome.documentId, invoice, converted: outcome.created };
  }

  async #pushedId(fsmEstimateId: string): Promise<string> {
    const record = await this.#d.storage.get<{ documentId?: string }>(this.#key('estimates', fsmEstimateId));
    if (record?.documentId === undefined) {
      throw new BillingError('ESTIMATE_STATE', `Estimate ${fsmEstimateId} has not been pushed to finance; call billing.pushEstimate first.`, { details: { fsmEstimateId, status: 'not_pushed' } });
    }
    return record.documentId;
  }
}
