/** How far Zoho's clock and the syncer's may disagree. */
export const CLOCK_SKEW_MS = 60_000;

/**
 * Whether something read at `readAt` (ms on the syncer's clock, or a lower bound of it) saw the
 * final state of the second `at` (a Zoho modified time, epoch ms) stands for. Zoho's times have
 * whole seconds: a change made later in the same second keeps the time a read saw, so a time that
 * has not moved proves nothing changed only for a read made after its second was over (with room
 * for clock skew).
 *
 * @example
 * ```ts
 * readAfterSecond(Date.parse('2026-01-05T10:00:00Z'), Date.parse('2026-01-05T10:05:00Z')); // true
 * ```
 */
export function readAfterSecond(at: number, readAt: number): boolean {
  return readAt - CLOCK_SKEW_MS >= at - (at % 1000) + 1000;
}
