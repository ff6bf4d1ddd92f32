import { ApiError } from '../../errors/api-error.js';
import { FsmBillingError } from '../../errors/fsm-billing-error.js';
import { NetworkError } from '../../errors/network-error.js';
import { RateLimitError } from '../../errors/rate-limit-error.js';
import { UnknownEndpointError } from '../../errors/unknown-endpoint-error.js';
import { ValidationError } from '../../errors/validation-error.js';

/** Why a record failed, grouped in the report and the sync log. */
export interface FailureReason {
  /** Stable code: the CSV groups by it. */
  reason: string;
  /** What a person reads in the log. */
  title: string;
  /** The detail for this record. */
  message: string;
  /** The API is struggling (network, 5xx, rate limit): enough of these in a row stop the run. */
  transient: boolean;
  /**
   * The record itself was refused (bad data, a duplicate name): remembered with its fingerprint and
   * not sent again, unchanged, until `retryRefusedAfterMs`. False for a transient failure, and for
   * a reference with no counterpart yet: that depends on other records (a company whose create
   * failed is created by the next run), not on this one, and retrying it costs no API call.
   */
  refusal: boolean;
}

/** A record the syncer refused before sending it, with its reason code. */
export class RecordRefusal extends Error {
  override name = 'RecordRefusal';
  readonly reason: string;
  readonly title: string;

  constructor(reason: string, title: string, message: string) {
    super(message);
    this.reason = reason;
    this.title = title;
  }
}

/**
 * A record whose reference points at a record that no longer exists (a contact person created
 * under a customer deleted in Books since the read): failed as `UNRESOLVED_REFERENCE`, and tried
 * again next run, once the delete pass has settled the referenced pair.
 */
export class ReferenceGone extends Error {
  override name = 'ReferenceGone';
}

// The pull errors Zoho FSM shows in its sync log, word for word.
export const MANDATORY_TITLE = 'The following mandatory field(s) were left empty';
export const EMAIL_IN_COMPANY_TITLE = 'Contact with this email-id is already associated with this company';
export const COMPANY_CHANGE_TITLE = 'Company cannot be changed for Contacts that are already synced';

/** A reference (a contact's company, a tax) with no counterpart yet: retried on every run. */
export const UNRESOLVED_REFERENCE = 'UNRESOLVED_REFERENCE';
const UNRESOLVED_TITLE = 'A referenced record or tax has no counterpart on the other side yet';

/** A record whose id cannot name it: not a non-empty string, or text with an unpaired UTF-16 surrogate (`"\ud800"`). */
export const INVALID_RECORD_ID = 'INVALID_RECORD_ID';
export const INVALID_RECORD_ID_TITLE = 'The record source gave a record without a usable id';
/** A record that is not a `SourceRecord` of JSON data: `null`, a cycle, a getter that throws, a BigInt, a bad `modifiedTime`. */
export const INVALID_RECORD = 'INVALID_RECORD';
export const INVALID_RECORD_TITLE = 'The record source gave a record that is not JSON data';
/** Two different records under one id in one page of a read: neither is synced, so neither is lost silently. */
export const DUPLICATE_RECORD_ID = 'DUPLICATE_RECORD_ID';
export const DUPLICATE_RECORD_ID_TITLE = 'The record source gave two different records with the same id';

/** Classifies a record's failure. */
export function failureReason(error: unknown): FailureReason {
  if (error instanceof ReferenceGone) return { reason: UNRESOLVED_REFERENCE, title: UNRESOLVED_TITLE, message: error.message, transient: false, refusal: false };
  if (error instanceof RecordRefusal) return { reason: error.reason, title: error.title, message: error.message, transient: false, refusal: true };
  if (error instanceof ValidationError) {
    const codes = new Set(error.issues.map((i) => i.code));
    if (codes.has('required') || (error.code === 'INVALID_INPUT' && error.issues.some((i) => /required|too_small/i.test(`${i.code ?? ''} ${i.message}`)))) {
      const fields = error.issues.map((i) => i.path.filter((p) => typeof p === 'string').join('.')).filter((f) => f !== '');
      return { reason: 'MANDATORY_FIELDS_EMPTY', title: MANDATORY_TITLE, message: `${MANDATORY_TITLE}: ${[...new Set(fields)].join(', ') || error.message}`, transient: false, refusal: true };
    }
    if (codes.has('unresolved_reference')) return { reason: UNRESOLVED_REFERENCE, title: UNRESOLVED_TITLE, message: error.message, transient: false, refusal: false };
    return { reason: 'INVALID_VALUE', title: 'A field value does not fit the other side', message: error.message, transient: false, refusal: true };
  }
  if (error instanceof RateLimitError) return { reason: 'RATE_LIMITED', title: 'Zoho rate limit', message: error.message, transient: true, refusal: false };
  if (error instanceof NetworkError) return { reason: 'NETWORK_ERROR', title: 'No reply from Zoho', message: error.message, transient: true, refusal: false };
  // Not a missing record (that one is handed to the delete policy): a path Zoho does not serve.
  if (error instanceof UnknownEndpointError) return { reason: error.code, title: 'Zoho does not serve the URL called (not a missing record)', message: error.message, transient: false, refusal: true };
  if (error instanceof ApiError) {
    // Clones are refused without "Allow duplicates".
    if (error.zohoCode === 3062 || error.zohoCode === '3062') {
      return { reason: 'DUPLICATE_NAME', title: 'Duplicate display name refused: enable "Allow duplicates for customer display name" in Books, or rename the record', message: error.message, transient: false, refusal: true };
    }
    if (error.status >= 500 || error.status === 0) return { reason: 'SERVER_ERROR', title: 'Zoho server error', message: error.message, transient: true, refusal: false };
    const code = error.zohoCode === undefined ? String(error.status) : String(error.zohoCode);
    return { reason: `ZOHO_${code}`, title: error.zohoMessage ?? `Zoho refused the record (${code})`, message: error.message, transient: false, refusal: true };
  }
  if (error instanceof FsmBillingError) return { reason: error.code, title: error.code, message: error.message, transient: false, refusal: true };
  const message = error instanceof Error ? error.message : String(error);
  return { reason: 'SOURCE_ERROR', title: 'The record source failed', message, transient: false, refusal: true };
}

/** Whether a failed create may nevertheless have happened (no reply, or a 5xx after the write). */
export function ambiguousWrite(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  return error instanceof ApiError && !(error instanceof RateLimitError) && (error.status >= 500 || error.status === 0);
}
