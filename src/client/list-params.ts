import { ValidationError } from '../errors/validation-error.js';

/** Options every list call accepts. */
export interface ListOptions {
  /** Records per page; Zoho's maximum and the default is 200. */
  perPage?: number;
  /** Stops the walk (before the next page) and the request in flight. */
  signal?: AbortSignal;
  /**
   * Most pages one walk fetches (default 5,000; lower when the first page reports the list's
   * total). Past it the walk stops with `ApiError` `PAGINATION_LOOP`.
   */
  maxPages?: number;
}

/** The names of {@link ListOptions}: accepted by every list besides its filters. */
export const LIST_OPTION_NAMES: readonly string[] = /* @__PURE__ */ Object.freeze(['perPage', 'signal', 'maxPages'] satisfies Array<keyof ListOptions>);

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

// Zoho caps per_page at 200.
export const MAX_PER_PAGE = 200;

/**
 * The filters a list accepts: each camelCase name of its params type mapped to the query name
 * Zoho's published description declares for the operation. Every key of `P` must be mapped, so a
 * filter added to the type without a query name does not compile.
 */
export type ListFilters<P extends object> = { readonly [K in keyof Required<P>]: string };

/** Freezes a list's filter table (see {@link ListFilters}). */
export function listFilters<P extends object>(filters: ListFilters<P>): ListFilters<P> {
  return Object.freeze(filters);
}

/**
 * The query of one list call: each filter under its declared name. A name the list does not
 * accept — `organizationId` above all, which would call another organisation — is refused before
 * anything is sent, with the accepted names; the organisation id is set by the client alone.
 *
 * @throws {ValidationError} `INVALID_INPUT`, nothing sent.
 *
 * @example
 * ```ts
 * listQuery('GET /items', { name: 'Boiler', perPage: 50 }, { name: 'name' }); // { name: 'Boiler' }
 * listQuery('GET /items', { organizationId: '999' }, { name: 'name' });       // throws
 * ```
 */
export function listQuery(what: string, params: object, filters: Readonly<Record<string, string>>): Record<string, string | number | boolean> {
  const query: Record<string, string | number | boolean> = {};
  const refused: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (LIST_OPTION_NAMES.includes(name) || value === undefined) continue;
    const queryName = Object.hasOwn(filters, name) ? filters[name] : undefined;
    if (queryName === undefined) refused.push(name);
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') query[queryName] = value;
  }
  if (refused.length > 0) throw unknownListParams(what, refused, Object.keys(filters));
  return query;
}

function unknownListParams(what: string, refused: readonly string[], accepted: readonly string[]): ValidationError {
  const tenant = refused.some((name) => name.replace(/[^a-z]/gi, '').toLowerCase() === 'organizationid');
  const names = [...accepted, ...LIST_OPTION_NAMES].join(', ');
  return new ValidationError(
    `${what} does not accept ${refused.map((name) => JSON.stringify(name)).join(', ')}. Accepted: ${names}.` +
      (tenant ? ' The organisation is the client\'s: use client.financeFor(app, organizationId) to list another one.' : '') +
      ' Nothing was sent to Zoho.',
    refused.map((name) => ({ path: [name], message: `not a parameter of ${what}`, code: 'unknown_list_param' })),
  );
}

/** The page size to ask for, within Zoho's bounds. */
export function pageSize(perPage: number | undefined): number {
  if (perPage === undefined) return MAX_PER_PAGE;
  return Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(perPage)));
}
