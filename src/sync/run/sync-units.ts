import { moduleMap } from '../../mapping/modules.js';
import type { MappingModule, SyncType } from '../../mapping/types.js';
import type { SyncCollection } from '../sources/record-source.js';

/** The entities a syncer can keep in sync. */
export type SyncEntity = 'companies' | 'contacts' | 'items';

/** The entities, in the order they run: companies before the contacts that reference them. */
export const SYNC_ENTITIES: readonly SyncEntity[] = ['companies', 'contacts', 'items'];

/**
 * One thing synced: a mapping module with the collection it reads on each side. Under Type III the
 * entity `contacts` is the unit `contact_persons` (FSM Contacts ↔ persons of the company's
 * customer); under Type IV it is two units, split by whether the contact has a company.
 */
export interface SyncUnit {
  readonly entity: SyncEntity;
  readonly module: Exclude<MappingModule, 'invoices'>;
  readonly fsmCollection: Extract<SyncCollection, 'companies' | 'contacts' | 'items'>;
  readonly financeCollection: SyncCollection;
  /** Type IV: which FSM contacts belong to this unit. */
  readonly fsmFilter?: 'with_company' | 'without_company';
  /** First-run pairing keys. */
  readonly matchKey: { readonly fsm: string; readonly finance: string } | undefined;
  /** Finance records live under the customer of the FSM record's company. */
  readonly parent: boolean;
}

const FSM_COLLECTION = { Companies: 'companies', Contacts: 'contacts', Service_And_Parts: 'items' } as const;

/**
 * The units of the chosen entities under a sync type, companies first.
 *
 * @example
 * ```ts
 * syncUnits('III', ['companies', 'contacts', 'items']).map((u) => u.module); // ['companies', 'contact_persons', 'items']
 * ```
 */
export function syncUnits(syncType: SyncType, entities: readonly SyncEntity[]): SyncUnit[] {
  const units: SyncUnit[] = [];
  for (const binding of moduleMap(syncType)) {
    if (binding.module === 'invoices' || binding.fsm.module === 'Work_Orders') continue;
    const module = binding.module;
    const entity: SyncEntity = module === 'companies' ? 'companies' : module === 'items' ? 'items' : 'contacts';
    if (!entities.includes(entity)) continue;
    const fsmCollection = FSM_COLLECTION[binding.fsm.module];
    units.push({
      entity,
      module,
      fsmCollection,
      financeCollection: module,
      ...(binding.fsm.when ? { fsmFilter: binding.fsm.when } : {}),
      matchKey: binding.matchKey,
      parent: binding.finance.parent === 'companies',
    });
  }
  return units.sort((a, b) => SYNC_ENTITIES.indexOf(a.entity) - SYNC_ENTITIES.indexOf(b.entity));
}
