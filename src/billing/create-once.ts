import type { Clock } from '../clock.js';
import { ApiError } from '../errors/api-error.js';
import { BillingError } from '../errors/billing-error.js';
import { NetworkError } from '../errors/network-error.js';
import type { Storage } from '../storage/storage.js';

/** A create in progress, or done, under one storage key. */
interface CreateRecord {
  reference: string;
  owner: string;
  until: number;
  /** Set once the document exists. */
  documentId?: string;
}

/** The request may have reached finance and been applied although no reply says so. */
export function mayHaveLanded(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  if (error instanceof ApiError) return error.status === 0 || error.status === 408 || error.status >= 500;
  return error instanceof Error && error.name === 'AbortError';
}

/** What {@link createOnce} needs. */
export interface CreateOnceInput {
  storage: Storage;
  clock: Clock;
  /** One key per thing that must exist at most once (a work order's sales order, an estimate). */
  key: string;
  leaseMs: number;
  /** The reference a new document gets: the lookup key after a lost reply. */
  reference: string;
  /** `false`: forget the record once the document exists, so the next call makes another (payments). */
  keep: boolean;
  /** What the refusal names when another call holds the key. */
  busy: { code: 'WORK_ORDER_BUSY' | 'INVOICE_BUSY'; what: string; details: Record<string, unknown> };
  /**
   * Whether an earlier call's interrupted create, found in finance, is what this call asks for.
   * Default yes; payments say no when a different reference is asked for (then both exist).
   */
  sameRequest?: (earlierReference: string) => boolean;
  /** The documents with exactly this reference. */
  find(reference: string): Promise<string | undefined>;
  /** Creates the document; returns its id. */
  create(reference: string): Promise<string>;
}

/** The document's id, whether this call created it, and whether it was found after a lost reply. */
export interface CreateOnceResult {
  documentId: string;
  reference: string;
  created: boolean;
  recovered: boolean;
}

let owners = 0;

/**
 * Creates a finance document at most once per key: a record with a unique reference is stored
 * before the create; a create whose reply is lost, or a crash before its id was stored, is settled
 * by looking that reference up, by this call or (after the lease) by the next one.
 */
export async function createOnce(input: CreateOnceInput): Promise<CreateOnceResult> {
  const { storage, clock, key } = input;
  const busy = (until: number) => new BillingError(input.busy.code, `${input.busy.what} is being created by another call until ${new Date(until).toISOString()}; try again after that.`, { details: { ...input.busy.details, until } });
  const existing = await storage.get<CreateRecord>(key);
  if (existing?.documentId !== undefined) return { documentId: existing.documentId, reference: existing.reference, created: false, recovered: false };
  if (existing) {
    if (existing.until > clock.now()) throw busy(existing.until);
    const found = await input.find(existing.reference);
    const same = input.sameRequest?.(existing.reference) ?? true;
    if (found !== undefined && (same || input.keep)) {
      await storage.compareAndSet(key, existing, input.keep ? { ...existing, documentId: found } : undefined);
      return { documentId: found, reference: existing.reference, created: true, recovered: true };
    }
    if (!(await storage.compareAndSet(key, existing, undefined))) throw busy(clock.now());
  }
  const claim: CreateRecord = { reference: input.reference, owner: `${clock.now().toString(36)}-${(++owners).toString(36)}`, until: clock.now() + input.leaseMs };
  if (!(await storage.compareAndSet(key, undefined, claim))) throw busy(clock.now());
  let documentId: string;
  let recovered = false;
  try {
    documentId = await input.create(claim.reference);
  } catch (error) {
    if (!mayHaveLanded(error)) {
      await storage.compareAndSet(key, claim, undefined);
      throw error;
    }
    const found = await input.find(claim.reference).catch(() => undefined);
    if (found === undefined) throw error;
    documentId = found;
    recovered = true;
  }
  await storage.compareAndSet(key, claim, input.keep ? { ...claim, documentId } : undefined);
  return { documentId, reference: claim.reference, created: true, recovered };
}
