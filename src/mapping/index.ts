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
export { moduleMap, moduleBinding, type ModuleBinding, type FsmModuleName, type FinanceResourceName } from './modules.js';
export { fieldCatalogue, FSM_GST_TREATMENTS, type FieldCatalogue, type CatalogueQuery, type MappingSide, type FieldSpec, type FieldType } from './catalogue/index.js';
export { defaultEntries, GST_TREATMENT_MAP, productTypeMap, type DefaultsOptions } from './defaults/index.js';
export { BUILT_IN_TRANSFORMS, type TransformDefinition } from './transforms.js';
export {
  REFERENCE_KINDS, createMapResolver, taxReferencePairs, type ReferenceKind, type ReferenceResolver, type ReferencePairs, type TaxIdMapRow,
} from './references.js';
export { normalizeMatchValue } from './match-keys.js';
export { parsePath, formatPath, FORBIDDEN_NAMES, type PathSegment } from './path.js';
