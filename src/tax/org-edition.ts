import { isTaxEdition, type TaxEdition } from '../schemas/edition-codes.js';
import { TAX_EDITION_MODELS } from './editions/index.js';

const letters = (value: string): string => value.toLowerCase().replace(/[^a-z]/g, '');
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

// Names Books writes in `address.country` besides the model's country name.
const ALIASES: Readonly<Record<string, TaxEdition>> = {
  usa: 'us', unitedstatesofamerica: 'us', uk: 'uk', greatbritain: 'uk', uae: 'ae', ksa: 'sa', deutschland: 'de', india: 'in',
};

function byCountry(value: string): TaxEdition | undefined {
  const upper = value.toUpperCase();
  const name = letters(value);
  for (const model of Object.values(TAX_EDITION_MODELS)) {
    if (model.countryCodes.includes(upper) || letters(model.country) === name) return model.code;
  }
  return ALIASES[name];
}

/**
 * The tax edition of a Books/Invoice organisation record. Zoho documents no edition field,
 * so: `version` when it is an edition code or a country (the sandbox sends
 * it), else `country_code`, else `address.country` (a country without an edition of its own means
 * `global`), else the base currency. `undefined` when the record says nothing.
 *
 * @example
 * ```ts
 * editionOfOrganization({ address: { country: 'India' } }); // 'in'
 * editionOfOrganization({ country_code: 'SG' });            // 'global'
 * ```
 */
export function editionOfOrganization(org: { readonly [key: string]: unknown }): TaxEdition | undefined {
  const version = text(org.version);
  if (version !== undefined && isTaxEdition(version.toLowerCase())) return version.toLowerCase() as TaxEdition;
  const fromVersion = version === undefined ? undefined : byCountry(version);
  if (fromVersion !== undefined) return fromVersion;
  const address = org.address;
  const country = text(org.country_code) ?? text(typeof address === 'object' && address !== null ? (address as { country?: unknown }).country : undefined);
  if (country !== undefined) return byCountry(country) ?? 'global';
  const currency = text(org.currency_code)?.toUpperCase();
  if (currency === undefined) return undefined;
  // USD is the US edition's and EUR Germany's: the first model with the currency.
  return Object.values(TAX_EDITION_MODELS).find((model) => model.currency === currency && model.code !== 'global')?.code ?? 'global';
}
