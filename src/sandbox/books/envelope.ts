import { copyRows } from '../list-cache.js';
import { json, type Reply } from '../reply.js';
import type { SandboxWorld } from '../world.js';

/** Zoho's success envelope: `{ code: 0, message, <key>: payload }`. */
export function success(message: string, payload: Record<string, unknown> = {}, status = 200): Reply {
  return json(status, { code: 0, message, ...payload });
}

/** Fields of `page_context` beyond the paging ones. */
export interface PageContextExtras {
  applied_filter?: string;
  sort_column?: string;
  sort_order?: 'A' | 'D';
  report_name?: string;
}

/** Maximum and default `per_page` (Zoho: "Maximum value is 200"). */
export const MAX_PER_PAGE = 200;

/** Reads `page` and `per_page`; `per_page` is capped at 200 and defaults to 200. */
export function pageRequest(query: URLSearchParams): { page: number; perPage: number } {
  const page = positiveInt(query.get('page')) ?? 1;
  const perPage = Math.min(positiveInt(query.get('per_page')) ?? MAX_PER_PAGE, MAX_PER_PAGE);
  return { page, perPage };
}

/** A list reply: one page of `rows` under `key`, with `page_context`. */
export function listReply(key: string, rows: readonly unknown[], query: URLSearchParams, extras: PageContextExtras = {}): Reply {
  const { page, perPage } = pageRequest(query);
  const start = (page - 1) * perPage;
  // Copies: the rows may be a cached view, and faults rewrite replies in place.
  const slice = copyRows(rows.slice(start, start + perPage));
  return success('success', {
    [key]: slice,
    page_context: { page, per_page: perPage, has_more_page: start + perPage < rows.length, ...extras },
  });
}

function positiveInt(text: string | null): number | undefined {
  if (text === null || !/^\d+$/.test(text.trim())) return undefined;
  const n = Number(text);
  return n >= 1 ? n : undefined;
}

/**
 * Sort direction from `sort_order` (`A` / `D`), else the list's default. Zoho's published API
 * description does not declare the request parameter (only replies report it), so with
 * `undocumented.sortOrder: 'ignore'` (or `params: 'ignore'`, which drops it) it has no effect and
 * the default order stands.
 */
export function sortOrder(ctx: { query: URLSearchParams; world: SandboxWorld }, fallback: 'A' | 'D'): 'A' | 'D' {
  if (ctx.world.undocumented.sortOrder === 'ignore') return fallback;
  const value = ctx.query.get('sort_order')?.toUpperCase();
  return value === 'A' || value === 'D' ? value : fallback;
}

/** Compares two sort keys: numbers numerically, strings case-insensitively. */
export function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a ?? '').localeCompare(String(b ?? ''), 'en', { sensitivity: 'base' });
}

/** A listed row: the stored record's times and id, and its rendered view. */
export interface ListedRow<V extends Record<string, unknown>> {
  row: { id: string; createdAt: number; modifiedAt: number };
  view: V;
}

/**
 * Sorts listed rows in place by Zoho's `sort_column` (times from the stored row, anything else
 * from the view), ties broken by id, in `order` (`A` ascending, `D` descending).
 */
export function sortListed<V extends Record<string, unknown>>(rows: Array<ListedRow<V>>, column: string, order: 'A' | 'D'): void {
  const key = (r: ListedRow<V>) => (column === 'created_time' ? r.row.createdAt : column === 'last_modified_time' ? r.row.modifiedAt : r.view[column]);
  rows.sort((a, b) => {
    const c = compareKeys(key(a), key(b)) || compareKeys(Number(a.row.id), Number(b.row.id));
    return order === 'A' ? c : -c;
  });
}
