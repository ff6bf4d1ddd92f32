import type { StoredRecord } from '../record-table.js';
import { parseTimestamp } from '../time-format.js';
import { storedLines } from './document-lines.js';

/** A listed sales document: the stored record and its rendered row. */
export interface DocumentRow {
  row: StoredRecord;
  view: Record<string, unknown>;
}

type Test = (r: DocumentRow) => boolean;

/** `name`, `name_start`, `name_end`, `name_before`, `name_after` date filters (yyyy-mm-dd) on a view field. */
export function dateFilters(query: URLSearchParams, name: string, field: string): Test[] {
  const value = (r: DocumentRow) => String(r.view[field] ?? '');
  const tests: Test[] = [];
  const read = (suffix: string) => query.get(`${name}${suffix}`);
  const [equal, start, end, before, after] = [read(''), read('_start'), read('_end'), read('_before'), read('_after')];
  if (equal !== null) tests.push((r) => value(r) === equal);
  if (start !== null) tests.push((r) => value(r) >= start);
  if (end !== null) tests.push((r) => value(r) <= end);
  if (before !== null) tests.push((r) => value(r) < before);
  if (after !== null) tests.push((r) => value(r) > after);
  return tests;
}

/**
 * The line and money filters sales-document lists share: `item_id`, `item_name`,
 * `item_description` (any line, the names case-insensitive substrings), `total`, `customer_id`,
 * `zcrm_potential_id`, and `last_modified_time` (modified at or after it). `undefined` when
 * `last_modified_time` is not a time.
 */
export function documentFilters(query: URLSearchParams): Test[] | undefined {
  const tests: Test[] = [];
  const itemId = query.get('item_id');
  if (itemId !== null) tests.push(({ row }) => storedLines(row.data).some((l) => l.item_id === itemId));
  for (const [param, field] of [['item_name', 'name'], ['item_description', 'description']] as const) {
    const wanted = query.get(param)?.toLowerCase();
    if (wanted !== undefined) tests.push(({ row }) => storedLines(row.data).some((l) => String(l[field] ?? '').toLowerCase().includes(wanted)));
  }
  const total = query.get('total');
  if (total !== null) tests.push(({ view }) => Number(view.total) === Number(total));
  for (const field of ['customer_id', 'zcrm_potential_id'] as const) {
    const wanted = query.get(field);
    if (wanted !== null) tests.push(({ row }) => String(row.data[field] ?? '') === wanted);
  }
  const modifiedText = query.get('last_modified_time');
  if (modifiedText !== null) {
    const since = parseTimestamp(modifiedText);
    if (since === undefined) return undefined;
    tests.push(({ row }) => row.modifiedAt >= since);
  }
  return tests;
}
