import { z } from 'zod';

/**
 * The reply of `GET /share/paymentlink`: `{ code: 0, message, data: { share_link } }`.
 *
 * @example
 * ```ts
 * const link = FinancePaymentLinkReplySchema.parse(reply).data.share_link;
 * ```
 */
export const FinancePaymentLinkReplySchema = z.looseObject({
  code: z.number().optional(),
  message: z.string().optional(),
  data: z.looseObject({ share_link: z.string().min(1) }),
});

/** The reply of `GET /share/paymentlink`. */
export type FinancePaymentLinkReply = z.infer<typeof FinancePaymentLinkReplySchema>;
