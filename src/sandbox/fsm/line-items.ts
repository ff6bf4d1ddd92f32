import type { FsmOrgState, SandboxFsmModule } from '../org-state.js';
import { isObject } from '../request-body.js';
import type { SandboxWorld } from '../world.js';
import { invalidField } from './errors.js';

/**
 * The billing status of a service line. FSM's product documents these four states of a line (an
 * invoice is raised per service line); its API pages name no field for them, so `Billing_Status`
 * is the sandbox's assumption, as is refusing any other value.
 */
export const LINE_BILLING_STATUSES = ['Not yet Invoiced', 'Invoiced', 'Void', 'Non Billable'] as const;

/** The modules whose records hold `Service_Line_Items`. */
export const MODULES_WITH_LINES: ReadonlySet<SandboxFsmModule> = new Set(['Work_Orders', 'Estimates']);

type Line = Record<string, unknown>;
type Refusal = { error: Record<string, unknown> };
type LinesResult = { lines: Line[] } | Refusal;

/** One level of lines: the field holding them, their item lookup, and their JSON path in the input. */
interface Level {
  field: 'Service_Line_Items' | 'Part_Line_Items';
  lookup: 'Service' | 'Part';
  path: string;
}

function lookupId(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  if (isObject(value) && (typeof value.id === 'string' || typeof value.id === 'number')) return String(value.id);
  return undefined;
}

/** A line's own fields, checked: `$` keys, `id` and part lines left out, the item lookup stored as an id. */
function cleanLine(org: FsmOrgState, change: Line, level: Level, path: string): { line: Line } | Refusal {
  const line: Line = {};
  for (const [key, value] of Object.entries(change)) if (key !== 'id' && key !== 'Part_Line_Items' && !key.startsWith('$')) line[key] = value;
  const item = line[level.lookup];
  if (item !== undefined && item !== null) {
    const id = lookupId(item);
    if (id === undefined || !org.tables.Service_And_Parts.get(id)) {
      return { error: invalidField(level.lookup, { expected_data_type: 'lookup', json_path: `$.${path}.${level.lookup}` }) };
    }
    line[level.lookup] = id;
  }
  if ('Billing_Status' in line && !(LINE_BILLING_STATUSES as readonly unknown[]).includes(line.Billing_Status)) {
    return { error: invalidField('Billing_Status', { json_path: `$.${path}.Billing_Status`, expected_values: [...LINE_BILLING_STATUSES] }) };
  }
  if ('Invoice_Id' in line) {
    const value = line.Invoice_Id;
    if (value === '' || value === null) line.Invoice_Id = null;
    else if (typeof value === 'number' || typeof value === 'string') line.Invoice_Id = String(value);
    else return { error: invalidField('Invoice_Id', { expected_data_type: 'text', json_path: `$.${path}.Invoice_Id` }) };
  }
  return { line };
}

/**
 * Applies line changes to the current lines as FSM's edit does: a line with an
 * `id` edits that line and keeps its other fields, `$fsm_delete: true` with an `id` removes it, a
 * line without `id` is added with a new id. On create (`current` undefined) every line is new and
 * a given `id` is ignored. Refusing an `id` that names no line of the record is an assumption (FSM
 * does not document it). Works on copies: a refused change leaves the record as it was.
 */
function mergeLevel(world: SandboxWorld, org: FsmOrgState, current: unknown, patch: unknown, level: Level, defaults: Line, parts?: Level): LinesResult {
  const existingLines = (Array.isArray(current) ? current : []).filter(isObject).map((l) => ({ ...l }));
  if (patch === null || patch === undefined) return { lines: existingLines };
  if (!Array.isArray(patch)) return { error: invalidField(level.field, { expected_data_type: 'jsonarray', json_path: `$.${level.path}` }) };
  const creating = current === undefined;
  const lines = existingLines;
  for (const [i, change] of patch.entries()) {
    const path = `${level.path}[${i}]`;
    if (!isObject(change)) return { error: invalidField(level.field, { expected_data_type: 'jsonobject', json_path: `$.${path}` }) };
    const id = creating ? undefined : lookupId(change.id);
    const index = id === undefined ? -1 : lines.findIndex((l) => l.id === id);
    if (id !== undefined && index < 0) return { error: invalidField(level.field, { id, json_path: `$.${path}.id` }) };
    if (change.$fsm_delete === true) {
      if (index >= 0) lines.splice(index, 1);
      continue;
    }
    const cleaned = cleanLine(org, change, level, path);
    if ('error' in cleaned) return cleaned;
    const existing = lines[index];
    let next: Line = existing === undefined ? { id: world.ids.fsm(), ...defaults, ...cleaned.line } : { ...existing, ...cleaned.line };
    if (parts !== undefined && (existing === undefined || 'Part_Line_Items' in change)) {
      const currentParts = existing === undefined ? undefined : (existing.Part_Line_Items ?? []);
      const merged = mergeLevel(world, org, currentParts, change.Part_Line_Items, { ...parts, path: `${path}.Part_Line_Items` }, {});
      if ('error' in merged) return merged;
      next = { ...next, Part_Line_Items: merged.lines };
    }
    if (existing === undefined) lines.push(next);
    else lines[index] = next;
  }
  return { lines };
}

/**
 * The record's `Service_Line_Items` after a create (`current` undefined) or an update, each
 * service line and part line with a stable `id`; or the per-record error FSM answers. A new
 * service line of a work order starts `Billing_Status: 'Not yet Invoiced'` (assumption).
 */
export function mergeServiceLines(world: SandboxWorld, org: FsmOrgState, module: SandboxFsmModule, current: unknown, patch: unknown): LinesResult {
  const defaults: Line = module === 'Work_Orders' ? { Billing_Status: 'Not yet Invoiced' } : {};
  const service: Level = { field: 'Service_Line_Items', lookup: 'Service', path: 'Service_Line_Items' };
  return mergeLevel(world, org, current, patch, service, defaults, { field: 'Part_Line_Items', lookup: 'Part', path: 'Part_Line_Items' });
}

function renderLookup(org: FsmOrgState, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const linked = org.tables.Service_And_Parts.get(value);
  return { name: linked ? String(linked.data.Name ?? '') : '', id: value };
}

/** Lines as FSM returns them: the Service and Part lookups as `{ name, id }`. */
export function renderServiceLines(org: FsmOrgState, lines: unknown): unknown {
  if (!Array.isArray(lines)) return lines;
  return lines.map((line) => {
    if (!isObject(line)) return line;
    const out: Line = { ...line };
    if ('Service' in out) out.Service = renderLookup(org, out.Service);
    if (Array.isArray(out.Part_Line_Items)) {
      out.Part_Line_Items = out.Part_Line_Items.map((part) => (isObject(part) && 'Part' in part ? { ...part, Part: renderLookup(org, part.Part) } : part));
    }
    return out;
  });
}
