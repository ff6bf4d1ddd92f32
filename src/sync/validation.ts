import { normalizeMatchValue } from '../mapping/match-keys.js';
import { canonicalValue } from './field-paths.js';
import { EMAIL_IN_COMPANY_TITLE, MANDATORY_TITLE, RecordRefusal } from './failure-reasons.js';

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
  readonly #owner = new Map<string, string>();

  static key(company: unknown, email: unknown): string | undefined {
    const id = companyId(company);
    const mail = normalizeMatchValue(email);
    return id === undefined || mail === undefined ? undefined : `${id}|${mail}`;
  }

  /** Records an FSM contact. */
  add(fsmId: string, record: Record<string, unknown>): void {
    const key = CompanyEmailIndex.key(record.Company, record.Email);
    if (key !== undefined && !this.#owner.has(key)) this.#owner.set(key, fsmId);
  }

  /** Throws when another contact of the company already has the email. */
  check(fsmId: string | undefined, record: Record<string, unknown>): void {
    const key = CompanyEmailIndex.key(record.Company, record.Email);
    if (key === undefined) return;
    const owner = this.#owner.get(key);
    if (owner !== undefined && owner !== fsmId) {
      throw new RecordRefusal('CONTACT_EMAIL_IN_COMPANY', EMAIL_IN_COMPANY_TITLE, `${EMAIL_IN_COMPANY_TITLE} (FSM contact ${owner}).`);
    }
  }
}
