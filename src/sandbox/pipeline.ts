import { serveAccounts } from './accounts.js';
import { serveFinance } from './books/app.js';
import { booksErrors } from './books/errors.js';
import { financeRoutes } from './books/routes.js';
import type { CallState } from './call-state.js';
import { applyDrift } from './drift.js';
import type { FaultSpec, SandboxApp } from './faults.js';
import { serveFsm } from './fsm/app.js';
import { fsmError, fsmErrors } from './fsm/errors.js';
import { fsmRoutes } from './fsm/routes.js';
import { apisOfHost, resolveApi } from './hosts.js';
import { rateLimitReply } from './limits.js';
import type { FinanceOrgState } from './org-state.js';
import { json, toResponse, type Reply } from './reply.js';
import type { SandboxWorld } from './world.js';

/** The error `fetch` rejects with when a connection drops (undici's shape: a TypeError with a cause). */
function connectionLost(): TypeError {
  const cause = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
  return new TypeError('fetch failed', { cause });
}

/** The reply a fault sends instead of running the call, or `undefined` when the call runs. */
function faultReply(fault: FaultSpec, app: SandboxApp, world: SandboxWorld, request: Request, url: URL): Reply | undefined {
  switch (fault.kind) {
    case 'rate-limit': {
      const code = fault.code ?? 44;
      if (app === 'fsm') return json(429, fsmError('TOO_MANY_REQUESTS', 'too many requests'));
      // Zoho's code-45 message quotes the organisation's own daily cap.
      return rateLimitReply(code, world.limiter.capFor(code, faultedOrg(world, request, url)?.plan));
    }
    case 'server-error':
      return app === 'fsm' ? fsmErrors.internal() : booksErrors.internal();
    case 'bad-gateway':
      // A proxy's page, not Zoho's JSON: clients must cope with a body they cannot parse.
      return { status: 502, text: '<html><body><h1>502 Bad Gateway</h1></body></html>', headers: { 'content-type': 'text/html' } };
    case 'unavailable':
      return { status: 503, text: '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>', headers: { 'content-type': 'text/html' } };
    default:
      return undefined;
  }
}

/** The finance organisation a call names (header for Invoice, else the query parameter), if it exists. */
function faultedOrg(world: SandboxWorld, request: Request, url: URL): FinanceOrgState | undefined {
  const id = request.headers.get('x-com-zoho-invoice-organizationid') ?? url.searchParams.get('organization_id');
  return id === null ? undefined : world.financeOrg(id.trim());
}

/** The endpoint template of a call (`/contacts/{id}`, `/Companies/{id}`), or its path when no route matches. */
function endpointOf(app: SandboxApp, method: string, path: string): string {
  if (app === 'accounts') return path;
  const match = app === 'fsm' ? fsmRoutes.match(method, path) : financeRoutes.match(method, path);
  if (match === undefined || match === 'method-not-allowed') return path;
  return match.template.replace('{module}', match.params.module ?? '{module}');
}

async function serve(state: CallState): Promise<Reply> {
  switch (state.api.app) {
    case 'books':
    case 'invoice':
      return serveFinance(state, state.api.app);
    case 'fsm':
      return serveFsm(state);
    case 'accounts':
      return serveAccounts(state.world, state.request, state.url, state.path, state.api.region);
  }
}

/**
 * Answers one request as Zoho would: resolve the host and API, log the call, decide a fault,
 * serve it, then apply what the fault does to the reply. Rejects like `fetch` when the
 * connection drops or the acknowledgement is lost.
 */
export async function handleRequest(world: SandboxWorld, request: Request): Promise<Response> {
  if (request.signal.aborted) throw request.signal.reason;
  const url = new URL(request.url);
  const method = request.method.toUpperCase();
  const apis = apisOfHost(url.host);
  const resolved = apis ? resolveApi(apis, url.pathname) : undefined;
  const at = world.now();
  if (!apis || !resolved) {
    world.calls.add({ at, method, app: 'unknown', host: url.host, path: url.pathname, endpoint: url.pathname, status: 404 });
    return toResponse({ status: 404, text: 'Not Found' });
  }
  const { api, path } = resolved;
  const endpoint = endpointOf(api.app, method, path);
  const call = world.calls.add({ at, method, app: api.app, host: url.host, path, endpoint });
  const fault = world.faults.decide({ method, app: api.app, path, template: endpoint }, call.seq);
  if (fault?.kind === 'drop') {
    call.status = 'no-reply';
    throw connectionLost();
  }
  const early = fault ? faultReply(fault, api.app, world, request, url) : undefined;
  if (early) {
    call.status = early.status;
    return toResponse(early);
  }
  const slowMs = fault?.kind === 'slow' ? (fault.ms ?? 5000) : 0;
  const state: CallState = { world, request, url, path, api, call, delayMs: world.latencyMs + slowMs };
  const reply = await serve(state);
  if (fault?.kind === 'lost-ack') {
    call.status = 'no-reply';
    throw connectionLost();
  }
  if (fault?.kind === 'extra-field' || fault?.kind === 'missing-field') applyDrift(reply, api.app, fault.kind);
  call.status = reply.status;
  return toResponse(reply);
}
