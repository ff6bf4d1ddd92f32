import type * as z from 'zod/mini';
import { ApiError } from '../../errors/api-error.js';
import type { CallOptions } from '../list-params.js';
import { idSegment } from '../path.js';
import { FsmModuleResource } from './fsm-module-resource.js';

/** What `process_sync` does. */
export type FsmSyncProcess = 'link' | 'unlink' | 'push';

/**
 * An FSM module that FSM itself can bind to Books/Invoice records through
 * `POST /<Module>/<id>/actions/process_sync?sync_service=finance` (Companies, Contacts,
 * Service_And_Parts). For a Contact bound to a contact person, pass the contact person's id.
 */
export class FsmSyncableModuleResource<R extends z.ZodMiniType, C extends z.ZodMiniType, U extends z.ZodMiniType, F extends string> extends FsmModuleResource<R, C, U, F> {
  /** Binds the FSM record to an existing finance record. Safe to repeat. */
  link(id: string, financeId: string, options: CallOptions = {}): Promise<void> {
    return this.#processSync(id, financeId, 'link', options);
  }

  /** Removes the binding to a finance record. Safe to repeat. */
  unlink(id: string, financeId: string, options: CallOptions = {}): Promise<void> {
    return this.#processSync(id, financeId, 'unlink', options);
  }

  /** Asks FSM to create the record in the finance org. Not retried after an ambiguous failure: it could create twice. */
  push(id: string, financeOrganizationId: string, options: CallOptions = {}): Promise<void> {
    return this.#processSync(id, financeOrganizationId, 'push', options);
  }

  async #processSync(id: string, integId: string, process: FsmSyncProcess, options: CallOptions): Promise<void> {
    const path = `/${this.spec.module}/${idSegment(id, `${this.spec.label} id`)}/actions/process_sync`;
    const body = await this.call('POST', path, options, { integ_id: idSegment(integId, 'integ_id'), sync_process: process }, process !== 'push', { sync_service: 'finance' });
    const entry = firstEntry(body);
    if (entry && entry.status === 'error') {
      const zohoCode = typeof entry.code === 'string' || typeof entry.code === 'number' ? entry.code : undefined;
      const zohoMessage = typeof entry.message === 'string' ? entry.message : undefined;
      throw new ApiError(`FSM refused to ${process} ${this.spec.module} ${id}: ${String(zohoCode ?? 'error')}${zohoMessage ? ` "${zohoMessage}"` : ''}.`, {
        status: 200,
        zohoCode,
        zohoMessage,
      });
    }
  }
}

function firstEntry(body: unknown): Record<string, unknown> | undefined {
  const data = (body as { data?: unknown } | undefined)?.data;
  const entry = Array.isArray(data) ? data[0] : body;
  return typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : undefined;
}
