import { ConfigError } from '../errors/config-error.js';
import { isTaxEdition, TAX_EDITIONS, type TaxEdition } from '../schemas/edition-codes.js';
import type { Storage } from '../storage/storage.js';
import type { FieldType } from './catalogue/field-spec.js';
import { transformNameProblem, transformRegistry, type TransformDefinition, type TransformRegistry } from './transforms.js';
import { SYNC_TYPES, type SyncType } from './types.js';
import { isPlainObject } from './value-map.js';

/** Options of {@link FieldMapper}. */
export interface FieldMapperOptions {
  /** Where mappings live (`mapping/<module>` keys); the same storage the rest of the integration uses. */
  storage: Storage;
  /** The integration's sync type; fixed for its life. */
  syncType: SyncType;
  /** The tax edition shared by the FSM and finance orgs. */
  edition: TaxEdition;
  /** The org has multiple currencies: map currency and exchange rate. Default false. */
  multiCurrency?: boolean;
  /** Your own transforms, by name, usable in entries next to the built-ins. */
  transforms?: Readonly<Record<string, TransformDefinition>>;
  /** Storage key prefix. Default `'mapping/'`. */
  keyPrefix?: string;
}

/** Options checked once, at construction: configuration is resolved once, with clear errors. */
export interface ResolvedOptions {
  storage: Storage;
  syncType: SyncType;
  edition: TaxEdition;
  multiCurrency: boolean;
  transforms: TransformRegistry;
  keyPrefix: string;
}

const FIELD_TYPES: readonly FieldType[] = ['string', 'number', 'integer', 'boolean', 'date', 'datetime', 'enum', 'ref', 'unknown'];

function checkTransforms(transforms: unknown): Readonly<Record<string, TransformDefinition>> {
  if (transforms === undefined) return {};
  if (!isPlainObject(transforms)) throw new ConfigError('FieldMapper option "transforms" must be an object of name → { output, toFinance, toFsm? }.');
  for (const [name, definition] of Object.entries(transforms)) {
    const problem = transformNameProblem(name);
    if (problem) throw new ConfigError(`FieldMapper option "transforms": ${problem}.`);
    const d = definition as Partial<TransformDefinition> | null;
    const valid = typeof d === 'object' && d !== null && typeof d.toFinance === 'function' && (d.toFsm === undefined || typeof d.toFsm === 'function')
      && (d.output === 'same' || FIELD_TYPES.includes(d.output as FieldType))
      && (d.accepts === undefined || (Array.isArray(d.accepts) && d.accepts.every((t) => FIELD_TYPES.includes(t))));
    if (!valid) throw new ConfigError(`FieldMapper transform "${name}" must be { output: ${FIELD_TYPES.join(' | ')} | 'same', accepts?: types[], toFinance(value), toFsm?(value) }.`);
  }
  return transforms as Readonly<Record<string, TransformDefinition>>;
}

/** Checks and completes the options. @throws ConfigError naming the bad option. */
export function resolveOptions(options: FieldMapperOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw new ConfigError('FieldMapper needs options { storage, syncType, edition }.');
  const { storage, syncType, edition } = options;
  if (typeof storage?.get !== 'function' || typeof storage.compareAndSet !== 'function') throw new ConfigError('FieldMapper option "storage" must be a Storage (MemoryStorage, SqliteStorage or your own).');
  if (!SYNC_TYPES.includes(syncType)) throw new ConfigError(`FieldMapper option "syncType" must be one of ${SYNC_TYPES.join(', ')}.`);
  if (!isTaxEdition(edition)) throw new ConfigError(`FieldMapper option "edition" must be one of ${TAX_EDITIONS.join(', ')}.`);
  if (options.multiCurrency !== undefined && typeof options.multiCurrency !== 'boolean') throw new ConfigError('FieldMapper option "multiCurrency" must be true or false.');
  const keyPrefix = options.keyPrefix ?? 'mapping/';
  if (typeof keyPrefix !== 'string' || keyPrefix === '') throw new ConfigError('FieldMapper option "keyPrefix" must be a non-empty string.');
  return { storage, syncType, edition, multiCurrency: options.multiCurrency ?? false, transforms: transformRegistry(checkTransforms(options.transforms)), keyPrefix };
}
