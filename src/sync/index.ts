// Two-way sync of Companies, Contacts and Services & Parts (DESIGN.md, BidirectionalSyncer).
export { BidirectionalSyncer, type BidirectionalSyncerOptions, type SyncRunOptions } from './syncer.js';
export type { SyncOneOptions, SyncOneResult, SyncOneAction, SyncOneSide } from './sync-one-result.js';
export type { SyncSide } from './sync-keys.js';
export type { DeletePolicy, DuplicatePolicy, SyncEvents } from './run-context.js';
export type {
  RecordSource, SourceRecord, SourcePage, ReadOptions, SourceMemo, RecordCallOptions, WriteResult, ChangeFeed, CollectionCapabilities, SyncCollection, SourceLimits,
} from './record-source.js';
export { zohoFsmSource, type ZohoFsmSourceOptions } from './sources/zoho-fsm.js';
export { zohoFinanceSource, type ZohoFinanceSourceOptions } from './sources/zoho-finance.js';
export type { SyncMapper, SyncConverter } from './sync-mapper.js';
export { latestSide, type ConflictPolicy, type ConflictChoice, type SyncConflict } from './conflict-policies.js';
export type { ConflictStore, StoredConflict } from './conflict-store.js';
export { failuresToCsv, type SyncLog } from './sync-log.js';
export type { SyncReport, DirectionCounts, EntityReport, FailureGroup, FailedRecord, PlannedChange, SyncDirection } from './report.js';
export type {
  SyncEstimate, SyncEstimateOptions, SideEstimate, EntityCallEstimate, EstimateLimits, EstimateSideLimits,
} from './estimate.js';
export { SYNC_ENTITIES, syncUnits, type SyncEntity, type SyncUnit } from './sync-units.js';
export type { TaxIdSource } from './link-resolver.js';
export { contentHash } from './content-hash.js';
export { mergeRecord, type MergeEntry, type MergeInput, type MergeResult } from './three-way-merge.js';
export {
  enableTwoWaySync, twoWaySyncState, TWO_WAY_SYNC_KEY_PREFIX,
  type EnableTwoWaySyncOptions, type EnableTwoWaySyncResult, type TwoWaySyncState, type TwoWaySyncStateOptions, type ImportLeaseRecord, type ImportOutcome,
} from './two-way-state.js';
export {
  importFromFinance, type ImportFromFinanceOptions, type FinanceImportReport, type ImportedRecord, type ImportFailure, type ImportProgress,
} from './finance-import.js';
export { countLinkedRecords, type CountLinkedRecordsOptions, type LinkedRecordCount } from './linked-records.js';
