import type { FieldSpec } from '../catalogue/field-spec.js';
import { formatPath, type PathSegment } from '../path.js';
import { isKindedReference, type ReferenceKind } from '../references.js';
import { TransformRefusal, type TransformDefinition } from '../transforms.js';
import type { MappedScalar } from '../types.js';
import { valueKey } from '../value-map.js';
import { coercer, misfitMessage, MISFIT } from './coerce.js';
import type { RunState } from './convert-options.js';
import type { PathReader } from './read-path.js';
import type { PathWriter } from './write-path.js';

/** Which way a compiled step carries values. */
export type Way = 'toFinance' | 'toFsm';

/** One compiled entry in one direction: reads the source, converts, writes the target. */
export type Step = (record: unknown, out: Record<string, unknown>, run: RunState, where: ReadonlyArray<string | number>) => void;

/** Everything a step is built from, resolved when the mapping version is compiled. */
export interface StepSpec {
  readonly way: Way;
  readonly source: FieldSpec;
  readonly sourcePath: readonly PathSegment[];
  readonly target: FieldSpec;
  readonly read: PathReader;
  readonly write: PathWriter;
  readonly transform: TransformDefinition | undefined;
  readonly table: ReadonlyMap<string, MappedScalar> | undefined;
  readonly required: boolean;
}

const SKIP: unique symbol = Symbol('skip');

function refId(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, 'id')) return refId((value as { id: unknown }).id);
  return undefined;
}

function blank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Compiles one entry's step for one direction. */
export function compileStep(spec: StepSpec): Step {
  const fit = coercer(spec.target);
  const fn = spec.transform ? (spec.way === 'toFinance' ? spec.transform.toFinance : (spec.transform.toFsm ?? spec.transform.toFinance)) : undefined;
  const label = formatPath(spec.sourcePath).split('.');
  const targetEnum = spec.target.type === 'enum' ? new Set(spec.target.enum ?? []) : undefined;
  const side = spec.way === 'toFinance' ? 'finance' : 'FSM';

  const fail = (run: RunState, where: ReadonlyArray<string | number>, message: string, code: string): typeof SKIP => {
    run.issues.push({ path: [...where, ...label], message: `${formatPath(spec.sourcePath)} ${message}`, code });
    return SKIP;
  };

  const reference = (value: unknown, run: RunState, where: ReadonlyArray<string | number>): unknown => {
    const kinded = isKindedReference(value);
    const kind = (kinded ? value.kind : spec.source.ref) as Exclude<ReferenceKind, 'customers'> | 'customers' | undefined;
    const id = refId(kinded ? value.id : value);
    if (id === undefined) return fail(run, where, `is ${typeof value === 'object' ? 'an object without an id' : typeof value}, not an id`, 'invalid_reference');
    if (id === '') return null;
    if (kind === undefined || kind === 'customers') return fail(run, where, 'does not say what it points at', 'invalid_reference');
    const { resolve, unresolved } = run.options;
    const found = resolve === undefined ? undefined : spec.way === 'toFinance' ? resolve.toFinance(kind, id) : resolve.toFsm(kind, id);
    if (found !== undefined) return found;
    if (unresolved === 'omit') return SKIP;
    const hint = resolve === undefined ? 'pass options.resolve' : 'link or push it first, or convert with unresolved: "omit"';
    return fail(run, where, `points at ${kind} ${id}, which has no ${side} counterpart (${hint})`, 'unresolved_reference');
  };

  return (record, out, run, where) => {
    const raw = spec.read(record);
    if (raw === undefined) {
      if (spec.required && !run.options.partial) fail(run, where, 'is required by the mapping and missing', 'required');
      return;
    }
    let value: unknown = raw;
    if (value !== null && spec.source.type === 'ref') value = reference(value, run, where);
    else if (value !== null && fn) {
      try {
        value = fn(value);
      } catch (error) {
        const reason = error instanceof TransformRefusal ? error.message : `failed in transform: ${error instanceof Error ? error.message : String(error)}`;
        value = fail(run, where, reason, 'transform');
      }
    }
    if (value === SKIP) return;
    if (spec.required && blank(value)) {
      fail(run, where, 'is required by the mapping and empty', 'required');
      return;
    }
    if (value !== null && value !== undefined && spec.table) {
      const key = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? valueKey(value) : undefined;
      const mapped = key === undefined ? undefined : spec.table.get(key);
      if (mapped !== undefined) value = mapped;
      else if (targetEnum && !targetEnum.has(value as string)) {
        fail(run, where, `is ${JSON.stringify(value)}, which the value map does not cover`, 'unmapped_value');
        return;
      }
    }
    if (value === undefined) return;
    if (value !== null && spec.target.type !== 'ref') {
      const fitted = fit(value);
      if (fitted === MISFIT) {
        fail(run, where, misfitMessage(value, spec.target), 'invalid_type');
        return;
      }
      value = fitted;
    }
    // Element ids are carried only at the top level: array elements mapped one to one have none.
    spec.write(out, value, where.length === 0 ? run.options.existing : undefined);
  };
}
