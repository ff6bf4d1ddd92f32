import * as z from 'zod/mini';
import { ZohoIdSchema } from '../ids.js';

/** `sync_service` query values of `process_sync` (associate-records.html). */
export const FSM_SYNC_SERVICES = ['finance', 'zohocrm'] as const;
/** A value of {@link FSM_SYNC_SERVICES}. */
export type FsmSyncService = (typeof FSM_SYNC_SERVICES)[number];
/** Zod schema of {@link FsmSyncService}. */
export const FsmSyncServiceSchema = /* @__PURE__ */ z.enum(FSM_SYNC_SERVICES);

/** `sync_process` values of `process_sync` (associate-records.html). */
export const FSM_SYNC_PROCESSES = ['link', 'unlink', 'push'] as const;
/** A value of {@link FSM_SYNC_PROCESSES}. */
export type FsmSyncProcess = (typeof FSM_SYNC_PROCESSES)[number];

/**
 * Body of `POST /<module>/<id>/actions/process_sync?sync_service=finance|zohocrm`.
 * `integ_id` is required to link or unlink, and is the Books/Invoice record
 * id: for an FSM contact linked to a contact person, the **contact person** id. `integ_module`
 * (`Deals`, `Sales_Orders`) is for CRM links of requests, estimates and work orders.
 *
 * @example
 * ```ts
 * FsmProcessSyncRequestSchema.parse({ integ_id: '460000000026051', sync_process: 'link' });
 * ```
 */
export const FsmProcessSyncRequestSchema = /* @__PURE__ */ (() => z
  .looseObject({
    integ_id: z.optional(ZohoIdSchema),
    sync_process: z.enum(FSM_SYNC_PROCESSES),
    integ_module: z.optional(z.string()),
  }).check(z.refine((body) => body.sync_process === 'push' || body.integ_id !== undefined, {
    message: 'integ_id is required to link or unlink',
    path: ['integ_id'],
  })))();

/** Body of a `process_sync` request. */
export type FsmProcessSyncRequest = z.infer<typeof FsmProcessSyncRequestSchema>;

/**
 * Reply of `process_sync`. FSM's docs show no sample, so every field is optional and the reply is
 * kept whole; read `status`/`code` when present.
 *
 * @example
 * ```ts
 * const reply = FsmProcessSyncReplySchema.parse(body);
 * ```
 */
export const FsmProcessSyncReplySchema = /* @__PURE__ */ z.looseObject({
  code: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  message: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  status: /* @__PURE__ */ z.nullish(/* @__PURE__ */ z.string()),
  data: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.unknown()),
});

/** Reply of `process_sync`. */
export type FsmProcessSyncReply = z.infer<typeof FsmProcessSyncReplySchema>;
