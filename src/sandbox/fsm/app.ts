import { authenticate, replyDelay, type CallState } from '../call-state.js';
import type { Reply } from '../reply.js';
import { BodyParseError, readBody } from '../request-body.js';
import { fsmErrors } from './errors.js';
import { isFsmModule } from './modules.js';
import { fsmRoutes } from './routes.js';

/** Serves one FSM v1 call. The token's user has one FSM org; no org header exists. */
export async function serveFsm(state: CallState): Promise<Reply> {
  const { request, world } = state;
  const match = fsmRoutes.match(request.method, state.path);
  if (match === undefined) return fsmErrors.invalidUrl();
  if (match === 'method-not-allowed') return fsmErrors.methodNotAllowed();
  const module = match.params.module ?? '';
  if (!isFsmModule(module)) return fsmErrors.invalidModule();
  const user = authenticate(state);
  if (!user) return fsmErrors.invalidToken();
  const org = user.fsmOrgId === undefined ? undefined : world.fsmOrg(user.fsmOrgId);
  if (!org) return fsmErrors.noFsmOrg();
  state.call.organizationId = org.organizationId;
  let body: unknown = {};
  try {
    body = await readBody(request, state.url);
  } catch (error) {
    if (error instanceof BodyParseError) return fsmErrors.invalidBody();
    throw error;
  }
  await replyDelay(state);
  return match.handler({ world, org, module, params: match.params, query: state.url.searchParams, body });
}
