import { normalizeMatchValue } from '../../mapping/match-keys.js';
import { IdHashSet } from '../collections/id-hash-set.js';
import { canonicalValue } from '../merge/field-paths.js';
import { EMAIL_IN_COMPANY_TITLE, MANDATORY_TITLE, RecordRefusal } from '../report/failure-reasons.js';

/**
 * Refuses a create that lacks a field the target side requires (FSM's sync log: "The
 * following mandatory field(s) were left empty", e.g. an individual customer without a last name).
 */
export function checkRequired(payload: Record<string, unknown>, required: readonly string[]): void {
  const missing = required.filter((field) => canonicalValue(payload[field]) === null);
  if (missing.length > 0) throw new RecordRefusal('MANDATORY_FIELDS_EMPTY', MANDATORY_TITLE, `${MANDATORY_TITLE}: ${missing.join(', ')}`);
}

function companyId(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string') return (value as { id: string }).id;
  return undefined;
}

/**
 * FSM contacts by company and email: "The contacts associated with a company should have unique
 * email addresses", so a pull that would add a second one is refused with
 * FSM's message.
 */
export class CompanyEmailIndex {
  // The company|email pairs FSM contacts hold, as 53-bit hashes: a run over 50,000 contacts holds
  // numbers, not strings. A pair found here is confirmed with FSM before a write is refused.
  readonly #held = new IdHashSet();

  static key(company: unknown, email: unknown): string | undefined {
    const id = companyId(company);
    const mail = normalizeMatchValue(email);
    return id === undefined || mail === undefined ? undefined : `${id}|${mail}`;
  }

  /** Records an FSM contact. */
  add(record: Record<string, unknown>): void {
    const key = CompanyEmailIndex.key(record.Company, record.Email);
    if (key !== undefined) this.#held.add(key);
  }

  /**
   * Throws when another FSM contact of the company already has the email. The index says the pair
   * may be held; `find` (FSM contacts by email, the source's `findByKey`) names the contact that
   * holds it, and only a contact found is reason to refuse. Without `find` the index decides.
   */
  async check(fsmId: string | undefined, record: Record<string, unknown>, find?: (email: string) => Promise<ReadonlyArray<{ id: string; data: Record<string, unknown> }>>): Promise<void> {
    const key = CompanyEmailIndex.key(record.Company, record.Email);
    if (key === undefined || !this.#held.has(key)) return;
    let owner: string | undefined;
    if (find !== undefined) {
      const rows = await find(String(record.Email));
      owner = rows.find((row) => row.id !== fsmId && CompanyEmailIndex.key(row.data.Company, row.data.Email) === key)?.id;
      if (owner === undefined) return;
    }
    throw new RecordRefusal('CONTACT_EMAIL_IN_COMPANY', EMAIL_IN_COMPANY_TITLE, `${EMAIL_IN_COMPANY_TITLE}${owner === undefined ? '' : ` (FSM contact ${owner})`}.`);
  }
}
