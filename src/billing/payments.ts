import type { IntegrationClient } from '../client/integration-client.js';
import type { Clock } from '../clock.js';
import { BillingError } from '../errors/billing-error.js';
import { ApiError } from '../errors/api-error.js';
import { NetworkError } from '../errors/network-error.js';
import type { ValidationIssue } from '../errors/validation-error.js';
import type { Storage } from '../storage/storage.js';
import { Decimal } from '../tax/decimal.js';
import type { InvoiceStatus } from './billing-types.js';

type Row = Readonly<Record<string, unknown>>;

/** A payment the customer made, as `recordPayment` takes it. */
export interface PaymentInput {
  /** Amount received, in the invoice's currency; at most what the invoice still owes. */
  amount: number | string;
  /** Payment date, `yyyy-mm-dd`. */
  date: string;
  /** Payment mode as Books names it: `cash`, `check`, `banktransfer`, `creditcard`, ... */
  mode: string;
  /** Reference number (a cheque number, a transfer id). Default: one billing makes, unique per payment. */
  reference?: string;
  notes?: string;
  /** The cash or bank account the money went to (chart of accounts). Default: Books' own choice. */
  depositAccountId?: string;
  /** The currency the customer paid in; refused unless it is the invoice's. */
  currency?: string;
  signal?: AbortSignal;
}

/** A payment recorded on an invoice. */
export interface RecordedPayment {
  paymentId: string;
  reference: string;
  amount: string;
  /** The invoice after the payment. */
  invoice: InvoiceStatus;
  /** True when an earlier call's payment (its reply lost) was found by its reference instead of paying again. */
  recovered: boolean;
}

interface PendingPayment {
  reference: string;
  owner: string;
  until: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads an invoice's payment state. */
export function invoiceStatus(invoice: Row): InvoiceStatus {
  const amount = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : 0);
  return {
    invoiceId: String(invoice.invoice_id),
    status: String(invoice.status),
    total: amount(invoice.total),
    balance: amount(invoice.balance),
    currency: typeof invoice.currency_code === 'string' ? invoice.currency_code : undefined,
    dueDate: typeof invoice.due_date === 'string' ? invoice.due_date : undefined,
  };
}

function checkInput(input: PaymentInput): { amount: Decimal; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const amount = Decimal.tryFrom(input.amount) ?? Decimal.ZERO;
  if (Decimal.tryFrom(input.amount) === undefined) issues.push({ path: ['amount'], message: 'must be a decimal amount such as 120 or "120.50"' });
  else if (amount.isNegative() || amount.isZero()) issues.push({ path: ['amount'], message: 'must be above 0' });
  if (typeof input.date !== 'string' || !DATE.test(input.date) || Number.isNaN(Date.parse(`${input.date}T00:00:00Z`))) issues.push({ path: ['date'], message: 'must be a date as yyyy-mm-dd' });
  if (typeof input.mode !== 'string' || input.mode.trim() === '') issues.push({ path: ['mode'], message: 'must name the payment mode (cash, check, banktransfer, ...)' });
  return { amount, issues };
}

/**
 * Records payments on invoices safely: every check before any write, a reference stored before
 * the create, and a lost reply settled by looking that reference up, so a retry never pays twice.
 */
export class PaymentRecorder {
  readonly #client: IntegrationClient;
  readonly #storage: Storage;
  readonly #clock: Clock;
  readonly #prefix: string;
  readonly #leaseMs: number;
  #counter = 0;

  constructor(options: { client: IntegrationClient; storage: Storage; clock: Clock; prefix: string; leaseMs: number }) {
    this.#client = options.client;
    this.#storage = options.storage;
    this.#clock = options.clock;
    this.#prefix = options.prefix;
    this.#leaseMs = options.leaseMs;
  }

  async record(invoiceId: string, input: PaymentInput): Promise<RecordedPayment> {
    const signal = input.signal ? { signal: input.signal } : {};
    const { amount, issues } = checkInput(input);
    if (issues.length > 0) throw new BillingError('PAYMENT_INVALID', `The payment for invoice ${invoiceId} was not recorded: ${issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}.`, { details: { invoiceId, issues } });
    const key = `${this.#prefix}payments/${encodeURIComponent(invoiceId)}`;
    const recovered = await this.#settle(key, invoiceId, input.reference);
    if (recovered) return recovered;
    const invoice = (await this.#client.finance.invoices.get(invoiceId, signal)) as Row;
    const state = invoiceStatus(invoice);
    if (state.status === 'void' || state.status === 'paid') {
      throw new BillingError('INVOICE_STATE', `Invoice ${invoiceId} is ${state.status}: it takes no payment.`, { details: { invoiceId, status: state.status } });
    }
    if (input.currency !== undefined && input.currency !== state.currency) {
      throw new BillingError('PAYMENT_CURRENCY_MISMATCH', `Invoice ${invoiceId} is in ${state.currency ?? 'the base currency'}, not ${input.currency}: record the payment in the invoice's currency.`, { details: { invoiceId, currency: input.currency, invoiceCurrency: state.currency } });
    }
    const balance = Decimal.from(String(state.balance));
    if (balance.minus(amount).isNegative()) {
      throw new BillingError('PAYMENT_OVER_BALANCE', `Invoice ${invoiceId} owes ${balance.toString()}; a payment of ${amount.toString()} is more than that.`, { details: { invoiceId, balance: state.balance, amount: amount.toString() } });
    }
    if (input.depositAccountId !== undefined) await this.#checkDepositAccount(invoiceId, input.depositAccountId, signal);
    const reference = input.reference ?? `PAY-${String(invoice.invoice_number ?? invoiceId)}-${this.#clock.now().toString(36)}${(++this.#counter).toString(36)}`;
    const owner = `${this.#clock.now().toString(36)}-${this.#counter.toString(36)}`;
    const pending: PendingPayment = { reference, owner, until: this.#clock.now() + this.#leaseMs };
    if (!(await this.#storage.compareAndSet(key, undefined, pending))) {
      throw new BillingError('WORK_ORDER_BUSY', `Another payment on invoice ${invoiceId} is being recorded; try again shortly.`, { details: { invoiceId } });
    }
    // Books records a payment on a sent invoice; a Draft is sent first, as recording a payment in the product does.
    if (state.status === 'draft') await this.#client.finance.invoices.markSent(invoiceId, signal);
    let paymentId: string;
    let isRecovered = false;
    try {
      const payment = (await this.#client.finance.customerPayments.create({
        customer_id: String(invoice.customer_id),
        payment_mode: input.mode,
        amount: Number(amount.toString()),
        date: input.date,
        reference_number: reference,
        ...(input.notes === undefined ? {} : { description: input.notes }),
        ...(input.depositAccountId === undefined ? {} : { account_id: input.depositAccountId }),
        invoices: [{ invoice_id: invoiceId, amount_applied: Number(amount.toString()) }],
      } as never, signal)) as Row;
      paymentId = String(payment.payment_id);
    } catch (error) {
      const uncertain = error instanceof NetworkError || (error instanceof ApiError && (error.status === 0 || error.status >= 500));
      const found = uncertain ? await this.#find(String(invoice.customer_id), reference).catch(() => undefined) : undefined;
      if (!found) {
        if (!uncertain) await this.#storage.compareAndSet(key, pending, undefined);
        throw error;
      }
      paymentId = String(found.payment_id);
      isRecovered = true;
    }
    await this.#storage.compareAndSet(key, pending, undefined);
    const after = invoiceStatus((await this.#client.finance.invoices.get(invoiceId, signal)) as Row);
    return { paymentId, reference, amount: amount.toString(), invoice: after, recovered: isRecovered };
  }

  /** A payment whose create was interrupted is found by its reference, or forgotten once its lease is over. */
  async #settle(key: string, invoiceId: string, reference: string | undefined): Promise<RecordedPayment | undefined> {
    const pending = await this.#storage.get<PendingPayment>(key);
    if (!pending) return undefined;
    if (pending.until > this.#clock.now()) {
      throw new BillingError('WORK_ORDER_BUSY', `A payment on invoice ${invoiceId} is being recorded until ${new Date(pending.until).toISOString()}; try again after that.`, { details: { invoiceId, until: pending.until } });
    }
    const invoice = (await this.#client.finance.invoices.get(invoiceId)) as Row;
    const found = await this.#find(String(invoice.customer_id), pending.reference);
    await this.#storage.compareAndSet(key, pending, undefined);
    // Asked again after a crash or a lost reply (no reference, or the same one): it is the payment
    // already recorded, not a second one.
    if (found && (reference === undefined || reference === pending.reference)) {
      return { paymentId: String(found.payment_id), reference: pending.reference, amount: String(found.amount ?? ''), invoice: invoiceStatus(invoice), recovered: true };
    }
    return undefined;
  }

  async #find(customerId: string, reference: string): Promise<Row | undefined> {
    const payments = (await this.#client.finance.customerPayments.list({ customerId, referenceNumber: reference } as never).toArray()) as Row[];
    return payments.find((p) => p.reference_number === reference);
  }

  async #checkDepositAccount(invoiceId: string, accountId: string, signal: { signal?: AbortSignal }): Promise<void> {
    const account = (await this.#client.finance.chartOfAccounts.get(accountId, signal).catch(() => undefined)) as Row | undefined;
    const type = account?.account_type;
    if (type !== 'cash' && type !== 'bank') {
      throw new BillingError('PAYMENT_INVALID', `Account ${accountId} is not a cash or bank account of the organisation's chart of accounts; deposit the payment to one.`, { details: { invoiceId, issues: [{ path: ['depositAccountId'], message: 'is not a cash or bank account' }] } });
    }
  }
}
