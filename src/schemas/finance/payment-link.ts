import * as z from 'zod/mini';

/**
 * The reply of `GET /share/paymentlink`: `{ code: 0, message, data: { share_link } }`.
 *
 * @example
 * ```ts
 * const link = FinancePaymentLinkReplySchema.parse(reply).data.share_link;
 * ```
 */
export const FinancePaymentLinkReplySchema = /* @__PURE__ */ (() => z.looseObject({
  code: z.optional(z.number()),
  message: z.optional(z.string()),
  data: z.looseObject({ share_link: z.string().check(z.minLength(1)) }),
}))();

/** The reply of `GET /share/paymentlink`. */
export type FinancePaymentLinkReply = z.infer<typeof FinancePaymentLinkReplySchema>;
