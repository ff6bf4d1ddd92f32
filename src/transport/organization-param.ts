import { ValidationError } from '../errors/validation-error.js';

/** The query parameter Books reads the organisation from; only the pipeline sets it. */
export const ORGANIZATION_PARAM = 'organization_id';

/**
 * Refuses a call whose query (or raw path) names `organization_id` itself. The pipeline sets it
 * from the organisation the client was built for (or the request's `organizationId`, checked
 * and used for the rate limiter too); a caller-supplied one would read or write another tenant's
 * data while charging this organisation's limits. Names are compared without case: a lenient
 * server could read `Organization_ID` as well.
 *
 * @throws {ValidationError} `INVALID_INPUT` before anything is sent.
 *
 * @example
 * ```ts
 * refuseCallerOrganization('GET /contacts', { page: 1 }, new URLSearchParams());              // passes
 * refuseCallerOrganization('GET /contacts', { organization_id: '999' }, new URLSearchParams()); // throws
 * ```
 */
export function refuseCallerOrganization(what: string, query: Readonly<Record<string, unknown>> | undefined, pathParams: URLSearchParams): void {
  const queryNames = Object.entries(query ?? {}).filter(([, value]) => value !== undefined).map(([name]) => name);
  const named = [...queryNames, ...pathParams.keys()].filter((name) => name.trim().toLowerCase() === ORGANIZATION_PARAM);
  if (named.length === 0) return;
  throw new ValidationError(
    `${what}: the query names ${JSON.stringify(named[0])}, which only the client sets, from the organisation it was built for. ` +
      'To call another organisation use client.financeFor(app, organizationId), or organizationId in client.request(). Nothing was sent to Zoho.',
    [{ path: ['query', named[0] ?? ORGANIZATION_PARAM], message: 'organization_id is set by the client alone', code: 'organization_id_not_allowed' }],
  );
}
