import { ConfigError } from '../errors/config-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { renderContact, updateContact, createContact } from './books/contact-model.js';
import { addPerson, changePerson, makePrimary, removePerson, renderPerson } from './books/contact-person-model.js';
import { createInvoice, renderInvoice, updateInvoice } from './books/invoice-model.js';
import { createItem, renderItem, updateItem } from './books/item-model.js';
import { renderAccount } from './books/account-model.js';
import { renderPayment } from './books/payment-model.js';
import { booksDate } from './time-format.js';
import { createEstimate, renderEstimate, updateEstimate } from './books/estimate-model.js';
import { createSalesOrder, renderSalesOrder, updateSalesOrder } from './books/sales-order-model.js';
import { taxAuthorities, taxExemptions } from './books/tax-registries.js';
import { renderGroup, renderTax } from './books/tax-model.js';
import { createFsmRecord, renderFsmRecord, updateFsmRecord } from './fsm/record-model.js';
import { isFsmModule } from './fsm/modules.js';
import { FINANCE_RESOURCES, FSM_MODULES, type FinanceOrgState, type SandboxFinanceResource, type SandboxFsmModule, type FsmOrgState, type OrgState } from './org-state.js';
import type { StoredRecord } from './record-table.js';
import { isReply, type Reply } from './reply.js';
import { isObject } from './request-body.js';
import type { SandboxWorld } from './world.js';

/** A resource of a Books/Invoice org (`'contacts'`, `'items'`, …) or an FSM module (`'Companies'`, …). */
export type SandboxResource = SandboxFinanceResource | SandboxFsmModule;

function orgOrThrow(world: SandboxWorld, organizationId: string): OrgState {
  const org = world.orgs.get(organizationId);
  if (!org) throw new ConfigError(`The sandbox has no organisation ${JSON.stringify(organizationId)}. List them with sandbox.orgs().`);
  return org;
}

function financeResource(resource: string): SandboxFinanceResource {
  if ((FINANCE_RESOURCES as readonly string[]).includes(resource)) return resource as SandboxFinanceResource;
  throw new ConfigError(`Unknown Books/Invoice resource ${JSON.stringify(resource)}. Use one of: ${FINANCE_RESOURCES.join(', ')}.`);
}

function fsmModule(resource: string): SandboxFsmModule {
  if (isFsmModule(resource)) return resource;
  throw new ConfigError(`Unknown FSM module ${JSON.stringify(resource)}. Use one of: ${FSM_MODULES.join(', ')}.`);
}

/** A finance record as the API's GET by id returns it. */
function renderFinance(org: FinanceOrgState, resource: SandboxFinanceResource, row: StoredRecord, now: number): Record<string, unknown> {
  switch (resource) {
    case 'contacts': return renderContact(org, row, 'full');
    case 'contactpersons': return renderPerson(row, true);
    case 'items': return renderItem(org, row);
    case 'taxes': return renderTax(org, row);
    case 'taxgroups': return renderGroup(org, row);
    case 'taxauthorities': return taxAuthorities.render(row);
    case 'taxexemptions': return taxExemptions.render(row);
    case 'invoices': return renderInvoice(org, row, 'full', booksDate(now, org.utcOffsetMinutes));
    case 'customerpayments': return renderPayment(org, row);
    case 'chartofaccounts': return renderAccount(org, row);
    case 'estimates': return renderEstimate(org, row, 'full');
    case 'salesorders': return renderSalesOrder(org, row, 'full');
  }
}

function render(org: OrgState, resource: string, row: StoredRecord, now: number): Record<string, unknown> {
  return org.kind === 'fsm' ? renderFsmRecord(org, fsmModule(resource), row) : renderFinance(org, financeResource(resource), row, now);
}

function table(org: OrgState, resource: string) {
  return org.kind === 'fsm' ? org.tables[fsmModule(resource)] : org.tables[financeResource(resource)];
}

/** Every record of a resource of an org, as the API returns it, oldest first. */
export function readRecords(world: SandboxWorld, organizationId: string, resource: SandboxResource): Array<Record<string, unknown>> {
  const org = orgOrThrow(world, organizationId);
  return table(org, resource).all().map((row) => render(org, resource, row, world.now()));
}

/** One record as the API returns it, or `undefined`. */
export function readRecord(world: SandboxWorld, organizationId: string, resource: SandboxResource, id: string): Record<string, unknown> | undefined {
  const org = orgOrThrow(world, organizationId);
  const row = table(org, resource).get(id);
  return row ? render(org, resource, row, world.now()) : undefined;
}

function refused(reply: Reply | { error: Record<string, unknown> }, what: string): never {
  const body = 'error' in reply ? reply.error : isObject(reply.body) ? reply.body : {};
  const message = String(body.message ?? 'refused');
  throw new ValidationError(`The sandbox refused to ${what}: ${message}`, [{ path: [], message, code: String(body.code ?? '') }]);
}

/**
 * A UI edit is always at least one second after the record's previous change — and, for a Books
 * contact person, after its contact's, whose time the edit moves: Zoho's timestamps have second
 * precision, and a test's change must be visible even when the clock stood still.
 */
function editTime(world: SandboxWorld, org: FsmOrgState | FinanceOrgState, resource: SandboxResource, row: StoredRecord): number {
  const at = Math.max(world.now(), row.modifiedAt + 1000);
  return resource === 'contactpersons' && org.kind === 'finance' ? afterContact(org, row.data.contact_id, at) : at;
}

// `at`, or a second after the Books contact's last change if that is later: a change of one of
// its persons moves the contact's time, visibly.
function afterContact(org: FinanceOrgState, contactId: unknown, at: number): number {
  return Math.max(at, (org.tables.contacts.get(String(contactId))?.modifiedAt ?? -Infinity) + 1000);
}

/**
 * A UI edit goes through the same model functions as the API's PUT, so it changes and stamps the
 * same records: a person's edit moves its contact's time, marking a person primary (the API's
 * POST …/primary) moves the contact's and the persons' whose flag changed, and `status` on a
 * contact or item is the API's POST …/active | /inactive.
 */
function editFinance(world: SandboxWorld, org: FinanceOrgState, resource: SandboxFinanceResource, row: StoredRecord, patch: Record<string, unknown>, at: number): void {
  const { status, ...fields } = patch;
  const hasStatus = (resource === 'contacts' || resource === 'items') && (status === 'active' || status === 'inactive');
  const rest = hasStatus ? fields : patch;
  const result =
    resource === 'contacts' ? updateContact(world, org, row.id, rest, at)
    : resource === 'items' ? updateItem(world, org, row.id, rest, at)
    : resource === 'invoices' ? updateInvoice(world, org, row.id, rest, at)
    : resource === 'estimates' ? updateEstimate(world, org, row.id, rest, at)
    : resource === 'salesorders' ? updateSalesOrder(world, org, row.id, rest, at)
    : undefined;
  if (result !== undefined && isReply(result)) refused(result, `edit ${resource} ${row.id}`);
  if (hasStatus) org.tables[resource].update(row.id, { status }, at);
  if (result !== undefined) return;
  if (resource === 'contactpersons') {
    changePerson(org, row.id, patch, at);
    if (patch.is_primary_contact === true) makePrimary(org, row.id, at);
    return;
  }
  org.tables[resource].update(row.id, patch, at);
}

/** "A person edits in the Zoho UI": changes fields of a record and bumps its modified time. */
export function editRecord(world: SandboxWorld, organizationId: string, resource: SandboxResource, id: string, patch: Record<string, unknown>): Record<string, unknown> {
  const org = orgOrThrow(world, organizationId);
  const row = table(org, resource).get(id);
  if (!row) throw new ConfigError(`No ${resource} record ${JSON.stringify(id)} in organisation ${organizationId}.`);
  const at = editTime(world, org, resource, row);
  if (org.kind === 'fsm') {
    const result = updateFsmRecord(world, org, fsmModule(resource), id, patch, at);
    if (result && 'error' in result) refused(result, `edit ${resource} ${id}`);
  } else {
    editFinance(world, org, financeResource(resource), row, patch, at);
  }
  return render(org, resource, row, world.now());
}

/** "A person deletes in the Zoho UI": removes a record (a contact takes its persons with it). */
export function removeRecord(world: SandboxWorld, organizationId: string, resource: SandboxResource, id: string): void {
  const org = orgOrThrow(world, organizationId);
  const rows = table(org, resource);
  if (!rows.get(id)) throw new ConfigError(`No ${resource} record ${JSON.stringify(id)} in organisation ${organizationId}.`);
  if (org.kind === 'finance' && resource === 'contactpersons') {
    // As the API's DELETE: the next person becomes primary and the contact's modified time moves
    // (to a second after its last change, so a test's delete is visible when the clock stood still).
    removePerson(org, id, afterContact(org, rows.get(id)?.data.contact_id, world.now()));
    return;
  }
  rows.delete(id);
  if (org.kind === 'finance' && resource === 'contacts') {
    for (const person of org.tables.contactpersons.where('contact_id', id)) org.tables.contactpersons.delete(person.id);
  }
}

/**
 * A person is made under an existing contact, as the API's POST (which answers 1002 otherwise), a
 * second after the contact's last change at least: the contact's time moves, visibly.
 */
function insertPerson(world: SandboxWorld, org: FinanceOrgState, data: Record<string, unknown>, at: number): StoredRecord {
  const contactId = typeof data.contact_id === 'string' ? data.contact_id : '';
  if (!org.tables.contacts.get(contactId)) throw new ConfigError(`No contacts record ${JSON.stringify(contactId)} in organisation ${org.organizationId} to add a contact person to: pass the contact_id of an existing contact.`);
  return addPerson(world, org, contactId, data, afterContact(org, contactId, at));
}

function insertFinance(world: SandboxWorld, org: FinanceOrgState, resource: SandboxFinanceResource, data: Record<string, unknown>): StoredRecord {
  const at = world.now();
  const result =
    resource === 'contacts' ? createContact(world, org, data, at)
    : resource === 'items' ? createItem(world, org, data, at)
    : resource === 'invoices' ? createInvoice(world, org, data, at)
    : resource === 'estimates' ? createEstimate(world, org, data, at)
    : resource === 'salesorders' ? createSalesOrder(world, org, data, at)
    : resource === 'contactpersons' ? insertPerson(world, org, data, at)
    : org.tables[resource].insert(world.ids.finance(), data, at);
  if (isReply(result)) refused(result, `create a ${resource} record`);
  return result;
}

function insertFsm(world: SandboxWorld, org: FsmOrgState, module: SandboxFsmModule, data: Record<string, unknown>): StoredRecord {
  const result = createFsmRecord(world, org, module, data);
  if ('error' in result) refused(result, `create a ${module} record`);
  return result;
}

/** "A person creates a record in the Zoho UI": the same rules as the API, stamped now. */
export function insertRecord(world: SandboxWorld, organizationId: string, resource: SandboxResource, data: Record<string, unknown>): Record<string, unknown> {
  const org = orgOrThrow(world, organizationId);
  const row = org.kind === 'fsm' ? insertFsm(world, org, fsmModule(resource), data) : insertFinance(world, org, financeResource(resource), data);
  return render(org, resource, row, world.now());
}
