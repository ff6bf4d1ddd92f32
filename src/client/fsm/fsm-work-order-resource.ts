import { ValidationError } from '../../errors/validation-error.js';
import type { FsmWorkOrderCreateSchema, FsmWorkOrderSchema, FsmWorkOrderUpdateSchema } from '../../schemas/fsm/index.js';
import type { CallOptions } from '../list-params.js';
import { idSegment } from '../path.js';
import { FsmGuardedModuleResource } from './fsm-guarded-module-resource.js';
import type { FsmWriteResult } from './fsm-write-result.js';

/** The billing states a service line can be set to (see `FsmLineBillingStatusSchema`). */
export const LINE_BILLING_STATUSES = ['Not yet Invoiced', 'Invoiced', 'Void', 'Non Billable'] as const;

/** A billing state of a service line. */
export type LineBillingStatus = (typeof LINE_BILLING_STATUSES)[number];

/** One service line's new billing state, for {@link FsmWorkOrderResource.setLineBillingStatus}. */
export interface LineBillingUpdate {
  /** The `id` of a line in the work order's `Service_Line_Items`. */
  lineId: string;
  status: LineBillingStatus;
  /**
   * The Books/Invoice invoice raised for the line, written to the line's `Invoice_Id`; `null`
   * clears it; left out, the line keeps the one it has.
   */
  invoiceId?: string | null;
}

/**
 * The work orders of `client.fsm`: the module's list / get / create / update / search, creates
 * guarded by the finance organisation's health, and the billing state of their service lines.
 *
 * @example
 * ```ts
 * const order = await client.fsm.workOrders.get(workOrderId);
 * const open = order.Service_Line_Items?.filter((line) => line.Billing_Status === 'Not yet Invoiced') ?? [];
 * ```
 */
export class FsmWorkOrderResource<F extends string> extends FsmGuardedModuleResource<
  typeof FsmWorkOrderSchema,
  typeof FsmWorkOrderCreateSchema,
  typeof FsmWorkOrderUpdateSchema,
  F
> {
  /**
   * Sets the billing state of some service lines of a work order in one update
   * (`PUT /Work_Orders/{id}` with `Service_Line_Items: [{ id, Billing_Status, Invoice_Id }]`); the
   * lines' other fields and the other lines stay as they are. The field names are this SDK's
   * assumption: FSM's API pages do not name them. Not checked by the health guard (an update).
   *
   * @throws {ValidationError} `INVALID_INPUT` before anything is sent: no updates, a line given
   *   twice, a status that is not one of the four, or an id that is not a Zoho id.
   * @throws {ApiError} FSM refused the update (`INVALID_DATA` naming the field, e.g. a line id that
   *   is not a line of this work order); nothing was changed.
   *
   * @example
   * ```ts
   * const invoice = await client.finance.invoices.create(payload);
   * await client.fsm.workOrders.setLineBillingStatus(workOrderId, [
   *   { lineId: line.id, status: 'Invoiced', invoiceId: invoice.invoice_id },
   *   { lineId: freeLine.id, status: 'Non Billable' },
   * ]);
   * ```
   */
  async setLineBillingStatus(workOrderId: string, updates: readonly LineBillingUpdate[], options: CallOptions = {}): Promise<FsmWriteResult> {
    const lines = lineEdits(updates);
    return await this.update(workOrderId, { Service_Line_Items: lines }, options);
  }
}

function refuse(message: string, path: Array<string | number>, code: string): never {
  throw new ValidationError(`${message} Nothing was sent to Zoho.`, [{ path, message, code }]);
}

function lineEdits(updates: readonly LineBillingUpdate[]): Array<Record<string, string | null>> {
  if (!Array.isArray(updates) || updates.length === 0) refuse('setLineBillingStatus needs at least one line update.', ['updates'], 'too_small');
  const seen = new Set<string>();
  return updates.map((update, i) => {
    const id = idSegment(update.lineId, `updates[${i}].lineId`);
    if (seen.has(id)) refuse(`Line ${id} is given twice; give each line once.`, ['updates', i, 'lineId'], 'duplicate_line');
    seen.add(id);
    if (!(LINE_BILLING_STATUSES as readonly string[]).includes(update.status)) {
      refuse(`updates[${i}].status must be one of ${LINE_BILLING_STATUSES.join(', ')}; got ${JSON.stringify(update.status)}.`, ['updates', i, 'status'], 'invalid_enum_value');
    }
    const edit: Record<string, string | null> = { id, Billing_Status: update.status };
    if (update.invoiceId === null) edit.Invoice_Id = null;
    else if (update.invoiceId !== undefined) edit.Invoice_Id = idSegment(update.invoiceId, `updates[${i}].invoiceId`);
    return edit;
  });
}
