// TaxSync: region-specific tax systems, pulled from or pushed to a finance org (docs/taxes.md).
export { TaxSync, type TaxSyncOptions, type TaxSyncEvents, type TaxSyncCallOptions } from './tax-sync.js';
export type { TaxConfig, TaxConfigInput, ConfigTax, ConfigTaxInput, ConfigTaxGroup, ConfigTaxAuthority, ConfigTaxExemption, FinanceTaxSettings, TaxObjectKind } from './tax-config.js';
export { checkTaxConfig, defaultTaxConfig } from './check-tax-config.js';
export type { TaxIdMapEntry } from './tax-store.js';
export type { TaxPushItem, TaxPushReport } from './push.js';
export type { TaxHealthCode, TaxHealthProblem, TaxHealthOptions } from './health.js';

// Editions
export type { TaxEditionModel, TaxTypeInfo, TreatmentInfo, PlaceOfSupplyInfo, RegistrationInfo, TaxDefaults } from './edition-model.js';
export { TAX_EDITION_MODELS, taxEditionModel, CANADA_PROVINCE_TAXES } from './editions/index.js';

// Line prefill and totals
export { lineTax, PREFILL_MATRIX, type PrefillRow, type TaxableState } from './line-tax.js';
export { INDIA_PREFILL_MATRIX, type IndiaPrefillRow, type IndiaSupply } from './india-line-tax.js';
export type { LineTax, LineTaxInput, LineTaxParty, LineTaxCustomer, LineTaxItem, LineTaxSource } from './line-tax-types.js';
export type { LineTaxComponent } from './tax-lookup.js';
export { computeTotals, type TotalsResult, type TotalsLineResult, type TotalsTaxSummary } from './totals.js';
export type { TotalsLine, TotalsOptions, TotalsTax, TotalsRounding, TransactionDiscount, DiscountInput } from './totals-input.js';
export { Decimal, type DecimalInput, type RoundingMode } from './decimal.js';

// Registration numbers (pure, zod-free)
export * from './validators/index.js';
