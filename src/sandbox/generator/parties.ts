import type { SandboxEdition } from '../editions.js';
import { editionInfo } from '../editions.js';
import type { SeededRandom } from '../random.js';
import { localeFor, type Locale } from './locales.js';
import { gccTrn, gstin, ukVrn, zaVatNumber } from './tax-ids.js';

/** A person at a customer: a Books contact person, an FSM contact. */
export interface GeneratedPerson {
  salutation: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  mobile: string;
  designation: string;
  department: string;
}

/** A postal address in the generated data. */
export interface GeneratedAddress {
  street: string;
  street2: string;
  city: string;
  state: string;
  stateCode: string;
  zip: string;
  country: string;
  countryCode: string;
}

/** Edition-specific tax facts of a customer. */
export interface GeneratedTaxProfile {
  taxable: boolean;
  /** India: `business_gst | consumer`; GCC/ZA: `vat_registered | vat_not_registered`; UK: `uk`. */
  treatment?: string;
  registrationNumber?: string;
  /** India: state code; GCC: emirate or country code. */
  placeOfSupply?: string;
}

/** One customer: a business with people, or an individual. */
export interface GeneratedParty {
  kind: 'business' | 'individual';
  /** `contact_name` / `Company_Name`: unique within the sequence. */
  displayName: string;
  companyName: string;
  persons: GeneratedPerson[];
  website: string;
  address: GeneratedAddress;
  tax: GeneratedTaxProfile;
  /** How many days before "now" the record was created, for realistic timestamps. */
  ageDays: number;
}

const DESIGNATIONS = ['Facilities Manager', 'Operations Lead', 'Owner', 'Procurement Officer', 'Site Supervisor', 'Accounts Payable'];
const DEPARTMENTS = ['Operations', 'Facilities', 'Finance', 'Procurement', 'Management'];

/**
 * The deterministic sequence of customers of one edition: element `i` depends only on the seed,
 * the edition and `i`'s predecessors, so two organisations drawing the first N share them (the
 * duplicates a first sync must match by name or email).
 */
export class PartySequence {
  readonly #random: SeededRandom;
  readonly #locale: Locale;
  readonly #edition: SandboxEdition;
  readonly #parties: GeneratedParty[] = [];
  readonly #usedNames = new Set<string>();
  readonly #usedEmails = new Set<string>();

  constructor(random: SeededRandom, edition: SandboxEdition) {
    this.#random = random;
    this.#edition = edition;
    this.#locale = localeFor(edition, (n) => random.chars(n, '0123456789'));
  }

  /** Parties `offset` … `offset + count - 1`. */
  slice(offset: number, count: number): GeneratedParty[] {
    while (this.#parties.length < offset + count) this.#parties.push(this.#next());
    return this.#parties.slice(offset, offset + count);
  }

  #next(): GeneratedParty {
    const r = this.#random;
    const l = this.#locale;
    const kind = r.chance(0.7) ? 'business' : 'individual';
    const place = r.pick(l.places);
    const info = editionInfo(this.#edition);
    const address: GeneratedAddress = {
      street: `${r.int(1, 9999)} ${r.pick(l.streets)}`,
      street2: r.chance(0.3) ? `Suite ${r.int(100, 999)}` : '',
      city: place.city,
      state: place.state,
      stateCode: place.code,
      zip: place.zip(),
      country: info.country,
      countryCode: info.countryCode,
    };
    const companyName =
      kind === 'business' ? this.#unique(`${r.pick(l.companyStems)} ${r.pick(l.companySuffixes)}`, this.#usedNames) : '';
    const domain = kind === 'business' ? `${slug(companyName)}.example` : 'mail.example';
    const personCount = kind === 'business' ? r.int(1, 3) : 1;
    const persons = Array.from({ length: personCount }, () => this.#person(domain));
    const first = persons[0] as GeneratedPerson;
    const displayName = kind === 'business' ? companyName : this.#unique(`${first.firstName} ${first.lastName}`, this.#usedNames);
    return {
      kind,
      displayName,
      companyName,
      persons,
      website: kind === 'business' ? `https://www.${domain}` : '',
      address,
      tax: this.#taxProfile(kind, place.code),
      ageDays: r.int(1, 400),
    };
  }

  #person(domain: string): GeneratedPerson {
    const r = this.#random;
    const l = this.#locale;
    const firstName = r.pick(l.firstNames);
    const lastName = r.pick(l.lastNames);
    const local = this.#unique(`${slug(firstName)}.${slug(lastName)}`, this.#usedEmails, '');
    return {
      salutation: r.pick(['Mr.', 'Ms.', 'Mrs.', 'Dr.']),
      firstName,
      lastName,
      email: `${local}@${domain}`,
      phone: l.phone((n) => r.chars(n, '0123456789')),
      mobile: l.phone((n) => r.chars(n, '0123456789')),
      designation: r.pick(DESIGNATIONS),
      department: r.pick(DEPARTMENTS),
    };
  }

  #taxProfile(kind: 'business' | 'individual', placeCode: string): GeneratedTaxProfile {
    const r = this.#random;
    const business = kind === 'business';
    switch (editionInfo(this.#edition).gate) {
      case 'in':
        return business
          ? { taxable: true, treatment: 'business_gst', registrationNumber: gstin(r, placeCode), placeOfSupply: placeCode }
          : { taxable: true, treatment: 'consumer', placeOfSupply: placeCode };
      case 'uk':
        return business ? { taxable: true, treatment: 'uk', registrationNumber: ukVrn(r) } : { taxable: true, treatment: 'uk' };
      case 'gcc':
        return business
          ? { taxable: true, treatment: 'vat_registered', registrationNumber: gccTrn(r), placeOfSupply: placeCode }
          : { taxable: true, treatment: 'vat_not_registered', placeOfSupply: placeCode };
      case 'za':
        return business
          ? { taxable: true, treatment: 'vat_registered', registrationNumber: zaVatNumber(r) }
          : { taxable: true, treatment: 'vat_not_registered' };
      default:
        // A few tax-exempt customers (resellers, non-profits) where editions allow exemptions.
        return { taxable: !r.chance(0.1) };
    }
  }

  #unique(base: string, used: Set<string>, separator = ' '): string {
    let candidate = base;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${base}${separator}${n}`;
    used.add(candidate.toLowerCase());
    return candidate;
  }
}

/** Lower-case ASCII letters and digits only, for emails and domains. */
function slug(text: string): string {
  const plain = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
  return plain === '' ? 'customer' : plain;
}
