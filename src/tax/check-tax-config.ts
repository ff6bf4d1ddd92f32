import { TaxError } from '../errors/tax-error.js';
import type { ValidationIssue } from '../errors/validation-error.js';
import type { TaxEdition } from '../schemas/edition-codes.js';
import { Decimal } from './decimal.js';
import type { TaxEditionModel } from './edition-model.js';
import { taxEditionModel } from './editions/index.js';
import type { ConfigTax, ConfigTaxAuthority, ConfigTaxExemption, ConfigTaxGroup, ConfigTaxInput, TaxConfig, TaxConfigInput } from './tax-config.js';

// FSM ids become storage keys (`tax/<org>/map/<id>`), so they keep to a safe alphabet.
const FSM_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

type Path = ReadonlyArray<string | number>;

/** Collects the problems of one configuration. */
class Problems {
  readonly issues: ValidationIssue[] = [];
  add(path: Path, message: string): void {
    this.issues.push({ path, message });
  }
}

const text = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const optional = <K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, string>>;

/** The edition's defaults as a full configuration (what a new finance org gets when you configure nothing). */
export function defaultTaxConfig(edition: TaxEdition): TaxConfig {
  const { defaults } = taxEditionModel(edition);
  return {
    edition,
    taxesEnabled: true,
    managedBy: 'fsm',
    taxes: defaults.taxes.map((t) => ({ ...t })),
    groups: defaults.groups.map((g) => ({ ...g, taxIds: [...g.taxIds] })),
    authorities: defaults.authorities.map((a) => ({ ...a })),
    exemptions: defaults.exemptions.map((e) => ({ ...e })),
    ...(defaults.defaultTaxId === undefined ? {} : { defaultTaxId: defaults.defaultTaxId }),
  };
}

/**
 * Checks a tax configuration against its edition's model and returns it normalised (rates as
 * exact decimal strings, names trimmed). Refuses: bad or duplicate ids, empty or duplicate names,
 * rates outside 0–100, a kind the edition has not (groups in the UK, authorities outside the US
 * and Canada, a `tax_specific_type` of another country), groups naming unknown taxes, a default
 * tax that does not exist, Avalara outside the US edition.
 *
 * @throws TaxError `TAX_CONFIG_INVALID` with `details.issues` (path and message of each problem).
 * @example
 * ```ts
 * const config = checkTaxConfig({ taxes: [{ id: 'gst', name: 'GST', rate: 10 }] }, 'au');
 * config.taxes[0].rate; // '10'
 * ```
 */
export function checkTaxConfig(input: TaxConfigInput, edition: TaxEdition): TaxConfig {
  const model = taxEditionModel(edition);
  const problems = new Problems();
  if (typeof input !== 'object' || input === null) {
    throw new TaxError('TAX_CONFIG_INVALID', 'A tax configuration must be an object: { taxes, groups?, authorities?, exemptions? }.');
  }
  if (input.edition !== undefined && input.edition !== edition) problems.add(['edition'], `The configuration is for edition ${String(input.edition)}, not ${edition}.`);
  const managedBy = input.managedBy ?? 'fsm';
  if (managedBy !== 'fsm' && managedBy !== 'avalara') problems.add(['managedBy'], `managedBy must be 'fsm' or 'avalara'.`);
  if (managedBy === 'avalara' && !model.supports.avalara) problems.add(['managedBy'], `Avalara manages taxes only in the US edition, not ${edition}.`);
  const ids = new Set<string>();
  const id = (value: unknown, path: Path): string => {
    if (typeof value !== 'string' || !FSM_ID.test(value) || RESERVED.has(value)) {
      problems.add(path, `An FSM id is 1–100 letters, digits or _ . : - (starting with a letter or digit); got ${JSON.stringify(value)}.`);
    } else if (ids.has(value)) problems.add(path, `The id ${value} is used twice: ids are unique across taxes, groups, authorities and exemptions.`);
    else ids.add(value);
    return String(value);
  };
  const authorities = list(input.authorities, ['authorities'], problems).map((a, i) => checkAuthority(a, ['authorities', i], model, problems, id));
  const taxes = list(input.taxes, ['taxes'], problems).map((t, i) => checkTax(t, ['taxes', i], model, problems, id));
  const exemptions = list(input.exemptions, ['exemptions'], problems).map((e, i) => checkExemption(e, ['exemptions', i], model, problems, id));
  const groups = list(input.groups, ['groups'], problems).map((g, i) => checkGroup(g, ['groups', i], model, problems, id));
  crossCheck({ taxes, groups, authorities, exemptions }, input, problems);
  if (input.origin !== undefined && model.placeOfSupply?.codes !== undefined && !model.placeOfSupply.codes.includes(input.origin)) {
    problems.add(['origin'], `origin must be one of ${model.placeOfSupply.codes.join(', ')} in edition ${edition}; got ${JSON.stringify(input.origin)}.`);
  }
  if (problems.issues.length > 0) {
    const first = problems.issues[0];
    throw new TaxError('TAX_CONFIG_INVALID', `The ${edition} tax configuration is not valid: ${first?.message ?? ''}${problems.issues.length > 1 ? ` (and ${problems.issues.length - 1} more)` : ''}`, {
      details: { edition, issues: problems.issues },
    });
  }
  return {
    edition,
    taxesEnabled: input.taxesEnabled ?? true,
    managedBy,
    ...optional('origin', input.origin),
    ...optional('defaultTaxId', input.defaultTaxId),
    taxes,
    groups,
    authorities,
    exemptions,
    ...(input.itemTaxCodes === undefined ? {} : { itemTaxCodes: { ...input.itemTaxCodes } }),
  };
}

function list<T>(value: readonly T[] | undefined, path: Path, problems: Problems): readonly T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.add(path, 'Expected a list.');
    return [];
  }
  return value;
}

function name(value: unknown, path: Path, problems: Problems, what: string): string {
  if (!text(value)) problems.add(path, `${what} must be a non-empty text.`);
  return typeof value === 'string' ? value.trim() : '';
}

function checkTax(input: ConfigTaxInput, path: Path, model: TaxEditionModel, problems: Problems, id: (v: unknown, p: Path) => string): ConfigTax {
  const tax: ConfigTax = { id: id(input.id, [...path, 'id']), name: name(input.name, [...path, 'name'], problems, 'A tax name'), rate: '0' };
  const rate = Decimal.tryFrom(input.rate);
  if (rate === undefined || rate.isNegative() || rate.compare(100) > 0) problems.add([...path, 'rate'], `A tax rate is a percentage from 0 to 100; got ${JSON.stringify(input.rate)}.`);
  else tax.rate = rate.toString();
  if (input.compound === true) {
    if (!model.supports.compound) problems.add([...path, 'compound'], `Edition ${model.code} has no compound taxes.`);
    tax.compound = true;
  }
  if (input.specificType !== undefined) {
    if (!model.specificTypes.includes(input.specificType)) problems.add([...path, 'specificType'], `specificType must be one of [${model.specificTypes.join(', ')}] in edition ${model.code}; got ${JSON.stringify(input.specificType)}.`);
    tax.specificType = input.specificType;
  }
  if (input.authorityId !== undefined) {
    if (!model.supports.taxAuthority) problems.add([...path, 'authorityId'], `Taxes carry an authority only in the US edition, not ${model.code}.`);
    tax.authorityId = input.authorityId;
  }
  if (input.countryCode !== undefined) {
    if (!model.supports.countryCode) problems.add([...path, 'countryCode'], `Taxes carry a country code only in the UK, EU, GCC and global editions, not ${model.code}.`);
    tax.countryCode = input.countryCode;
  }
  return tax;
}

function checkGroup(input: ConfigTaxGroup, path: Path, model: TaxEditionModel, problems: Problems, id: (v: unknown, p: Path) => string): ConfigTaxGroup {
  if (!model.supports.groups) problems.add(path, `Edition ${model.code} has no tax groups.`);
  const taxIds = Array.isArray(input.taxIds) ? input.taxIds.map(String) : [];
  if (taxIds.length === 0) problems.add([...path, 'taxIds'], 'A tax group needs at least one member tax.');
  return { id: id(input.id, [...path, 'id']), name: name(input.name, [...path, 'name'], problems, 'A tax group name'), taxIds };
}

function checkAuthority(input: ConfigTaxAuthority, path: Path, model: TaxEditionModel, problems: Problems, id: (v: unknown, p: Path) => string): ConfigTaxAuthority {
  if (!model.supports.authorities) problems.add(path, `Tax authorities exist only in the US and Canada editions, not ${model.code}.`);
  return {
    id: id(input.id, [...path, 'id']),
    name: name(input.name, [...path, 'name'], problems, 'A tax authority name'),
    ...optional('description', input.description),
    ...optional('registrationNumber', input.registrationNumber),
    ...optional('registrationNumberLabel', input.registrationNumberLabel),
  };
}

function checkExemption(input: ConfigTaxExemption, path: Path, model: TaxEditionModel, problems: Problems, id: (v: unknown, p: Path) => string): ConfigTaxExemption {
  if (!model.supports.exemptions) problems.add(path, `Edition ${model.code} has no tax exemption reasons.`);
  if (input.type !== 'customer' && input.type !== 'item') problems.add([...path, 'type'], `An exemption's type is 'customer' or 'item'; got ${JSON.stringify(input.type)}.`);
  return { id: id(input.id, [...path, 'id']), code: name(input.code, [...path, 'code'], problems, 'An exemption code'), type: input.type, ...optional('description', input.description) };
}

/** References between objects, and names that would make matching by name ambiguous. */
function crossCheck(config: Pick<TaxConfig, 'taxes' | 'groups' | 'authorities' | 'exemptions'>, input: TaxConfigInput, problems: Problems): void {
  const taxIds = new Set(config.taxes.map((t) => t.id));
  const authorityIds = new Set(config.authorities.map((a) => a.id));
  config.taxes.forEach((t, i) => {
    if (t.authorityId !== undefined && !authorityIds.has(t.authorityId)) problems.add(['taxes', i, 'authorityId'], `Tax ${t.id} names authority ${t.authorityId}, which is not in the configuration.`);
  });
  config.groups.forEach((g, i) => {
    for (const member of g.taxIds) if (!taxIds.has(member)) problems.add(['groups', i, 'taxIds'], `Group ${g.id} names tax ${member}, which is not in the configuration (groups hold taxes, not groups).`);
    if (new Set(g.taxIds).size !== g.taxIds.length) problems.add(['groups', i, 'taxIds'], `Group ${g.id} lists a tax twice.`);
  });
  // Zoho does not allow two taxes (or groups) with one name, and push() matches existing ones by name.
  const duplicates = (entries: Array<{ name: string; path: Path }>) =>
    entries.forEach((entry, i) => {
      if (entries.findIndex((other) => other.name.toLowerCase() === entry.name.toLowerCase()) !== i) problems.add(entry.path, `The name ${JSON.stringify(entry.name)} is used twice.`);
    });
  duplicates([...config.taxes.map((t, i) => ({ name: t.name, path: ['taxes', i, 'name'] })), ...config.groups.map((g, i) => ({ name: g.name, path: ['groups', i, 'name'] }))]);
  duplicates(config.authorities.map((a, i) => ({ name: a.name, path: ['authorities', i, 'name'] })));
  config.exemptions.forEach((e, i) => {
    if (config.exemptions.findIndex((f) => f.code.toLowerCase() === e.code.toLowerCase() && f.type === e.type) !== i) problems.add(['exemptions', i, 'code'], `The exemption ${e.code} (${e.type}) is listed twice.`);
  });
  if (input.defaultTaxId !== undefined && !taxIds.has(input.defaultTaxId) && !config.groups.some((g) => g.id === input.defaultTaxId)) {
    problems.add(['defaultTaxId'], `defaultTaxId ${input.defaultTaxId} is neither a tax nor a group of the configuration.`);
  }
}
