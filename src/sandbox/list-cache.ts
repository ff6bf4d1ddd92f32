// A list endpoint renders, filters and sorts a whole table for every page it serves. Walking 100
// pages of 20 000 records made that quadratic; the view is now computed once per table version
// and query, and every page is sliced from it. Pages get copies of their rows, because faults
// rewrite replies in place (schema drift).

const views = new WeakMap<object, { key: string; rows: readonly unknown[] }>();

/** The query of a list call without its paging parameters, in a stable order. */
export function queryKey(query: URLSearchParams): string {
  return [...query.entries()]
    .filter(([name]) => name !== 'page' && name !== 'per_page')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/**
 * The rows of a list view, computed by `compute` unless the same `owner` was last asked with the
 * same `key` (which must name every version the rows depend on, and the query).
 */
export function cachedView<T>(owner: object, key: string, compute: () => T[]): readonly T[] {
  const cached = views.get(owner);
  if (cached && cached.key === key) return cached.rows as readonly T[];
  const rows = compute();
  views.set(owner, { key, rows });
  return rows;
}

/** A shallow copy of each row of a page. */
export function copyRows(rows: readonly unknown[]): unknown[] {
  return rows.map((row) => (typeof row === 'object' && row !== null && !Array.isArray(row) ? { ...row } : row));
}
