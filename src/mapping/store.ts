import { ConfigError } from '../errors/config-error.js';
import type { TaxEdition } from '../schemas/edition-codes.js';
import type { Storage } from '../storage/storage.js';
import type { LogRecord } from './history.js';
import type { MappingEntry, MappingModule, SyncType } from './types.js';
import { isPlainObject } from './value-map.js';

/** A module's mapping as stored: the entries, their version and the log of changes. */
export interface StoredMapping {
  format: 1;
  module: MappingModule;
  syncType: SyncType;
  edition: TaxEdition;
  version: number;
  entries: MappingEntry[];
  log: LogRecord[];
}

function isStoredMapping(value: unknown): value is StoredMapping {
  if (!isPlainObject(value)) return false;
  return value.format === 1 && Number.isSafeInteger(value.version) && (value.version as number) >= 1
    && Array.isArray(value.entries) && Array.isArray(value.log) && typeof value.syncType === 'string' && typeof value.edition === 'string';
}

/**
 * Reads and writes mapping documents under `<prefix><module>` (default `mapping/companies`, ...).
 * Every write is a compare-and-set on the whole document, so two writers cannot lose each
 * other's change: the loser sees `false` and starts again from what is stored.
 */
export class MappingStore {
  readonly #storage: Storage;
  readonly #prefix: string;

  constructor(storage: Storage, prefix = 'mapping/') {
    this.#storage = storage;
    this.#prefix = prefix;
  }

  /** The storage key of a module's mapping. */
  key(module: MappingModule): string {
    return `${this.#prefix}${module}`;
  }

  /** The stored document, or `undefined` when the module has none yet. */
  async read(module: MappingModule, expected: { syncType: SyncType; edition: TaxEdition }): Promise<StoredMapping | undefined> {
    const value = await this.#storage.get<unknown>(this.key(module));
    if (value === undefined) return undefined;
    if (!isStoredMapping(value)) throw new ConfigError(`The value at storage key ${this.key(module)} is not a field mapping. Delete it, or give the FieldMapper another keyPrefix.`);
    if (value.syncType !== expected.syncType || value.edition !== expected.edition) {
      throw new ConfigError(
        `The ${module} mapping in storage was made for sync type ${value.syncType}, edition ${value.edition}, not ${expected.syncType}/${expected.edition}. ` +
        'The sync type and edition are fixed for an integration; use another keyPrefix for another one.',
      );
    }
    return value;
  }

  /** Writes `next` if the stored document is still `expected` (`undefined` = none). */
  write(module: MappingModule, expected: StoredMapping | undefined, next: StoredMapping): Promise<boolean> {
    return this.#storage.compareAndSet<StoredMapping>(this.key(module), expected, next);
  }
}
