import type { ConvertOptions } from '../../mapping/compile/convert-options.js';
import type { MappingSide } from '../../mapping/catalogue/index.js';
import type { MappingChanges, MappingEntry, MappingModule, SyncType } from '../../mapping/types.js';

/** A module's mapping compiled for one version, as the syncer uses it. */
export interface SyncConverter {
  readonly version: number;
  readonly entries: readonly MappingEntry[];
  /** An FSM record → finance fields (entries `both`, `to_finance`, plus the module's customer type). */
  toFinance(record: unknown, options?: ConvertOptions): Record<string, unknown>;
  /** A finance record → FSM fields (entries `both`, `to_fsm`). */
  toFsm(record: unknown, options?: ConvertOptions): Record<string, unknown>;
  /**
   * The top-level fields of an FSM record `toFinance` reads (`fsm`) and of a finance record `toFsm`
   * reads (`finance`). With them the syncer keeps, of each record it reads, only those and the
   * fields it reads itself (ids, times, match and required fields); a side left `undefined`, or
   * the property absent, keeps whole records.
   */
  readonly sourceFields?: { readonly fsm?: readonly string[] | undefined; readonly finance?: readonly string[] | undefined } | undefined;
}

/**
 * What the syncer needs from a field mapper, typed by shape: the SDK's `FieldMapper` fits as it
 * is. The syncer takes a module's compiled converter once per run, asks what changed since the
 * version its bases were built with (to backfill), and the normalised match value of a record.
 */
export interface SyncMapper {
  /** The integration's sync type: which units run. */
  readonly syncType: SyncType;
  /** The module's converters for its current version. */
  converter(module: MappingModule): Promise<SyncConverter>;
  /** Entries changed or removed after `version`; without it any version change backfills every field. */
  changedFieldsSince?(module: MappingModule, version: number): Promise<MappingChanges>;
  /** A record's normalised first-run match value (Company Name, Email, Item Name). */
  matchValue(module: MappingModule, side: MappingSide, record: unknown): string | undefined;
}
