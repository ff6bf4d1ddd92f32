import type { IntegrationClient } from '../client/integration-client.js';
import type { Clock } from '../clock.js';
import { BillingError } from '../errors/billing-error.js';
import type { ValidationIssue } from '../errors/validation-error.js';
import type { Storage } from '../storage/storage.js';
import { Decimal } from '../tax/decimal.js';
import type { InvoiceStatus } from './billing-types.js';
import { createOnce } from './create-once.js';

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
    const invoice = (await this.#client.finance.invoices.get(invoiceId, signal)) as Row;
    const state = invoiceStatus(invoice);
    const customerId = String(invoice.customer_id);
    // Unique across processes too: a new Billing (a restart, one per request) counts from 1 again,
    // and two references alike would let a retry adopt the other call's payment as its own.
    const reference = input.reference ?? `PAY-${String(invoice.invoice_number ?? invoiceId)}-${this.#clock.now().toString(36)}${(++this.#counter).toString(36)}${globalThis.crypto.randomUUID().slice(0, 6)}`;
    let checked = false;
    const outcome = await createOnce({
      storage: this.#storage, clock: this.#clock, key: `${this.#prefix}payments/${encodeURIComponent(invoiceId)}`, leaseMs: this.#leaseMs,
      reference, keep: false,
      busy: { code: 'INVOICE_BUSY', what: `A payment on invoice ${invoiceId}`, details: { invoiceId } },
      // Asked again after a crash or a lost reply (no reference, or the same one): it is the
      // payment already recorded, not a second one.
      sameRequest: (earlier) => input.reference === undefined || input.reference === earlier,
      find: async (ref) => {
        const found = await this.#find(customerId, ref);
        return found === undefined ? undefined : String(found.payment_id);
      },
      create: async (ref) => {
        // The caller's reference names the payment. A call that recorded it and died before
        // answering has already cleared its record, so only finance knows: the retry finds it on
        // the invoice instead of paying again.
        if (input.reference !== undefined) {
          const earlier = (await this.#client.finance.invoices.payments(invoiceId, signal)).find((p) => p.reference_number === ref);
          if (earlier !== undefined) return String(earlier.payment_id);
        }
        await this.#check(invoiceId, state, amount, input, signal);
        checked = true;
        // Books takes payments on sent invoices; a Draft is sent first, as recording a payment in the product does.
        if (state.status === 'draft') await this.#client.finance.invoices.markSent(invoiceId, signal);
        const payment = (await this.#client.finance.customerPayments.create({
          customer_id: customerId,
          payment_mode: input.mode,
          amount: Number(amount.toString()),
          date: input.date,
          reference_number: ref,
          ...(input.notes === undefined ? {} : { description: input.notes }),
          ...(input.depositAccountId === undefined ? {} : { account_id: input.depositAccountId }),
          invoices: [{ invoice_id: invoiceId, amount_applied: Number(amount.toString()) }],
        }, signal)) as Row;
        return String(payment.payment_id);
      },
    });
    const after = invoiceStatus((await this.#client.finance.invoices.get(invoiceId, signal)) as Row);
    const paid = checked ? amount.toString() : String((await this.#find(customerId, outcome.reference))?.amount ?? '');
    return { paymentId: outcome.documentId, reference: outcome.reference, amount: paid, invoice: after, recovered: outcome.recovered || !checked };
  }

  /** Every refusal before anything is written. */
  async #check(invoiceId: string, state: InvoiceStatus, amount: Decimal, input: PaymentInput, signal: { signal?: AbortSignal }): Promise<void> {
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
  }

  async #find(customerId: string, reference: string): Promise<Row | undefined> {
    const payments = (await this.#client.finance.customerPayments.list({ customerId, referenceNumber: reference }).toArray()) as Row[];
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
