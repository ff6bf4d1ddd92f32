import { parsePath, type PathSegment } from '../../mapping/path.js';

// The syncer compares and merges records field by field at the paths of the mapping entries
// (`Billing_Address.City`, `contact_persons[is_primary_contact=true].email`). Paths are parsed by
// the mapping's own parser, once per mapping version.

/** A parsed field path. */
export interface FieldPath {
  readonly text: string;
  readonly segments: readonly PathSegment[];
}

// Ids that name an array element to Zoho: kept in projections so an update of the primary contact
// person carries its `contact_person_id` instead of adding a second person (Zoho's Contacts API reference).
const ELEMENT_IDENTITY = ['contact_person_id', 'customfield_id', 'id'] as const;

const parsed = new Map<string, FieldPath>();

/** Parses a mapping path (cached). Throws a TypeError on a path the mapping would have refused. */
export function fieldPath(text: string): FieldPath {
  let path = parsed.get(text);
  if (!path) {
    const segments = parsePath(text);
    if (!Array.isArray(segments)) throw new TypeError(`Invalid field path ${JSON.stringify(text)}: ${segments.message}`);
    path = { text, segments };
    parsed.set(text, path);
  }
  return path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function matches(actual: unknown, expected: string): boolean {
  if (typeof actual === 'string') return actual === expected;
  return (typeof actual === 'number' || typeof actual === 'boolean') && String(actual) === expected;
}

function selectElement(list: unknown, segment: Extract<PathSegment, { kind: 'select' }>): Record<string, unknown> | undefined {
  if (!Array.isArray(list)) return undefined;
  for (const element of list) if (isRecord(element) && Object.hasOwn(element, segment.key) && matches(element[segment.key], segment.value)) return element;
  return undefined;
}

/** The value at a path (an `[]` segment yields the whole array); `undefined` when a step is missing. */
export function readPath(record: unknown, path: FieldPath): unknown {
  let current: unknown = record;
  for (const segment of path.segments) {
    if (!isRecord(current) || !Object.hasOwn(current, segment.name)) return undefined;
    const next = current[segment.name];
    if (segment.kind === 'select') current = selectElement(next, segment);
    else if (segment.kind === 'each') return next;
    else current = next;
  }
  return current;
}

function typedSelector(key: string, value: string): unknown {
  if (value === 'true' || value === 'false') return value === 'true';
  if (key === 'index' && /^\d+$/.test(value)) return Number(value);
  return value;
}

/**
 * Writes `value` at a path into `target`, creating objects and selected elements on the way. An
 * element created for a selector copies the element identity (`contact_person_id`, ...) from the
 * matching element of `identityFrom`, when given.
 */
export function writePath(target: Record<string, unknown>, path: FieldPath, value: unknown, identityFrom?: unknown): void {
  let current = target;
  let source: unknown = identityFrom;
  const { segments } = path;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as PathSegment;
    const last = i === segments.length - 1;
    if (last || segment.kind === 'each') {
      current[segment.name] = value;
      return;
    }
    const sourceNext = isRecord(source) ? source[segment.name] : undefined;
    if (segment.kind === 'select') {
      const list = Array.isArray(current[segment.name]) ? (current[segment.name] as unknown[]) : (current[segment.name] = []);
      let element = selectElement(list, segment);
      const sourceElement = selectElement(sourceNext, segment);
      if (!element) {
        element = { [segment.key]: typedSelector(segment.key, segment.value) };
        for (const key of ELEMENT_IDENTITY) {
          const id = sourceElement?.[key];
          if (typeof id === 'string' || typeof id === 'number') element[key] = id;
        }
        list.push(element);
      }
      current = element;
      source = sourceElement;
    } else {
      const child = current[segment.name];
      current = isRecord(child) ? child : (current[segment.name] = {});
      source = sourceNext;
    }
  }
}

/**
 * A sparse copy of `record` holding only the values at `paths` (and the identity of selected
 * elements): what the syncer compares, hashes and keeps as the base snapshot.
 *
 * @example
 * ```ts
 * project({ contact_name: 'Acme', notes: 'x', contact_persons: [{ contact_person_id: '7', is_primary_contact: true, email: 'a@acme.test' }] },
 *   ['contact_name', 'contact_persons[is_primary_contact=true].email'].map(fieldPath));
 * // { contact_name: 'Acme', contact_persons: [{ is_primary_contact: true, contact_person_id: '7', email: 'a@acme.test' }] }
 * ```
 */
export function project(record: unknown, paths: readonly FieldPath[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const path of paths) {
    const value = readPath(record, path);
    if (value !== undefined) writePath(out, path, structuredCloneJson(value), record);
  }
  return out;
}

/** A JSON-safe deep copy (projections go to Storage, which takes JSON data only). */
export function structuredCloneJson(value: unknown): unknown {
  if (value === undefined || value === null || typeof value !== 'object') return typeof value === 'number' && !Number.isFinite(value) ? null : value;
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : structuredCloneJson(v)));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = structuredCloneJson(v);
  return out;
}

/**
 * Deep-merges `patch` over `base` for plain objects (arrays and scalars are replaced): an update of
 * `Billing_Address.City` is sent with the rest of the address, so a side that replaces nested
 * objects whole keeps the other address fields.
 */
export function mergeObjects(base: unknown, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = isRecord(base) ? { ...base } : {};
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] = isRecord(value) && isRecord(current) ? mergeObjects(current, value) : value;
  }
  return out;
}

/**
 * The value used to compare two field values: blank (`undefined`, `null`, `''`) is `null`, a
 * number and its text are equal (Zoho sends some numbers as strings), a lookup `{ id, name }` is
 * its id (a renamed company is not a change of the contact pointing at it).
 */
export function canonicalValue(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(canonicalValue);
  const record = value as Record<string, unknown>;
  if (Object.hasOwn(record, 'id') && (typeof record.id === 'string' || typeof record.id === 'number')) {
    const keys = Object.keys(record);
    if (keys.every((k) => k === 'id' || k === 'name')) return String(record.id);
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) {
    const v = canonicalValue(record[key]);
    if (v !== null) out[key] = v;
  }
  return Object.keys(out).length === 0 ? null : out;
}

/** Whether two field values are the same after {@link canonicalValue}. */
export function sameValue(a: unknown, b: unknown): boolean {
  const x = canonicalValue(a);
  const y = canonicalValue(b);
  if (x === y) return true;
  if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') return false;
  return JSON.stringify(x) === JSON.stringify(y);
}
