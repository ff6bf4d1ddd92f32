export { Billing } from './billing.js';
export type {
  BillingEvents,
  BillingOptions,
  BillingSyncer,
  CreatedCounterpart,
  InvoiceStatus,
  InvoiceWorkOrderOptions,
  InvoiceWorkOrderResult,
} from './billing-types.js';
export type { PlannedLine, PricingOptions } from './invoice-draft.js';
export type { LineState } from './line-selection.js';
export type { PaymentInput, RecordedPayment } from './payments.js';
export { zohoFsmWorkOrderSource, type LineStatusUpdate, type WorkOrderCallOptions, type WorkOrderSource } from './work-order-source.js';
export type { BillableLine, BillablePart, BillableWorkOrder } from './work-order.js';
export type { ConvertedEstimate, EstimateConversion, EstimateState, PushedEstimate } from './estimates.js';
export type { WorkOrderSalesOrder } from './sales-orders.js';
