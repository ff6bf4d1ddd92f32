import { ValidationError, type ValidationIssue } from '../../errors/validation-error.js';
import type { FieldSpec } from '../catalogue/field-spec.js';
import type { ModuleBinding } from '../modules.js';
import { formatPath, splitAtEach, type PathSegment } from '../path.js';
import type { TransformRegistry } from '../transforms.js';
import type { CheckedEntry } from '../validate-entry.js';
import { valueTables } from '../value-map.js';
import type { ConvertOptions, RunState } from './convert-options.js';
import { compileStep, type Step, type Way } from './convert-step.js';
import { compileReader, type PathReader } from './read-path.js';
import { compileWriter } from './write-path.js';

// The location of top-level fields in issues; shared so a conversion allocates no array per field.
const TOP: ReadonlyArray<string | number> = /* @__PURE__ */ Object.freeze([]);

/** A compiled one-direction converter. */
export type Converter = (record: unknown, options?: ConvertOptions) => Record<string, unknown>;

/** What compiling needs besides the checked entries. */
export interface CompileContext {
  readonly binding: ModuleBinding;
  readonly transforms: TransformRegistry;
  /** Reader of a virtual container (`Lines`) on the FSM side, if the catalogue computes it. */
  readonly container: (side: 'fsm' | 'finance', path: string) => FieldSpec['read'];
  /** Reader of a virtual field (`Full_Name`, `Customer`), if the catalogue computes it. */
  readonly virtual: (side: 'fsm' | 'finance', field: FieldSpec) => FieldSpec['read'];
}

interface ArrayGroup {
  read: PathReader;
  sourceLabel: string;
  targetName: string;
  write: ReturnType<typeof compileWriter>;
  steps: Step[];
}

function sides(entry: CheckedEntry, way: Way) {
  return way === 'toFinance'
    ? { source: entry.fsmField, sourcePath: entry.fsmPath, target: entry.financeField, targetPath: entry.financePath, sourceSide: 'fsm' as const }
    : { source: entry.financeField, sourcePath: entry.financePath, target: entry.fsmField, targetPath: entry.fsmPath, sourceSide: 'finance' as const };
}

// Virtual readers take a record; the converters accept anything object-shaped.
function recordReader(read: NonNullable<FieldSpec['read']>): PathReader {
  return (record) => (typeof record === 'object' && record !== null && !Array.isArray(record) ? read(record as Record<string, unknown>) : undefined);
}

function stepFor(entry: CheckedEntry, way: Way, sourcePath: readonly PathSegment[], targetPath: readonly PathSegment[], context: CompileContext): Step {
  const { source, target, sourceSide } = sides(entry, way);
  const virtual = context.virtual(sourceSide, source);
  const table = entry.entry.valueMap === undefined ? undefined : valueTables(entry.entry.valueMap)[way];
  return compileStep({
    way,
    source,
    sourcePath,
    target,
    read: virtual ? recordReader(virtual) : compileReader(sourcePath),
    write: compileWriter(targetPath),
    transform: entry.entry.transform === undefined ? undefined : context.transforms.get(entry.entry.transform),
    table,
    required: entry.entry.required === true,
  });
}

// An array's path as a key path: `line_items[]` is written as the property `line_items`.
function asKeys(segments: readonly PathSegment[]): PathSegment[] {
  return segments.map((s) => (s.kind === 'each' ? { kind: 'key', name: s.name } : s));
}

/**
 * The top-level fields of the source records a direction's converter reads: each entry's first
 * path segment, or the fields a virtual field's reader names (`reads`). `undefined` when a reader
 * does not say what it reads (the converter may read any field).
 */
function readFields(entries: readonly CheckedEntry[], way: Way, context: CompileContext): string[] | undefined {
  const fields = new Set<string>();
  for (const entry of entries) {
    if (way === 'toFinance' ? !entry.writesFinance : !entry.writesFsm) continue;
    const { source, sourcePath, sourceSide } = sides(entry, way);
    const first = sourcePath[0];
    if (first === undefined) return undefined;
    const split = splitAtEach(sourcePath);
    if (split) {
      // An array entry reads its elements from the array's top-level field, or from a container.
      if (context.container(sourceSide, formatPath(asKeys(split.array)))) return undefined;
      fields.add(first.name);
      continue;
    }
    if (context.virtual(sourceSide, source)) {
      if (source.reads === undefined) return undefined;
      for (const name of source.reads) fields.add(name);
      continue;
    }
    fields.add(first.name);
  }
  return [...fields];
}

function compileWay(entries: readonly CheckedEntry[], way: Way, context: CompileContext, module: string): Converter {
  const steps: Step[] = [];
  const groups = new Map<string, ArrayGroup>();
  for (const entry of entries) {
    if (way === 'toFinance' ? !entry.writesFinance : !entry.writesFsm) continue;
    const { sourcePath, targetPath, sourceSide } = sides(entry, way);
    const source = splitAtEach(sourcePath);
    const target = splitAtEach(targetPath);
    if (!source || !target) {
      steps.push(stepFor(entry, way, sourcePath, targetPath, context));
      continue;
    }
    const key = formatPath(source.array);
    let group = groups.get(key);
    if (!group) {
      const arrayPath = asKeys(source.array);
      const container = context.container(sourceSide, formatPath(arrayPath));
      group = {
        read: container ? recordReader(container) : compileReader(arrayPath),
        sourceLabel: formatPath(arrayPath),
        targetName: formatPath(target.array),
        write: compileWriter(asKeys(target.array)),
        steps: [],
      };
      groups.set(key, group);
    }
    group.steps.push(stepFor(entry, way, source.element, target.element, context));
  }
  const arrays = [...groups.values()];
  const constants = way === 'toFinance' ? Object.entries(context.binding.financeConstants) : [];
  const direction = way === 'toFinance' ? 'FSM → finance' : 'finance → FSM';

  return (record, options = {}) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new ValidationError(`Cannot map the ${module} record ${direction}: the record must be an object.`, [{ path: [], message: 'is not an object', code: 'invalid_type' }]);
    }
    const run: RunState = { options, issues: [] as ValidationIssue[] };
    const out: Record<string, unknown> = {};
    for (const [name, value] of constants) out[name] = value;
    for (const step of steps) step(record, out, run, TOP);
    for (const group of arrays) {
      const list = group.read(record);
      if (list === undefined) continue;
      if (!Array.isArray(list)) {
        if (list !== null) run.issues.push({ path: group.sourceLabel.split('.'), message: `${group.sourceLabel} is not a list`, code: 'invalid_type' });
        continue;
      }
      const converted = list.map((element: unknown, i) => {
        const item: Record<string, unknown> = {};
        for (const step of group.steps) step(element, item, run, [group.sourceLabel, i]);
        return item;
      });
      group.write(out, converted, undefined);
    }
    if (run.issues.length > 0) {
      const shown = run.issues.slice(0, 3).map((i) => i.message).join('; ');
      const more = run.issues.length > 3 ? ` (and ${run.issues.length - 3} more)` : '';
      throw new ValidationError(`Cannot map the ${module} record ${direction}: ${shown}${more}.`, run.issues);
    }
    return out;
  };
}

/**
 * Compiles checked entries into the two converters, once per mapping version: paths are parsed,
 * readers, writers, coercers and value tables built here, so a conversion is plain function calls.
 */
export function compileConverters(entries: readonly CheckedEntry[], context: CompileContext, module: string): CompiledConverters {
  return {
    toFinance: compileWay(entries, 'toFinance', context, module),
    toFsm: compileWay(entries, 'toFsm', context, module),
    sourceFields: { fsm: readFields(entries, 'toFinance', context), finance: readFields(entries, 'toFsm', context) },
  };
}

/** The two converters of a module's entries, and the fields each reads. */
export interface CompiledConverters {
  toFinance: Converter;
  toFsm: Converter;
  /**
   * The top-level fields of an FSM record `toFinance` reads (`fsm`), and of a finance record
   * `toFsm` reads (`finance`); `undefined` for a side whose converter may read any field.
   */
  sourceFields: { fsm: readonly string[] | undefined; finance: readonly string[] | undefined };
}
