import { def, text, type FieldDef } from './field-spec.js';

// A work order's lines as an invoice needs them: each service line, then its part lines
// (get-work-orders.html `Service_Line_Items[].Part_Line_Items[]`), flattened into
// one list. `Item` is the line's Service or Part lookup; lines marked `$fsm_delete` are skipped.

const W = 'get-work-orders.html (Service_Line_Items)';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function line(raw: Record<string, unknown>, itemKey: 'Service' | 'Part'): Record<string, unknown> {
  return {
    Item: own(raw, itemKey),
    Line_Type: itemKey === 'Service' ? 'service' : 'part',
    Quantity: own(raw, 'Quantity'),
    List_Price: own(raw, 'List_Price'),
    Unit: own(raw, 'Unit'),
    Description: own(raw, 'Description'),
    Discount: own(raw, 'Discount'),
    Tax: own(raw, 'Tax'),
  };
}

/** The flattened lines of a work order (`undefined` when it has no `Service_Line_Items`). */
export function flattenWorkOrderLines(record: Readonly<Record<string, unknown>>): unknown {
  const services = Object.hasOwn(record, 'Service_Line_Items') ? record.Service_Line_Items : undefined;
  if (!Array.isArray(services)) return services === null ? null : undefined;
  const lines: Array<Record<string, unknown>> = [];
  for (const service of services) {
    if (!isObject(service) || own(service, '$fsm_delete') === true) continue;
    lines.push(line(service, 'Service'));
    const parts = own(service, 'Part_Line_Items');
    if (!Array.isArray(parts)) continue;
    for (const part of parts) if (isObject(part) && own(part, '$fsm_delete') !== true) lines.push(line(part, 'Part'));
  }
  return lines;
}

/** The `Lines[]` fields of a work order, and the virtual `Lines` array itself. */
export function workOrderLines(): FieldDef[] {
  return [
    def('Lines', 'unknown', W, { container: true, read: flattenWorkOrderLines }),
    def('Lines[].Item', 'ref', W, { ref: 'items' }),
    def('Lines[].Line_Type', 'enum', W, { enum: ['service', 'part'] }),
    def('Lines[].Quantity', 'number', W),
    def('Lines[].List_Price', 'number', W),
    text('Lines[].Unit', W),
    text('Lines[].Description', W),
    def('Lines[].Discount', 'number', W),
    def('Lines[].Tax.Tax_Id', 'ref', W, { ref: 'taxes' }),
  ];
}
