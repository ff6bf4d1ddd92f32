import { json, type Reply } from '../reply.js';
import { MAX_PER_PAGE, pageRequest } from '../books/envelope.js';
import { copyRows } from '../list-cache.js';

/**
 * An FSM list page: `{ data, info: { per_page, count, page, more_records } }`
 * (`info` beyond `more_records` follows Zoho CRM). An empty page is HTTP 204 with no body, as in CRM.
 * `per_page` defaults to 200 and is capped there like the other Zoho APIs.
 */
export function fsmList(rows: readonly unknown[], query: URLSearchParams): Reply {
  const { page, perPage } = pageRequest(query);
  const start = (page - 1) * perPage;
  // Copies: the rows may be a cached view, and faults rewrite replies in place.
  const data = copyRows(rows.slice(start, start + perPage));
  if (data.length === 0) return { status: 204 };
  return json(200, { data, info: { per_page: perPage, count: data.length, page, more_records: start + perPage < rows.length } });
}

export { MAX_PER_PAGE };
