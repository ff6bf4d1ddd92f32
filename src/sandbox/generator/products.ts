import type { SandboxEdition } from '../editions.js';
import { editionInfo } from '../editions.js';
import type { SeededRandom } from '../random.js';

/** A service or part: a Books item, an FSM Service_And_Parts record. */
export interface GeneratedProduct {
  name: string;
  kind: 'service' | 'goods';
  description: string;
  /** Unit price in the edition's currency. */
  rate: number;
  unit: string;
  sku: string;
  /** India: SAC for services, HSN for goods. */
  hsnOrSac: string;
  ageDays: number;
}

const TRADES = ['HVAC', 'Plumbing', 'Electrical', 'Elevator', 'Solar', 'Fire Alarm', 'Generator', 'Boiler'];
const SERVICES: ReadonlyArray<readonly [name: string, usd: number, sac: string]> = [
  ['Installation', 240, '995461'],
  ['Annual Maintenance', 480, '998719'],
  ['Repair Visit', 120, '998719'],
  ['Inspection', 90, '998346'],
  ['Emergency Call-out', 180, '998719'],
  ['Commissioning', 300, '995461'],
];
const PARTS: ReadonlyArray<readonly [name: string, usd: number, hsn: string, unit: string]> = [
  ['Copper Pipe 15mm', 12, '7411', 'm'],
  ['Ball Valve 1/2"', 18, '8481', 'pcs'],
  ['Circuit Breaker 32A', 24, '8536', 'pcs'],
  ['Air Filter', 15, '8421', 'pcs'],
  ['Smart Thermostat', 129, '9032', 'pcs'],
  ['Run Capacitor 45uF', 9, '8532', 'pcs'],
  ['Pressure Gauge', 22, '9026', 'pcs'],
  ['Drive Belt', 14, '4010', 'pcs'],
  ['Condenser Fan Motor', 95, '8501', 'pcs'],
  ['Refrigerant R-32', 60, '2903', 'kg'],
];

/** Rough price scale per currency, so generated rates look local. */
const PRICE_SCALE: Record<string, number> = {
  USD: 1, CAD: 1.35, AUD: 1.5, INR: 80, GBP: 0.8, EUR: 0.9, AED: 3.7, SAR: 3.75, KWD: 0.3, QAR: 3.6, BHD: 0.38, OMR: 0.38, ZAR: 18,
};

/** The deterministic sequence of products of one edition (see {@link PartySequence}). */
export class ProductSequence {
  readonly #random: SeededRandom;
  readonly #scale: number;
  readonly #products: GeneratedProduct[] = [];
  readonly #used = new Set<string>();

  constructor(random: SeededRandom, edition: SandboxEdition) {
    this.#random = random;
    this.#scale = PRICE_SCALE[editionInfo(edition).currency.code] ?? 1;
  }

  /** Products `offset` … `offset + count - 1`. */
  slice(offset: number, count: number): GeneratedProduct[] {
    while (this.#products.length < offset + count) this.#products.push(this.#next());
    return this.#products.slice(offset, offset + count);
  }

  #next(): GeneratedProduct {
    const r = this.#random;
    const trade = r.pick(TRADES);
    const isService = r.chance(0.5);
    const ageDays = r.int(1, 400);
    if (isService) {
      const [service, usd, sac] = r.pick(SERVICES);
      const name = this.#unique(`${trade} ${service}`);
      return {
        name,
        kind: 'service',
        description: `${service} by a certified ${trade.toLowerCase()} technician`,
        rate: this.#price(usd),
        unit: 'hrs',
        sku: this.#sku('SRV'),
        hsnOrSac: sac,
        ageDays,
      };
    }
    const [part, usd, hsn, unit] = r.pick(PARTS);
    const name = this.#unique(`${part} (${trade})`);
    return { name, kind: 'goods', description: `${part} for ${trade.toLowerCase()} jobs`, rate: this.#price(usd), unit, sku: this.#sku('PRT'), hsnOrSac: hsn, ageDays };
  }

  #price(usd: number): number {
    const jitter = 0.8 + this.#random.next() * 0.4;
    return Math.round(usd * this.#scale * jitter * 100) / 100;
  }

  #sku(prefix: string): string {
    return `${prefix}-${String(this.#products.length + 1).padStart(5, '0')}`;
  }

  #unique(base: string): string {
    let candidate = base;
    for (let n = 2; this.#used.has(candidate.toLowerCase()); n++) candidate = `${base} - ${n}`;
    this.#used.add(candidate.toLowerCase());
    return candidate;
  }
}
