import type { IntegrationClient } from '../client/integration-client.js';
import { ConfigError } from '../errors/config-error.js';
import type { TaxEdition } from '../schemas/edition-codes.js';
import type { FinanceOrganization } from '../schemas/finance/organization.js';
import type { BindingStore } from './binding-store.js';
import type { FsmOrgProfile } from './fsm-org-profile.js';

// Defaults for `POST /organizations` (name, currency_code, time_zone and portal_name are required,
// Zoho's Organizations API reference): the country as Books writes `address.country`, a time zone and the currency.
const EDITION_DEFAULTS: Record<TaxEdition, readonly [country: string | undefined, timeZone: string, currency: string]> = {
  us: ['U.S.A', 'America/New_York', 'USD'],
  ca: ['Canada', 'America/Toronto', 'CAD'],
  au: ['Australia', 'Australia/Sydney', 'AUD'],
  in: ['India', 'Asia/Kolkata', 'INR'],
  uk: ['United Kingdom', 'Europe/London', 'GBP'],
  de: ['Germany', 'Europe/Berlin', 'EUR'],
  ae: ['United Arab Emirates', 'Asia/Dubai', 'AED'],
  sa: ['Saudi Arabia', 'Asia/Riyadh', 'SAR'],
  kw: ['Kuwait', 'Asia/Kuwait', 'KWD'],
  qa: ['Qatar', 'Asia/Qatar', 'QAR'],
  bh: ['Bahrain', 'Asia/Bahrain', 'BHD'],
  om: ['Oman', 'Asia/Muscat', 'OMR'],
  za: ['South Africa', 'Africa/Johannesburg', 'ZAR'],
  global: [undefined, 'UTC', 'USD'],
};

/** Overrides for the new account; by default everything comes from the FSM profile. */
export interface NewInvoiceOptions {
  /** Default: the FSM organisation's name. */
  name?: string | undefined;
  /** Zoho's portal name (must be unique at Zoho). Default: the name's letters and digits. */
  portalName?: string | undefined;
  /** Default: the FSM profile's, else the edition's capital. */
  timeZone?: string | undefined;
}

function portalNameOf(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 30) || 'fsm';
}

/**
 * Creates the "New Zoho Invoice account" with the FSM org's name, or adopts the one an interrupted
 * earlier run created: an intent (name and the Invoice orgs that existed before) is stored before
 * the create, so a crash or a lost reply never makes a second org (a write that creates something
 * in Zoho happens once, whatever fails around it: docs/eligibility.md#orgselector).
 */
export async function createOrAdoptInvoiceOrg(input: {
  client: IntegrationClient;
  store: BindingStore;
  fsm: FsmOrgProfile | undefined;
  options: NewInvoiceOptions;
  signal: AbortSignal | undefined;
}): Promise<FinanceOrganization> {
  const { client, store, fsm, options, signal } = input;
  const name = (options.name ?? fsm?.name ?? '').trim();
  if (name === '') throw new ConfigError('A new Zoho Invoice account takes the FSM organisation\'s name: give OrgSelector the option fsm: { name } (or select({ choice: "new_invoice", name })).', { details: { option: 'fsm.name' } });
  const invoice = client.financeFor('invoice');
  const call = signal ? { signal } : {};
  const intent = await store.intent();
  if (intent !== undefined && intent.name === name) {
    const adopted = (await invoice.organizations.list(call)).filter((o) => o.name === name && !intent.knownIds.includes(o.organization_id)).at(-1);
    if (adopted) return adopted;
  }
  const knownIds = (await invoice.organizations.list(call)).map((o) => o.organization_id);
  const [country, zone, editionCurrency] = EDITION_DEFAULTS[fsm?.edition ?? 'global'];
  const currency = fsm?.currencyCode ?? (fsm?.edition === undefined ? undefined : editionCurrency);
  if (currency === undefined) {
    throw new ConfigError('A new Zoho Invoice account needs a base currency: give OrgSelector fsm: { currencyCode } or fsm: { edition }.', { details: { option: 'fsm.currencyCode' } });
  }
  await store.writeIntent({ name, knownIds, startedAt: client.clock.now() });
  return invoice.organizations.create(
    {
      name,
      currency_code: currency,
      time_zone: options.timeZone ?? fsm?.timeZone ?? zone,
      portal_name: options.portalName ?? portalNameOf(name),
      ...(country === undefined ? {} : { address: { country } }),
    },
    call,
  );
}
