import {
  FinanceTaxAuthorityCreateSchema,
  FinanceTaxAuthoritySchema,
  FinanceTaxAuthorityUpdateSchema,
  FinanceTaxCreateSchema,
  FinanceTaxExemptionCreateSchema,
  FinanceTaxExemptionSchema,
  FinanceTaxExemptionUpdateSchema,
  FinanceTaxSchema,
  FinanceTaxUpdateSchema,
} from '../../schemas/finance/index.js';
import type { FinanceContext } from './finance-context.js';
import { FinanceResource } from './finance-resource.js';

/**
 * Taxes (`/settings/taxes`). The list holds tax groups too (`tax_type: 'tax_group'`), as Zoho
 * returns them; `client.finance.taxGroups` reads and writes groups.
 */
export class TaxesResource extends FinanceResource<typeof FinanceTaxSchema, typeof FinanceTaxCreateSchema, typeof FinanceTaxUpdateSchema> {
  constructor(context: FinanceContext) {
    super(context, {
      path: '/settings/taxes',
      one: 'tax',
      many: 'taxes',
      label: 'tax',
      record: FinanceTaxSchema,
      create: FinanceTaxCreateSchema,
      update: FinanceTaxUpdateSchema,
    });
  }
}

/** Tax authorities (`/settings/taxauthorities`; US and Canada editions). `list()` reads them in one call: the endpoint has no paging. */
export class TaxAuthoritiesResource extends FinanceResource<
  typeof FinanceTaxAuthoritySchema,
  typeof FinanceTaxAuthorityCreateSchema,
  typeof FinanceTaxAuthorityUpdateSchema
> {
  constructor(context: FinanceContext) {
    super(context, {
      path: '/settings/taxauthorities',
      one: 'tax_authority',
      many: 'tax_authorities',
      label: 'tax authority',
      // Zoho's published description declares no page / per_page on this list.
      paged: false,
      record: FinanceTaxAuthoritySchema,
      create: FinanceTaxAuthorityCreateSchema,
      update: FinanceTaxAuthorityUpdateSchema,
    });
  }
}

/** Tax exemptions (`/settings/taxexemptions`; US edition). `list()` reads them in one call: the endpoint has no paging. */
export class TaxExemptionsResource extends FinanceResource<
  typeof FinanceTaxExemptionSchema,
  typeof FinanceTaxExemptionCreateSchema,
  typeof FinanceTaxExemptionUpdateSchema
> {
  constructor(context: FinanceContext) {
    super(context, {
      path: '/settings/taxexemptions',
      one: 'tax_exemption',
      many: 'tax_exemptions',
      label: 'tax exemption',
      // Zoho's published description declares no page / per_page on this list.
      paged: false,
      record: FinanceTaxExemptionSchema,
      create: FinanceTaxExemptionCreateSchema,
      update: FinanceTaxExemptionUpdateSchema,
    });
  }
}
