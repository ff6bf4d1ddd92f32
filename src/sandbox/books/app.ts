import { authenticate, replyDelay, type CallState } from '../call-state.js';
import { isRefusal } from '../limits.js';
import { isReply, type Reply } from '../reply.js';
import { BodyParseError, readBody } from '../request-body.js';
import type { FinanceOrgState } from '../org-state.js';
import type { UserState } from '../world.js';
import { onlyDeclared } from './declared-params.js';
import { booksErrors } from './errors.js';
import { renderOrganization } from './organization-view.js';
import { refuseMissing } from './required-fields.js';
import { financeRoutes } from './routes.js';

/**
 * The organisation a call addresses. Books: the `organization_id` query parameter; Invoice: the
 * `X-com-zoho-invoice-organizationid` header or the parameter.
 */
function organizationOf(state: CallState, app: 'books' | 'invoice', user: UserState): FinanceOrgState | Reply {
  const fromHeader = app === 'invoice' ? state.request.headers.get('x-com-zoho-invoice-organizationid') : null;
  const id = fromHeader ?? state.url.searchParams.get('organization_id');
  const { world } = state;
  if (id === null || id.trim() === '') {
    const orgs = world.financeOrgsOf(user, app).filter((o) => !o.deleted);
    return orgs.length > 1
      ? booksErrors.multipleOrganizations(orgs.map((o) => renderOrganization(o, user, world.now(), 'list')))
      : booksErrors.invalidValue('organization_id');
  }
  const org = world.financeOrg(id.trim());
  if (!org || org.app !== app || org.deleted || org.ownerEmail !== user.email) return booksErrors.notAuthorized();
  return org;
}

function withQuery(url: URL, query: URLSearchParams): URL {
  const copy = new URL(url);
  copy.search = query.toString();
  return copy;
}

/** Serves one Books or Invoice v3 call: route, token, organisation, limits, then the handler. */
export async function serveFinance(state: CallState, app: 'books' | 'invoice'): Promise<Reply> {
  const { request, world } = state;
  const match = financeRoutes.match(request.method, state.path);
  if (match === undefined) return booksErrors.invalidUrl();
  if (match === 'method-not-allowed') return booksErrors.methodNotAllowed();
  const user = authenticate(state);
  if (!user) return booksErrors.invalidToken();
  // A Books that does only what is published never sees a parameter the operation does not
  // declare (the legacy JSONString in the query string is one of them).
  const query = world.undocumented.params === 'ignore' ? onlyDeclared(request.method, match.template, state.url.searchParams) : state.url.searchParams;
  let body: unknown = {};
  try {
    body = await readBody(request, query === state.url.searchParams ? state.url : withQuery(state.url, query));
  } catch (error) {
    if (error instanceof BodyParseError) return booksErrors.invalidJson();
    throw error;
  }
  const base = { world, app, user, params: match.params, query, body };
  const route = match.handler;
  // A write without a field the published description requires is refused before it runs.
  const missing = refuseMissing(request.method, match.template, body);
  if (route.scope === 'user') {
    await replyDelay(state);
    return missing ?? route.handler(base);
  }
  const org = organizationOf(state, app, user);
  if (isReply(org)) return org;
  state.call.organizationId = org.organizationId;
  const permit = world.limiter.acquire(org);
  if (isRefusal(permit)) return permit;
  try {
    await replyDelay(state);
    return missing ?? route.handler({ ...base, org });
  } finally {
    permit.release();
  }
}
