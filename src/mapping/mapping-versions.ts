import { MappingError } from '../errors/mapping-error.js';
import type { TaxEdition } from '../schemas/edition-codes.js';
import { applyChange, cleanEntry } from './change.js';
import { appendLog, diffEntries, type EntryKey } from './history.js';
import type { ModuleContext } from './module-context.js';
import type { MappingStore, StoredMapping } from './store.js';
import type { MappingEntry, SyncType } from './types.js';

// Compare-and-set retries before a change gives up: each retry means another writer won a race.
export const MAX_ATTEMPTS = 8;

/** Where and for whom mappings are stored. */
export interface VersionsTarget {
  readonly store: MappingStore;
  readonly syncType: SyncType;
  readonly edition: TaxEdition;
}

/** Proposes new entries from the current ones (see `applyChange`). */
export type Proposal = (current: readonly MappingEntry[]) => ReturnType<typeof applyChange>;

function contended(module: string): MappingError {
  return new MappingError(module, [{ code: 'MAPPING_VERSION_CONFLICT', path: [], message: `the stored mapping kept changing during ${MAX_ATTEMPTS} attempts; try again` }]);
}

function initial(target: VersionsTarget, context: ModuleContext): StoredMapping {
  const entries = context.defaults();
  const outcome = context.validate(entries);
  // A default that does not validate is a bug of ours; refuse loudly rather than store it.
  if (!outcome.ok) throw new MappingError(context.module, outcome.issues);
  return {
    format: 1, module: context.module, syncType: target.syncType, edition: target.edition, version: 1,
    entries: entries.map(cleanEntry),
    log: [{ version: 1, changed: entries.map((e): EntryKey => [e.fsm, e.finance]), removed: [] }],
  };
}

// Entries an earlier release stored that this one no longer accepts become a new version, logged
// like any change, so `changedFieldsSince` tells the syncer what to write again.
function upgraded(context: ModuleContext, stored: StoredMapping): StoredMapping | undefined {
  const proposed = context.upgrade(stored.entries);
  if (!proposed) return undefined;
  const outcome = context.validate(proposed);
  if (!outcome.ok) return undefined;
  const entries = outcome.entries.map((e) => cleanEntry(e.entry));
  const version = stored.version + 1;
  return { ...stored, version, entries, log: appendLog(stored.log, { version, ...diffEntries(stored.entries, entries) }) };
}

/**
 * The stored mapping of a module, storing version 1 (the defaults) first if there is none, and
 * upgrading entries an earlier release stored (see `upgradeEntries`).
 */
export async function loadMapping(target: VersionsTarget, context: ModuleContext): Promise<StoredMapping> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const stored = await target.store.read(context.module, target);
    if (stored) {
      const next = upgraded(context, stored);
      if (!next) return stored;
      if (await target.store.write(context.module, stored, next)) return next;
      continue;
    }
    const first = initial(target, context);
    if (await target.store.write(context.module, undefined, first)) return first;
  }
  throw contended(context.module);
}

function versionConflict(module: string, current: number, expected: number): MappingError {
  return new MappingError(module, [{
    code: 'MAPPING_VERSION_CONFLICT',
    path: ['expectedVersion'],
    message: `the mapping is at version ${current}, not ${expected}: reload it and apply the change again`,
  }]);
}

/**
 * Applies a change: propose from the latest stored entries, validate the whole result, and
 * compare-and-set the next version. A lost race starts again from what the winner stored, so no
 * change is lost; a refusal throws before anything is written. A change that changes nothing
 * keeps the version.
 */
export async function changeMapping(target: VersionsTarget, context: ModuleContext, propose: Proposal, expectedVersion?: number): Promise<StoredMapping> {
  const { module } = context;
  if (expectedVersion !== undefined && !Number.isSafeInteger(expectedVersion)) {
    throw new MappingError(module, [{ code: 'MAPPING_INVALID_ENTRY', path: ['expectedVersion'], message: 'expectedVersion must be a whole number' }]);
  }
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await loadMapping(target, context);
    if (expectedVersion !== undefined && current.version !== expectedVersion) throw versionConflict(module, current.version, expectedVersion);
    const proposed = propose(current.entries);
    if (Array.isArray(proposed)) throw new MappingError(module, proposed);
    const outcome = context.validate(proposed.entries);
    if (!outcome.ok) {
      // Name entries that came from `set` by their place there, which is what the caller wrote.
      throw new MappingError(module, outcome.issues.map((issue) => {
        const j = issue.index === undefined ? undefined : proposed.fromSet[issue.index];
        return j === undefined ? issue : { ...issue, path: ['set', j, ...issue.path.slice(2)] };
      }));
    }
    const entries = outcome.entries.map((e) => cleanEntry(e.entry));
    const diff = diffEntries(current.entries, entries);
    if (diff.changed.length === 0 && diff.removed.length === 0) return current;
    const version = current.version + 1;
    const next: StoredMapping = { ...current, version, entries, log: appendLog(current.log, { version, ...diff }) };
    if (await target.store.write(module, current, next)) return next;
  }
  throw contended(module);
}
