// Two-way sync of Companies, Contacts and Services & Parts: BidirectionalSyncer and what it needs.
//
// Where the parts live:
//   run/          a run: the syncer, its units, the reads (change detection, read ahead), the passes
//                 over records, creates and deletes, syncOne, the dry run's estimate, the import
//   state/        what a run keeps in storage between runs: links, bases, cursors, intents,
//                 conflicts, retry marks, the stage and memo a run reads through
//   merge/        the three-way merge, conflict policies, content hashes, field paths
//   sources/      the RecordSource contract, its guard, and the Zoho FSM and Books/Invoice sources
//   report/       the run report, the sync log, failure reasons and the CSV export
//   collections/  compact sets and maps (hashes, packed keys) that keep a large run's memory flat
// The run lease shared with TaxSync lives with storage (src/storage/run-lease.ts).
export { BidirectionalSyncer, type BidirectionalSyncerOptions, type SyncRunOptions } from './run/syncer.js';
export type { SyncOneOptions, SyncOneResult, SyncOneAction, SyncOneSide } from './run/sync-one-result.js';
export type { SyncSide } from './state/sync-keys.js';
export type { DeletePolicy, DuplicatePolicy, ReadProgress, SettleProgress, SyncEvents } from './run/run-context.js';
export type {
  RecordSource, SourceRecord, SourcePage, ReadOptions, SourceMemo, RecordCallOptions, WriteResult, ChangeFeed, CollectionCapabilities, SyncCollection, SourceLimits,
} from './sources/record-source.js';
export { zohoFsmSource, type ZohoFsmSourceOptions } from './sources/zoho-fsm.js';
export { zohoFinanceSource, type ZohoFinanceSourceOptions } from './sources/zoho-finance.js';
export type { SyncMapper, SyncConverter } from './merge/sync-mapper.js';
export type { ConflictPolicy, ConflictChoice, SyncConflict } from './merge/conflict-policies.js';
export type { ConflictStore, StoredConflict } from './state/conflict-store.js';
export { failuresToCsv, type SyncLog } from './report/sync-log.js';
export type { SyncReport, DirectionCounts, EntityReport, FailureGroup, FailedRecord, PlannedChange, SyncDirection } from './report/report.js';
export type {
  SyncEstimate, SyncEstimateOptions, SideEstimate, EntityCallEstimate, EstimateLimits, EstimateSideLimits,
} from './run/estimate.js';
export { SYNC_ENTITIES, type SyncEntity } from './run/sync-units.js';
export type { TaxIdSource } from './run/link-resolver.js';
export {
  enableTwoWaySync, twoWaySyncState,
  type EnableTwoWaySyncOptions, type EnableTwoWaySyncResult, type TwoWaySyncState, type TwoWaySyncStateOptions, type ImportLeaseRecord, type ImportOutcome,
} from './state/two-way-state.js';
export {
  importFromFinance, type ImportFromFinanceOptions, type FinanceImportReport, type ImportedRecord, type ImportFailure, type ImportProgress,
} from './run/finance-import.js';
export { countLinkedRecords, type CountLinkedRecordsOptions, type LinkedRecordCount } from './state/linked-records.js';
