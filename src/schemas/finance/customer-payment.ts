import { z } from 'zod';
import { ZohoIdRefSchema, ZohoIdSchema } from '../ids.js';
import { ZohoNumberSchema, blankAsNull } from '../scalars.js';
import { FinanceTagSchema } from './common.js';

const optionalNumber = blankAsNull(ZohoNumberSchema).optional();

/**
 * One invoice a customer payment pays, as Zoho returns it.
 *
 * @example
 * ```ts
 * FinancePaymentInvoiceSchema.parse({ invoice_id: '982000000567114', amount_applied: 50, balance_amount: 25 });
 * ```
 */
export const FinancePaymentInvoiceSchema = z.looseObject({
  invoice_id: ZohoIdSchema,
  invoice_number: z.string().nullish(),
  invoice_amount: optionalNumber,
  amount_applied: optionalNumber,
  balance_amount: optionalNumber,
  tax_amount_withheld: optionalNumber,
});

/** One invoice a customer payment pays. */
export type FinancePaymentInvoice = z.infer<typeof FinancePaymentInvoiceSchema>;

/**
 * A customer payment (`/customerpayments`), as the get, create and update replies give it; list
 * rows carry a subset (no `invoices`, `invoice_number` instead).
 *
 * @example
 * ```ts
 * const payment = FinanceCustomerPaymentSchema.parse(reply.payment);
 * payment.invoices?.map((i) => [i.invoice_id, i.amount_applied]);
 * ```
 */
export const FinanceCustomerPaymentSchema = z.looseObject({
  payment_id: ZohoIdSchema,
  payment_number: z.union([z.string(), z.number()]).nullish(),
  customer_id: ZohoIdRefSchema.nullish(),
  customer_name: z.string().nullish(),
  payment_mode: z.string().nullish(),
  amount: optionalNumber,
  bcy_amount: optionalNumber,
  unused_amount: optionalNumber,
  amount_refunded: optionalNumber,
  bank_charges: optionalNumber,
  date: z.string().nullish(),
  status: z.string().nullish(),
  reference_number: z.string().nullish(),
  description: z.string().nullish(),
  account_id: ZohoIdRefSchema.nullish(),
  account_name: z.string().nullish(),
  invoice_number: z.string().nullish(),
  invoices: z.array(FinancePaymentInvoiceSchema).nullish(),
  currency_code: z.string().nullish(),
  currency_symbol: z.string().nullish(),
  tags: z.array(FinanceTagSchema).nullish(),
  created_time: z.string().nullish(),
  last_modified_time: z.string().nullish(),
});

/** A customer payment. */
export type FinanceCustomerPayment = z.infer<typeof FinanceCustomerPaymentSchema>;

const applicationInput = z.looseObject({
  invoice_id: ZohoIdSchema,
  amount_applied: ZohoNumberSchema,
  tax_amount_withheld: optionalNumber,
});

const writable = {
  customer_id: ZohoIdSchema,
  payment_mode: z.string().min(1, 'A payment needs a payment_mode (cash, check, creditcard, banktransfer, bankremittance, autotransaction or others)'),
  amount: ZohoNumberSchema,
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be yyyy-mm-dd'),
  reference_number: z.string().nullish(),
  description: z.string().nullish(),
  /** The cash or bank account of the chart of accounts the payment is deposited to (Books only). */
  account_id: ZohoIdRefSchema.nullish(),
  exchange_rate: optionalNumber,
  bank_charges: optionalNumber,
  invoices: z.array(applicationInput),
  /** Zoho's description marks these two required; the client fills them from `invoices[0]` when left out. */
  invoice_id: ZohoIdRefSchema.nullish(),
  amount_applied: optionalNumber,
  location_id: ZohoIdRefSchema.nullish(),
};

/**
 * Input of `POST /customerpayments`: the customer, mode, amount, date, and the invoices it pays.
 *
 * @example
 * ```ts
 * FinanceCustomerPaymentCreateSchema.parse({
 *   customer_id: '982000000567001', payment_mode: 'banktransfer', amount: 100, date: '2026-03-01',
 *   invoices: [{ invoice_id: '982000000567114', amount_applied: 100 }],
 * });
 * ```
 */
export const FinanceCustomerPaymentCreateSchema = z.looseObject(writable);

/** Input of `POST /customerpayments`. */
export type FinanceCustomerPaymentCreate = z.infer<typeof FinanceCustomerPaymentCreateSchema>;

/**
 * Input of `PUT /customerpayments/{payment_id}`: Zoho's description requires `customer_id`,
 * `payment_mode`, `amount` and `invoices` on every update (the date may be left out).
 *
 * @example
 * ```ts
 * FinanceCustomerPaymentUpdateSchema.parse({ customer_id, payment_mode: 'cash', amount: 80, invoices: [{ invoice_id, amount_applied: 80 }] });
 * ```
 */
export const FinanceCustomerPaymentUpdateSchema = z.looseObject({ ...writable, date: writable.date.nullish() });

/** Input of `PUT /customerpayments/{payment_id}`. */
export type FinanceCustomerPaymentUpdate = z.infer<typeof FinanceCustomerPaymentUpdateSchema>;

/**
 * A payment as `GET /invoices/{invoice_id}/payments` lists it: what one customer payment applied
 * to that invoice (`amount`), with the id of that application (`invoice_payment_id`).
 *
 * @example
 * ```ts
 * FinanceInvoicePaymentSchema.parse({ payment_id: '982000000567190', invoice_payment_id: '982000000567192', amount: 50 });
 * ```
 */
export const FinanceInvoicePaymentSchema = z.looseObject({
  payment_id: ZohoIdSchema,
  invoice_payment_id: ZohoIdRefSchema.nullish(),
  payment_number: z.union([z.string(), z.number()]).nullish(),
  invoice_id: ZohoIdRefSchema.nullish(),
  payment_mode: z.string().nullish(),
  date: z.string().nullish(),
  reference_number: z.string().nullish(),
  amount: optionalNumber,
  online_transaction_id: z.string().nullish(),
  is_single_invoice_payment: z.boolean().nullish(),
});

/** A payment of one invoice. */
export type FinanceInvoicePayment = z.infer<typeof FinanceInvoicePaymentSchema>;
