import { ConfigError } from '../errors/config-error.js';
import { MappingError, type MappingIssue } from '../errors/mapping-error.js';
import { ValidationError } from '../errors/validation-error.js';
import type { TaxEdition } from '../schemas/edition-codes.js';
import type { FieldCatalogue, MappingSide } from './catalogue/index.js';
import { applyChange, cleanEntry } from './change.js';
import type { ConvertOptions } from './compile/convert-options.js';
import { appendLog, changesSince, diffEntries, type EntryKey } from './history.js';
import { matchValue } from './match-keys.js';
import { moduleContext, type ModuleContext } from './module-context.js';
import { moduleMap, type FsmModuleName, type ModuleBinding } from './modules.js';
import { resolveOptions, type FieldMapperOptions, type ResolvedOptions } from './options.js';
import { MappingStore, type StoredMapping } from './store.js';
import type { MappingChange, MappingChanges, MappingEntry, MappingModule, MappingSnapshot, SyncType } from './types.js';

/** A module's mapping compiled for one version: plain functions, no path parsing per record. */
export interface CompiledMapping {
  readonly module: MappingModule;
  readonly version: number;
  readonly binding: ModuleBinding;
  readonly entries: readonly MappingEntry[];
  /** An FSM record → the finance payload (only mapped fields, plus the module's customer type). */
  toFinance(record: unknown, options?: ConvertOptions): Record<string, unknown>;
  /** A finance record → the FSM payload (only mapped fields). */
  toFsm(record: unknown, options?: ConvertOptions): Record<string, unknown>;
}

// Compare-and-set retries before a change gives up: each retry means another writer won a race.
const MAX_ATTEMPTS = 8;

const copy = <T>(value: T): T => structuredClone(value);

/**
 * Module and field mappings between FSM and Books/Invoice: created automatically for the sync type
 * and edition, changeable at any time, validated before anything is stored, versioned in Storage,
 * and compiled into plain converter functions per version.
 *
 * @example
 * ```ts
 * const mapper = new FieldMapper({ storage, syncType: 'III', edition: 'in' });
 * await mapper.createDefaults();
 * await mapper.update('companies', { set: [{ fsm: 'Region__C', finance: 'custom_fields[label=Region].value', direction: 'both' }] });
 * const { toFinance } = await mapper.converter('companies');
 * const payload = toFinance(fsmCompany, { resolve });
 * ```
 */
export class FieldMapper {
  readonly #options: ResolvedOptions;
  readonly #store: MappingStore;
  readonly #contexts = new Map<MappingModule, ModuleContext>();
  readonly #compiled = new Map<MappingModule, CompiledMapping>();

  /** @throws ConfigError when an option is missing or wrong. */
  constructor(options: FieldMapperOptions) {
    this.#options = resolveOptions(options);
    this.#store = new MappingStore(this.#options.storage, this.#options.keyPrefix);
  }

  get syncType(): SyncType {
    return this.#options.syncType;
  }

  get edition(): TaxEdition {
    return this.#options.edition;
  }

  /** The module map of the sync type: which finance resource each FSM module maps to (product-rules.md §3.2). */
  modules(): readonly ModuleBinding[] {
    return moduleMap(this.#options.syncType);
  }

  /** One module's binding. @throws MappingError `MAPPING_UNKNOWN_MODULE`. */
  binding(module: MappingModule): ModuleBinding {
    return this.#context(module).binding;
  }

  /** The fields entries of a module may name, per side, in this edition. */
  catalogue(module: MappingModule): { fsm: FieldCatalogue; finance: FieldCatalogue } {
    const { fsm, finance } = this.#context(module);
    return { fsm, finance };
  }

  /** The default entries of a module for this sync type and edition. */
  defaults(module: MappingModule): MappingEntry[] {
    return this.#context(module).defaults();
  }

  /** Checks entries without storing anything: every issue, as an update would report it. */
  validate(module: MappingModule, entries: unknown): MappingIssue[] {
    const outcome = this.#context(module).validate(entries);
    return outcome.ok ? [] : outcome.issues;
  }

  /**
   * Stores the default mapping of every module of the sync type that has none yet (OrgSelector's
   * onboarding step). Idempotent: existing mappings are left as they are.
   */
  async createDefaults(): Promise<MappingSnapshot[]> {
    const snapshots: MappingSnapshot[] = [];
    for (const binding of this.modules()) snapshots.push(this.#snapshot(await this.#load(binding.module)));
    return snapshots;
  }

  /** A module's current mapping; the defaults are stored first if there is none. */
  async get(module: MappingModule): Promise<MappingSnapshot> {
    return this.#snapshot(await this.#load(module));
  }

  /**
   * Changes a module's mapping. The result is validated as a whole; a refused change throws a
   * `MappingError` and stores nothing. Concurrent changes are serialised by compare-and-set: each
   * is applied to the latest stored mapping, so none is lost. With `expectedVersion`, the change is
   * refused (`MAPPING_VERSION_CONFLICT`) unless the stored mapping is still at that version.
   */
  async update(module: MappingModule, change: MappingChange, options: { expectedVersion?: number } = {}): Promise<MappingSnapshot> {
    return this.#change(module, (current) => applyChange(current, change), options.expectedVersion);
  }

  /** Puts a module back to its defaults (a new version, logged like any change). */
  async reset(module: MappingModule, options: { expectedVersion?: number } = {}): Promise<MappingSnapshot> {
    const context = this.#context(module);
    return this.#change(module, () => {
      const entries = context.defaults();
      return { entries, fromSet: entries.map(() => undefined) };
    }, options.expectedVersion);
  }

  /**
   * What changed in a module's mapping after `version`: the entries whose fields the syncer should
   * backfill on its next run. `full` means the log does not reach back that far: backfill all.
   */
  async changedFieldsSince(module: MappingModule, version: number): Promise<MappingChanges> {
    if (!Number.isSafeInteger(version) || version < 0) {
      throw new ValidationError('changedFieldsSince needs a version: a whole number ≥ 0.', [{ path: ['version'], message: 'is not a whole number ≥ 0' }]);
    }
    const stored = await this.#load(module);
    const changes = changesSince(stored.entries, stored.log, version, stored.version);
    return { module, since: version, version: stored.version, ...copy(changes) };
  }

  /** The module's converters for its current version, compiled once per version. */
  async converter(module: MappingModule): Promise<CompiledMapping> {
    const stored = await this.#load(module);
    const cached = this.#compiled.get(module);
    if (cached && cached.version === stored.version) return cached;
    const context = this.#context(module);
    const { toFinance, toFsm } = context.compile(stored.entries);
    const oneWay = !context.binding.directions.includes('to_fsm');
    const compiled: CompiledMapping = Object.freeze({
      module,
      version: stored.version,
      binding: context.binding,
      entries: Object.freeze(copy(stored.entries)),
      toFinance,
      toFsm: oneWay
        ? () => {
            throw new ConfigError(`The ${module} module maps one way, FSM → finance (product-rules.md §3.1): there is no toFsm.`);
          }
        : toFsm,
    });
    this.#compiled.set(module, compiled);
    return compiled;
  }

  /**
   * Converts an FSM record into a finance payload with the current mapping. For batches, take
   * {@link converter} once and call its `toFinance`: this reads the stored version each call.
   * @throws ValidationError when the record does not fit (each issue names the field).
   */
  async toFinance(module: MappingModule, record: unknown, options?: ConvertOptions): Promise<Record<string, unknown>> {
    return (await this.converter(module)).toFinance(record, options);
  }

  /** Converts a finance record into an FSM payload with the current mapping (see {@link toFinance}). */
  async toFsm(module: MappingModule, record: unknown, options?: ConvertOptions): Promise<Record<string, unknown>> {
    return (await this.converter(module)).toFsm(record, options);
  }

  /**
   * The mapping module an FSM record goes through, or `undefined` when the sync type does not sync
   * it. Under type IV a contact with a company becomes its contact person, others individual
   * customers (product-rules.md §3.2).
   */
  route(fsmModule: FsmModuleName, record: unknown): MappingModule | undefined {
    const candidates = this.modules().filter((b) => b.fsm.module === fsmModule);
    if (candidates.length <= 1) return candidates[0]?.module;
    const company = typeof record === 'object' && record !== null && Object.hasOwn(record, 'Company') ? (record as Record<string, unknown>).Company : undefined;
    const when = company === undefined || company === null || company === '' ? 'without_company' : 'with_company';
    return candidates.find((b) => b.fsm.when === when)?.module;
  }

  /** The mapping module of a Books customer (by its `customer_sub_type`), person, item or invoice; `undefined` when not synced. */
  routeFinance(resource: ModuleBinding['finance']['resource'], record: unknown): MappingModule | undefined {
    const candidates = this.modules().filter((b) => b.finance.resource === resource);
    if (resource !== 'contacts') return candidates[0]?.module;
    const subType = typeof record === 'object' && record !== null ? (record as Record<string, unknown>).customer_sub_type : undefined;
    return candidates.find((b) => b.finance.customerSubType === (subType === 'individual' ? 'individual' : 'business'))?.module;
  }

  /** The first-run pairing key of a module (Company Name, Email, Item Name), if it has one. */
  matchKey(module: MappingModule): { fsm: string; finance: string } | undefined {
    return this.#context(module).binding.matchKey;
  }

  /** A record's normalised match value on one side (see `normalizeMatchValue`). */
  matchValue(module: MappingModule, side: MappingSide, record: unknown): string | undefined {
    return matchValue(this.#context(module).binding, side, record);
  }

  #context(module: MappingModule): ModuleContext {
    let context = this.#contexts.get(module);
    if (!context) {
      context = moduleContext(module, this.#options);
      this.#contexts.set(module, context);
    }
    return context;
  }

  #snapshot(stored: StoredMapping): MappingSnapshot {
    return { module: stored.module, version: stored.version, syncType: stored.syncType, edition: stored.edition, entries: copy(stored.entries) };
  }

  #initial(module: MappingModule): StoredMapping {
    const context = this.#context(module);
    const entries = context.defaults();
    const outcome = context.validate(entries);
    // A default that does not validate is a bug of ours; refuse loudly rather than store it.
    if (!outcome.ok) throw new MappingError(module, outcome.issues);
    const { syncType, edition } = this.#options;
    return {
      format: 1, module, syncType, edition, version: 1, entries: entries.map(cleanEntry),
      log: [{ version: 1, changed: entries.map((e): EntryKey => [e.fsm, e.finance]), removed: [] }],
    };
  }

  async #load(module: MappingModule): Promise<StoredMapping> {
    this.#context(module);
    const expected = { syncType: this.#options.syncType, edition: this.#options.edition };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stored = await this.#store.read(module, expected);
      if (stored) return stored;
      const initial = this.#initial(module);
      if (await this.#store.write(module, undefined, initial)) return initial;
    }
    throw this.#contended(module);
  }

  async #change(
    module: MappingModule,
    propose: (current: readonly MappingEntry[]) => ReturnType<typeof applyChange>,
    expectedVersion: number | undefined,
  ): Promise<MappingSnapshot> {
    const context = this.#context(module);
    if (expectedVersion !== undefined && !Number.isSafeInteger(expectedVersion)) {
      throw new MappingError(module, [{ code: 'MAPPING_INVALID_ENTRY', path: ['expectedVersion'], message: 'expectedVersion must be a whole number' }]);
    }
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.#load(module);
      if (expectedVersion !== undefined && current.version !== expectedVersion) {
        throw new MappingError(module, [{
          code: 'MAPPING_VERSION_CONFLICT',
          path: ['expectedVersion'],
          message: `the mapping is at version ${current.version}, not ${expectedVersion}: reload it and apply the change again`,
        }]);
      }
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
      if (diff.changed.length === 0 && diff.removed.length === 0) return this.#snapshot(current);
      const version = current.version + 1;
      const next: StoredMapping = { ...current, version, entries, log: appendLog(current.log, { version, ...diff }) };
      if (await this.#store.write(module, current, next)) return this.#snapshot(next);
    }
    throw this.#contended(module);
  }

  #contended(module: MappingModule): MappingError {
    return new MappingError(module, [{
      code: 'MAPPING_VERSION_CONFLICT',
      path: [],
      message: `the stored mapping kept changing during ${MAX_ATTEMPTS} attempts; try again`,
    }]);
  }
}
