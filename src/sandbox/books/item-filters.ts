/**
 * The filters of GET /items beyond name, description and `search_text`, as Zoho's published
 * description of Books lists them: `rate` and its `_less_than` / `_less_equals` / `_greater_than` /
 * `_greater_equals` forms, and exact `tax_id`, `tax_name`, `is_taxable`, `tax_exemption_id`,
 * `account_id`, `sat_item_key_code`, `unitkey_code`. Returns a predicate over rendered rows.
 */
export function itemFilters(query: URLSearchParams): (row: Record<string, unknown>) => boolean {
  const tests: Array<(row: Record<string, unknown>) => boolean> = [];
  const rateTests: Array<[string, (rate: number, bound: number) => boolean]> = [
    ['rate', (r, b) => r === b],
    ['rate_less_than', (r, b) => r < b],
    ['rate_less_equals', (r, b) => r <= b],
    ['rate_greater_than', (r, b) => r > b],
    ['rate_greater_equals', (r, b) => r >= b],
  ];
  for (const [name, compare] of rateTests) {
    const text = query.get(name);
    if (text === null) continue;
    const bound = Number(text);
    tests.push((row) => Number.isFinite(bound) && compare(Number(row.rate), bound));
  }
  for (const field of ['tax_id', 'tax_exemption_id', 'account_id', 'sat_item_key_code', 'unitkey_code']) {
    const wanted = query.get(field);
    if (wanted !== null) tests.push((row) => String(row[field] ?? '') === wanted);
  }
  const taxName = query.get('tax_name');
  if (taxName !== null) tests.push((row) => String(row.tax_name ?? '').toLowerCase() === taxName.toLowerCase());
  const taxable = query.get('is_taxable');
  if (taxable !== null) tests.push((row) => String(row.is_taxable ?? true) === taxable.toLowerCase());
  return (row) => tests.every((test) => test(row));
}
