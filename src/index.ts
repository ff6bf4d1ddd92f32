/**
 * `fsm-billing-sync`: the core entry, runtime-agnostic (fetch, URL, AbortSignal, crypto.subtle).
 *
 * @packageDocumentation
 * @module fsm-billing-sync
 */

// Errors
export * from './errors/index.js';

// Time, events, regions
export { type Clock, systemClock } from './clock.js';
export { ManualClock, type ManualClockOptions } from './manual-clock.js';
export type { TypedEmitter, EventMap, Listener } from './events.js';
export { REGIONS, REGION_HOSTS, isRegion, regionHosts, type Region, type RegionHosts } from './regions.js';

// Storage
export type { Storage, StorageOp, StorageEntry, StorageListOptions } from './storage/storage.js';
export { MemoryStorage } from './storage/memory-storage.js';
export { compareStorageKeys, storagePrefixUpperBound } from './storage/key-order.js';
export { storageValuesEqual, STORAGE_MAX_DEPTH } from './storage/json-value.js';
export { checkStorageBatch, encodeStorageValue, prepareStorageBatch, type PreparedStorageOp } from './storage/storage-input.js';
export { EncryptedStorage, type EncryptedStorageOptions, type RotateResult } from './storage/encrypted-storage.js';
export type { EncryptionKey, SealedValue } from './storage/value-cipher.js';

// Transport and the request pipeline's public pieces
export type { Transport, TransportRequest, TransportResponse, HttpMethod } from './transport/transport.js';
export { createFetchTransport, createKyTransport, type FetchTransportOptions, type KyTransportOptions } from './transport/fetch-transport.js';
export { RateLimiter, type RateLimits, type RateLimiterOptions, type RateLimitWait } from './transport/rate-limiter.js';
export { PLAN_LIMITS, type ResolvedLimits, type ZohoPlan } from './transport/plan-limits.js';
export type { OrgLimitsInfo } from './client/org-limits.js';
export type { RetryOptions } from './transport/retry-policy.js';
export { Paginator, type Page, type PageFetcher, type PageSort } from './transport/paginator.js';
export type { ClientEvents, LimitsSource } from './transport/pipeline-events.js';
export type { ApiRequest } from './transport/request-pipeline.js';
export type { ZohoService } from './transport/zoho-reply.js';

// Auth
export {
  StaticTokenProvider,
  RefreshTokenProvider,
  resolveTokenProvider,
  type AccessToken,
  type GetTokenOptions,
  type TokenProvider,
  type StaticTokenProviderOptions,
  type RefreshTokenProviderOptions,
  type TokenRefreshInfo,
  type TokenThrottleInfo,
  type AuthOptions,
  type AccessTokenAuth,
  type RefreshTokenAuth,
  type ResolveAuthDeps,
} from './auth/index.js';

// Client
export { IntegrationClient, type IntegrationClientOptions, type FinanceTarget } from './client/integration-client.js';
export type { FinanceApi } from './client/finance/finance-api.js';
export type { FinanceApp } from './client/finance/finance-context.js';
export type { FinanceRecordResource, FinanceResource, FinanceResourceSpec } from './client/finance/finance-resource.js';
export type { ActivatableFinanceResource } from './client/finance/activatable-resource.js';
export type { ContactsResource, ContactListParams } from './client/finance/contacts.js';
export type { ContactPersonsResource } from './client/finance/contact-persons.js';
export type { ItemsResource, ItemListParams } from './client/finance/items.js';
export type { InvoicesResource, InvoiceListParams, PaymentLinkOptions } from './client/finance/invoices.js';
export type { CustomerPaymentsResource, CustomerPaymentListParams } from './client/finance/customer-payments.js';
export type { ChartOfAccountsResource, AccountListParams, AccountTypeFilter } from './client/finance/chart-of-accounts.js';
export type { EstimatesResource, EstimateListParams } from './client/finance/estimates.js';
export type { SalesOrdersResource, SalesOrderListParams } from './client/finance/sales-orders.js';
export type { OrganizationsResource } from './client/finance/organizations.js';
export type { TaxesResource, TaxAuthoritiesResource, TaxExemptionsResource } from './client/finance/taxes.js';
export type { TaxGroupsResource } from './client/finance/tax-groups.js';
export type { FsmApi } from './client/fsm/fsm-api.js';
export type { FsmModuleResource, FsmModuleSpec, FsmComparator, FsmSearchOptions } from './client/fsm/fsm-module-resource.js';
export type { FsmSyncableModuleResource, FsmSyncProcess } from './client/fsm/fsm-sync-actions.js';
export type { FsmWriteResult } from './client/fsm/fsm-write-result.js';
export type { FsmGuardedModuleResource, GuardedCreateOptions } from './client/fsm/fsm-guarded-module-resource.js';
export { LINE_BILLING_STATUSES } from './client/fsm/fsm-work-order-resource.js';
export type { FsmWorkOrderResource, LineBillingStatus, LineBillingUpdate } from './client/fsm/fsm-work-order-resource.js';
export type { FinanceHealthGuard, HealthGuardOptions, FinanceHealthVerdict } from './client/fsm/finance-health-guard.js';
export type { ListOptions, CallOptions, CreateOptions } from './client/list-params.js';

// Eligibility (the pure rules are also the `fsm-billing-sync/eligibility` entry) and OrgSelector
export {
  evaluateEligibility,
  defineRule,
  defaultEligibilityRules,
  orgDeletedRule,
  orgInactiveRule,
  trialExpiredRule,
  avalaraRule,
  financeOrgFromZoho,
  zohoOrgEdition,
  evaluateSwitch,
  SWITCH_ATTEMPTS_PER_HOUR,
  type FinanceOrg,
  type AvalaraPolicy,
  type EligibilityReason,
  type EligibilityRule,
  type EligibilityRuleInit,
  type RuleContext,
  type EligibilityContext,
  type EligibilityResult,
  type IneligibleOrg,
  type OnboardingChoice,
  type ZohoOrganizationRecord,
  type SwitchInput,
} from './eligibility/index.js';
export {
  OrgSelector,
  type OrgSelectorOptions,
  type OrgChoices,
  type SelectChoice,
  type SwitchTarget,
  type SwitchOptions,
  type CreatableRecord,
} from './eligibility/org-selector.js';
export type { FinanceBinding } from './eligibility/finance-binding.js';
export type { FsmOrgProfile, FsmOrgSource } from './eligibility/fsm-org-profile.js';
export type { HealthReport, HealthProblem } from './eligibility/health.js';
export type { FieldMappingSetup, TaxSetup, StepSource, OnboardOptions, OnboardingReport, OnboardingStepReport } from './eligibility/onboarding.js';
export type { NewInvoiceOptions } from './eligibility/new-invoice-org.js';
export type { DescribeOrg } from './eligibility/org-listing.js';
export { SYNC_STATE_KEYS, type SwitchFactsProvider, type GivenSwitchFacts } from './eligibility/switch-facts.js';

// Field mapping
export * from './mapping/index.js';

// Taxes
export * from './tax/index.js';

// Two-way sync
export * from './sync/index.js';

// Billing: invoices for work orders, payments, estimates, sales orders
export * from './billing/index.js';

// Wire schemas (zod) and their types
export * from './schemas/index.js';
