import type { PathSegment } from '../path.js';
import { compileReader, selectorMatches } from './read-path.js';

/** Writes a value at a compiled path, creating objects and selected array elements on the way. */
export type PathWriter = (out: Record<string, unknown>, value: unknown, existing: unknown) => void;

// The id that names an element to Zoho on update: without it, an update of the primary person
// would add a second person (Zoho's Contacts API reference: persons with a contact_person_id are updated).
const IDENTITY_KEYS: Readonly<Record<string, string>> = { contact_persons: 'contact_person_id', custom_fields: 'customfield_id' };

// Selector text back to the type Zoho sends: `is_primary_contact=true` is a boolean, a custom field
// `index=3` a number.
function typedSelectorValue(key: string, value: string): unknown {
  if (value === 'true' || value === 'false') return value === 'true';
  if (key === 'index' && /^\d+$/.test(value)) return Number(value);
  return value;
}

function child(parent: Record<string, unknown>, name: string): Record<string, unknown> {
  const current = parent[name];
  if (typeof current === 'object' && current !== null && !Array.isArray(current)) return current as Record<string, unknown>;
  const created: Record<string, unknown> = {};
  parent[name] = created;
  return created;
}

function element(parent: Record<string, unknown>, segment: Extract<PathSegment, { kind: 'select' }>, existingElement: unknown): Record<string, unknown> {
  const list = Array.isArray(parent[segment.name]) ? (parent[segment.name] as unknown[]) : (parent[segment.name] = []);
  for (const item of list) {
    const candidate = item as Record<string, unknown>;
    if (selectorMatches(candidate[segment.key], segment.value)) return candidate;
  }
  const created: Record<string, unknown> = { [segment.key]: typedSelectorValue(segment.key, segment.value) };
  const identity = IDENTITY_KEYS[segment.name];
  if (identity && typeof existingElement === 'object' && existingElement !== null && Object.hasOwn(existingElement, identity)) {
    const id = (existingElement as Record<string, unknown>)[identity];
    if (typeof id === 'string' || typeof id === 'number') created[identity] = id;
  }
  list.push(created);
  return created;
}

/**
 * Compiles a path (without `[]`) into a writer. Names were checked by `parsePath`, so plain
 * assignment cannot reach `__proto__`; outputs are fresh plain objects. `existing` is the target
 * side's current record, read only to carry element ids.
 */
export function compileWriter(segments: readonly PathSegment[]): PathWriter {
  const last = segments[segments.length - 1];
  if (!last || last.kind !== 'key') throw new TypeError('a mapping path must end with a field name');
  const leaf = last.name;
  if (segments.length === 1) return (out, value) => void (out[leaf] = value);
  const parents = segments.slice(0, -1);
  // For each selected element, a reader of the matching element in the existing record.
  const existingReaders = parents.map((segment, i) => (segment.kind === 'select' ? compileReader(segments.slice(0, i + 1)) : undefined));
  return (out, value, existing) => {
    let target = out;
    for (let i = 0; i < parents.length; i++) {
      const segment = parents[i] as PathSegment;
      if (segment.kind === 'select') {
        const reader = existingReaders[i];
        target = element(target, segment, existing === undefined || !reader ? undefined : reader(existing));
      } else {
        target = child(target, segment.name);
      }
    }
    target[leaf] = value;
  };
}
