import type { SandboxEdition } from '../editions.js';

/** A tax a new organisation of an edition starts with. */
export interface TaxSeed {
  key: string;
  name: string;
  percentage: number;
  /** India: `cgst | sgst | igst`. */
  specificType?: string;
  authorityKey?: string;
  countryCode?: string;
}

/** A tax group: taxes applied together (India CGST+SGST, a US state + county). */
export interface TaxGroupSeed {
  key: string;
  name: string;
  taxKeys: string[];
}

/** A tax authority (US and Canada). */
export interface TaxAuthoritySeed {
  key: string;
  name: string;
  description: string;
  registrationNumber?: string;
}

/** A tax exemption (US edition). */
export interface TaxExemptionSeed {
  code: string;
  description: string;
  type: 'customer' | 'item';
}

/** Everything tax-related a new organisation of one edition gets. */
export interface TaxSet {
  taxes: TaxSeed[];
  groups: TaxGroupSeed[];
  authorities: TaxAuthoritySeed[];
  exemptions: TaxExemptionSeed[];
  /** The tax (or group) key put on taxable items and customers by default. */
  defaultKey: string | undefined;
  /** India: the group used within a state and the tax used across states. */
  intraKey?: string;
  interKey?: string;
}

const t = (key: string, name: string, percentage: number, extra: Partial<TaxSeed> = {}): TaxSeed => ({ key, name, percentage, ...extra });

function vat(countryCode: string, standard: number, more: Array<[string, number]> = []): TaxSet {
  return {
    taxes: [t('std', `VAT ${standard}%`, standard, { countryCode }), ...more.map(([name, p], i) => t(`v${i}`, name, p, { countryCode }))],
    groups: [],
    authorities: [],
    exemptions: [],
    defaultKey: 'std',
  };
}

/** The taxes, groups, authorities and exemptions of a new organisation of `edition`. */
export function taxSetFor(edition: SandboxEdition): TaxSet {
  switch (edition) {
    case 'in': {
      const rates = [5, 12, 18, 28];
      return {
        taxes: rates.flatMap((rate) => [
          t(`cgst${rate}`, `CGST${rate / 2}`, rate / 2, { specificType: 'cgst' }),
          t(`sgst${rate}`, `SGST${rate / 2}`, rate / 2, { specificType: 'sgst' }),
          t(`igst${rate}`, `IGST${rate}`, rate, { specificType: 'igst' }),
        ]),
        groups: rates.map((rate) => ({ key: `gst${rate}`, name: `GST${rate}`, taxKeys: [`cgst${rate}`, `sgst${rate}`] })),
        authorities: [],
        exemptions: [],
        defaultKey: 'gst18',
        intraKey: 'gst18',
        interKey: 'igst18',
      };
    }
    case 'us':
      return {
        taxes: [
          t('ca', 'California State Tax', 7.25, { authorityKey: 'cdtfa' }),
          t('la', 'Los Angeles County Tax', 2.25, { authorityKey: 'cdtfa' }),
          t('tx', 'Texas State Tax', 6.25, { authorityKey: 'txcpa' }),
          t('ny', 'New York State Tax', 4, { authorityKey: 'nysdtf' }),
          t('nyc', 'New York City Tax', 4.5, { authorityKey: 'nysdtf' }),
        ],
        groups: [
          { key: 'lagroup', name: 'Los Angeles Sales Tax', taxKeys: ['ca', 'la'] },
          { key: 'nycgroup', name: 'New York City Sales Tax', taxKeys: ['ny', 'nyc'] },
        ],
        authorities: [
          { key: 'cdtfa', name: 'California Department of Tax and Fee Administration', description: 'California sales and use tax' },
          { key: 'txcpa', name: 'Texas Comptroller of Public Accounts', description: 'Texas sales and use tax' },
          { key: 'nysdtf', name: 'New York State Department of Taxation and Finance', description: 'New York sales tax' },
        ],
        exemptions: [
          { code: 'RESELLER', description: 'Tax exempted because the customer resells the goods.', type: 'customer' },
          { code: 'NONPROFIT', description: 'Registered non-profit organisation.', type: 'customer' },
          { code: 'LABOUR', description: 'Labour charges are not taxed.', type: 'item' },
        ],
        defaultKey: 'lagroup',
      };
    case 'ca':
      return {
        taxes: [
          t('gst', 'GST', 5, { authorityKey: 'cra' }),
          t('hst', 'HST (ON)', 13, { authorityKey: 'cra' }),
          t('pst', 'PST (BC)', 7, { authorityKey: 'bc' }),
          t('qst', 'QST', 9.975, { authorityKey: 'rq' }),
        ],
        groups: [
          { key: 'gstpst', name: 'GST + PST (BC)', taxKeys: ['gst', 'pst'] },
          { key: 'gstqst', name: 'GST + QST', taxKeys: ['gst', 'qst'] },
        ],
        authorities: [
          { key: 'cra', name: 'Canada Revenue Agency', description: 'Federal GST/HST', registrationNumber: '123456782RT0001' },
          { key: 'bc', name: 'BC Ministry of Finance', description: 'British Columbia PST', registrationNumber: 'PST-1234-5678' },
          { key: 'rq', name: 'Revenu Québec', description: 'Québec sales tax', registrationNumber: '1234567890TQ0001' },
        ],
        exemptions: [],
        defaultKey: 'hst',
      };
    case 'au':
      return { taxes: [t('gst', 'GST', 10), t('free', 'GST Free', 0)], groups: [], authorities: [], exemptions: [], defaultKey: 'gst' };
    case 'uk':
      return vat('GB', 20, [['Reduced Rate 5%', 5], ['Zero Rate', 0]]);
    case 'de':
      return vat('DE', 19, [['Ermäßigt 7%', 7]]);
    case 'ae':
      return vat('AE', 5, [['Zero Rate', 0]]);
    case 'sa':
      return vat('SA', 15, [['Zero Rate', 0]]);
    case 'bh':
      return vat('BH', 10, [['Zero Rate', 0]]);
    case 'om':
      return vat('OM', 5, [['Zero Rate', 0]]);
    case 'kw':
    case 'qa':
      // No VAT in force yet: a zero-rate tax so documents can still carry one.
      return vat(edition.toUpperCase(), 0);
    case 'za':
      return vat('ZA', 15, [['Zero Rate', 0], ['Exempt', 0]]);
    case 'global':
      return { taxes: [t('std', 'GST', 9), t('zero', 'Zero Rated', 0)], groups: [], authorities: [], exemptions: [], defaultKey: 'std' };
  }
}
