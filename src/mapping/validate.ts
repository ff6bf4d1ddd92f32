import type { MappingIssue } from '../errors/mapping-error.js';
import type { FieldCatalogue } from './catalogue/index.js';
import { formatPath, splitAtEach } from './path.js';
import { checkEntry, type CheckedEntry, type EntryContext } from './validate-entry.js';
import { checkEntryTypes } from './validate-types.js';

/** Most entries a module's mapping may hold: far above any real mapping, low enough to bound work. */
export const MAX_ENTRIES = 500;

/** The outcome of {@link validateEntries}: issues, or the checked entries ready to compile. */
export type ValidationOutcome = { ok: true; entries: CheckedEntry[] } | { ok: false; issues: MappingIssue[] };

function duplicateTargets(entries: readonly CheckedEntry[]): MappingIssue[] {
  const issues: MappingIssue[] = [];
  for (const side of ['finance', 'fsm'] as const) {
    const seen = new Map<string, number>();
    for (const e of entries) {
      if (side === 'finance' ? !e.writesFinance : !e.writesFsm) continue;
      const target = e.entry[side];
      const first = seen.get(target);
      if (first === undefined) seen.set(target, e.index);
      else issues.push({ code: 'MAPPING_DUPLICATE_TARGET', index: e.index, path: ['entries', e.index, side], message: `entries ${first} and ${e.index} both write ${side === 'fsm' ? 'FSM' : 'finance'} ${target}` });
    }
  }
  return issues;
}

function requiredUnmapped(entries: readonly CheckedEntry[], catalogue: FieldCatalogue): MappingIssue[] {
  const side = catalogue.side;
  const writing = entries.filter((e) => (side === 'finance' ? e.writesFinance : e.writesFsm));
  // A side no entry writes is not written at all (a one-way module): nothing is required there.
  if (writing.length === 0) return [];
  const targets = new Set(writing.map((e) => e.entry[side]));
  return catalogue.fields
    .filter((f) => f.required && !f.readOnly && !targets.has(f.path))
    .map((f) => ({
      code: 'MAPPING_REQUIRED_UNMAPPED' as const,
      path: ['entries'],
      message: `${side === 'fsm' ? 'FSM' : 'finance'} ${catalogue.module} requires ${f.path} on create, and no entry writes it`,
    }));
}

// `[]` maps elements one to one, so an FSM array must always pair with the same finance array.
function arrayPairing(entries: readonly CheckedEntry[]): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const pairs = new Map<string, string>();
  for (const e of entries) {
    const fsm = splitAtEach(e.fsmPath);
    const finance = splitAtEach(e.financePath);
    if (!fsm && !finance) continue;
    if (!fsm || !finance) {
      issues.push({ code: 'MAPPING_INCOMPATIBLE_TYPE', index: e.index, path: ['entries', e.index], message: `${e.entry.fsm} and ${e.entry.finance}: an array element field maps only to an array element field` });
      continue;
    }
    const from = formatPath(fsm.array);
    const to = formatPath(finance.array);
    const paired = pairs.get(from);
    if (paired === undefined) pairs.set(from, to);
    else if (paired !== to) issues.push({ code: 'MAPPING_INCOMPATIBLE_TYPE', index: e.index, path: ['entries', e.index, 'finance'], message: `${from} elements already map to ${paired}, not ${to}` });
  }
  return issues;
}

/**
 * Validates a module's proposed entries against its catalogues: shape, names, known fields, types,
 * value maps, transforms, read-only and duplicate targets, required fields. Returns every issue
 * found, each naming its entry.
 *
 * @example
 * ```ts
 * const outcome = validateEntries(entries, { fsm, finance, transforms: transformRegistry() });
 * if (!outcome.ok) throw new MappingError('companies', outcome.issues);
 * ```
 */
export function validateEntries(raw: unknown, context: EntryContext): ValidationOutcome {
  if (!Array.isArray(raw)) return { ok: false, issues: [{ code: 'MAPPING_INVALID_ENTRY', path: ['entries'], message: 'entries must be an array' }] };
  if (raw.length > MAX_ENTRIES) return { ok: false, issues: [{ code: 'MAPPING_INVALID_ENTRY', path: ['entries'], message: `a mapping may hold at most ${MAX_ENTRIES} entries` }] };
  const issues: MappingIssue[] = [];
  const checked: CheckedEntry[] = [];
  raw.forEach((entry: unknown, index) => {
    const result = checkEntry(entry, index, context);
    issues.push(...result.issues);
    if (!result.checked) return;
    const typeIssues = checkEntryTypes(result.checked, context.transforms);
    issues.push(...typeIssues);
    if (typeIssues.length === 0) checked.push(result.checked);
  });
  issues.push(...duplicateTargets(checked), ...arrayPairing(checked));
  if (issues.length === 0) issues.push(...requiredUnmapped(checked, context.finance), ...requiredUnmapped(checked, context.fsm));
  return issues.length === 0 ? { ok: true, entries: checked } : { ok: false, issues };
}
