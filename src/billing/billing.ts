import type { FinanceInvoiceCreate } from '../schemas/finance/invoice.js';
import type { IntegrationClient } from '../client/integration-client.js';
import { systemClock, type Clock } from '../clock.js';
import { ApiError } from '../errors/api-error.js';
import { BillingError } from '../errors/billing-error.js';
import { ConfigError } from '../errors/config-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { TypedEmitter, type Listener } from '../events.js';
import type { Storage } from '../storage/storage.js';
import type { BillingEvents, BillingOptions, InvoiceStatus, InvoiceWorkOrderOptions, InvoiceWorkOrderResult } from './billing-types.js';
import { invoiceStatus, PaymentRecorder, type PaymentInput, type RecordedPayment } from './payments.js';
import { CounterpartResolver } from './counterparts.js';
import { mayHaveLanded } from './create-once.js';
import { DocumentPlanner } from './document-plan.js';
import { EstimateBilling, type ConvertedEstimate, type EstimateConversion, type EstimateState, type PushedEstimate } from './estimates.js';
import { plannedLineKey, SalesOrderBilling, type WorkOrderSalesOrder } from './sales-orders.js';
import type { PlannedLine, PricingOptions } from './invoice-draft.js';
import { LedgerStore, type WorkOrderLedger } from './ledger.js';
import { adoptPending, clearShown, markBillable, releasePending, voidInvoice } from './ledger-transitions.js';
import { lineStates, selectLines, type LineState } from './line-selection.js';
import { zohoFsmWorkOrderSource, type WorkOrderSource } from './work-order-source.js';
import type { BillableWorkOrder } from './work-order.js';

type Invoice = Readonly<Record<string, unknown>> & { invoice_id: string };

let ownerCounter = 0;


/**
 * Invoices work orders, as Zoho FSM does when bound to Books or Invoice: every line not yet
 * invoiced (or the ones you pick) goes on one Draft invoice; a customer or item missing in finance
 * is created first through the field mapping and linked, so the two-way sync knows it; each line's
 * tax comes from the prefill matrix; each line's billing status is kept in Storage and shown on the
 * work order. A line is never invoiced twice: an intent with a unique reference is stored before
 * the create, and an interrupted create is settled by looking that reference up before anything
 * else happens to the work order.
 *
 * @example
 * ```ts
 * const billing = new Billing({ client, storage, mapper, taxes, syncer });
 * const { invoice, totals, created } = await billing.invoiceWorkOrder(workOrderId);
 * const link = await billing.paymentLink(invoice.invoice_id, { expiresOn: '2027-01-31' });
 * await billing.recordPayment(invoice.invoice_id, { amount: 120, date: '2026-12-06', mode: 'cash' });
 * ```
 */
export class Billing {
  readonly #client: IntegrationClient;
  readonly #storage: Storage;
  readonly #source: WorkOrderSource;
  readonly #pricing: PricingOptions;
  readonly #clock: Clock;
  readonly #leaseMs: number;
  readonly #prefix: string;
  readonly #ledgers: LedgerStore;
  readonly #counterparts: CounterpartResolver;
  readonly #payments: PaymentRecorder;
  readonly #planner: DocumentPlanner;
  readonly #estimates: EstimateBilling;
  readonly #salesOrders: SalesOrderBilling;
  readonly #events = new TypedEmitter<BillingEvents>();

  /** @throws ConfigError on a missing or malformed option. */
  constructor(options: BillingOptions) {
    if (typeof options !== 'object' || options === null) throw new ConfigError('Billing needs options { client, storage, mapper, syncer }.');
    for (const name of ['client', 'storage', 'mapper', 'syncer'] as const) {
      if (typeof options[name] !== 'object' || options[name] === null) throw new ConfigError(`Billing option "${name}" is required.`, { details: { option: name } });
    }
    const leaseMs = options.pendingLeaseMs ?? 300_000;
    if (!(leaseMs > 0)) throw new ConfigError('Billing option "pendingLeaseMs" is milliseconds above 0.', { details: { option: 'pendingLeaseMs' } });
    this.#client = options.client;
    this.#storage = options.storage;
    this.#source = options.workOrders ?? zohoFsmWorkOrderSource(options.client);
    this.#pricing = options.pricing ?? {};
    this.#clock = options.clock ?? systemClock;
    this.#leaseMs = leaseMs;
    this.#prefix = `${options.keyPrefix ?? 'billing/'}${encodeURIComponent(this.#source.id)}/`;
    this.#ledgers = new LedgerStore(options.storage, this.#prefix);
    this.#counterparts = new CounterpartResolver(options.syncer, options.mapper, options.client, options.syncWaitMs ?? 0);
    this.#planner = new DocumentPlanner(this.#counterparts, options.taxes, this.#pricing);
    const shared = { client: options.client, storage: options.storage, clock: this.#clock, prefix: this.#prefix, leaseMs, planner: this.#planner };
    this.#estimates = new EstimateBilling(shared, { zohoFsm: options.workOrders === undefined });
    this.#salesOrders = new SalesOrderBilling(shared);
    this.#payments = new PaymentRecorder({ client: options.client, storage: options.storage, clock: this.#clock, prefix: this.#prefix, leaseMs });
  }

  /** Listens to an event; returns a function that stops listening. */
  on<E extends keyof BillingEvents & string>(event: E, listener: Listener<BillingEvents[E]>): () => void {
    return this.#events.on(event, listener);
  }

  /** Every service line of the work order with its billing status (Not yet Invoiced, Invoiced, Void, Non Billable). */
  async lines(workOrder: string | BillableWorkOrder, options: { signal?: AbortSignal } = {}): Promise<LineState[]> {
    const order = await this.#order(workOrder, options.signal);
    // While another call creates an invoice, its lines show as they were until it finishes.
    const ledger = await this.#settle(order.id, options.signal).catch(async (error: unknown) => {
      if (error instanceof BillingError && error.code === 'WORK_ORDER_BUSY') return this.#ledgers.read(order.id);
      throw error;
    });
    return lineStates(order, ledger);
  }

  /**
   * Invoices a work order's lines: one Draft invoice for the lines asked for, or for every line
   * not yet invoiced. See the class description for what happens on the way.
   *
   * @throws BillingError `NOTHING_TO_INVOICE`, `LINE_NOT_FOUND`, `LINE_ALREADY_INVOICED`,
   *   `LINE_NOT_BILLABLE`, `CUSTOMER_MISSING`, `ITEM_MISSING`, `WORK_ORDER_BUSY`; nothing is invoiced.
   */
  async invoiceWorkOrder(workOrder: string | BillableWorkOrder, options: InvoiceWorkOrderOptions = {}): Promise<InvoiceWorkOrderResult> {
    const { signal } = options;
    const order = await this.#order(workOrder, signal);
    await this.refresh(order, callOptions(signal));
    let ledger = await this.#settle(order.id, signal);
    const lines = selectLines(order, ledger, options.lines);
    const { draft, created } = await this.#planner.plan(order, lines, { salesperson: options.salesperson, date: options.date, signal });
    for (const c of created) this.#events.emit('counterpart', { ...c, workOrderId: order.id });
    const lineIds = lines.map((l) => l.id);
    const owner = `${this.#clock.now().toString(36)}-${(++ownerCounter).toString(36)}`;
    ledger = await this.#ledgers.change(order.id, (current) => {
      if (current.pending) throw this.#busy(order.id, current.pending.until);
      selectLines(order, current, lineIds); // another call may have taken a line meanwhile
      const sequence = current.sequence + 1;
      return { ...current, sequence, pending: { reference: `${order.name ?? order.id}-${sequence}`, lineIds, owner, until: this.#clock.now() + this.#leaseMs } };
    });
    const pending = ledger.pending as NonNullable<WorkOrderLedger['pending']>;
    const payload = { ...draft.payload, reference_number: pending.reference, line_items: await this.#againstSalesOrder(order.id, draft) };
    let invoice: Invoice;
    let recovered = false;
    try {
      invoice = (await this.#client.finance.invoices.create(payload as FinanceInvoiceCreate, callOptions(signal))) as Invoice;
    } catch (error) {
      if (!mayHaveLanded(error)) {
        await this.#ledgers.change(order.id, (current) => (current.pending?.owner === owner ? releasePending(current) : current));
        throw error;
      }
      // The reply is lost, not the create: if it landed, its reference finds it now.
      const found = await this.#findByReference(pending.reference).catch(() => undefined);
      if (!found) throw error;
      // A list row is a summary: the caller gets the invoice as a create would have returned it.
      invoice = ((await this.#client.finance.invoices.get(found.invoice_id, callOptions(signal)).catch(() => undefined)) ?? found) as Invoice;
      recovered = true;
    }
    await this.#index(invoice.invoice_id, order.id);
    let kept = true;
    ledger = await this.#ledgers.change(order.id, (current) => {
      // Our lease ran out and another call settled this very invoice (found by its reference):
      // it is the lines' invoice already, not a duplicate to void.
      const settled = current.invoices.some((i) => i.invoiceId === invoice.invoice_id && !i.void);
      kept = settled || current.pending?.owner === owner || (current.pending === undefined && linesFree(current, lineIds));
      if (!kept) return { ...current, strays: [...(current.strays ?? []), invoice.invoice_id] };
      return settled ? current : adoptPending(current, pending, invoice.invoice_id, this.#clock.now());
    });
    if (!kept) {
      // Our lease ran out and another call took the lines while this create was in flight: the
      // invoice is a duplicate, a Draft no one has seen. It is recorded before it is voided, so a
      // void that fails here is done by the next call on the work order.
      await this.#voidStrays(order.id);
      throw this.#busy(order.id, this.#clock.now());
    }
    this.#events.emit('invoice', { workOrderId: order.id, invoiceId: invoice.invoice_id, reference: pending.reference, lineIds, recovered });
    const warnings: string[] = [];
    if (draft.billingAddress) {
      await this.#client.finance.invoices.setBillingAddress(invoice.invoice_id, draft.billingAddress, callOptions(signal)).catch((error: unknown) => {
        warnings.push(`The billing address was not set on invoice ${invoice.invoice_id}: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
    if (options.send) {
      const sent = await this.#client.finance.invoices.markSent(invoice.invoice_id, callOptions(signal)).then(() => true, (error: unknown) => {
        warnings.push(`Invoice ${invoice.invoice_id} was created but not marked sent (call billing.send): ${error instanceof Error ? error.message : String(error)}`);
        return false;
      });
      if (sent) invoice = ((await this.#client.finance.invoices.get(invoice.invoice_id, callOptions(signal)).catch(() => undefined)) ?? invoice) as Invoice;
    }
    warnings.push(...(await this.#flush(order.id, signal)));
    for (const message of warnings) this.#events.emit('warning', { workOrderId: order.id, message });
    const latest = await this.#ledgers.read(order.id);
    return {
      workOrderId: order.id, invoice, reference: pending.reference, lines: draft.lines, totals: draft.totals, created,
      lineStates: lineStates(order, latest), warnings, recovered,
    };
  }

  /**
   * Reads back the invoices of the work order's invoiced lines: one voided or deleted in finance
   * frees its lines (they become Void), as voiding in the product does.
   */
  async refresh(workOrder: string | BillableWorkOrder, options: { signal?: AbortSignal } = {}): Promise<LineState[]> {
    const order = await this.#order(workOrder, options.signal);
    const ledger = await this.#ledgers.read(order.id);
    for (const invoice of ledger.invoices.filter((i) => !i.void)) {
      const status = await this.#client.finance.invoices.get(invoice.invoiceId, callOptions(options.signal))
        .then((i) => String((i as Record<string, unknown>).status))
        .catch((error: unknown) => { if (error instanceof NotFoundError) return 'deleted'; throw error; });
      if (status === 'void' || status === 'deleted') await this.#voided(order.id, invoice.invoiceId);
    }
    await this.#flush(order.id, options.signal);
    return lineStates(order, await this.#ledgers.read(order.id));
  }

  /**
   * Voids an invoice and, when billing made it, frees its lines (they show Void and can be
   * invoiced again); for an invoice billing did not make it resolves to `undefined`.
   *
   * @throws BillingError `INVOICE_STATE` when finance refuses (an invoice with payments).
   */
  async voidInvoice(invoiceId: string, options: { signal?: AbortSignal } = {}): Promise<LineState[] | undefined> {
    try {
      await this.#client.finance.invoices.markVoid(invoiceId, callOptions(options.signal));
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && !(error instanceof NotFoundError)) {
        throw new BillingError('INVOICE_STATE', `Invoice ${invoiceId} cannot be voided: ${(error as Error).message}`, { details: { invoiceId }, cause: error });
      }
      throw error;
    }
    const workOrderId = await this.#workOrderOf(invoiceId);
    if (workOrderId === undefined) return undefined;
    await this.#voided(workOrderId, invoiceId);
    await this.#flush(workOrderId, options.signal);
    const order = await this.#source.get(workOrderId, options);
    return order ? lineStates(order, await this.#ledgers.read(workOrderId)) : undefined;
  }

  /** Marks a Draft invoice sent. Nothing is emailed: share the invoice's payment link with the customer. */
  async send(invoiceId: string, options: { signal?: AbortSignal } = {}): Promise<InvoiceStatus> {
    const current = invoiceStatus((await this.#client.finance.invoices.get(invoiceId, callOptions(options.signal))) as Record<string, unknown>);
    if (current.status === 'void') throw new BillingError('INVOICE_STATE', `Invoice ${invoiceId} is void: it cannot be sent.`, { details: { invoiceId, status: current.status } });
    if (current.status === 'draft') await this.#client.finance.invoices.markSent(invoiceId, callOptions(options.signal));
    return this.status(invoiceId, options);
  }

  /**
   * The customer's secure way to pay: a payment link to the invoice, valid until `expiresOn`.
   *
   * @throws BillingError `INVOICE_STATE` for a Draft (send it first), void or paid invoice.
   */
  async paymentLink(invoiceId: string, options: { expiresOn: string; linkType?: 'public' | 'private'; signal?: AbortSignal }): Promise<string> {
    const current = await this.status(invoiceId, options);
    if (current.status === 'void' || current.status === 'paid') {
      throw new BillingError('INVOICE_STATE', `Invoice ${invoiceId} is ${current.status}: there is nothing to pay.`, { details: { invoiceId, status: current.status } });
    }
    if (current.status === 'draft') {
      throw new BillingError('INVOICE_STATE', `Invoice ${invoiceId} is a Draft: send it first (billing.send), then share its payment link.`, { details: { invoiceId, status: current.status } });
    }
    return this.#client.finance.invoices.paymentLink(invoiceId, { expiresOn: options.expiresOn, ...(options.linkType ? { linkType: options.linkType } : {}), ...callOptions(options.signal) });
  }

  /**
   * Records a payment on an invoice (a Draft is marked sent first, as recording a payment in the
   * product does) and returns the invoice's status after it.
   *
   * @throws BillingError `PAYMENT_INVALID`, `PAYMENT_OVER_BALANCE`, `PAYMENT_CURRENCY_MISMATCH`,
   *   `INVOICE_STATE`; nothing is written.
   */
  async recordPayment(invoiceId: string, payment: PaymentInput): Promise<RecordedPayment> {
    const recorded = await this.#payments.record(invoiceId, payment);
    await this.#showStatus(recorded.invoice, payment.signal);
    return recorded;
  }

  /**
   * The invoice's status and balance, read from finance: draft, sent, partially_paid, paid,
   * overdue or void. Shown on the work order's side too when its source can (`setInvoiceStatus`).
   */
  async status(invoiceId: string, options: { signal?: AbortSignal } = {}): Promise<InvoiceStatus> {
    const current = invoiceStatus((await this.#client.finance.invoices.get(invoiceId, callOptions(options.signal))) as Record<string, unknown>);
    await this.#showStatus(current, options.signal);
    return current;
  }

  async #showStatus(status: InvoiceStatus, signal: AbortSignal | undefined): Promise<void> {
    if (!this.#source.setInvoiceStatus) return;
    const workOrderId = await this.#workOrderOf(status.invoiceId);
    if (workOrderId === undefined) return;
    await this.#source.setInvoiceStatus(workOrderId, status, callOptions(signal)).catch((error: unknown) => {
      this.#events.emit('warning', { workOrderId, message: `Invoice ${status.invoiceId}'s status was not shown on the work order: ${error instanceof Error ? error.message : String(error)}` });
    });
  }

  /**
   * Pushes an estimate to finance once (FSM Estimates ↔ Books Estimates): missing customer and
   * items are created and linked as for invoices; later calls return the same estimate. An id is
   * read from Zoho FSM, whose estimate then shows the finance id and status.
   */
  async pushEstimate(estimate: string | BillableWorkOrder, options: { signal?: AbortSignal } = {}): Promise<PushedEstimate> {
    const pushed = await this.#estimates.push(estimate, options.signal);
    for (const c of pushed.created) this.#events.emit('counterpart', { ...c, workOrderId: pushed.fsmEstimateId });
    return pushed;
  }

  /** The pushed estimate's status in finance (sent, accepted, declined, invoiced...), shown on FSM's estimate too. */
  estimateStatus(fsmEstimateId: string, options: { signal?: AbortSignal } = {}): Promise<EstimateState> {
    return this.#estimates.status(fsmEstimateId, options.signal);
  }

  /**
   * Converts an accepted estimate, once: into a Draft invoice (`{ to: 'invoice' }`) or into a work
   * order your callback creates (`{ to: 'work-order', create }`).
   *
   * @throws BillingError `ESTIMATE_STATE` when the estimate is not pushed or not accepted.
   */
  convertEstimate(fsmEstimateId: string, conversion: EstimateConversion, options: { signal?: AbortSignal } = {}): Promise<ConvertedEstimate> {
    return this.#estimates.convert(fsmEstimateId, conversion, options.signal);
  }

  /**
   * The work order's sales order in Books (created once; calling again is the product's "Try
   * Again" and never makes a second one). Invoices of the work order made after it name its lines,
   * so Books shows them against the order.
   *
   * @throws BillingError `SALES_ORDERS_UNAVAILABLE` in Zoho Invoice or Books without inventory.
   */
  async salesOrderFor(workOrder: string | BillableWorkOrder, options: { signal?: AbortSignal } = {}): Promise<WorkOrderSalesOrder> {
    const order = await this.#order(workOrder, options.signal);
    // The order covers the work order's lines except those marked Non Billable (here or on its side).
    const states = new Map(lineStates(order, await this.#ledgers.read(order.id)).map((l) => [l.lineId, l.status]));
    const billable = { ...order, lines: order.lines.filter((line) => states.get(line.id) !== 'Non Billable') };
    const result = await this.#salesOrders.create(billable, options.signal);
    for (const c of result.created) this.#events.emit('counterpart', { ...c, workOrderId: order.id });
    return result;
  }

  async #againstSalesOrder(workOrderId: string, draft: { payload: Record<string, unknown>; lines: readonly PlannedLine[] }): Promise<unknown> {
    const lines = draft.payload.line_items as Array<Record<string, unknown>>;
    const onOrder = await this.#salesOrders.lineIds(workOrderId);
    if (!onOrder) return lines;
    return lines.map((line, i) => {
      const planned = draft.lines[i];
      const id = planned === undefined ? undefined : onOrder[plannedLineKey(planned)];
      return id === undefined ? line : { ...line, salesorder_item_id: id };
    });
  }

  /**
   * Marks lines Non Billable (`billable: false`, the default) or billable again, and returns every
   * line's status. Invoiced lines keep their status.
   *
   * @throws BillingError `LINE_NOT_FOUND` for an id that is not a service line of the work order; nothing changes.
   */
  async markNonBillable(workOrder: string | BillableWorkOrder, lineIds: readonly string[], options: { billable?: boolean; signal?: AbortSignal } = {}): Promise<LineState[]> {
    const order = await this.#order(workOrder, options.signal);
    const known = new Set(order.lines.map((line) => line.id));
    const unknown = lineIds.find((id) => !known.has(id));
    if (unknown !== undefined) {
      throw new BillingError('LINE_NOT_FOUND', `Work order ${order.name ?? order.id} has no service line ${unknown}; billing.lines(workOrderId) lists them.`, { details: { workOrderId: order.id, lineId: unknown } });
    }
    await this.#ledgers.change(order.id, (current) => markBillable(current, lineIds, options.billable === true));
    const warnings = await this.#flush(order.id, options.signal);
    for (const message of warnings) this.#events.emit('warning', { workOrderId: order.id, message });
    return lineStates(order, await this.#ledgers.read(order.id));
  }

  async #voided(workOrderId: string, invoiceId: string): Promise<void> {
    const before = await this.#ledgers.read(workOrderId);
    const after = await this.#ledgers.change(workOrderId, (current) => voidInvoice(current, invoiceId));
    const invoice = before.invoices.find((i) => i.invoiceId === invoiceId);
    if (invoice && !invoice.void && after !== before) this.#events.emit('void', { workOrderId, invoiceId, lineIds: invoice.lineIds });
  }

  async #order(workOrder: string | BillableWorkOrder, signal: AbortSignal | undefined): Promise<BillableWorkOrder> {
    if (typeof workOrder !== 'string') return checkedOrder(workOrder);
    const order = await this.#source.get(workOrder, callOptions(signal));
    if (!order) throw new BillingError('WORK_ORDER_NOT_FOUND', `Work order ${workOrder} does not exist on ${this.#source.id}; check the id, or pass the work order itself.`, { details: { workOrderId: workOrder } });
    return checkedOrder(order);
  }

  /**
   * Settles an invoice whose create was interrupted (crash, lost reply) once its lease is over:
   * found by its reference, its lines are invoiced on it; not found, they are free again.
   */
  async #settle(workOrderId: string, signal: AbortSignal | undefined): Promise<WorkOrderLedger> {
    await this.#voidStrays(workOrderId);
    const ledger = await this.#ledgers.read(workOrderId);
    const pending = ledger.pending;
    if (!pending) return ledger;
    if (pending.until > this.#clock.now()) throw this.#busy(workOrderId, pending.until);
    const found = await this.#findByReference(pending.reference);
    if (found) await this.#index(found.invoice_id, workOrderId);
    const settled = await this.#ledgers.change(workOrderId, (current) => {
      if (current.pending?.owner !== pending.owner) return current;
      return found ? adoptPending(current, pending, found.invoice_id, this.#clock.now()) : releasePending(current);
    });
    if (found) {
      this.#events.emit('invoice', { workOrderId, invoiceId: found.invoice_id, reference: pending.reference, lineIds: pending.lineIds, recovered: true });
    }
    await this.#flush(workOrderId, signal);
    return this.#ledgers.read(workOrderId).then((l) => (l.pending ? settled : l));
  }

  /** Voids the duplicates a late create left; one that is void or gone already counts as done. */
  async #voidStrays(workOrderId: string): Promise<void> {
    const strays = (await this.#ledgers.read(workOrderId)).strays ?? [];
    const done: string[] = [];
    for (const invoiceId of strays) {
      const voided = await this.#client.finance.invoices.markVoid(invoiceId).then(() => true, async () => {
        const status = await this.#client.finance.invoices.get(invoiceId).then((i) => String(i.status), (error: unknown) => (error instanceof NotFoundError ? 'deleted' : 'unknown'));
        return status === 'void' || status === 'deleted';
      });
      if (voided) done.push(invoiceId);
    }
    if (done.length === 0) return;
    await this.#ledgers.change(workOrderId, (current) => {
      const left = (current.strays ?? []).filter((id) => !done.includes(id));
      const { strays: _all, ...rest } = current;
      return left.length === 0 ? rest : { ...rest, strays: left };
    });
  }

  async #findByReference(reference: string): Promise<Invoice | undefined> {
    const matches = (await this.#client.finance.invoices.findByReference(reference)) as Invoice[];
    return matches.find((i) => (i as Record<string, unknown>).status !== 'void') ?? matches[0];
  }

  /** Shows pending line statuses on the work order's side; what fails stays for the next call. */
  async #flush(workOrderId: string, signal: AbortSignal | undefined): Promise<string[]> {
    const ledger = await this.#ledgers.read(workOrderId);
    if (ledger.outbox.length === 0 || !this.#source.setLineStatus) return [];
    const shown = [...ledger.outbox];
    try {
      await this.#source.setLineStatus(workOrderId, shown, callOptions(signal));
    } catch (error) {
      return [`The line statuses were not shown on work order ${workOrderId} yet (retried by the next billing call): ${error instanceof Error ? error.message : String(error)}`];
    }
    await this.#ledgers.change(workOrderId, (current) => clearShown(current, shown));
    return [];
  }

  #indexKey(invoiceId: string): string {
    return `${this.#prefix}invoices/${encodeURIComponent(invoiceId)}`;
  }

  async #index(invoiceId: string, workOrderId: string): Promise<void> {
    await this.#storage.batch([{ type: 'put', key: this.#indexKey(invoiceId), value: { workOrderId } }]);
  }

  async #workOrderOf(invoiceId: string): Promise<string | undefined> {
    return (await this.#storage.get<{ workOrderId: string }>(this.#indexKey(invoiceId)))?.workOrderId;
  }

  #busy(workOrderId: string, until: number): BillingError {
    return new BillingError('WORK_ORDER_BUSY', `Work order ${workOrderId} has an invoice being created by another call until ${new Date(until).toISOString()}; try again after that.`, { details: { workOrderId, until } });
  }
}

/** Call options with the signal when there is one (optional properties are exact here). */
export function callOptions(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}

function linesFree(ledger: WorkOrderLedger, lineIds: readonly string[]): boolean {
  return lineIds.every((id) => ledger.lines[id]?.status !== 'invoiced' && ledger.lines[id]?.status !== 'non_billable');
}

function checkedOrder(order: BillableWorkOrder): BillableWorkOrder {
  if (typeof order !== 'object' || order === null || typeof order.id !== 'string' || order.id === '' || !Array.isArray(order.lines)) {
    throw new ConfigError('A work order needs an id and lines: { id, lines: [{ id, itemId, quantity }] }.');
  }
  return order;
}
