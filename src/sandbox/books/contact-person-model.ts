import { isObject } from '../request-body.js';
import type { FinanceOrgState } from '../org-state.js';
import type { StoredRecord } from '../record-table.js';
import type { SandboxWorld } from '../world.js';

const PERSON_FIELDS = ['salutation', 'first_name', 'last_name', 'email', 'phone', 'mobile', 'designation', 'department', 'skype'] as const;

/** Keeps the writable contact-person fields of an input. */
export function personInput(input: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of PERSON_FIELDS) if (typeof input[field] === 'string') data[field] = input[field];
  if (typeof input.enable_portal === 'boolean') data.is_added_in_portal = input.enable_portal;
  if (isObject(input.communication_preference)) data.communication_preference = input.communication_preference;
  return data;
}

/** The persons of a contact, oldest first. */
export function personsOf(org: FinanceOrgState, contactId: string): StoredRecord[] {
  return org.tables.contactpersons.where('contact_id', contactId);
}

/** Adds a person to a contact; the first person of a contact becomes its primary. */
export function addPerson(world: SandboxWorld, org: FinanceOrgState, contactId: string, input: Record<string, unknown>, at: number): StoredRecord {
  const isFirst = personsOf(org, contactId).length === 0;
  const wantsPrimary = input.is_primary_contact === true;
  const row = org.tables.contactpersons.insert(
    world.ids.finance(),
    { ...personInput(input), contact_id: contactId, is_primary_contact: isFirst || wantsPrimary, is_added_in_portal: input.enable_portal === true },
    at,
  );
  if (wantsPrimary && !isFirst) makePrimary(org, row.id, at);
  org.tables.contacts.touch(contactId, at);
  return row;
}

/** Makes one person the primary of its contact, unmarking the others. */
export function makePrimary(org: FinanceOrgState, personId: string, at: number): void {
  const person = org.tables.contactpersons.get(personId);
  if (!person) return;
  const contactId = String(person.data.contact_id);
  for (const other of personsOf(org, contactId)) {
    const primary = other.id === personId;
    if (other.data.is_primary_contact !== primary) org.tables.contactpersons.update(other.id, { is_primary_contact: primary }, at);
  }
  org.tables.contacts.touch(contactId, at);
}

/**
 * Deletes a person as Zoho does: when it was the primary, the contact's oldest remaining person
 * becomes primary; the contact's modified time moves (its persons are part of it). The API's
 * DELETE and a person deleting in the UI both come here, so both move the same times.
 */
export function removePerson(org: FinanceOrgState, personId: string, at: number): void {
  const row = org.tables.contactpersons.get(personId);
  if (!row) return;
  const contactId = String(row.data.contact_id);
  org.tables.contactpersons.delete(personId);
  const next = personsOf(org, contactId)[0];
  if (row.data.is_primary_contact === true && next) makePrimary(org, next.id, at);
  org.tables.contacts.touch(contactId, at);
}

/** Updates a person's writable fields and moves its contact's modified time with it. */
export function changePerson(org: FinanceOrgState, personId: string, input: Record<string, unknown>, at: number): StoredRecord | undefined {
  const row = org.tables.contactpersons.update(personId, personInput(input), at);
  if (row) org.tables.contacts.touch(String(row.data.contact_id), at);
  return row;
}

/** The primary person of a contact, if it has one. */
export function primaryPerson(org: FinanceOrgState, contactId: string): StoredRecord | undefined {
  const persons = personsOf(org, contactId);
  return persons.find((p) => p.data.is_primary_contact === true) ?? persons[0];
}

/** A contact person as Zoho returns it. */
export function renderPerson(row: StoredRecord, withContactId: boolean): Record<string, unknown> {
  const d = row.data;
  const out: Record<string, unknown> = {};
  if (withContactId) out.contact_id = d.contact_id;
  out.contact_person_id = row.id;
  for (const field of PERSON_FIELDS) out[field] = typeof d[field] === 'string' ? d[field] : '';
  out.is_primary_contact = d.is_primary_contact === true;
  out.is_added_in_portal = d.is_added_in_portal === true;
  out.communication_preference = isObject(d.communication_preference)
    ? d.communication_preference
    : { is_sms_enabled: false, is_whatsapp_enabled: false };
  return out;
}
