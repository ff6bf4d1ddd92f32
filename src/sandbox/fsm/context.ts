import type { Reply } from '../reply.js';
import type { SandboxFsmModule, FsmOrgState } from '../org-state.js';
import type { RouteParams } from '../route-table.js';
import type { SandboxWorld } from '../world.js';

/** What an FSM handler gets: the token's org (FSM tokens are org-bound) and the module. */
export interface FsmContext {
  world: SandboxWorld;
  org: FsmOrgState;
  module: SandboxFsmModule;
  params: RouteParams;
  query: URLSearchParams;
  body: unknown;
}

/** An FSM handler. */
export type FsmHandler = (ctx: FsmContext) => Reply;
