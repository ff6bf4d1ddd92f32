import { isPersonPath } from './catalogue/finance-contact.js';
import type { MappingEntry, MappingModule, SyncType } from './types.js';

const PERSON_PHONE = 'contact_persons[is_primary_contact=true].phone';
const BILLING_PHONE = 'billing_address.phone';

/**
 * Brings entries stored by an earlier release in line with what this release accepts, or returns
 * `undefined` when they need nothing.
 *
 * Earlier releases let a type IV (or a hand-edited type III) companies mapping write the customer's
 * primary contact person. Under those types the contacts module writes every person, so the two
 * modules undid each other and the pair never settled. Such entries are dropped; a phone that went
 * to the primary person goes to the billing address instead (which turns the old type IV defaults
 * into today's exactly).
 */
export function upgradeEntries(module: MappingModule, syncType: SyncType, entries: readonly MappingEntry[]): MappingEntry[] | undefined {
  if (module !== 'companies' || syncType === 'I') return undefined;
  if (!entries.some((e) => isPersonPath(e.finance))) return undefined;
  const billingPhoneTaken = entries.some((e) => e.finance === BILLING_PHONE);
  const upgraded: MappingEntry[] = [];
  for (const entry of entries) {
    if (!isPersonPath(entry.finance)) upgraded.push(entry);
    else if (entry.finance === PERSON_PHONE && !billingPhoneTaken) upgraded.push({ ...entry, finance: BILLING_PHONE });
  }
  return upgraded;
}
