import { toZohoEditionTag, type TaxEdition, type ZohoEditionTag } from '../../schemas/edition-codes.js';
import { formatPath, parsePath, type PathSegment } from '../path.js';
import type { MappingModule, SyncType } from '../types.js';
import { FINANCE_CONTACT_FIELDS, isPersonPath } from './finance-contact.js';
import { FINANCE_CONTACT_PERSON_FIELDS } from './finance-contact-person.js';
import { FINANCE_INVOICE_FIELDS } from './finance-invoice.js';
import { FINANCE_ITEM_FIELDS } from './finance-item.js';
import { availableIn, type FieldDef, type FieldSpec } from './field-spec.js';
import { FSM_COMPANY_FIELDS, FSM_CONTACT_FIELDS, FSM_SERVICE_AND_PART_FIELDS, fsmWorkOrderFields } from './fsm-modules.js';

export type { FieldSpec, FieldType } from './field-spec.js';
export { FSM_GST_TREATMENTS } from './fsm-tax.js';

/** The two sides of a mapping. */
export type MappingSide = 'fsm' | 'finance';

/**
 * The fields of one module on one side, in one edition: what entries may name. Built from Zoho's
 * OpenAPI files (finance side) and FSM's API pages.
 *
 * @example
 * ```ts
 * const finance = fieldCatalogue({ module: 'companies', side: 'finance', edition: 'in', syncType: 'I' });
 * finance.get('gst_treatment')?.enum; // ['business_gst', 'business_none', 'overseas', 'consumer']
 * ```
 */
export interface FieldCatalogue {
  readonly module: MappingModule;
  readonly side: MappingSide;
  readonly edition: TaxEdition;
  /** Every field entries may name (custom fields are matched by pattern and not listed). */
  readonly fields: readonly FieldSpec[];
  /** The field at a path (a custom field gets a generic spec), or `undefined`. */
  get(path: string): FieldSpec | undefined;
  /** Editions' OAS tags in which a path this edition lacks does exist: for "unknown field" messages. */
  elsewhere(path: string): readonly ZohoEditionTag[];
}

/** Where to look up a catalogue. */
export interface CatalogueQuery {
  module: MappingModule;
  side: MappingSide;
  edition: TaxEdition;
  syncType: SyncType;
}

// FSM custom fields end in `__C`.
const FSM_CUSTOM = /^[A-Za-z][A-Za-z0-9_]*__C$/;
const ALL_TAGS: readonly ZohoEditionTag[] = ['us', 'ca', 'au', 'in', 'uk', 'eu', 'gcc', 'global', 'mx', 'ke', 'za'];

function definitions(query: CatalogueQuery): readonly FieldDef[] {
  if (query.side === 'fsm') {
    switch (query.module) {
      case 'companies': return FSM_COMPANY_FIELDS;
      case 'contacts':
      case 'contact_persons': return FSM_CONTACT_FIELDS;
      case 'items': return FSM_SERVICE_AND_PART_FIELDS;
      case 'invoices': return fsmWorkOrderFields(query.syncType);
    }
  }
  switch (query.module) {
    case 'companies': return query.syncType === 'I' ? FINANCE_CONTACT_FIELDS : FINANCE_COMPANY_FIELDS_WITH_PEOPLE_SYNCED;
    case 'contacts': return FINANCE_CONTACT_FIELDS;
    case 'contact_persons': return FINANCE_CONTACT_PERSON_FIELDS;
    case 'items': return FINANCE_ITEM_FIELDS;
    case 'invoices': return FINANCE_INVOICE_FIELDS;
  }
}

function resolve(field: FieldDef, tag: ZohoEditionTag, readOnly: boolean): FieldSpec {
  const { only: _only, not: _not, enumByTag, ...spec } = field;
  const values = enumByTag?.[tag] ?? spec.enum;
  const typed: FieldSpec = spec.type === 'enum' && (!values || values.length === 0)
    ? { ...spec, type: 'string' }
    : values ? { ...spec, enum: values } : spec;
  return readOnly && !typed.readOnly ? { ...typed, readOnly: true } : typed;
}

// Custom-field selectors match any label or id: `custom_fields[label=Region].value` is looked up as
// `custom_fields[label=*].value`.
function wildcard(segments: readonly PathSegment[]): string {
  return formatPath(segments.map((s) => (s.kind === 'select' && s.name === 'custom_fields' ? { ...s, value: '*' } : s)));
}

// Under types III and IV the contacts unit owns every person of a company's customer, the primary
// one included: a companies entry writing there would fight that unit and never settle.
const FINANCE_COMPANY_FIELDS_WITH_PEOPLE_SYNCED: readonly FieldDef[] = /* @__PURE__ */ FINANCE_CONTACT_FIELDS.filter((f) => !isPersonPath(f.path));

/**
 * Whether `path` is a customer-person field the companies module may not map because, under this
 * catalogue's sync type, the contacts module writes the persons.
 */
export function ownedByContactsModule(catalogue: FieldCatalogue, path: string): boolean {
  return catalogue.module === 'companies' && catalogue.side === 'finance' && isPersonPath(path)
    && catalogue.get(path) === undefined && FINANCE_CONTACT_FIELDS.some((f) => f.path === path);
}

const cache = /* @__PURE__ */ new Map<string, FieldCatalogue>();

/**
 * The catalogue of one module, side and edition. Catalogues are immutable and cached.
 *
 * @example
 * ```ts
 * fieldCatalogue({ module: 'items', side: 'fsm', edition: 'uk', syncType: 'I' }).get('Unit_Price')?.type; // 'number'
 * ```
 */
export function fieldCatalogue(query: CatalogueQuery): FieldCatalogue {
  const key = `${query.module}|${query.side}|${query.edition}|${query.syncType}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const tag = toZohoEditionTag(query.edition);
  const defs = definitions(query);
  // Work orders are only read: invoices never flow back to FSM.
  const readOnly = query.side === 'fsm' && query.module === 'invoices';
  const byPath = new Map<string, FieldSpec>();
  for (const field of defs) if (availableIn(field, tag)) byPath.set(field.path, resolve(field, tag, readOnly));
  const fields = [...byPath.values()].filter((f) => !f.container);
  const catalogue: FieldCatalogue = {
    module: query.module,
    side: query.side,
    edition: query.edition,
    fields,
    get(path) {
      const direct = byPath.get(path);
      if (direct) return direct.container ? undefined : direct;
      const segments = parsePath(path);
      if (!Array.isArray(segments)) return undefined;
      const last = segments[segments.length - 1];
      if (query.side === 'fsm' && segments.length === 1 && last?.kind === 'key' && FSM_CUSTOM.test(last.name)) {
        return { path, type: 'unknown', source: 'FSM custom field (*__C)', ...(readOnly ? { readOnly } : {}) };
      }
      const pattern = byPath.get(wildcard(segments));
      return pattern ? { ...pattern, path } : undefined;
    },
    elsewhere(path) {
      const field = defs.find((d) => d.path === path);
      return field ? ALL_TAGS.filter((t) => t !== tag && availableIn(field, t)) : [];
    },
  };
  cache.set(key, catalogue);
  return catalogue;
}

/** The container (virtual array) a `[]` path reaches into, when the catalogue computes it. */
export function containerReader(query: CatalogueQuery, path: string): FieldSpec['read'] {
  return definitions(query).find((d) => d.path === path && d.container)?.read;
}
