import { MappingError, type MappingIssue } from '../errors/mapping-error.js';
import { containerReader, fieldCatalogue, type CatalogueQuery, type FieldCatalogue } from './catalogue/index.js';
import { compileConverters, type CompiledConverters } from './compile/compile.js';
import { defaultEntries } from './defaults/index.js';
import { moduleBinding, type ModuleBinding } from './modules.js';
import type { ResolvedOptions } from './options.js';
import type { MappingEntry, MappingModule } from './types.js';
import { upgradeEntries } from './upgrade.js';
import { validateEntries, type ValidationOutcome } from './validate.js';

/** Everything fixed about one module of one mapper: binding, catalogues, defaults. */
export interface ModuleContext {
  readonly module: MappingModule;
  readonly binding: ModuleBinding;
  readonly fsm: FieldCatalogue;
  readonly finance: FieldCatalogue;
  defaults(): MappingEntry[];
  validate(entries: unknown): ValidationOutcome;
  /** Stored entries brought in line with this release, or `undefined` when they need nothing. */
  upgrade(entries: readonly MappingEntry[]): MappingEntry[] | undefined;
  /** Validates and compiles entries; stored entries that no longer validate throw a MappingError. */
  compile(entries: readonly MappingEntry[]): CompiledConverters;
}

function unknownModule(module: unknown, options: ResolvedOptions): MappingError {
  const issue: MappingIssue = {
    code: 'MAPPING_UNKNOWN_MODULE',
    path: ['module'],
    message: `sync type ${options.syncType} has no module ${JSON.stringify(module)}`,
  };
  return new MappingError(String(module), [issue]);
}

/** Builds a module's context. @throws MappingError `MAPPING_UNKNOWN_MODULE` when the sync type does not map it. */
export function moduleContext(module: MappingModule, options: ResolvedOptions): ModuleContext {
  const binding = typeof module === 'string' ? moduleBinding(options.syncType, module) : undefined;
  if (!binding) throw unknownModule(module, options);
  const query = (side: 'fsm' | 'finance'): CatalogueQuery => ({ module, side, edition: options.edition, syncType: options.syncType });
  const fsm = fieldCatalogue(query('fsm'));
  const finance = fieldCatalogue(query('finance'));
  const validate = (entries: unknown) => validateEntries(entries, { fsm, finance, transforms: options.transforms });
  return {
    module,
    binding,
    fsm,
    finance,
    defaults: () => defaultEntries(module, { syncType: options.syncType, edition: options.edition, multiCurrency: options.multiCurrency }),
    validate,
    upgrade: (entries) => upgradeEntries(module, options.syncType, entries),
    compile(entries) {
      const outcome = validate(entries);
      if (!outcome.ok) throw new MappingError(module, outcome.issues);
      return compileConverters(outcome.entries, {
        binding,
        transforms: options.transforms,
        container: (side, path) => containerReader(query(side), path),
        virtual: (_side, field) => field.read,
      }, module);
    },
  };
}
