import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/config-error.js';
import { MappingError } from '../../src/errors/mapping-error.js';
import { FieldMapper, type MappingChange, type MappingEntry, type MappingModule, type TransformDefinition } from '../../src/mapping/index.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import type { Storage } from '../../src/storage/storage.js';

const FORBIDDEN = ['__proto__', 'constructor', 'prototype'] as const;

// Own `__proto__` keys only come from JSON (an object literal would set the prototype instead),
// which is exactly how hostile input arrives: a mapping UI, a config file, a Zoho reply.
const json = (text: string): never => JSON.parse(text) as never;

/** The own property names of the prototypes an attack would reach, to compare before and after. */
function prototypeShapes(): string {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype]
    .map((proto) => Object.getOwnPropertyNames(proto).sort().join(','))
    .join('|');
}

let shapesBefore = '';
beforeEach(() => {
  shapesBefore = prototypeShapes();
});
afterEach(() => {
  expect(prototypeShapes(), 'a built-in prototype gained or lost a property').toBe(shapesBefore);
  expect(({} as Record<string, unknown>).polluted, 'Object.prototype.polluted was set').toBeUndefined();
});

/** Every place a mapping change can carry a name, each holding `name`. */
function hostileChanges(name: string): Array<[string, MappingModule, MappingChange]> {
  return [
    ['an FSM path', 'companies', { set: [{ fsm: name, finance: 'website', direction: 'to_finance' }] }],
    ['a finance path’s first segment', 'companies', { set: [{ fsm: 'Website', finance: `${name}.city`, direction: 'to_finance' }] }],
    ['a finance path’s last segment', 'companies', { set: [{ fsm: 'Website', finance: `billing_address.${name}`, direction: 'to_finance' }] }],
    ['an FSM nested segment', 'companies', { set: [{ fsm: `Billing_Address.${name}`, finance: 'website', direction: 'to_finance' }] }],
    ['a selector key', 'companies', { set: [{ fsm: 'Region__C', finance: `custom_fields[${name}=Region].value`, direction: 'both' }] }],
    ['a selector value', 'companies', { set: [{ fsm: 'Region__C', finance: `custom_fields[label=${name}].value`, direction: 'both' }] }],
    ['an array name', 'invoices', { set: [{ fsm: 'Lines[].Quantity', finance: `${name}[].quantity`, direction: 'to_finance' }] }],
    ['a transform name', 'companies', { set: [{ fsm: 'Website', finance: 'website', direction: 'both', transform: name }] }],
    [
      'a value-map key',
      'items',
      { set: [json(`{"fsm":"Type","finance":"product_type","direction":"to_finance","valueMap":{"${name}":"goods","Service":"service","Goods":"goods","Part":"goods"}}`)] },
    ],
    [
      'a directional value-map key',
      'items',
      { set: [json(`{"fsm":"Type","finance":"product_type","direction":"to_finance","valueMap":{"toFinance":{"${name}":"goods","Service":"service","Goods":"goods","Part":"goods"}}}`)] },
    ],
    ['an entry key', 'companies', { set: [json(`{"fsm":"Website","finance":"website","direction":"both","${name}":{"polluted":true}}`)] }],
    ['an entry returned by a change function', 'companies', (entries: readonly MappingEntry[]) => [...entries, { fsm: 'Website', finance: `billing_address.${name}`, direction: 'to_finance' }]],
  ];
}

const CASES = FORBIDDEN.flatMap((name) => hostileChanges(name).map(([where, module, change]) => [`"${name}" in ${where}`, module, change] as const));

describe('mapping changes naming __proto__, constructor or prototype are refused (MAPPING_FORBIDDEN_NAME)', () => {
  it.each(CASES)('refuses %s, stores nothing, pollutes nothing', async (_label, module, change) => {
    const storage = new MemoryStorage();
    const mapper = new FieldMapper({ storage, syncType: 'I', edition: 'us' });
    await mapper.createDefaults();
    const stored = await storage.get(`mapping/${module}`);
    const error = await mapper.update(module, change).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MappingError);
    expect((error as MappingError).issues.map((issue) => issue.code)).toContain('MAPPING_FORBIDDEN_NAME');
    expect((error as MappingError).code).toBe('MAPPING_FORBIDDEN_NAME');
    expect(await storage.get(`mapping/${module}`)).toEqual(stored);
    // validate() (no storing) refuses the same entries.
    const entries = typeof change === 'function' ? change(mapper.defaults(module)) : (change.set ?? []);
    expect(mapper.validate(module, entries).map((issue) => issue.code)).toContain('MAPPING_FORBIDDEN_NAME');
  });

  it.each(FORBIDDEN)('refuses a user transform registered as "%s" (ConfigError at construction)', (name) => {
    // An own property of that name holding a valid definition: only the name is wrong.
    const transforms = Object.defineProperty({}, name, { value: { output: 'same', toFinance: (value: unknown) => value }, enumerable: true }) as Record<string, TransformDefinition>;
    expect(() => new FieldMapper({ storage: new MemoryStorage(), syncType: 'I', edition: 'us', transforms })).toThrow(ConfigError);
    expect(() => new FieldMapper({ storage: new MemoryStorage(), syncType: 'I', edition: 'us', transforms })).toThrow(`"${name}" is not an allowed transform name`);
  });

  it('refuses a tampered mapping read back from storage instead of compiling it', async () => {
    const inner = new MemoryStorage();
    const mapper = new FieldMapper({ storage: inner, syncType: 'I', edition: 'us' });
    const defaults = JSON.stringify(mapper.defaults('companies'));
    // A user's Storage adapter (Redis, a file) hands back JSON.parse output: own __proto__ keys survive.
    const tampered = `{"format":1,"module":"companies","syncType":"I","edition":"us","version":2,"log":[],"entries":${defaults.slice(0, -1)},{"fsm":"__proto__","finance":"website","direction":"to_finance","__proto__":{"polluted":true}}]}`;
    const storage: Storage = {
      get: async <T>(key: string) => (key === 'mapping/companies' ? (JSON.parse(tampered) as T) : inner.get<T>(key)),
      getMany: (keys) => inner.getMany(keys),
      list: (prefix, options) => inner.list(prefix, options),
      batch: (ops) => inner.batch(ops),
      compareAndSet: (key, expected, next) => inner.compareAndSet(key, expected, next),
    };
    const victim = new FieldMapper({ storage, syncType: 'I', edition: 'us' });
    await expect(victim.converter('companies')).rejects.toMatchObject({ code: 'MAPPING_FORBIDDEN_NAME' });
    await expect(victim.toFinance('companies', { Company_Name: 'Acme' })).rejects.toBeInstanceOf(MappingError);
  });
});

/** Every object in a converted payload: plain, with no own `__proto__` key. */
function expectPlainData(value: unknown, path = 'payload'): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => expectPlainData(item, `${path}[${i}]`));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  expect(Object.getPrototypeOf(value), `${path} has a swapped prototype`).toBe(Object.prototype);
  expect(Object.hasOwn(value, '__proto__'), `${path} carries an own __proto__ key`).toBe(false);
  for (const [key, child] of Object.entries(value)) expectPlainData(child, `${path}.${key}`);
}

async function customMapper() {
  const mapper = new FieldMapper({ storage: new MemoryStorage(), syncType: 'III', edition: 'us' });
  await mapper.update('companies', { set: [{ fsm: 'Region__C', finance: 'custom_fields[label=Region].value', direction: 'both' }] });
  return mapper;
}

describe('records converted by the mapper stay data', () => {
  it('an FSM record with __proto__ and constructor keys converts to a plain payload', async () => {
    const mapper = await customMapper();
    const hostile = json(
      '{"Company_Name":"Acme","__proto__":{"polluted":"yes","Website":"https://evil.example"},"constructor":{"prototype":{"polluted":"yes"}},' +
        '"Billing_Address":{"__proto__":{"polluted":"yes"},"City":"Austin","constructor":{"prototype":{"polluted":"yes"}}},"Region__C":"North"}',
    );
    const { toFinance } = await mapper.converter('companies');
    const payload = toFinance(hostile);
    expectPlainData(payload);
    expect(payload).toMatchObject({ contact_name: 'Acme', billing_address: { city: 'Austin' }, custom_fields: [{ label: 'Region', value: 'North' }] });
    expect(payload.website).toBeUndefined();
  });

  it('a finance record with hostile keys, custom-field labels and person elements converts to a plain payload', async () => {
    const mapper = await customMapper();
    const hostile = json(
      '{"contact_name":"Acme","__proto__":{"polluted":"yes"},"billing_address":{"__proto__":{"polluted":"yes"},"city":"Austin"},' +
        '"custom_fields":[{"label":"__proto__","value":{"polluted":"yes"}},{"label":"constructor","value":1},{"label":"Region","value":"West"}],' +
        '"contact_persons":[{"__proto__":{"polluted":"yes"},"is_primary_contact":true,"email":"a@acme.example"}]}',
    );
    const payload = await mapper.toFsm('companies', hostile);
    expectPlainData(payload);
    expect(payload).toMatchObject({ Company_Name: 'Acme', Region__C: 'West' });
  });

  it('inherited properties are never read as fields (a record whose prototype an attacker controls)', async () => {
    const mapper = await customMapper();
    const inherited = Object.assign(Object.create({ Website: 'https://inherited.example', Region__C: 'Inherited' }) as Record<string, unknown>, {
      Company_Name: 'Acme',
      Billing_Address: Object.assign(Object.create({ City: 'Inherited City' }) as Record<string, unknown>, { Street: '1 Main St' }),
    });
    const payload = await mapper.toFinance('companies', inherited);
    expect(payload.website, 'an inherited Website was read').toBeUndefined();
    expect(payload.custom_fields, 'an inherited Region__C was read').toBeUndefined();
    expect((payload.billing_address as Record<string, unknown> | undefined)?.city, 'an inherited City was read').toBeUndefined();
    expectPlainData(payload);
  });
});
