import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MappingError } from '../../src/errors/mapping-error.js';
import { ValidationError } from '../../src/errors/validation-error.js';
import {
  createMapResolver, FieldMapper, MAPPING_MODULES, type FieldSpec, type MappingEntry, type MappingModule, type PathSegment,
  type ReferenceKind, type SyncType,
} from '../../src/mapping/index.js';
import { parsePath } from '../../src/mapping/path.js';
import type { TaxEdition } from '../../src/schemas/edition-codes.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';

// Round trips over the default mappings of every sync type in a spread of editions. A record gets a
// value (or null) in the FSM field of every 'both' entry; the values are drawn from what each field
// can hold, in the form FSM gets back (a value map that folds two FSM values into one finance value
// returns the first, so only those are drawn).

const EDITIONS: TaxEdition[] = ['in', 'uk', 'ae', 'us', 'au', 'za', 'de', 'global'];
const REF_KINDS: Array<Exclude<ReferenceKind, 'customers'>> = ['companies', 'contacts', 'items', 'taxes', 'tax_exemptions', 'tax_authorities', 'currencies'];

function segments(path: string): PathSegment[] {
  const parsed = parsePath(path);
  if (!Array.isArray(parsed)) throw new Error(parsed.message);
  return parsed;
}

function read(record: unknown, path: string): unknown {
  let current = record;
  for (const s of segments(path)) {
    if (typeof current !== 'object' || current === null) return undefined;
    const value = (current as Record<string, unknown>)[s.name];
    if (s.kind === 'select') current = Array.isArray(value) ? value.find((e: Record<string, unknown>) => String(e[s.key]) === s.value) : undefined;
    else current = value;
  }
  return current;
}

function write(record: Record<string, unknown>, path: string, value: unknown): void {
  const parts = segments(path);
  let target = record;
  parts.slice(0, -1).forEach((s) => {
    target[s.name] ??= {};
    target = target[s.name] as Record<string, unknown>;
  });
  const last = parts[parts.length - 1];
  if (last) target[last.name] = value;
}

// FSM values that come back as themselves through the entry's value map.
function canonical(entry: MappingEntry, values: readonly string[]): string[] {
  const map = entry.valueMap as Record<string, unknown> | undefined;
  if (!map) return [...values];
  const directional = 'toFinance' in map || 'toFsm' in map;
  const there = (directional ? map.toFinance : map) as Record<string, string> | undefined;
  const back = directional ? (map.toFsm as Record<string, string> | undefined) : Object.fromEntries(Object.entries(there ?? {}).reverse().map(([k, v]) => [v, k]));
  return values.filter((v) => {
    const finance = there?.[v] ?? v;
    return (back?.[finance] ?? finance) === v;
  });
}

const text = (max: number, required: boolean, trimmed: boolean) =>
  fc.string({ maxLength: Math.min(max, 30) }).map((s) => (trimmed ? s.trim() : s)).filter((s) => !required || s.trim() !== '');

function valueOf(field: FieldSpec, entry: MappingEntry): fc.Arbitrary<unknown> {
  const required = entry.required === true;
  const orNull = <T>(a: fc.Arbitrary<T>) => (required ? a : fc.option(a, { nil: null }));
  switch (field.type) {
    case 'string': return orNull(text(field.maxLength ?? 100, required, entry.transform === 'trim'));
    case 'enum': return orNull(fc.constantFrom(...canonical(entry, field.enum ?? [])));
    case 'number': return orNull(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }));
    case 'integer': return orNull(fc.integer());
    case 'boolean': return orNull(fc.boolean());
    case 'ref': return orNull(fc.stringMatching(/^[1-9]\d{0,18}$/));
    default: return orNull(fc.string({ maxLength: 20 }));
  }
}

// Every id an FSM field can hold maps to 'F<id>' and back, for every kind.
const resolve = {
  toFinance: (_kind: string, id: string) => `F${id}`,
  toFsm: (_kind: string, id: string) => (id.startsWith('F') ? id.slice(1) : undefined),
};

interface Case { syncType: SyncType; edition: TaxEdition; module: MappingModule }
const CASES: Case[] = (['I', 'II', 'III', 'IV'] as const).flatMap((syncType) =>
  EDITIONS.flatMap((edition) => new FieldMapper({ storage: new MemoryStorage(), syncType, edition }).modules()
    .filter((b) => b.directions.includes('both'))
    .map((b) => ({ syncType, edition, module: b.module }))));

describe('round trips (fast-check)', () => {
  it.each(CASES.map((c) => [`${c.syncType} ${c.edition} ${c.module}`, c] as const))('%s: toFsm(toFinance(x)) gives back every field a "both" entry maps', async (_name, c) => {
    const mapper = new FieldMapper({ storage: new MemoryStorage(), syncType: c.syncType, edition: c.edition });
    const converter = await mapper.converter(c.module);
    const { fsm } = mapper.catalogue(c.module);
    const both = converter.entries.filter((e) => e.direction === 'both');
    // Required one-way sources (a contact's Full_Name) get a value too, or the record would not convert.
    const sources = converter.entries.filter((e) => e.direction === 'both' || (e.required && e.direction === 'to_finance'));
    const record = fc.record(Object.fromEntries(sources.map((e) => {
      const field = fsm.get(e.fsm);
      if (!field) throw new Error(`no catalogue field ${e.fsm}`);
      return [e.fsm, valueOf(field, e)];
    })));
    fc.assert(fc.property(record, (values) => {
      const x: Record<string, unknown> = {};
      for (const [path, value] of Object.entries(values)) write(x, path, value);
      const back = converter.toFsm(converter.toFinance(x, { resolve }), { resolve });
      for (const e of both) expect(read(back, e.fsm), e.fsm).toEqual(read(x, e.fsm));
    }), { numRuns: 40 });
  });
});

describe('robustness (fast-check)', () => {
  const hostileKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'Company_Name', 'Billing_Address', 'contact_persons', 'custom_fields', 'Service_Line_Items', 'Tax', 'Company');
  const hostile = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, fc.anything(), fc.jsonValue(), tie('object'), fc.array(tie('value'), { maxLength: 3 })),
    object: fc.dictionary(fc.oneof(hostileKeys, fc.string()), tie('value'), { maxKeys: 6 }),
  }));

  it('no record makes a converter throw anything but a ValidationError', async () => {
    const mappers = (['I', 'IV'] as const).flatMap((syncType) => (['in', 'us', 'ae'] as const).map((edition) => new FieldMapper({ storage: new MemoryStorage(), syncType, edition })));
    const converters = await Promise.all(mappers.flatMap((m) => m.modules().map((b) => m.converter(b.module))));
    const anyResolve = createMapResolver(Object.fromEntries(REF_KINDS.map((k) => [k, [['1', '2']]])));
    fc.assert(fc.property(hostile.value, fc.constantFrom(...converters), fc.boolean(), (record, converter, toFinance) => {
      try {
        const out = toFinance ? converter.toFinance(record, { resolve: anyResolve }) : converter.binding.directions.includes('to_fsm') ? converter.toFsm(record, { resolve: anyResolve }) : {};
        expect(typeof out).toBe('object');
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }), { numRuns: 1500 });
  });

  it('records shaped like the catalogue, with any values, fail only with a ValidationError', async () => {
    const mapper = new FieldMapper({ storage: new MemoryStorage(), syncType: 'IV', edition: 'in' });
    for (const module of ['companies', 'items', 'invoices'] as const) {
      const converter = await mapper.converter(module);
      const paths = converter.entries.map((e) => e.fsm.replace('Lines[].', 'Service_Line_Items[].'));
      fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom(...paths), fc.anything()), { maxLength: 12 }), (pairs) => {
        const record: Record<string, unknown> = {};
        for (const [path, value] of pairs) write(record, path.replace('[]', ''), value);
        try {
          converter.toFinance(record, { resolve: createMapResolver({}), unresolved: 'omit' });
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
        }
      }), { numRuns: 300 });
    }
  });

  it('no change makes update() throw anything but a MappingError, and a refused one stores nothing', async () => {
    const storage = new MemoryStorage();
    const mapper = new FieldMapper({ storage, syncType: 'III', edition: 'in' });
    await mapper.createDefaults();
    const field = fc.oneof(fc.constantFrom('Website', 'Company_Name', 'Region__C', 'GST_Treatment', 'Billing_Address.City', '__proto__', 'a..b', 'x[', 'custom_fields[label=A].value'), fc.string({ maxLength: 12 }));
    const entry = fc.oneof(
      fc.record({ fsm: field, finance: field, direction: fc.constantFrom('both', 'to_finance', 'to_fsm', 'sideways'), transform: fc.option(fc.constantFrom('trim', 'upper', 'nope', '__proto__'), { nil: undefined }) }, { requiredKeys: ['fsm', 'finance', 'direction'] }),
      fc.anything(),
    );
    const change = fc.oneof(fc.record({ set: fc.array(entry, { maxLength: 3 }) }), fc.record({ remove: fc.array(fc.record({ fsm: field }), { maxLength: 2 }) }), fc.anything());
    await fc.assert(fc.asyncProperty(fc.constantFrom<MappingModule>(...MAPPING_MODULES.filter((m) => m !== 'contacts')), change, async (module, proposed) => {
      const before = await storage.get(`mapping/${module}`);
      try {
        await mapper.update(module, proposed as never);
      } catch (error) {
        expect(error).toBeInstanceOf(MappingError);
        expect(await storage.get(`mapping/${module}`)).toEqual(before);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }), { numRuns: 300 });
  });
});
