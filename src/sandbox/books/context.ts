import type { Reply } from '../reply.js';
import type { FinanceOrgState } from '../org-state.js';
import type { RouteParams } from '../route-table.js';
import type { SandboxWorld, UserState } from '../world.js';

/** What a Books/Invoice handler that needs no organisation gets (the organisations endpoints). */
export interface FinanceUserContext {
  world: SandboxWorld;
  app: 'books' | 'invoice';
  user: UserState;
  params: RouteParams;
  query: URLSearchParams;
  /** The parsed request body (`{}` when empty). */
  body: unknown;
}

/** What a Books/Invoice handler scoped to one organisation gets. */
export interface FinanceContext extends FinanceUserContext {
  org: FinanceOrgState;
}

/** A Books/Invoice handler scoped to one organisation. */
export type FinanceHandler = (ctx: FinanceContext) => Reply;

/** A Books/Invoice handler that needs no organisation. */
export type FinanceUserHandler = (ctx: FinanceUserContext) => Reply;
