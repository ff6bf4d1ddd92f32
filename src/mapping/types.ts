import type { TaxEdition } from '../schemas/edition-codes.js';

/** The customer-mapping sync types (I–IV) of Zoho's setup page. */
export const SYNC_TYPES = ['I', 'II', 'III', 'IV'] as const;
/** A sync type: I Companies, II Contacts, III Companies + Contacts as persons, IV Companies or Contacts. */
export type SyncType = (typeof SYNC_TYPES)[number];

/**
 * The mapping modules. Each pairs an FSM module with a finance resource:
 * `companies` (FSM Companies ↔ business customers), `contacts` (FSM Contacts ↔ individual
 * customers), `contact_persons` (FSM Contacts ↔ persons of the company's customer), `items`
 * (Services and Parts ↔ items) and `invoices` (Work Orders → invoices).
 */
export const MAPPING_MODULES = ['companies', 'contacts', 'contact_persons', 'items', 'invoices'] as const;
/** A mapping module. */
export type MappingModule = (typeof MAPPING_MODULES)[number];

/** Which way an entry carries values. */
export const MAPPING_DIRECTIONS = ['both', 'to_finance', 'to_fsm'] as const;
/** Which way an entry carries values: `both`, FSM → finance only, or finance → FSM only. */
export type MappingDirection = (typeof MAPPING_DIRECTIONS)[number];

/** A value a value map can produce. */
export type MappedScalar = string | number | boolean;

/**
 * A value map. The plain form maps FSM values to finance values; finance → FSM uses its inverse
 * (for two keys with one value, the first key wins). The directional form gives each way its own
 * table, for vocabularies that are not one-to-one.
 */
export type ValueMap =
  | Readonly<Record<string, MappedScalar>>
  | { readonly toFinance?: Readonly<Record<string, MappedScalar>>; readonly toFsm?: Readonly<Record<string, MappedScalar>> };

/**
 * One field mapping. Paths are dotted (`Billing_Address.City`, `billing_address.city`); a finance
 * array element is picked with a selector (`contact_persons[is_primary_contact=true].email`,
 * `custom_fields[label=Region].value`), and `[]` maps array elements one to one
 * (`Lines[].Quantity` → `line_items[].quantity`).
 *
 * @example
 * ```ts
 * const entry: MappingEntry = { fsm: 'Billing_Address.City', finance: 'billing_address.city', direction: 'both', transform: 'trim' };
 * ```
 */
export interface MappingEntry {
  fsm: string;
  finance: string;
  direction: MappingDirection;
  /** A named transform (`trim`, `upper`, `lower`, `number`, `integer`, `date`, `boolean`, `phone`, or one you registered). */
  transform?: string;
  valueMap?: ValueMap;
  /** When true, a record without a value here fails to convert (a `ValidationError`) instead of leaving the target alone. */
  required?: boolean;
}

/** A stored mapping of one module, as {@link FieldMapper.get} returns it. */
export interface MappingSnapshot {
  module: MappingModule;
  /** Starts at 1 when the defaults are created; every accepted change adds 1. */
  version: number;
  syncType: SyncType;
  edition: TaxEdition;
  entries: readonly MappingEntry[];
}

/** An entry named for removal: by either of its paths (every entry with that path goes). */
export type MappingEntryRef = { fsm: string; finance?: string } | { fsm?: string; finance: string };

/**
 * A change to a module's mapping: `set` adds entries, each replacing every entry that writes one of
 * its targets; `remove` drops entries by path. Or a function from the current entries to the new
 * ones (it may run more than once when another writer changes the mapping at the same time).
 */
export type MappingChange =
  | { set?: readonly MappingEntry[]; remove?: readonly MappingEntryRef[] }
  | ((current: readonly MappingEntry[]) => readonly MappingEntry[]);

/** What changed in a module's mapping since a version: what the syncer backfills. */
export interface MappingChanges {
  module: MappingModule;
  since: number;
  version: number;
  /** True when the change log does not reach back to `since`: treat every entry as changed. */
  full: boolean;
  /** Current entries added or changed after `since` (all entries when `full`). */
  entries: readonly MappingEntry[];
  /** Entries present at `since` and gone now. */
  removed: ReadonlyArray<{ fsm: string; finance: string }>;
}
