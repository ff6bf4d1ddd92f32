import type * as z from 'zod/mini';
import type { CreatableRecord } from '../../errors/integration-health-error.js';
import type { RequestPipeline } from '../../transport/request-pipeline.js';
import type { CreateOptions } from '../list-params.js';
import type { FinanceHealthGuard } from './finance-health-guard.js';
import { FsmModuleResource, type FsmModuleSpec } from './fsm-module-resource.js';
import type { FsmWriteResult } from './fsm-write-result.js';

/** Options of a create that the finance-org health guard watches. */
export interface GuardedCreateOptions extends CreateOptions {
  /**
   * Create without checking the finance organisation first (no `IntegrationHealthError`, no call).
   * For records you must record even while the integration is broken, e.g. a migration. To turn
   * the check off for the whole client, pass `healthGuard: false` to `IntegrationClient`.
   */
  skipHealthCheck?: boolean;
}

/**
 * An FSM module whose creates the product blocks while the integrated finance organisation is
 * deleted: work orders, service appointments, assets. Reads and updates are never checked.
 *
 * @example
 * ```ts
 * await client.fsm.workOrders.create({ Summary: 'AC service' });                            // checked
 * await client.fsm.workOrders.create({ Summary: 'Imported' }, { skipHealthCheck: true });   // not checked
 * ```
 */
export class FsmGuardedModuleResource<R extends z.ZodMiniType, C extends z.ZodMiniType, U extends z.ZodMiniType, F extends string> extends FsmModuleResource<R, C, U, F> {
  readonly #record: CreatableRecord;
  readonly #guard: FinanceHealthGuard | undefined;

  constructor(pipeline: RequestPipeline, spec: FsmModuleSpec<R, C, U, F>, guarded: { record: CreatableRecord; guard: FinanceHealthGuard | undefined }) {
    super(pipeline, spec);
    this.#record = guarded.record;
    this.#guard = guarded.guard;
  }

  /**
   * Creates a record, unless the client's finance organisation is deleted.
   *
   * @throws {IntegrationHealthError} `FINANCE_ORG_DELETED`: the finance organisation is gone; switch
   *   to another one (OrgSelector.switch()) or contact Zoho FSM support.
   */
  override create(data: z.input<C>, options: GuardedCreateOptions = {}): Promise<FsmWriteResult> {
    return super.create(data, options);
  }

  protected override async beforeCreate(options: GuardedCreateOptions): Promise<void> {
    if (this.#guard === undefined || options.skipHealthCheck === true) return;
    await this.#guard.assertCanCreate(this.#record, options.signal ? { signal: options.signal } : {});
  }
}
