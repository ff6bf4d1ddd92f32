import type { TaxEdition } from '../schemas/edition-codes.js';

/**
 * What the SDK must know about the FSM organisation (Zoho FSM, or your own field-service backend):
 * no public API gives it, so you pass it (FSM v1 has no organisation endpoint).
 */
export interface FsmOrgProfile {
  /** The FSM organisation's name: a new Zoho Invoice account is created with it. */
  name: string;
  /** Its tax edition, fixed at sign-up by the chosen country. */
  edition?: TaxEdition | undefined;
  /** Its base currency, e.g. `'INR'`. */
  currencyCode?: string | undefined;
  /** Whether taxes are on in the FSM configuration; when unknown, `health()` skips the tax check. */
  taxesEnabled?: boolean | undefined;
  /** Time zone for a new Invoice account (`time_zone`); default by edition. */
  timeZone?: string | undefined;
}

/** The profile itself, or a function read at each call (so `health()` sees today's FSM settings). */
export type FsmOrgSource = FsmOrgProfile | ((options: { signal?: AbortSignal }) => FsmOrgProfile | Promise<FsmOrgProfile>);

/** Reads the profile from its source; `undefined` when the selector was given none. */
export async function readFsmProfile(source: FsmOrgSource | undefined, signal: AbortSignal | undefined): Promise<FsmOrgProfile | undefined> {
  if (typeof source !== 'function') return source;
  return source(signal ? { signal } : {});
}
