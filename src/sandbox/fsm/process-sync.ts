import { addPerson, changePerson } from '../books/contact-person-model.js';
import { createContact, updateContact } from '../books/contact-model.js';
import { createItem, updateItem } from '../books/item-model.js';
import { isObject } from '../request-body.js';
import { isReply, json, type Reply } from '../reply.js';
import type { FinanceOrgState, SandboxFsmModule } from '../org-state.js';
import type { StoredRecord } from '../record-table.js';
import type { FsmContext } from './context.js';
import { fsmError, fsmErrors } from './errors.js';
import { MODULE_SPECS } from './modules.js';
import { systemDetails } from './record-model.js';

function ok(ctx: FsmContext, row: StoredRecord, message: string): Reply {
  const details: Record<string, unknown> = { ...systemDetails(ctx.org, row) };
  if (typeof row.data.ZBilling_Id === 'string') details.ZBilling_Id = row.data.ZBilling_Id;
  return json(200, { data: [{ code: 'SUCCESS', details, message, status: 'success' }] });
}

function refuse(code: string, message: string, details: Record<string, unknown> = {}): Reply {
  return json(400, { data: [fsmError(code, message, details)] });
}

/** True when `integId` names a finance record this module may link to. */
function financeRecordExists(finance: FinanceOrgState, module: SandboxFsmModule, integId: string): boolean {
  if (module === 'Service_And_Parts') return finance.tables.items.get(integId) !== undefined;
  if (module === 'Companies') return finance.tables.contacts.get(integId) !== undefined;
  // "link/unlink a Zoho FSM contact to a contact person … use the ID of the contact person"; a customer id works too.
  return finance.tables.contactpersons.get(integId) !== undefined || finance.tables.contacts.get(integId) !== undefined;
}

function address(value: unknown): Record<string, unknown> | undefined {
  if (!isObject(value)) return undefined;
  return { address: value.Street_1 ?? '', street2: value.Street_2 ?? '', city: value.City ?? '', state: value.State ?? '', zip: value.Zip_Code ?? '', country: value.Country ?? '' };
}

/** Creates or updates the finance record an FSM record maps to; returns its id or the finance error. */
function pushToFinance(ctx: FsmContext, finance: FinanceOrgState, row: StoredRecord): string | Reply {
  const d = row.data;
  const linked = typeof d.ZBilling_Id === 'string' ? d.ZBilling_Id : undefined;
  const { world } = ctx;
  if (ctx.module === 'Service_And_Parts') {
    const input: Record<string, unknown> = {
      name: d.Name,
      rate: typeof d.Unit_Price === 'number' ? d.Unit_Price : 0,
      description: d.Description ?? '',
      sku: d.SKU ?? '',
      unit: d.Unit ?? '',
      product_type: d.Type === 'Service' ? 'service' : 'goods',
    };
    if (!input.sku) delete input.sku;
    const result = linked && finance.tables.items.get(linked) ? updateItem(world, finance, linked, input) : createItem(world, finance, input);
    return isReply(result) ? result : result.id;
  }
  if (ctx.module === 'Companies') {
    const input: Record<string, unknown> = { contact_name: d.Company_Name, company_name: d.Company_Name, customer_sub_type: 'business' };
    if (typeof d.Website === 'string') input.website = d.Website;
    const billing = address(d.Billing_Address);
    if (billing) input.billing_address = billing;
    const result = linked && finance.tables.contacts.get(linked) ? updateContact(world, finance, linked, input) : createContact(world, finance, input);
    return isReply(result) ? result : result.id;
  }
  // Contacts: under the company's customer as a contact person when the company is linked, else an individual customer.
  const person = { first_name: d.First_Name ?? '', last_name: d.Last_Name ?? '', email: d.Email ?? '', phone: d.Phone ?? '', mobile: d.Mobile ?? '' };
  if (linked && finance.tables.contactpersons.get(linked)) {
    changePerson(finance, linked, person, world.now());
    return linked;
  }
  const company = typeof d.Company === 'string' ? ctx.org.tables.Companies.get(d.Company) : undefined;
  const companyBilling = company?.data.ZBilling_Id;
  if (typeof companyBilling === 'string' && finance.tables.contacts.get(companyBilling)) {
    return addPerson(world, finance, companyBilling, person, world.now()).id;
  }
  const name = [d.First_Name, d.Last_Name].filter((v) => typeof v === 'string' && v !== '').join(' ');
  const input = { contact_name: name, customer_sub_type: 'individual', contact_persons: [person] };
  const result = linked && finance.tables.contacts.get(linked) ? updateContact(world, finance, linked, input) : createContact(world, finance, input);
  return isReply(result) ? result : result.id;
}

/**
 * POST /{module}/{id}/actions/process_sync?sync_service=finance with `{ integ_id, sync_process }`:
 * `link` stores the finance id in `ZBilling_Id`, `unlink` clears it, `push`
 * creates or updates the finance record from the FSM one and links it. The reply shapes are
 * ❓ (undocumented); the sandbox answers like an update.
 */
export function processSync(ctx: FsmContext): Reply {
  const id = ctx.params.id ?? '';
  const row = ctx.org.tables[ctx.module].get(id);
  if (!row) return fsmErrors.notFound(id);
  if (!MODULE_SPECS[ctx.module].financeSync) return refuse('NOT_SUPPORTED', `process_sync is not supported for ${ctx.module}`);
  const service = ctx.query.get('sync_service');
  if (service !== 'finance') return fsmErrors.invalidParam('sync_service');
  const body = isObject(ctx.body) ? ctx.body : {};
  const process = body.sync_process;
  if (process !== 'link' && process !== 'unlink' && process !== 'push') return refuse('INVALID_DATA', 'invalid data', { api_name: 'sync_process' });
  const binding = ctx.org.finance;
  const finance = binding ? ctx.world.financeOrg(binding.organizationId) : undefined;
  if (!finance || finance.deleted) return refuse('NOT_ALLOWED', 'Zoho Books/Invoice integration is not enabled for this organization');
  const at = ctx.world.now();
  const table = ctx.org.tables[ctx.module];
  if (process === 'unlink') {
    table.update(id, { ZBilling_Id: undefined }, at);
    return ok(ctx, row, 'record unlinked');
  }
  if (process === 'link') {
    const integId = body.integ_id;
    if (typeof integId !== 'string' || integId === '') return refuse('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'integ_id' });
    if (!financeRecordExists(finance, ctx.module, integId)) return refuse('INVALID_DATA', 'invalid data', { api_name: 'integ_id' });
    table.update(id, { ZBilling_Id: integId }, at);
    return ok(ctx, row, 'record linked');
  }
  const pushed = pushToFinance(ctx, finance, row);
  if (typeof pushed !== 'string') {
    const err = isObject(pushed.body) ? pushed.body : {};
    return refuse('INVALID_DATA', String(err.message ?? 'push failed'), { finance_code: err.code });
  }
  table.update(id, { ZBilling_Id: pushed }, at);
  return ok(ctx, row, 'record pushed');
}
