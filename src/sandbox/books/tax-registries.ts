import { editionInfo, type GateGroup } from '../editions.js';
import type { Reply } from '../reply.js';
import { isObject } from '../request-body.js';
import type { StoredRecord } from '../record-table.js';
import type { FinanceContext, FinanceHandler } from './context.js';
import { success } from './envelope.js';
import { booksErrors } from './errors.js';

interface RegistrySpec {
  table: 'taxauthorities' | 'taxexemptions';
  idField: string;
  singular: string;
  plural: string;
  label: string;
  fields: readonly string[];
  required: string;
  /** Editions that have the endpoint; elsewhere it answers like an unknown URL. */
  editions: readonly GateGroup[];
  messages: { created: string; updated: string; deleted: string };
  check?: (data: Record<string, unknown>) => string | undefined;
}

/** The five CRUD handlers of a small settings list (tax authorities, tax exemptions). */
function registry(spec: RegistrySpec): Record<'list' | 'create' | 'get' | 'update' | 'remove', FinanceHandler> & {
  render: (row: StoredRecord) => Record<string, unknown>;
} {
  const render = (row: StoredRecord) => {
    const out: Record<string, unknown> = { [spec.idField]: row.id };
    for (const field of spec.fields) out[field] = row.data[field] ?? '';
    return out;
  };
  const input = (ctx: FinanceContext) => {
    const body = isObject(ctx.body) ? ctx.body : {};
    return Object.fromEntries(spec.fields.filter((f) => body[f] !== undefined).map((f) => [f, body[f]]));
  };
  const invalid = (data: Record<string, unknown>): Reply | undefined => {
    const value = data[spec.required];
    if (typeof value !== 'string' || value.trim() === '') return booksErrors.invalidValue(spec.required);
    const field = spec.check?.(data);
    return field === undefined ? undefined : booksErrors.invalidValue(field);
  };
  const guard = (handler: FinanceHandler): FinanceHandler => (ctx) =>
    spec.editions.includes(editionInfo(ctx.org.edition).gate) ? handler(ctx) : booksErrors.invalidUrl();
  const table = (ctx: FinanceContext) => ctx.org.tables[spec.table];
  return {
    render,
    // The published description declares no page / per_page here: the whole list, in one reply.
    list: guard((ctx) => success('success', { [spec.plural]: table(ctx).all().map(render) })),
    create: guard((ctx) => {
      const data = input(ctx);
      const refused = invalid(data);
      if (refused) return refused;
      const row = table(ctx).insert(ctx.world.ids.finance(), data, ctx.world.now());
      return success(spec.messages.created, { [spec.singular]: render(row) }, 201);
    }),
    get: guard((ctx) => {
      const row = table(ctx).get(ctx.params.id ?? '');
      return row ? success('success', { [spec.singular]: render(row) }) : booksErrors.notFound(spec.label);
    }),
    update: guard((ctx) => {
      const row = table(ctx).get(ctx.params.id ?? '');
      if (!row) return booksErrors.notFound(spec.label);
      const patch = input(ctx);
      const refused = invalid({ ...row.data, ...patch });
      if (refused) return refused;
      table(ctx).update(row.id, patch, ctx.world.now());
      return success(spec.messages.updated, { [spec.singular]: render(row) });
    }),
    remove: guard((ctx) =>
      table(ctx).delete(ctx.params.id ?? '') ? success(spec.messages.deleted) : booksErrors.notFound(spec.label),
    ),
  };
}

/** /settings/taxauthorities: "US and CA Edition only"; messages from the OAS. */
export const taxAuthorities = registry({
  table: 'taxauthorities',
  idField: 'tax_authority_id',
  singular: 'tax_authority',
  plural: 'tax_authorities',
  label: 'Tax Authority',
  fields: ['tax_authority_name', 'description', 'registration_number', 'registration_number_label'],
  required: 'tax_authority_name',
  editions: ['us', 'ca'],
  messages: { created: 'Tax Authority has been added.', updated: 'Tax Authority information has been updated.', deleted: 'Tax authority has been deleted.' },
});

/**
 * /settings/taxexemptions: the OAS says "US Edition only", yet contacts carry exemptions in
 * us, ca, au and in, so the sandbox serves those four.
 */
export const taxExemptions = registry({
  table: 'taxexemptions',
  idField: 'tax_exemption_id',
  singular: 'tax_exemption',
  plural: 'tax_exemptions',
  label: 'Tax Exemption',
  fields: ['tax_exemption_code', 'description', 'type'],
  required: 'tax_exemption_code',
  editions: ['us', 'ca', 'au', 'in'],
  messages: { created: 'Tax Exemption has been added.', updated: 'Tax Exemption has been updated.', deleted: 'Tax exemption has been deleted successfully.' },
  check: (data) => (data.type === undefined || data.type === 'customer' || data.type === 'item' ? undefined : 'type'),
});
