import * as z from 'zod/mini';
import type { KnownFields, RecordSchema } from '../known.js';
import { ZohoIdRefSchema, ZohoIdSchema } from '../ids.js';
import { ZohoNumberSchema, blankAsNull } from '../scalars.js';
import { FinanceTagSchema } from './common.js';

const optionalNumber = /* @__PURE__ */ z.optional(/* @__PURE__ */ blankAsNull(ZohoNumberSchema));

const financePaymentInvoiceObject = /* @__PURE__ */ z.looseObject({
  invoice_id: ZohoIdSchema,
  invoice_number: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  invoice_amount: optionalNumber,
  amount_applied: optionalNumber,
  balance_amount: optionalNumber,
  tax_amount_withheld: optionalNumber,
});

/**
 * One invoice a customer payment pays, as Zoho returns it.
 *
 * @example
 * ```ts
 * FinancePaymentInvoiceSchema.parse({ invoice_id: '982000000567114', amount_applied: 50, balance_amount: 25 });
 * ```
 */
export const FinancePaymentInvoiceSchema: RecordSchema<FinancePaymentInvoice, typeof financePaymentInvoiceObject> = financePaymentInvoiceObject;

/** One invoice a customer payment pays. */
export interface FinancePaymentInvoice extends KnownFields<z.output<typeof financePaymentInvoiceObject>> {}

const financeCustomerPaymentObject = /* @__PURE__ */ z.looseObject({
  payment_id: ZohoIdSchema,
  payment_number: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.union([/* @__PURE__ */ z.string(), /* @__PURE__ */ z.number()])),
  customer_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  customer_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  payment_mode: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  amount: optionalNumber,
  bcy_amount: optionalNumber,
  unused_amount: optionalNumber,
  amount_refunded: optionalNumber,
  bank_charges: optionalNumber,
  date: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  status: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  reference_number: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  description: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  account_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  account_name: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  invoice_number: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  invoices: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.array(FinancePaymentInvoiceSchema)),
  currency_code: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  currency_symbol: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  tags: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.array(FinanceTagSchema)),
  created_time: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  last_modified_time: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
});

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
export const FinanceCustomerPaymentSchema: RecordSchema<FinanceCustomerPayment, typeof financeCustomerPaymentObject> = financeCustomerPaymentObject;

/** A customer payment. */
export interface FinanceCustomerPayment extends KnownFields<z.output<typeof financeCustomerPaymentObject>> {}

const applicationInput = /* @__PURE__ */ z.looseObject({
  invoice_id: ZohoIdSchema,
  amount_applied: ZohoNumberSchema,
  tax_amount_withheld: optionalNumber,
});

const writable = /* @__PURE__ */ (() => ({
  customer_id: ZohoIdSchema,
  payment_mode: z.string().check(z.minLength(1, 'A payment needs a payment_mode (cash, check, creditcard, banktransfer, bankremittance, autotransaction or others)')),
  amount: ZohoNumberSchema,
  date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be yyyy-mm-dd')),
  reference_number: z.nullish(z.string()),
  description: z.nullish(z.string()),
  /** The cash or bank account of the chart of accounts the payment is deposited to (Books only). */
  account_id: z.nullish(ZohoIdRefSchema),
  exchange_rate: optionalNumber,
  bank_charges: optionalNumber,
  invoices: z.array(applicationInput),
  /** Zoho's description marks these two required; the client fills them from `invoices[0]` when left out. */
  invoice_id: z.nullish(ZohoIdRefSchema),
  amount_applied: optionalNumber,
  location_id: z.nullish(ZohoIdRefSchema),
}))();

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
export const FinanceCustomerPaymentCreateSchema = /* @__PURE__ */ z.looseObject(writable);

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
export const FinanceCustomerPaymentUpdateSchema = /* @__PURE__ */ (() => z.looseObject({ ...writable, date: z.nullish(writable.date) }))();

/** Input of `PUT /customerpayments/{payment_id}`. */
export type FinanceCustomerPaymentUpdate = z.infer<typeof FinanceCustomerPaymentUpdateSchema>;

const financeInvoicePaymentObject = /* @__PURE__ */ z.looseObject({
  payment_id: ZohoIdSchema,
  invoice_payment_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  payment_number: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.union([/* @__PURE__ */ z.string(), /* @__PURE__ */ z.number()])),
  invoice_id: /* @__PURE__ */ z.nullish(ZohoIdRefSchema),
  payment_mode: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  date: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  reference_number: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  amount: optionalNumber,
  online_transaction_id: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  is_single_invoice_payment: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.boolean()),
});

/**
 * A payment as `GET /invoices/{invoice_id}/payments` lists it: what one customer payment applied
 * to that invoice (`amount`), with the id of that application (`invoice_payment_id`).
 *
 * @example
 * ```ts
 * FinanceInvoicePaymentSchema.parse({ payment_id: '982000000567190', invoice_payment_id: '982000000567192', amount: 50 });
 * ```
 */
export const FinanceInvoicePaymentSchema: RecordSchema<FinanceInvoicePayment, typeof financeInvoicePaymentObject> = financeInvoicePaymentObject;

/** A payment of one invoice. */
export interface FinanceInvoicePayment extends KnownFields<z.output<typeof financeInvoicePaymentObject>> {}
