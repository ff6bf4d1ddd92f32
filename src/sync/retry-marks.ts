import type { StorageOp } from '../storage/storage.js';
import { type FailureReason, UNRESOLVED_REFERENCE } from './failure-reasons.js';
import { commit, type RunContext } from './run-context.js';
import type { SyncSide } from './sync-keys.js';
import type { RetryMark, UnitState } from './unit-state.js';

/**
 * Remembers a failed record: a cursor-fed side reads it again next run (a failure is retried even
 * if the record never changes again), and a refusal (bad data, duplicate name) is kept with the
 * record's fingerprint so it is not sent again, unchanged, on every run. A reference with no
 * counterpart yet is no refusal: the fingerprint cannot see the referenced record being linked
 * (a company created by the next run), so it is tried again on every run.
 */
export async function markFailed(
  ctx: RunContext,
  state: UnitState,
  side: SyncSide,
  id: string,
  details: { parentId?: string | undefined; fingerprint?: string | undefined; reason?: FailureReason | undefined },
): Promise<void> {
  if (ctx.dryRun) return;
  const refused = details.reason?.refusal === true && details.fingerprint !== undefined;
  if (!refused && state.caps[side].changeFeed !== 'cursor') return;
  const mark: RetryMark = {
    at: ctx.clock.now(),
    ...(details.parentId === undefined ? {} : { parentId: details.parentId }),
    ...(refused && details.reason && details.fingerprint !== undefined
      ? { fingerprint: details.fingerprint, refused: { reason: details.reason.reason, title: details.reason.title, message: details.reason.message } }
      : {}),
  };
  await commit(ctx, [{ type: 'put', key: ctx.keys.retry(state.unit.module, side, id), value: mark }]);
  state.retries[side].set(id, mark);
}

/** The remembered refusal of a record that has not changed since, while it still holds. */
export function stillRefused(ctx: RunContext, state: UnitState, side: SyncSide, id: string, fingerprint: string): RetryMark['refused'] {
  const mark = state.retries[side].get(id);
  if (!mark?.refused || mark.fingerprint !== fingerprint) return undefined;
  // Marks stored before unresolved references were retried every run: retry those too.
  if (mark.refused.reason === UNRESOLVED_REFERENCE) return undefined;
  return ctx.clock.now() - mark.at < ctx.retryRefusedAfterMs ? mark.refused : undefined;
}

/** Ops that forget the marks of records that synced. */
export function clearMarkOps(ctx: RunContext, state: UnitState, ids: { fsm?: string | undefined; finance?: string | undefined }): StorageOp[] {
  const ops: StorageOp[] = [];
  for (const side of ['fsm', 'finance'] as const) {
    const id = ids[side];
    if (id !== undefined && state.retries[side].has(id)) {
      ops.push({ type: 'delete', key: ctx.keys.retry(state.unit.module, side, id) });
      if (!ctx.dryRun) state.retries[side].delete(id);
    }
  }
  return ops;
}
