import { editionInfo } from '../editions.js';
import { isObject } from '../request-body.js';
import type { SandboxFsmModule, FsmOrgState } from '../org-state.js';
import type { StoredRecord } from '../record-table.js';
import { fsmTimestamp } from '../time-format.js';
import type { SandboxWorld } from '../world.js';
import { invalidField, mandatoryMissing } from './errors.js';
import { MODULES_WITH_LINES, mergeServiceLines, renderServiceLines } from './line-items.js';
import { MODULE_SPECS } from './modules.js';
import { appointmentWorkOrder } from './service-appointments.js';
import { invalidTaxReference } from './tax-fields.js';

/** Fields the server owns: ignored on input. */
const SYSTEM_FIELDS = new Set(['id', 'Owner', 'Created_Time', 'Modified_Time', 'Created_By', 'Modified_By', 'Full_Name', 'UID', 'Tag']);

/** A per-record failure, CRM style. */
export interface FsmRecordError {
  error: Record<string, unknown>;
}

/** The display name of a record, used in lookups (`{ name, id }`). */
export function displayName(module: SandboxFsmModule, data: Record<string, unknown>): string {
  if (module === 'Companies') return String(data.Company_Name ?? '');
  if (module === 'Contacts') return [data.First_Name, data.Last_Name].filter((v) => typeof v === 'string' && v !== '').join(' ');
  if (module === 'Service_Appointments') return String(data.Name ?? data.Summary ?? '');
  return String(data.Name ?? '');
}

function lookupId(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (isObject(value) && typeof value.id === 'string') return value.id;
  return undefined;
}

function blank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Cleans and checks a record's input; lookups become ids. */
function prepare(
  world: SandboxWorld,
  org: FsmOrgState,
  module: SandboxFsmModule,
  input: Record<string, unknown>,
  current?: Record<string, unknown>,
): { data: Record<string, unknown> } | FsmRecordError {
  const spec = MODULE_SPECS[module];
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (!SYSTEM_FIELDS.has(key) && !key.startsWith('$')) data[key] = value;
  if (input.$inactive !== undefined) data.$inactive = input.$inactive === true;
  const merged = { ...current, ...data };
  for (const field of spec.required) if (blank(merged[field])) return { error: mandatoryMissing(field) };
  for (const [field, target] of Object.entries(spec.lookups)) {
    if (!(field in data) || data[field] === null) continue;
    const id = lookupId(data[field]);
    if (id === undefined || !org.tables[target].get(id)) return { error: invalidField(field, { expected_data_type: 'lookup' }) };
    data[field] = id;
  }
  if ('Unit_Price' in data && typeof data.Unit_Price !== 'number') {
    const price = Number(data.Unit_Price);
    if (!Number.isFinite(price)) return { error: invalidField('Unit_Price', { expected_data_type: 'double' }) };
    data.Unit_Price = price;
  }
  const badTax = invalidTaxReference(world, org, data);
  if (badTax !== undefined) return { error: badTax };
  if (MODULES_WITH_LINES.has(module) && 'Service_Line_Items' in data) {
    const lines = mergeServiceLines(world, org, module, current === undefined ? undefined : (current.Service_Line_Items ?? []), data.Service_Line_Items);
    if ('error' in lines) return lines;
    data.Service_Line_Items = lines.lines;
  }
  return { data };
}

/** Creates a record, or the per-record error FSM answers. */
export function createFsmRecord(world: SandboxWorld, org: FsmOrgState, module: SandboxFsmModule, input: Record<string, unknown>, at = world.now()): StoredRecord | FsmRecordError {
  const prepared = prepare(world, org, module, input);
  if ('error' in prepared) return prepared;
  const record = prepared.data;
  if (module === 'Work_Orders') {
    org.workOrderCounter += 1;
    record.Name ??= `WO${org.workOrderCounter}`;
    record.Status ??= 'New';
  }
  if (module === 'Estimates') {
    // Assumption: FSM does not document how estimates are numbered; ES1, ES2… like WO1, WO2….
    org.estimateCounter += 1;
    record.Name ??= `ES${org.estimateCounter}`;
    record.Status ??= 'Draft';
  }
  if (module === 'Service_And_Parts' || module === 'Assets') record.$inactive ??= false;
  if (module === 'Service_Appointments') {
    const found = appointmentWorkOrder(org, input);
    if ('error' in found) return found;
    record.Work_Order = found.workOrderId;
  }
  return org.tables[module].insert(world.ids.fsm(), record, at);
}

/** Updates a record with the fields given, or the per-record error FSM answers. */
export function updateFsmRecord(
  world: SandboxWorld,
  org: FsmOrgState,
  module: SandboxFsmModule,
  id: string,
  input: Record<string, unknown>,
  at = world.now(),
): StoredRecord | FsmRecordError | undefined {
  const row = org.tables[module].get(id);
  if (!row) return undefined;
  const prepared = prepare(world, org, module, input, row.data);
  if ('error' in prepared) return prepared;
  return org.tables[module].update(id, prepared.data, at);
}

/** `Created_Time`, `Modified_Time`, `Created_By`, `Modified_By` and `id`: what writes echo back. */
export function systemDetails(org: FsmOrgState, row: StoredRecord): Record<string, unknown> {
  const user = { name: org.user.name, id: org.user.id };
  return {
    Modified_Time: fsmTimestamp(row.modifiedAt, org.utcOffsetMinutes),
    Modified_By: user,
    Created_Time: fsmTimestamp(row.createdAt, org.utcOffsetMinutes),
    id: row.id,
    Created_By: user,
  };
}

/** A record as FSM returns it: CRM-style system fields, lookups as `{ name, id }`. */
export function renderFsmRecord(org: FsmOrgState, module: SandboxFsmModule, row: StoredRecord): Record<string, unknown> {
  const spec = MODULE_SPECS[module];
  const out: Record<string, unknown> = { ...row.data };
  for (const [field, target] of Object.entries(spec.lookups)) {
    const id = row.data[field];
    if (typeof id !== 'string') continue;
    const linked = org.tables[target].get(id);
    out[field] = { name: linked ? displayName(target, linked.data) : '', id };
  }
  if (module === 'Contacts') out.Full_Name = displayName('Contacts', row.data);
  if (MODULES_WITH_LINES.has(module) && 'Service_Line_Items' in out) out.Service_Line_Items = renderServiceLines(org, out.Service_Line_Items);
  return {
    Owner: { name: org.user.name, id: org.user.id, email: org.user.email },
    ...out,
    ...systemDetails(org, row),
    Currency: org.currencyCode,
    Exchange_Rate: 1,
    $currency_symbol: editionInfo(org.edition).currency.symbol,
    $editable: true,
    $permissions: { read: true, edit: true, delete: true },
  };
}
