import type * as z from 'zod/mini';

/**
 * Reports a problem from inside a `z.transform` (zod mini's transform context has no `addIssue`):
 * a `custom` issue with `message`, about the value being transformed.
 * @internal
 */
export function addIssue(ctx: z.core.ParsePayload, message: string): void {
  ctx.issues.push({ code: 'custom', message, input: ctx.value });
}
