import { isObject } from '../request-body.js';
import { cachedView, queryKey } from '../list-cache.js';
import { json, type Reply } from '../reply.js';
import type { SandboxFsmModule } from '../org-state.js';
import type { StoredRecord } from '../record-table.js';
import { parseTimestamp } from '../time-format.js';
import type { FsmContext } from './context.js';
import { fsmList } from './envelope.js';
import { fsmError, fsmErrors } from './errors.js';
import { MODULE_SPECS } from './modules.js';
import { createFsmRecord, renderFsmRecord, systemDetails, updateFsmRecord, type FsmRecordError } from './record-model.js';

function isError(value: StoredRecord | FsmRecordError): value is FsmRecordError {
  return 'error' in value;
}

/** `{ data: [ {...} ] }` → the records, or `undefined` when the body is not that shape. */
function inputRecords(body: unknown): Array<Record<string, unknown>> | undefined {
  if (!isObject(body) || !Array.isArray(body.data)) return undefined;
  return body.data.every(isObject) ? body.data : undefined;
}

/**
 * Orders records: Created_Time descending by default. `sort_by`
 * (`Created_Time | Modified_Time | id`) and `sort_order` (`asc | desc`) follow CRM (⚠️).
 */
function sorted(ctx: FsmContext, rows: StoredRecord[]): StoredRecord[] | Reply {
  const by = ctx.query.get('sort_by') ?? 'Created_Time';
  const order = ctx.query.get('sort_order') ?? 'desc';
  if (!['Created_Time', 'Modified_Time', 'id'].includes(by)) return fsmErrors.invalidParam('sort_by');
  if (order !== 'asc' && order !== 'desc') return fsmErrors.invalidParam('sort_order');
  const key = (r: StoredRecord) => (by === 'Modified_Time' ? r.modifiedAt : by === 'id' ? 0 : r.createdAt);
  const out = [...rows].sort((a, b) => key(a) - key(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return order === 'desc' ? out.reverse() : out;
}

function listOf(ctx: FsmContext, rows: StoredRecord[]): Reply {
  const ordered = sorted(ctx, rows);
  if (!Array.isArray(ordered)) return ordered;
  return fsmList(ordered.map((r) => renderFsmRecord(ctx.org, ctx.module, r)), ctx.query);
}

/** GET /{module} */
export function listRecords(ctx: FsmContext): Reply {
  const { tables } = ctx.org;
  // Rendering resolves lookups into other modules: the view depends on every module's version.
  const versions = Object.values(tables).map((t) => t.version).join('.');
  const table = tables[ctx.module];
  // Sorting nothing checks sort_by / sort_order, so a refusal is never cached as a view.
  const refused = sorted(ctx, []);
  if (!Array.isArray(refused)) return refused;
  const views = cachedView(table, `${versions}|${queryKey(ctx.query)}`, () => {
    const ordered = sorted(ctx, table.all());
    return Array.isArray(ordered) ? ordered.map((r) => renderFsmRecord(ctx.org, ctx.module, r)) : [];
  });
  return fsmList(views, ctx.query);
}

/** GET /{module}/{id} */
export function getRecord(ctx: FsmContext): Reply {
  const row = ctx.org.tables[ctx.module].get(ctx.params.id ?? '');
  if (!row) return fsmErrors.notFound(ctx.params.id ?? '');
  return json(200, { data: [renderFsmRecord(ctx.org, ctx.module, row)] });
}

/**
 * POST /{module}. Success: `{ result, code, data: [{ UID, ...system fields }] }`, except
 * Service_And_Parts: `{ status, data: { Service_And_Parts: [{ ..., TabName: "Products" }] } }`.
 * A failed record is a CRM-style error entry; all failed → HTTP 400.
 */
export function createRecords(ctx: FsmContext): Reply {
  const records = inputRecords(ctx.body);
  if (!records || records.length === 0) return json(400, fsmError('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'data' }));
  const results = records.map((input, i) => {
    const created = createFsmRecord(ctx.world, ctx.org, ctx.module, input);
    if (isError(created)) return { ok: false as const, entry: created.error };
    const entry: Record<string, unknown> = { UID: `${ctx.module}_${i}`, ...systemDetails(ctx.org, created) };
    if (ctx.module === 'Service_And_Parts') entry.TabName = 'Products';
    return { ok: true as const, entry };
  });
  const entries = results.map((r) => r.entry);
  if (results.every((r) => !r.ok)) return json(400, { data: entries });
  if (ctx.module === 'Service_And_Parts') return json(201, { status: 'success', data: { Service_And_Parts: entries } });
  return json(201, { result: 'success', code: 'SUCCESS', data: entries });
}

function updateEntry(ctx: FsmContext, id: string, input: Record<string, unknown>): { ok: boolean; entry: Record<string, unknown> } {
  const updated = updateFsmRecord(ctx.world, ctx.org, ctx.module, id, input);
  if (updated === undefined) return { ok: false, entry: fsmError('INVALID_DATA', 'the id given seems to be invalid', { id }) };
  if (isError(updated)) return { ok: false, entry: updated.error };
  return { ok: true, entry: { code: 'SUCCESS', details: systemDetails(ctx.org, updated), message: 'record updated', status: 'success' } };
}

/** PUT /{module}/{id}: `{ data: [{ code: "SUCCESS", details, message: "record updated", status }] }`. */
export function updateRecord(ctx: FsmContext): Reply {
  const id = ctx.params.id ?? '';
  if (!ctx.org.tables[ctx.module].get(id)) return fsmErrors.notFound(id);
  const records = inputRecords(ctx.body);
  const input = records?.[0];
  if (!input) return fsmErrors.invalidBody();
  const result = updateEntry(ctx, id, input);
  return json(result.ok ? 200 : 400, { data: [result.entry] });
}

/** PUT /{module}: several records, each carrying its `id` (CRM convention). */
export function updateRecords(ctx: FsmContext): Reply {
  const records = inputRecords(ctx.body);
  if (!records || records.length === 0) return fsmErrors.invalidBody();
  const results = records.map((input) =>
    typeof input.id === 'string' ? updateEntry(ctx, input.id, input) : { ok: false, entry: fsmError('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'id' }) },
  );
  return json(results.some((r) => r.ok) ? 200 : 400, { data: results.map((r) => r.entry) });
}

/** DELETE /{module}/{id} */
export function deleteRecord(ctx: FsmContext): Reply {
  const id = ctx.params.id ?? '';
  if (!ctx.org.tables[ctx.module].delete(id)) return fsmErrors.notFound(id);
  return json(200, { data: [{ code: 'SUCCESS', details: { id }, message: 'record deleted', status: 'success' }] });
}

const DATE_COMPARATORS = ['equal', 'not_equal', 'greater_than', 'greater_equal', 'less_than', 'less_equal', 'between', 'not_between'];

function timeTest(comparator: string, value: string): ((ms: number) => boolean) | undefined {
  const parts = value.split(',').map((v) => parseTimestamp(v));
  const [a, b] = parts;
  if (a === undefined || ((comparator === 'between' || comparator === 'not_between') && b === undefined)) return undefined;
  const hi = b ?? a;
  // Compare at second precision: FSM timestamps carry no milliseconds.
  const sec = (ms: number) => Math.floor(ms / 1000);
  switch (comparator) {
    case 'equal': return (ms) => sec(ms) === sec(a);
    case 'not_equal': return (ms) => sec(ms) !== sec(a);
    case 'greater_than': return (ms) => sec(ms) > sec(a);
    case 'greater_equal': return (ms) => sec(ms) >= sec(a);
    case 'less_than': return (ms) => sec(ms) < sec(a);
    case 'less_equal': return (ms) => sec(ms) <= sec(a);
    case 'between': return (ms) => sec(ms) >= sec(a) && sec(ms) <= sec(hi);
    default: return (ms) => sec(ms) < sec(a) || sec(ms) > sec(hi);
  }
}

/**
 * GET /{module}/search?api_name=&value=&comparator=: `equal` (default) or
 * `contains` on text fields, case-insensitive; the DateTime comparators on Created_Time and
 * Modified_Time. Lookup fields match the linked record's id or name.
 */
export function searchRecords(ctx: FsmContext): Reply {
  const { query, module } = ctx;
  const apiName = query.get('api_name');
  const value = query.get('value');
  if (apiName === null) return fsmErrors.missingParam('api_name');
  if (value === null) return fsmErrors.missingParam('value');
  if (!MODULE_SPECS[module].searchFields.includes(apiName)) return fsmErrors.invalidParam('api_name');
  const rows = ctx.org.tables[module].all();
  if (apiName === 'Created_Time' || apiName === 'Modified_Time') {
    const test = timeTest(query.get('comparator') ?? 'equal', value);
    if (!DATE_COMPARATORS.includes(query.get('comparator') ?? 'equal') || !test) return fsmErrors.invalidParam('comparator');
    return listOf(ctx, rows.filter((r) => test(apiName === 'Created_Time' ? r.createdAt : r.modifiedAt)));
  }
  const comparator = query.get('comparator') ?? 'equal';
  if (comparator !== 'equal' && comparator !== 'contains' && comparator !== 'starts_with') return fsmErrors.invalidParam('comparator');
  const wanted = value.toLowerCase();
  const target: SandboxFsmModule | undefined = MODULE_SPECS[module].lookups[apiName];
  const matches = rows.filter((row) => {
    const rendered = renderFsmRecord(ctx.org, module, row)[apiName];
    const candidates = target !== undefined && isObject(rendered) ? [rendered.id, rendered.name] : [rendered];
    return candidates.some((c) => {
      const text = String(c ?? '').toLowerCase();
      return comparator === 'equal' ? text === wanted : comparator === 'contains' ? text.includes(wanted) : text.startsWith(wanted);
    });
  });
  return listOf(ctx, matches);
}
