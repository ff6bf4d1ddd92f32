import { ConfigError } from './errors/config-error.js';

/** Zoho data centres the SDK can talk to. */
export const REGIONS = ['us', 'eu', 'in', 'au', 'jp', 'ca', 'cn', 'sa', 'uk'] as const;

/** A Zoho data centre code. */
export type Region = (typeof REGIONS)[number];

/** The hosts of one data centre. Every URL the SDK calls comes from here, never from a response. */
export interface RegionHosts {
  /** Zoho Books API base, e.g. `https://www.zohoapis.com/books/v3`. */
  books: string;
  /** Zoho Invoice API base, e.g. `https://www.zohoapis.com/invoice/v3`. */
  invoice: string;
  /** Zoho FSM API base, e.g. `https://fsm.zoho.com/fsm/v1`. */
  fsm: string;
  /** OAuth accounts server, e.g. `https://accounts.zoho.com`. */
  accounts: string;
  /** False where a host below is inferred rather than documented by Zoho. */
  confirmed: { books: boolean; invoice: boolean; fsm: boolean; accounts: boolean };
}

const zohoApis = (tld: string) => `https://www.zohoapis.${tld}`;

function hosts(
  apiTld: string,
  fsmHost: string,
  accounts: string,
  confirmed: RegionHosts['confirmed'],
): RegionHosts {
  return {
    books: `${zohoApis(apiTld)}/books/v3`,
    invoice: `${zohoApis(apiTld)}/invoice/v3`,
    fsm: `https://${fsmHost}/fsm/v1`,
    accounts,
    confirmed,
  };
}

const all = { books: true, invoice: true, fsm: true, accounts: true };

/**
 * Hosts per data centre (Books/Invoice/accounts and FSM).
 *
 * Unconfirmed, inferred from Zoho's naming pattern (`confirmed` says which):
 * - FSM hosts for jp, ca, sa, cn and uk (Zoho documents only us, eu, in, au);
 * - Books and Invoice hosts for uk (`www.zohoapis.uk`: only `accounts.zoho.uk` is documented);
 * - Invoice hosts outside the US are third-party reports of the same 8 domains as Books.
 */
export const REGION_HOSTS: Readonly<Record<Region, RegionHosts>> = /* @__PURE__ */ (() => Object.freeze({
  us: hosts('com', 'fsm.zoho.com', 'https://accounts.zoho.com', all),
  eu: hosts('eu', 'fsm.zoho.eu', 'https://accounts.zoho.eu', { ...all, invoice: false }),
  in: hosts('in', 'fsm.zoho.in', 'https://accounts.zoho.in', { ...all, invoice: false }),
  au: hosts('com.au', 'fsm.zoho.com.au', 'https://accounts.zoho.com.au', { ...all, invoice: false }),
  jp: hosts('jp', 'fsm.zoho.jp', 'https://accounts.zoho.jp', { ...all, invoice: false, fsm: false }),
  ca: hosts('ca', 'fsm.zohocloud.ca', 'https://accounts.zohocloud.ca', { ...all, invoice: false, fsm: false }),
  cn: hosts('com.cn', 'fsm.zoho.com.cn', 'https://accounts.zoho.com.cn', { ...all, invoice: false, fsm: false }),
  sa: hosts('sa', 'fsm.zoho.sa', 'https://accounts.zoho.sa', { ...all, invoice: false, fsm: false }),
  uk: hosts('uk', 'fsm.zoho.uk', 'https://accounts.zoho.uk', { books: false, invoice: false, fsm: false, accounts: true }),
}))();

/** True when `value` is a data-centre code the SDK knows. */
export function isRegion(value: unknown): value is Region {
  return typeof value === 'string' && (REGIONS as readonly string[]).includes(value);
}

/**
 * The hosts of a data centre.
 * @throws ConfigError when `region` is not one of {@link REGIONS}.
 */
export function regionHosts(region: string): RegionHosts {
  if (!isRegion(region)) {
    throw new ConfigError(
      `Unknown Zoho region ${JSON.stringify(region)}. Use one of: ${REGIONS.join(', ')} (the data centre of your Zoho account, shown in its URL).`,
      { details: { option: 'region', value: region, accepted: REGIONS } },
    );
  }
  return REGION_HOSTS[region];
}

/** Every host of every region, for checks that a URL points at Zoho. */
export function allKnownOrigins(): ReadonlySet<string> {
  const origins = new Set<string>();
  for (const r of REGIONS) {
    const h = REGION_HOSTS[r];
    for (const url of [h.books, h.invoice, h.fsm, h.accounts]) origins.add(new URL(url).origin);
  }
  return origins;
}
