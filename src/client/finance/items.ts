import { FinanceItemCreateSchema, FinanceItemSchema, FinanceItemUpdateSchema } from '../../schemas/finance/index.js';
import type { FinanceContext } from './finance-context.js';
import { listFilters } from '../list-params.js';
import { ActivatableFinanceResource } from './activatable-resource.js';

/** Filters and sorting of `GET /items`. Zoho has no modified-since filter for items. */
export interface ItemListParams {
  filterBy?: 'Status.All' | 'Status.Active' | 'Status.Inactive';
  sortColumn?: 'name' | 'rate' | 'tax_name';
  searchText?: string;
  name?: string;
  description?: string;
}

/**
 * The query names GET /items declares (it declares no sort_order).
 */
export const ITEM_FILTERS = /* @__PURE__ */ listFilters<ItemListParams>({
  filterBy: 'filter_by',
  sortColumn: 'sort_column',
  searchText: 'search_text',
  name: 'name',
  description: 'description',
});

/**
 * Services and goods (`/items`).
 *
 * @example
 * ```ts
 * const item = await client.finance.items.create({ name: 'Boiler service', rate: 120, product_type: 'service' });
 * await client.finance.items.update(item.item_id, { name: 'Boiler service', rate: 135 }); // name and rate on every update
 * ```
 */
export class ItemsResource extends ActivatableFinanceResource<typeof FinanceItemSchema, typeof FinanceItemCreateSchema, typeof FinanceItemUpdateSchema, ItemListParams> {
  constructor(context: FinanceContext) {
    super(context, {
      path: '/items',
      one: 'item',
      many: 'items',
      label: 'item',
      record: FinanceItemSchema,
      create: FinanceItemCreateSchema,
      update: FinanceItemUpdateSchema,
      filters: ITEM_FILTERS,
    });
  }
}
