import {
  FinanceTaxGroupCreateSchema,
  FinanceTaxGroupSchema,
  FinanceTaxGroupUpdateSchema,
  type FinanceTax,
} from '../../schemas/finance/index.js';
import { Paginator } from '../../transport/paginator.js';
import { type ListOptions, listQuery } from '../list-params.js';
import type { FinanceContext } from './finance-context.js';
import { FinanceRecordResource } from './finance-resource.js';
import { TaxesResource } from './taxes.js';

/**
 * Tax groups (`/settings/taxgroups`): get, create, update, delete, and `list()` read from the tax
 * list. Create with the member tax ids, e.g. `{ tax_group_name: 'GST18', taxes: 'id1,id2' }`
 * (Zoho takes a comma-separated string).
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
   * endpoint for groups. `get(id)` gives a group's member taxes.
   */
  list(params: ListOptions = {}): Paginator<FinanceTax> {
    listQuery('GET /settings/taxes', params, {});
    const { signal, maxPages, perPage } = params;
    return new Paginator((page, pageSignal) => this.#taxes.listPage(page, { ...(perPage === undefined ? {} : { perPage }), ...(pageSignal ? { signal: pageSignal } : {}) }), {
      what: 'GET /settings/taxes',
      idOf: (tax) => tax.tax_id,
      // Filtered after the repeat check: a page of taxes without groups neither ends the walk nor looks repeated.
      keep: (tax) => tax.tax_type === 'tax_group',
      ...(signal ? { signal } : {}),
      ...(maxPages === undefined ? {} : { maxPages }),
    });
  }
}
