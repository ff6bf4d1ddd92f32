import type { Reply } from '../reply.js';
import { isObject } from '../request-body.js';
import type { FinanceContext } from './context.js';
import { addPerson, changePerson, makePrimary, personsOf, removePerson, renderPerson } from './contact-person-model.js';
import { listReply, success } from './envelope.js';
import { booksErrors } from './errors.js';

/** POST /contacts/contactpersons */
export function createPerson(ctx: FinanceContext): Reply {
  const body = isObject(ctx.body) ? ctx.body : {};
  const contactId = typeof body.contact_id === 'string' ? body.contact_id : '';
  if (!ctx.org.tables.contacts.get(contactId)) return booksErrors.notFound('Contact');
  const row = addPerson(ctx.world, ctx.org, contactId, body, ctx.world.now());
  return success('The contactperson has been Created', { contact_person: renderPerson(row, true) }, 201);
}

/** PUT /contacts/contactpersons/{id} */
export function updatePerson(ctx: FinanceContext): Reply {
  const { org } = ctx;
  const id = ctx.params.id ?? '';
  const row = org.tables.contactpersons.get(id);
  if (!row) return booksErrors.notFound('Contact Person');
  changePerson(org, id, isObject(ctx.body) ? ctx.body : {}, ctx.world.now());
  return success('The contactperson details has been updated.', { contact_person: renderPerson(row, true) });
}

/** DELETE /contacts/contactpersons/{id} */
export function deletePerson(ctx: FinanceContext): Reply {
  const { org } = ctx;
  const id = ctx.params.id ?? '';
  if (!org.tables.contactpersons.get(id)) return booksErrors.notFound('Contact Person');
  removePerson(org, id, ctx.world.now());
  return success('The contact person has been deleted.');
}

/** POST /contacts/contactpersons/{id}/primary */
export function markPrimary(ctx: FinanceContext): Reply {
  const id = ctx.params.id ?? '';
  if (!ctx.org.tables.contactpersons.get(id)) return booksErrors.notFound('Contact Person');
  makePrimary(ctx.org, id, ctx.world.now());
  return success('This contact person has been marked as your primary contact person.');
}

/** GET /contacts/{contact_id}/contactpersons */
export function listPersons(ctx: FinanceContext): Reply {
  const contactId = ctx.params.contact_id ?? '';
  if (!ctx.org.tables.contacts.get(contactId)) return booksErrors.notFound('Contact');
  const rows = personsOf(ctx.org, contactId).map((p) => renderPerson(p, false));
  return listReply('contact_persons', rows, ctx.query, { sort_column: 'contact_person_id', sort_order: 'A' });
}

/** GET /contacts/{contact_id}/contactpersons/{id} */
export function getPerson(ctx: FinanceContext): Reply {
  const row = ctx.org.tables.contactpersons.get(ctx.params.id ?? '');
  if (!row || row.data.contact_id !== ctx.params.contact_id) return booksErrors.notFound('Contact Person');
  return success('success', { contact_person: renderPerson(row, true) });
}
