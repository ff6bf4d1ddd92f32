// Field mapping: module maps per sync type, field catalogues per module and edition, default
// mappings, transforms, validation, versioned storage and compiled converters.
export { FieldMapper, type CompiledMapping } from './field-mapper.js';
export type { FieldMapperOptions } from './options.js';
export type { ConvertOptions } from './compile/convert-options.js';
export {
  SYNC_TYPES,
  MAPPING_MODULES,
  MAPPING_DIRECTIONS,
  type SyncType,
  type MappingModule,
  type MappingDirection,
  type MappingEntry,
  type MappingEntryRef,
  type MappingChange,
  type MappingChanges,
  type MappingSnapshot,
  type MappedScalar,
  type ValueMap,
} from './types.js';
export type { ModuleBinding, FsmModuleName, FinanceResourceName } from './modules.js';
export type { FieldCatalogue, CatalogueQuery, MappingSide, FieldSpec, FieldType } from './catalogue/index.js';
export type { DefaultsOptions } from './defaults/index.js';
export type { TransformDefinition } from './transforms.js';
export {
  createMapResolver, taxReferencePairs, type ReferenceKind, type ReferenceResolver, type ReferencePairs, type TaxIdMapRow,
} from './references.js';
export type { PathSegment } from './path.js';
