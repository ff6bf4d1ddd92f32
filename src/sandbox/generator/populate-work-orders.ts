import { createFsmRecord } from '../fsm/record-model.js';
import type { FsmOrgState } from '../org-state.js';
import type { SeededRandom } from '../random.js';
import type { SandboxWorld } from '../world.js';

const DAY = 86_400_000;

/** A seeded company or individual contact a work order can be for. */
export interface SeededCustomer {
  /** The Company id, or the individual Contact's id. */
  id: string;
  /** A Company's contacts (the first one goes on the work order); empty for an individual. */
  contactIds: string[];
  /** The customer's address, FSM keys (`Street_1`, `City`, …). */
  address: Record<string, unknown>;
}

/** A seeded Service_And_Parts record. */
export interface SeededProduct {
  id: string;
  name: string;
  price: number;
  kind: 'service' | 'goods';
  unit: string;
}

function money(value: number): number {
  return Math.round(value * 100) / 100;
}

function pricedLine(random: SeededRandom, product: SeededProduct, maxQuantity: number): Record<string, unknown> {
  const quantity = random.int(1, maxQuantity);
  return { Quantity: quantity, Unit: product.unit, List_Price: product.price, Amount: money(product.price * quantity) };
}

/**
 * The first work order, as every release has seeded it: one service line on a company (tests pin
 * its content, so it keeps the same draws).
 */
function firstWorkOrder(random: SeededRandom, companies: readonly SeededCustomer[], products: readonly SeededProduct[]): Record<string, unknown> {
  const company = random.pick(companies);
  const service = random.pick(products);
  const quantity = random.int(1, 4);
  const input: Record<string, unknown> = {
    Summary: `${service.name} visit`,
    Priority: random.pick(['Low', 'Medium', 'High']),
    Status: random.pick(['New', 'In Progress', 'Completed']),
    Company: company.id,
    Service_Line_Items: [{ Service: service.id, Quantity: quantity, List_Price: service.price, Amount: money(service.price * quantity) }],
  };
  const contactId = company.contactIds[0];
  if (contactId !== undefined) input.Contact = contactId;
  return input;
}

/**
 * A work order ready to bill: one or two service lines, each with up to two part lines (the first
 * with at least one), the customer's billing and service addresses, and every line Not yet
 * Invoiced. Every third one is for an individual contact (no company) when the org has individuals.
 */
function billableWorkOrder(
  random: SeededRandom,
  index: number,
  customers: { companies: readonly SeededCustomer[]; individuals: readonly SeededCustomer[] },
  products: readonly SeededProduct[],
): Record<string, unknown> {
  const services = products.filter((p) => p.kind === 'service');
  const parts = products.filter((p) => p.kind === 'goods');
  const individual = index % 3 === 2 && customers.individuals.length > 0;
  const customer = random.pick(individual ? customers.individuals : customers.companies);
  const lines = Array.from({ length: random.int(1, 2) }, (_, n) => {
    const service = random.pick(services.length > 0 ? services : products);
    // The first service line always brings parts (when the org has any), so each order bills both kinds.
    const partLines = parts.length === 0 ? [] : Array.from({ length: random.int(n === 0 ? 1 : 0, 2) }, () => {
      const part = random.pick(parts);
      return { Part: part.id, ...pricedLine(random, part, 4) };
    });
    return { Service: service.id, ...pricedLine(random, service, 3), Part_Line_Items: partLines };
  });
  const first = products.find((p) => p.id === lines[0]?.Service);
  const input: Record<string, unknown> = {
    Summary: `${first?.name ?? 'Service'} visit`,
    Priority: random.pick(['Low', 'Medium', 'High']),
    Status: random.pick(['New', 'In Progress', 'Completed']),
    Billing_Address: customer.address,
    Service_Address: { Address_Name: 'Site', ...customer.address },
    Service_Line_Items: lines,
  };
  if (individual) input.Contact = customer.id;
  else {
    input.Company = customer.id;
    const contactId = customer.contactIds[0];
    if (contactId !== undefined) input.Contact = contactId;
  }
  return input;
}

/**
 * Seeds `count` work orders on the org's seeded companies, individuals and products, created in
 * the last 90 days. None is linked to a finance record: billing one means finding or creating the
 * customer and items in Books/Invoice first.
 */
export function populateWorkOrders(
  world: SandboxWorld,
  org: FsmOrgState,
  random: SeededRandom,
  seeded: { companies: readonly SeededCustomer[]; individuals: readonly SeededCustomer[]; products: readonly SeededProduct[]; count: number },
): void {
  const { companies, products } = seeded;
  if (companies.length === 0 || products.length === 0) return;
  const now = world.now();
  for (let i = 0; i < seeded.count; i++) {
    const input = i === 0 ? firstWorkOrder(random, companies, products) : billableWorkOrder(random, i, seeded, products);
    createFsmRecord(world, org, 'Work_Orders', input, now - random.int(1, 90) * DAY);
  }
}
