import type { FinanceOrgState } from '../org-state.js';
import type { Reply } from '../reply.js';
import type { FinanceContext } from './context.js';
import { success } from './envelope.js';
import { booksErrors } from './errors.js';
import { renderInvoice } from './invoice-model.js';
import { orgToday } from './invoices.js';
import { paymentErrors } from './payment-errors.js';

/** What a sandbox payment link points at: the org, the invoice, the last day it can be paid, its kind. */
export interface PaymentLinkTarget {
  organizationId: string;
  invoiceId: string;
  /** `yyyy-mm-dd`: the link works through this day (the org's date). */
  expiresOn: string;
  linkType: 'public' | 'private';
}

const LINK = /^https:\/\/zohosecurepay\.com\/(books|invoice)\/secure\?CInvoiceID=(\d+)-(\d+)-(\d{4}-\d{2}-\d{2})-(public|private)$/;

/**
 * A sandbox link carries what it points at, so any sandbox can read it back; Zoho's links are
 * opaque, and code must not read them.
 */
export function paymentLinkFor(org: FinanceOrgState, target: Omit<PaymentLinkTarget, 'organizationId'>): string {
  return `https://zohosecurepay.com/${org.app}/secure?CInvoiceID=${org.organizationId}-${target.invoiceId}-${target.expiresOn}-${target.linkType}`;
}

/** What a link made by {@link paymentLinkFor} points at, or `undefined` when it is not one. */
export function readPaymentLink(link: string): PaymentLinkTarget | undefined {
  const match = LINK.exec(link.trim());
  if (!match) return undefined;
  const [, , organizationId = '', invoiceId = '', expiresOn = '', linkType] = match;
  return { organizationId, invoiceId, expiresOn, linkType: linkType === 'private' ? 'private' : 'public' };
}

/**
 * GET /share/paymentlink?transaction_id=&transaction_type=invoice&link_type=public|private&expiry_time=yyyy-MM-dd.
 * Refused (⚠️ sandbox choices): another transaction type or link type, an expiry date before the
 * org's today, and an invoice with nothing to pay online (draft, void or paid).
 */
export function paymentLinkRoute(ctx: FinanceContext): Reply {
  const { org, query } = ctx;
  if (query.get('transaction_type') !== 'invoice') return booksErrors.invalidValue('transaction_type');
  const linkType = query.get('link_type');
  if (linkType !== 'public' && linkType !== 'private') return booksErrors.invalidValue('link_type');
  const expiresOn = query.get('expiry_time') ?? '';
  const today = orgToday(ctx);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(expiresOn) || Number.isNaN(Date.parse(expiresOn)) || expiresOn < today) return paymentErrors.invalidExpiry();
  const row = org.tables.invoices.get(query.get('transaction_id') ?? '');
  if (!row) return booksErrors.notFound('Invoice');
  const status = String(renderInvoice(org, row, 'list', today).status);
  if (status === 'draft' || status === 'void' || status === 'paid') return paymentErrors.linkNotPayable(status);
  return success('success', { data: { share_link: paymentLinkFor(org, { invoiceId: row.id, expiresOn, linkType }) } });
}
