import { isTaxEdition, type TaxEdition } from '../schemas/edition-codes.js';

// Country signals of each edition: ISO code, base currency, and names as Books writes
// `address.country` (lower case, letters only). Zoho documents no edition field.
const EDITIONS: ReadonlyArray<readonly [TaxEdition, string, string, ...string[]]> = [
  ['us', 'US', 'USD', 'usa', 'unitedstates', 'unitedstatesofamerica'],
  ['ca', 'CA', 'CAD', 'canada'],
  ['au', 'AU', 'AUD', 'australia'],
  ['in', 'IN', 'INR', 'india'],
  ['uk', 'GB', 'GBP', 'unitedkingdom', 'uk', 'greatbritain'],
  ['de', 'DE', 'EUR', 'germany', 'deutschland'],
  ['ae', 'AE', 'AED', 'unitedarabemirates', 'uae'],
  ['sa', 'SA', 'SAR', 'saudiarabia', 'ksa'],
  ['kw', 'KW', 'KWD', 'kuwait'],
  ['qa', 'QA', 'QAR', 'qatar'],
  ['bh', 'BH', 'BHD', 'bahrain'],
  ['om', 'OM', 'OMR', 'oman'],
  ['za', 'ZA', 'ZAR', 'southafrica'],
];

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const letters = (value: string): string => value.toLowerCase().replace(/[^a-z]/g, '');

function byCountry(value: string): TaxEdition | undefined {
  const upper = value.toUpperCase();
  const name = letters(value);
  return EDITIONS.find(([, iso, , ...names]) => iso === upper || names.includes(name))?.[0];
}

/**
 * The tax edition of a Zoho org record, from the strongest signal it carries: `version` (an
 * undocumented field the sandbox sends, taken when it is an edition code or a country name), then
 * `country_code`, `address.country`, and last `currency_code`. A country or currency outside the
 * country editions means `'global'`; no signal at all gives `undefined`. USD alone reads as `'us'`
 * and EUR alone as `'de'`, so pass the edition yourself when you know better.
 *
 * @example
 * ```ts
 * zohoOrgEdition({ address: { country: 'India' } }); // 'in'
 * zohoOrgEdition({ country_code: 'SG' });            // 'global'
 * zohoOrgEdition({ currency_code: 'AED' });          // 'ae'
 * ```
 */
export function zohoOrgEdition(record: { readonly [key: string]: unknown }): TaxEdition | undefined {
  const version = text(record.version);
  if (version !== undefined && isTaxEdition(version.toLowerCase())) return version.toLowerCase() as TaxEdition;
  const address = record.address;
  const country = text(record.country_code) ?? text(typeof address === 'object' && address !== null ? (address as { country?: unknown }).country : undefined);
  const fromVersion = version === undefined ? undefined : byCountry(version);
  if (fromVersion !== undefined) return fromVersion;
  if (country !== undefined) return byCountry(country) ?? 'global';
  const currency = text(record.currency_code)?.toUpperCase();
  if (currency !== undefined) return EDITIONS.find(([, , code]) => code === currency)?.[0] ?? 'global';
  return undefined;
}
