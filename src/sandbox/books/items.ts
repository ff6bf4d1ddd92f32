import { cachedView, queryKey } from '../list-cache.js';
import { isReply, type Reply } from '../reply.js';
import type { FinanceContext } from './context.js';
import { listReply, sortListed, sortOrder, success } from './envelope.js';
import { booksErrors } from './errors.js';
import { createItem, renderItem, updateItem } from './item-model.js';
import { itemFilters } from './item-filters.js';
import { searchText, statusFilter, textFilters } from './list-filters.js';

// The sort columns GET /items documents: name, rate, tax_name; the time columns are a sandbox extension (⚠️).
const SORT_COLUMNS = ['name', 'rate', 'tax_name', 'created_time', 'last_modified_time'];

// Item times are not in Zoho's published description of the item reply: the sandbox can leave them out.
function itemView(ctx: FinanceContext): { timestamps: boolean } {
  return { timestamps: ctx.world.undocumented.itemTimestamps !== 'omit' };
}

/** GET /items */
export function listItems(ctx: FinanceContext): Reply {
  const { org, query } = ctx;
  const status = statusFilter(query);
  if (!status) return booksErrors.invalidValue('filter_by');
  const column = query.get('sort_column') ?? 'name';
  if (!SORT_COLUMNS.includes(column)) return booksErrors.invalidValue('sort_column');
  const order = sortOrder(ctx, 'A');
  const { items, taxes, taxgroups } = org.tables;
  const views = cachedView(items, `${items.version}.${taxes.version}.${taxgroups.version}|${queryKey(query)}`, () => {
    const byText = textFilters(query, ['name', 'description', 'sku']);
    const bySearch = searchText(query, ['name', 'description', 'sku']);
    const byFields = itemFilters(query);
    const rows = items
      .all()
      .map((row) => ({ row, view: renderItem(org, row, itemView(ctx)) }))
      .filter(({ view }) => status.test(view.status) && byText(view) && bySearch(view) && byFields(view));
    sortListed(rows, column, order);
    return rows.map((r) => r.view);
  });
  return listReply('items', views, query, { applied_filter: status.applied, report_name: 'Items', sort_column: column, sort_order: order });
}

/** POST /items */
export function createItemRoute(ctx: FinanceContext): Reply {
  const created = createItem(ctx.world, ctx.org, ctx.body);
  if (isReply(created)) return created;
  return success('The item has been added.', { item: renderItem(ctx.org, created, itemView(ctx)) }, 201);
}

/** GET /items/{id} */
export function getItem(ctx: FinanceContext): Reply {
  const row = ctx.org.tables.items.get(ctx.params.id ?? '');
  if (!row) return booksErrors.notFound('Item');
  return success('success', { item: renderItem(ctx.org, row, itemView(ctx)) });
}

/** PUT /items/{id} */
export function updateItemRoute(ctx: FinanceContext): Reply {
  const updated = updateItem(ctx.world, ctx.org, ctx.params.id ?? '', ctx.body);
  if (isReply(updated)) return updated;
  return success('Item details have been saved.', { item: renderItem(ctx.org, updated, itemView(ctx)) });
}

/** DELETE /items/{id} */
export function deleteItem(ctx: FinanceContext): Reply {
  if (!ctx.org.tables.items.delete(ctx.params.id ?? '')) return booksErrors.notFound('Item');
  return success('The item has been deleted.');
}

