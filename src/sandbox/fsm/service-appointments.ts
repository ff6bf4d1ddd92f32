import type { FsmOrgState } from '../org-state.js';
import { isObject } from '../request-body.js';
import { invalidField, mandatoryMissing } from './errors.js';

/**
 * A new service appointment names the work order's service lines it covers in
 * `$Service_Line_Items` (mandatory, create-service-appointment.html). The sandbox requires them to
 * be lines of one work order of the org, and links the appointment to that work order through
 * `Work_Order` (an assumption: FSM does not document the reply field). Returns the work order id,
 * or the per-record error FSM answers.
 */
export function appointmentWorkOrder(org: FsmOrgState, input: Readonly<Record<string, unknown>>): { workOrderId: string } | { error: Record<string, unknown> } {
  const lines = input.$Service_Line_Items;
  if (!Array.isArray(lines) || lines.length === 0) return { error: mandatoryMissing('$Service_Line_Items') };
  const ids = lines.map((l) => (typeof l === 'string' || typeof l === 'number' ? String(l) : isObject(l) && typeof l.id === 'string' ? l.id : undefined));
  const owners = new Set<string>();
  for (const id of ids) {
    const owner = id === undefined ? undefined : org.tables.Work_Orders.all().find((wo) => linesOf(wo.data).includes(id));
    if (owner === undefined) return { error: invalidField('$Service_Line_Items', { expected_data_type: 'service line item id' }) };
    owners.add(owner.id);
  }
  const [workOrderId] = owners;
  if (owners.size !== 1 || workOrderId === undefined) return { error: invalidField('$Service_Line_Items', { reason: 'lines of more than one work order' }) };
  return { workOrderId };
}

function linesOf(workOrder: Readonly<Record<string, unknown>>): string[] {
  const lines = workOrder.Service_Line_Items;
  return Array.isArray(lines) ? lines.filter(isObject).map((l) => String(l.id)) : [];
}
