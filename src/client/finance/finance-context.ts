import type { ApiRequest, RequestPipeline } from '../../transport/request-pipeline.js';
import type { HttpMethod } from '../../transport/transport.js';
import type { CallOptions } from '../list-params.js';

/** Which finance product an API surface talks to. */
export type FinanceApp = 'books' | 'invoice';

/** What every finance resource needs: the pipeline, the app, the organisation. */
export interface FinanceContext {
  pipeline: RequestPipeline;
  app: FinanceApp;
  organizationId: string | undefined;
}

/** Sends a finance call for the context's app and organisation. */
export function financeCall(context: FinanceContext, request: Omit<ApiRequest, 'service' | 'organizationId'>): Promise<unknown> {
  return context.pipeline.send({ ...request, service: context.app, organizationId: context.organizationId });
}

/** Sends one finance call with the usual options: a body when given, `retrySafe`, the caller's signal. */
export function sendFinance(
  context: FinanceContext,
  method: HttpMethod,
  path: string,
  options: CallOptions,
  body?: unknown,
  retrySafe?: boolean,
): Promise<unknown> {
  return financeCall(context, {
    method,
    path,
    ...(body === undefined ? {} : { body }),
    ...(retrySafe ? { retrySafe } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
