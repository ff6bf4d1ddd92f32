import type { BillableLine, BillablePart, BillableWorkOrder } from './work-order.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  if (isObject(value)) return idOf(value.id);
  return undefined;
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function discountOf(raw: Record<string, unknown>): number | string | undefined {
  const amount = numberOf(raw.Discount);
  if (amount === undefined || amount === 0) return undefined;
  return raw.Discount_Type === 'Percentage' || raw.Discount_Type === '%' ? `${amount}%` : amount;
}

function part(raw: Record<string, unknown>, itemKey: 'Service' | 'Part'): BillablePart | undefined {
  const itemId = idOf(raw[itemKey]);
  if (itemId === undefined) return undefined;
  const id = idOf(raw.id);
  const quantity = numberOf(raw.Quantity);
  const rate = numberOf(raw.List_Price);
  const unit = textOf(raw.Unit);
  const description = textOf(raw.Description);
  const discount = discountOf(raw);
  return {
    itemId,
    ...(id === undefined ? {} : { id }),
    ...(quantity === undefined ? {} : { quantity }),
    ...(rate === undefined ? {} : { rate }),
    ...(unit === undefined ? {} : { unit }),
    ...(description === undefined ? {} : { description }),
    ...(discount === undefined ? {} : { discount }),
  };
}

/**
 * A Zoho FSM work order as billing reads it: its service lines (each with its part lines), the
 * billed company and contact, the billing address and the place of supply. Lines deleted with
 * `$fsm_delete` are left out; a service line with no Service keeps its id with an empty item, so
 * invoicing it is refused with `ITEM_MISSING` rather than silently skipped.
 */
export function billableFromFsmWorkOrder(record: Readonly<Record<string, unknown>>): BillableWorkOrder {
  const lines: BillableLine[] = [];
  const services = Array.isArray(record.Service_Line_Items) ? record.Service_Line_Items : [];
  for (const raw of services) {
    if (!isObject(raw) || raw.$fsm_delete === true) continue;
    const id = idOf(raw.id);
    if (id === undefined) continue;
    const service = part(raw, 'Service') ?? { itemId: '' };
    const parts = (Array.isArray(raw.Part_Line_Items) ? raw.Part_Line_Items : [])
      .filter(isObject)
      .filter((p) => p.$fsm_delete !== true)
      .map((p) => part(p, 'Part'))
      .filter((p): p is BillablePart => p !== undefined);
    const status = textOf(raw.Billing_Status);
    lines.push({ ...service, id, ...(status === undefined ? {} : { billingStatus: status }), ...(parts.length > 0 ? { parts } : {}) });
  }
  const name = textOf(record.Name);
  const companyId = idOf(record.Company);
  const contactId = idOf(record.Contact);
  const placeOfSupply = textOf(record.Place_of_Supply) ?? textOf(record.Place_Of_Supply);
  const currency = textOf(record.Currency);
  return {
    id: idOf(record.id) ?? '',
    ...(name === undefined ? {} : { name }),
    ...(companyId === undefined ? {} : { companyId }),
    ...(contactId === undefined ? {} : { contactId }),
    ...(isObject(record.Billing_Address) ? { billingAddress: record.Billing_Address } : {}),
    ...(placeOfSupply === undefined ? {} : { placeOfSupply }),
    ...(currency === undefined ? {} : { currency }),
    lines,
    record,
  };
}
