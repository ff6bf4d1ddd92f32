import type { Region } from '../regions.js';

/** The tax editions a sandbox organisation can have (the FSM editions, plus Bahrain and Oman). */
export const SANDBOX_EDITIONS = ['us', 'ca', 'au', 'in', 'uk', 'de', 'ae', 'sa', 'kw', 'qa', 'bh', 'om', 'za', 'global'] as const;

/** A tax edition of a sandbox organisation. */
export type SandboxEdition = (typeof SANDBOX_EDITIONS)[number];

/**
 * The edition codes Zoho's OpenAPI files gate fields with (`x-node_available_in`).
 * GCC covers the Gulf states; `eu` covers Germany.
 */
export type GateGroup = 'us' | 'ca' | 'au' | 'in' | 'uk' | 'eu' | 'gcc' | 'za' | 'global';

/** What the sandbox needs to know about an edition. */
export interface EditionInfo {
  gate: GateGroup;
  /** Base currency of a new organisation. */
  currency: { code: string; symbol: string; name: string };
  /** `address.country` as Books writes it. */
  country: string;
  countryCode: string;
  /** Offset from UTC used for timestamps (no daylight saving: the sandbox keeps one offset). */
  utcOffsetMinutes: number;
  timeZone: string;
}

const table: Record<SandboxEdition, EditionInfo> = {
  us: info('us', ['USD', '$', 'US Dollar'], 'U.S.A', 'US', -480, 'PST'),
  ca: info('ca', ['CAD', '$', 'Canadian Dollar'], 'Canada', 'CA', -300, 'EST'),
  au: info('au', ['AUD', '$', 'Australian Dollar'], 'Australia', 'AU', 600, 'AEST'),
  in: info('in', ['INR', '₹', 'Indian Rupee'], 'India', 'IN', 330, 'IST'),
  uk: info('uk', ['GBP', '£', 'Pound Sterling'], 'United Kingdom', 'GB', 0, 'GMT'),
  de: info('eu', ['EUR', '€', 'Euro'], 'Germany', 'DE', 60, 'CET'),
  ae: info('gcc', ['AED', 'AED', 'UAE Dirham'], 'United Arab Emirates', 'AE', 240, 'GST'),
  sa: info('gcc', ['SAR', 'SAR', 'Saudi Riyal'], 'Saudi Arabia', 'SA', 180, 'AST'),
  kw: info('gcc', ['KWD', 'KWD', 'Kuwaiti Dinar'], 'Kuwait', 'KW', 180, 'AST'),
  qa: info('gcc', ['QAR', 'QAR', 'Qatari Riyal'], 'Qatar', 'QA', 180, 'AST'),
  bh: info('gcc', ['BHD', 'BHD', 'Bahraini Dinar'], 'Bahrain', 'BH', 180, 'AST'),
  om: info('gcc', ['OMR', 'OMR', 'Omani Rial'], 'Oman', 'OM', 240, 'GST'),
  za: info('za', ['ZAR', 'R', 'South African Rand'], 'South Africa', 'ZA', 120, 'SAST'),
  global: info('global', ['USD', '$', 'US Dollar'], 'Singapore', 'SG', 480, 'SGT'),
};

function info(
  gate: GateGroup,
  [code, symbol, name]: [string, string, string],
  country: string,
  countryCode: string,
  utcOffsetMinutes: number,
  timeZone: string,
): EditionInfo {
  return { gate, currency: { code, symbol, name }, country, countryCode, utcOffsetMinutes, timeZone };
}

/** Facts about one edition. */
export function editionInfo(edition: SandboxEdition): EditionInfo {
  return table[edition];
}

/** True when `value` is one of {@link SANDBOX_EDITIONS}. */
export function isSandboxEdition(value: unknown): value is SandboxEdition {
  return typeof value === 'string' && (SANDBOX_EDITIONS as readonly string[]).includes(value);
}

/** The edition an organisation gets when none is given: the data centre's home country. */
export function defaultEditionFor(region: Region): SandboxEdition {
  const byRegion: Record<Region, SandboxEdition> = {
    us: 'us', eu: 'de', in: 'in', au: 'au', jp: 'global', ca: 'ca', cn: 'global', sa: 'sa', uk: 'uk',
  };
  return byRegion[region];
}
