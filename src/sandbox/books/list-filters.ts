/**
 * Zoho's name-style list filters: `field`, `field_startswith`, `field_contains`, each
 * case-insensitive. Returns a predicate over rendered rows.
 */
export function textFilters(query: URLSearchParams, fields: readonly string[]): (row: Record<string, unknown>) => boolean {
  const tests: Array<(row: Record<string, unknown>) => boolean> = [];
  for (const field of fields) {
    const exact = query.get(field);
    const starts = query.get(`${field}_startswith`);
    const contains = query.get(`${field}_contains`);
    const value = (row: Record<string, unknown>) => String(row[field] ?? '').toLowerCase();
    if (exact !== null) tests.push((row) => value(row) === exact.toLowerCase());
    if (starts !== null) tests.push((row) => value(row).startsWith(starts.toLowerCase()));
    if (contains !== null) tests.push((row) => value(row).includes(contains.toLowerCase()));
  }
  return (row) => tests.every((test) => test(row));
}

/** `search_text`: a case-insensitive substring of any of `fields`. */
export function searchText(query: URLSearchParams, fields: readonly string[]): (row: Record<string, unknown>) => boolean {
  const text = query.get('search_text')?.toLowerCase();
  if (!text) return () => true;
  return (row) => fields.some((f) => String(row[f] ?? '').toLowerCase().includes(text));
}

/** `filter_by=Status.All|Status.Active|Status.Inactive`; `undefined` when the value is not one of those. */
export function statusFilter(query: URLSearchParams): { applied: string; test: (status: unknown) => boolean } | undefined {
  const value = query.get('filter_by') ?? 'Status.All';
  if (value === 'Status.All') return { applied: value, test: () => true };
  if (value === 'Status.Active') return { applied: value, test: (s) => s === 'active' };
  if (value === 'Status.Inactive') return { applied: value, test: (s) => s === 'inactive' };
  return undefined;
}
