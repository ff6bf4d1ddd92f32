import {
  FinanceTaxGroupCreateSchema,
  FinanceTaxGroupSchema,
  FinanceTaxGroupUpdateSchema,
  type FinanceTax,
} from '../../schemas/finance/index.js';
import { Paginator } from '../../transport/paginator.js';
import type { ListOptions } from '../list-params.js';
import type { FinanceContext } from './finance-context.js';
import { FinanceRecordResource } from './finance-resource.js';
import { TaxesResource } from './taxes.js';

/**
 * Tax groups (`/settings/taxgroups`): get, create, update, delete, and `list()` read from the tax
 * list. Create with the member tax ids, e.g. `{ tax_group_name: 'GST18', taxes: 'id1,id2' }`
 * (zoho-api.md §3.6: Zoho takes a comma-separated string).
 */
export class TaxGroupsResource extends FinanceRecordResource<
  typeof FinanceTaxGroupSchema,
  typeof FinanceTaxGroupCreateSchema,
  typeof FinanceTaxGroupUpdateSchema
> {
  readonly #taxes: TaxesResource;

  constructor(context: FinanceContext) {
    super(context, {
      path: '/settings/taxgroups',
      one: 'tax_group',
      many: 'tax_groups',
      label: 'tax group',
      record: FinanceTaxGroupSchema,
      create: FinanceTaxGroupCreateSchema,
      update: FinanceTaxGroupUpdateSchema,
    });
    this.#taxes = new TaxesResource(context);
  }

  /**
   * The groups as they appear in the tax list (`tax_type: 'tax_group'`): Zoho has no list
   * endpoint for groups (zoho-api.md §3.6). `get(id)` gives a group's member taxes.
   */
  list(params: ListOptions = {}): Paginator<FinanceTax> {
    return new Paginator(
      async (page, signal) => {
        const taxes = await this.#taxes.listPage(page, { ...params, ...(signal ? { signal } : {}) });
        return { ...taxes, items: taxes.items.filter((tax) => tax.tax_type === 'tax_group') };
      },
      params.signal ? { signal: params.signal } : {},
    );
  }
}
