import type { MappingIssue } from '../errors/mapping-error.js';
import type { MappingChange, MappingEntry } from './types.js';
import { isPlainObject } from './value-map.js';

/** The proposed entries of a change, and where each came from (to name `set[j]` in refusals). */
export interface ProposedEntries {
  entries: unknown[];
  /** For each proposed entry, its index in `set`, or `undefined` when it was kept from the current list. */
  fromSet: Array<number | undefined>;
}

const CHANGE_KEYS = new Set(['set', 'remove']);

function refusal(path: Array<string | number>, message: string): MappingIssue {
  return { code: 'MAPPING_INVALID_ENTRY', path, message };
}

function writes(entry: unknown): { finance?: string; fsm?: string } {
  if (!isPlainObject(entry)) return {};
  const out: { finance?: string; fsm?: string } = {};
  if (typeof entry.finance === 'string' && entry.direction !== 'to_fsm') out.finance = entry.finance;
  if (typeof entry.fsm === 'string' && entry.direction !== 'to_finance') out.fsm = entry.fsm;
  return out;
}

// A new entry replaces the entries with the same two paths, and every entry writing one of its
// targets: "map Phone to the billing phone" takes over whatever wrote that field before.
function replaced(current: MappingEntry, added: unknown): boolean {
  if (!isPlainObject(added)) return false;
  if (current.fsm === added.fsm && current.finance === added.finance) return true;
  const mine = writes(current);
  const theirs = writes(added);
  return (mine.finance !== undefined && mine.finance === theirs.finance) || (mine.fsm !== undefined && mine.fsm === theirs.fsm);
}

function matchesRef(entry: MappingEntry, ref: Record<string, unknown>): boolean {
  return (ref.fsm === undefined || ref.fsm === entry.fsm) && (ref.finance === undefined || ref.finance === entry.finance);
}

/**
 * Applies a change to the current entries. Returns the proposed list (validated afterwards as a
 * whole), or the problems with the change's own shape.
 */
export function applyChange(current: readonly MappingEntry[], change: MappingChange): ProposedEntries | MappingIssue[] {
  if (typeof change === 'function') {
    const result: unknown = change(current.map((e) => structuredClone(e)));
    return Array.isArray(result) ? { entries: [...result], fromSet: result.map(() => undefined) } : [refusal(['entries'], 'the change function must return an array of entries')];
  }
  if (!isPlainObject(change)) return [refusal(['change'], 'a change is { set?, remove? } or a function of the entries')];
  const issues: MappingIssue[] = [];
  for (const key of Object.keys(change)) if (!CHANGE_KEYS.has(key)) issues.push(refusal([key], `unknown change key "${key}" (use set and remove)`));
  const set: unknown = change.set ?? [];
  const remove: unknown = change.remove ?? [];
  if (!Array.isArray(set)) issues.push(refusal(['set'], '"set" must be an array of entries'));
  if (!Array.isArray(remove)) issues.push(refusal(['remove'], '"remove" must be an array of { fsm } or { finance }'));
  if (issues.length > 0 || !Array.isArray(set) || !Array.isArray(remove)) return issues;
  let kept = [...current];
  remove.forEach((ref: unknown, j) => {
    const valid = isPlainObject(ref) && (typeof ref.fsm === 'string' || typeof ref.finance === 'string')
      && (ref.fsm === undefined || typeof ref.fsm === 'string') && (ref.finance === undefined || typeof ref.finance === 'string');
    if (!valid) {
      issues.push(refusal(['remove', j], 'name the entry to remove by { fsm } and/or { finance } path'));
      return;
    }
    const before = kept.length;
    kept = kept.filter((e) => !matchesRef(e, ref));
    if (kept.length === before) issues.push(refusal(['remove', j], `no entry has ${JSON.stringify(ref)}`));
  });
  if (issues.length > 0) return issues;
  for (const added of set as unknown[]) kept = kept.filter((e) => !replaced(e, added));
  return {
    entries: [...kept, ...(set as unknown[])],
    fromSet: [...kept.map(() => undefined), ...(set as unknown[]).map((_, j) => j)],
  };
}

/** A stored copy of a validated entry: only the documented keys, as plain JSON. */
export function cleanEntry(entry: MappingEntry): MappingEntry {
  const clean: MappingEntry = { fsm: entry.fsm, finance: entry.finance, direction: entry.direction };
  if (entry.transform !== undefined) clean.transform = entry.transform;
  if (entry.valueMap !== undefined) clean.valueMap = JSON.parse(JSON.stringify(entry.valueMap)) as MappingEntry['valueMap'] & object;
  if (entry.required !== undefined) clean.required = entry.required;
  return clean;
}
