import type { StorageOp } from '../../storage/storage.js';
import type { SourceRecord } from '../sources/record-source.js';
import { type FailureReason, UNRESOLVED_REFERENCE } from '../report/failure-reasons.js';
import { commit, type RunContext } from '../run/run-context.js';
import { otherSide, type SyncSide } from './sync-keys.js';
import type { RetryMark, UnitState } from '../run/unit-state.js';

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
  details: { parentId?: string | undefined; fingerprint?: string | undefined; reason?: FailureReason | undefined; collides?: Record<string, string> | undefined },
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
    ...(refused && details.collides !== undefined && Object.keys(details.collides).length > 0 ? { collides: details.collides } : {}),
  };
  await commit(ctx, [{ type: 'put', key: ctx.keys.retry(state.unit.module, side, id), value: mark }]);
  state.retries[side].set(id, mark);
}

/** The remembered refusal of a record that has not changed since, while it still holds. */
export async function stillRefused(ctx: RunContext, state: UnitState, side: SyncSide, id: string, fingerprint: string): Promise<RetryMark['refused']> {
  const mark = state.retries[side].get(id);
  if (!mark?.refused || mark.fingerprint !== fingerprint) return undefined;
  // Marks stored before unresolved references were retried every run: retry those too.
  if (mark.refused.reason === UNRESOLVED_REFERENCE) return undefined;
  // Refused because another record held a unique value: once a complete read of the other side
  // shows none holding it (deleted or renamed since), the record is tried again at once.
  const to = otherSide(side);
  if (mark.collides !== undefined && !(await collisionStands(state, to, mark.collides))) return undefined;
  return ctx.clock.now() - mark.at < ctx.retryRefusedAfterMs ? mark.refused : undefined;
}

/** Refusals caused by another record holding a unique value (a name, a SKU). */
const COLLISION_REASONS = new Set(['DUPLICATE_NAME', 'ZOHO_1001']);

/** Whether a refusal was about a unique value another record holds. */
export function isCollision(reason: Pick<FailureReason, 'reason'>): boolean {
  return COLLISION_REASONS.has(reason.reason);
}

/** Whether a record's remembered refusal was a collision with another record's value. */
export function refusedForCollision(state: UnitState, side: SyncSide, id: string): boolean {
  return state.retries[side].get(id)?.collides !== undefined;
}

/**
 * The unique values of a refused create that another record may hold, when the refusal was a
 * collision and the target collection declares its unique fields; undefined otherwise.
 */
export function collidingValues(reason: FailureReason | undefined, uniqueFields: readonly string[] | undefined, payload: Readonly<Record<string, unknown>>): Record<string, string> | undefined {
  if (reason === undefined || !isCollision(reason) || uniqueFields === undefined) return undefined;
  const values: Record<string, string> = {};
  for (const field of uniqueFields) {
    const value = payload[field];
    if (typeof value === 'string' && value.trim() !== '') values[field] = normalise(value);
  }
  return Object.keys(values).length > 0 ? values : undefined;
}

// Zoho compares names case-insensitively; an incomplete read cannot say a value is free. A record
// the run deleted holds nothing any more (staged records are unlinked: the run deletes none).
async function collisionStands(state: UnitState, side: SyncSide, collides: Record<string, string>): Promise<boolean> {
  const read = state[side];
  if (!read.complete) return true;
  const holds = (record: SourceRecord) => Object.entries(collides).some(([field, value]) => {
    const held = record.data[field];
    return typeof held === 'string' && normalise(held) === value;
  });
  for (const record of read.records.values()) if (state.collisions?.wasDeleted(side, record.id) !== true && holds(record)) return true;
  for await (const page of state.stage?.pages(side) ?? []) if (page.some(holds)) return true;
  return false;
}

/** A unique value as Zoho compares it (case-insensitive, trimmed). */
export function normalise(value: string): string {
  return value.trim().toLowerCase();
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
