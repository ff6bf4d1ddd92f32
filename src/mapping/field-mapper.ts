import { ConfigError } from '../errors/config-error.js';
import type { MappingIssue } from '../errors/mapping-error.js';
import { ValidationError } from '../errors/validation-error.js';
import type { TaxEdition } from '../schemas/edition-codes.js';
import type { FieldCatalogue, MappingSide } from './catalogue/index.js';
import { applyChange } from './change.js';
import type { ConvertOptions } from './compile/convert-options.js';
import { changesSince } from './history.js';
import { matchValue } from './match-keys.js';
import { moduleContext, type ModuleContext } from './module-context.js';
import { changeMapping, loadMapping, type VersionsTarget } from './mapping-versions.js';
import { moduleMap, type FinanceResourceName, type FsmModuleName, type ModuleBinding } from './modules.js';
import { resolveOptions, type FieldMapperOptions, type ResolvedOptions } from './options.js';
import { routeFinanceRecord, routeFsmRecord } from './routing.js';
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
  /**
   * The top-level fields of an FSM record `toFinance` reads (`fsm`) and of a finance record `toFsm`
   * reads (`finance`); `undefined` for a side whose converter may read any field.
   */
  readonly sourceFields: { readonly fsm: readonly string[] | undefined; readonly finance: readonly string[] | undefined };
}

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
  readonly #target: VersionsTarget;
  readonly #contexts = new Map<MappingModule, ModuleContext>();
  readonly #compiled = new Map<MappingModule, CompiledMapping>();

  /** @throws ConfigError when an option is missing or wrong. */
  constructor(options: FieldMapperOptions) {
    this.#options = resolveOptions(options);
    const { storage, keyPrefix, syncType, edition } = this.#options;
    this.#target = { store: new MappingStore(storage, keyPrefix), syncType, edition };
  }

  /** The integration's sync type, fixed at construction. */
  get syncType(): SyncType {
    return this.#options.syncType;
  }

  /** The tax edition, fixed at construction. */
  get edition(): TaxEdition {
    return this.#options.edition;
  }

  /** The module map of the sync type: which finance resource each FSM module maps to. */
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
    return this.#snapshot(await changeMapping(this.#target, this.#context(module), (current) => applyChange(current, change), options.expectedVersion));
  }

  /** Puts a module back to its defaults (a new version, logged like any change). */
  async reset(module: MappingModule, options: { expectedVersion?: number } = {}): Promise<MappingSnapshot> {
    const context = this.#context(module);
    const defaults = () => {
      const entries = context.defaults();
      return { entries, fromSet: entries.map(() => undefined) };
    };
    return this.#snapshot(await changeMapping(this.#target, context, defaults, options.expectedVersion));
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
    const { toFinance, toFsm, sourceFields } = context.compile(stored.entries);
    const oneWay = !context.binding.directions.includes('to_fsm');
    const compiled: CompiledMapping = Object.freeze({
      module,
      version: stored.version,
      binding: context.binding,
      entries: Object.freeze(copy(stored.entries)),
      toFinance,
      sourceFields: Object.freeze({ fsm: sourceFields.fsm && Object.freeze([...sourceFields.fsm]), finance: sourceFields.finance && Object.freeze([...sourceFields.finance]) }),
      toFsm: oneWay
        ? () => {
            throw new ConfigError(`The ${module} module maps one way, FSM → finance: there is no toFsm.`);
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
   * customers.
   */
  route(fsmModule: FsmModuleName, record: unknown): MappingModule | undefined {
    return routeFsmRecord(this.modules(), fsmModule, record);
  }

  /** The mapping module of a Books customer (by its `customer_sub_type`), person, item or invoice; `undefined` when not synced. */
  routeFinance(resource: FinanceResourceName, record: unknown): MappingModule | undefined {
    return routeFinanceRecord(this.modules(), resource, record);
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

  #load(module: MappingModule): Promise<StoredMapping> {
    return loadMapping(this.#target, this.#context(module));
  }
}
