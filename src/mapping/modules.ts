import type { MappingDirection, MappingModule, SyncType } from './types.js';

/** The FSM modules the mapper reads and writes. */
export type FsmModuleName = 'Companies' | 'Contacts' | 'Service_And_Parts' | 'Work_Orders';

/** The finance resources the mapper writes. */
export type FinanceResourceName = 'contacts' | 'contactpersons' | 'items' | 'invoices';

/**
 * How one mapping module binds an FSM module to a finance resource under a sync type: what the
 * syncer needs to know beyond the field entries.
 */
export interface ModuleBinding {
  readonly module: MappingModule;
  readonly fsm: {
    readonly module: FsmModuleName;
    /** Type IV splits FSM contacts: those with a company become its contact persons, the rest individual customers. */
    readonly when?: 'with_company' | 'without_company';
  };
  readonly finance: {
    readonly resource: FinanceResourceName;
    /** Books customer type of the records. */
    readonly customerSubType?: 'business' | 'individual';
    /** Persons live under the customer their FSM contact's company maps to. */
    readonly parent?: 'companies';
  };
  /** Directions entries of this module may use: invoices flow one way. */
  readonly directions: readonly MappingDirection[];
  /** Fields set on every finance payload (the customer type this module creates). */
  readonly financeConstants: Readonly<Record<string, string>>;
  /** First-run pairing keys. */
  readonly matchKey?: { readonly fsm: string; readonly finance: string };
  /** Whether customer tax is read from this module. */
  readonly taxSource: boolean;
  /** Whether records can be linked or pushed one by one (associate-records). */
  readonly linkable: boolean;
}

const BOTH: readonly MappingDirection[] = ['both', 'to_finance', 'to_fsm'];

function companies(taxSource: boolean): ModuleBinding {
  return {
    module: 'companies',
    fsm: { module: 'Companies' },
    finance: { resource: 'contacts', customerSubType: 'business' },
    directions: BOTH,
    financeConstants: { contact_type: 'customer', customer_sub_type: 'business' },
    matchKey: { fsm: 'Company_Name', finance: 'contact_name' },
    taxSource,
    linkable: true,
  };
}

function contacts(taxSource: boolean, linkable: boolean, when?: 'without_company'): ModuleBinding {
  return {
    module: 'contacts',
    fsm: when ? { module: 'Contacts', when } : { module: 'Contacts' },
    finance: { resource: 'contacts', customerSubType: 'individual' },
    directions: BOTH,
    financeConstants: { contact_type: 'customer', customer_sub_type: 'individual' },
    matchKey: { fsm: 'Email', finance: 'email' },
    taxSource,
    linkable,
  };
}

function contactPersons(when?: 'with_company'): ModuleBinding {
  return {
    module: 'contact_persons',
    fsm: when ? { module: 'Contacts', when } : { module: 'Contacts' },
    finance: { resource: 'contactpersons', parent: 'companies' },
    directions: BOTH,
    financeConstants: {},
    matchKey: { fsm: 'Email', finance: 'email' },
    taxSource: false,
    // Under III only companies are linked; IV links contacts too.
    linkable: when !== undefined,
  };
}

const ITEMS: ModuleBinding = {
  module: 'items',
  fsm: { module: 'Service_And_Parts' },
  finance: { resource: 'items' },
  directions: BOTH,
  financeConstants: {},
  matchKey: { fsm: 'Name', finance: 'name' },
  taxSource: false,
  linkable: true,
};

const INVOICES: ModuleBinding = {
  module: 'invoices',
  fsm: { module: 'Work_Orders' },
  finance: { resource: 'invoices' },
  directions: ['to_finance'],
  financeConstants: {},
  taxSource: false,
  linkable: false,
};

// The Sync Types table of Zoho's setup page.
const MODULE_MAPS: Readonly<Record<SyncType, readonly ModuleBinding[]>> = {
  I: [/* @__PURE__ */ companies(true), ITEMS, INVOICES],
  II: [/* @__PURE__ */ contacts(true, true), ITEMS, INVOICES],
  III: [/* @__PURE__ */ companies(true), /* @__PURE__ */ contactPersons(), ITEMS, INVOICES],
  IV: [/* @__PURE__ */ companies(false), /* @__PURE__ */ contacts(true, true, 'without_company'), /* @__PURE__ */ contactPersons('with_company'), ITEMS, INVOICES],
};

/**
 * The module map of a sync type: Type I Companies → business customers;
 * II Contacts → individual customers; III Companies → customers with Contacts as their contact
 * persons; IV Companies → business customers, Contacts → individual customers or, when they
 * belong to a company, its contact persons. Services and Parts ↔ Items and Work Orders → Invoices
 * always.
 *
 * @example
 * ```ts
 * moduleMap('III').map((b) => `${b.fsm.module} → ${b.finance.resource}`);
 * // ['Companies → contacts', 'Contacts → contactpersons', 'Service_And_Parts → items', 'Work_Orders → invoices']
 * ```
 */
export function moduleMap(syncType: SyncType): readonly ModuleBinding[] {
  return MODULE_MAPS[syncType];
}

/** The binding of one module under a sync type, or `undefined` when the sync type does not map it. */
export function moduleBinding(syncType: SyncType, module: MappingModule): ModuleBinding | undefined {
  return MODULE_MAPS[syncType].find((b) => b.module === module);
}
