/** Options every list call accepts. */
export interface ListOptions {
  /** Records per page; Zoho's maximum and the default is 200 (zoho-api.md §2.5). */
  perPage?: number;
  /** Stops the walk (before the next page) and the request in flight. */
  signal?: AbortSignal;
}

/** Options of single calls. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** Options of create calls. */
export interface CreateOptions extends CallOptions {
  /**
   * Mark the create as safe to repeat after a lost reply (for example because your code checks
   * for the record by a unique key first). Without it a create is never retried after a 5xx or a
   * dropped connection, because Zoho may have created the record already.
   */
  retrySafe?: boolean;
}

// zoho-api.md §2.5: per_page is capped at 200.
export const MAX_PER_PAGE = 200;

/** Turns `{ sortColumn: 'x', perPage: 5 }` into Zoho's `{ sort_column: 'x', per_page: 5 }`. */
export function toQuery(params: object): Record<string, string | number | boolean | undefined> {
  const query: Record<string, string | number | boolean | undefined> = {};
  for (const [name, value] of Object.entries(params)) {
    if (name === 'signal' || value === undefined) continue;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
    query[name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = value;
  }
  return query;
}

/** The page size to ask for, within Zoho's bounds. */
export function pageSize(perPage: number | undefined): number {
  if (perPage === undefined) return MAX_PER_PAGE;
  return Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(perPage)));
}
