/**
 * How to test YOUR integration code against the sandbox: an in-memory Zoho with seeded data,
 * scripted faults, UI edits and call counters. Nothing here touches production or waits on real
 * time. `pushCustomers` stands for the code you would write; the tests below are the ones you
 * would keep in your own repository.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createFetchTransport, IntegrationClient, ManualClock } from '../src/index.js';
import { createSandbox, type Sandbox } from '../src/sandbox/index.js';

// ---- the user's own code -------------------------------------------------------------------

/** A customer as the user's own field-service database holds it. */
interface Customer {
  id: string;
  name: string;
  email: string;
  phone: string;
}

/** What one run did. */
interface PushReport {
  created: number;
  updated: number;
  unchanged: number;
  failed: Array<{ id: string; reason: string }>;
}

/**
 * Pushes customers into Zoho Books, idempotently: it looks each one up by display name first, so a
 * re-run after a crash or a lost reply never creates a duplicate.
 */
async function pushCustomers(client: IntegrationClient, customers: Customer[]): Promise<PushReport> {
  const report: PushReport = { created: 0, updated: 0, unchanged: 0, failed: [] };
  for (const customer of customers) {
    try {
      const [existing] = await client.finance.contacts.list({ contactName: customer.name }).toArray();
      const person = { first_name: customer.name.split(' ')[0] ?? customer.name, email: customer.email, phone: customer.phone };
      if (!existing) {
        await client.finance.contacts.create({ contact_name: customer.name, customer_sub_type: 'individual', contact_persons: [person] });
        report.created += 1;
      } else if (existing.email !== customer.email || existing.phone !== customer.phone) {
        const full = await client.finance.contacts.get(existing.contact_id);
        const primary = full.contact_persons?.[0];
        // Zoho requires the display name and the contact type on every contact update.
        await client.finance.contacts.update(existing.contact_id, {
          contact_name: full.contact_name ?? customer.name,
          contact_type: full.contact_type ?? 'customer',
          contact_persons: [{ ...person, ...(primary ? { contact_person_id: primary.contact_person_id } : {}) }],
        });
        report.updated += 1;
      } else {
        report.unchanged += 1;
      }
    } catch (error) {
      report.failed.push({ id: customer.id, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}

// ---- the tests -------------------------------------------------------------------------------

const customers: Customer[] = [
  { id: 'c1', name: 'Asha Rao', email: 'asha@example.com', phone: '+91 98400 00001' },
  { id: 'c2', name: 'Ben Okafor', email: 'ben@example.com', phone: '+91 98400 00002' },
  { id: 'c3', name: 'Chen Wei', email: 'chen@example.com', phone: '+91 98400 00003' },
];

describe('pushCustomers (my integration) against the Zoho sandbox', () => {
  let sandbox: Sandbox;
  let client: IntegrationClient;
  let booksOrg: string;

  beforeEach(() => {
    // A ManualClock with autoAdvance: retries and back-offs run instantly.
    const clock = new ManualClock({ autoAdvance: true });
    sandbox = createSandbox({ seed: 1, clock, users: [{ email: 'me@example.com', region: 'in', books: [{ edition: 'in' }], fsm: false }] });
    booksOrg = sandbox.orgs({ app: 'books' })[0]!.organizationId;
    const { clientId, clientSecret, refreshToken } = sandbox.credentials();
    client = new IntegrationClient({
      region: 'in',
      finance: { app: 'books', organizationId: booksOrg },
      auth: { clientId, clientSecret, refreshToken },
      transport: createFetchTransport({ fetch: sandbox.fetch }),
      clock,
    });
  });

  it('creates every customer once, and a second run writes nothing', async () => {
    expect(await pushCustomers(client, customers)).toEqual({ created: 3, updated: 0, unchanged: 0, failed: [] });
    expect(sandbox.records(booksOrg, 'contacts').map((c) => c.contact_name).sort()).toEqual(['Asha Rao', 'Ben Okafor', 'Chen Wei']);
    sandbox.calls.reset();
    expect(await pushCustomers(client, customers)).toEqual({ created: 0, updated: 0, unchanged: 3, failed: [] });
    expect(sandbox.calls.count({ method: 'POST' }) + sandbox.calls.count({ method: 'PUT' })).toBe(0);
  });

  it('puts back a phone number someone changed in the Zoho UI', async () => {
    await pushCustomers(client, customers);
    const asha = sandbox.records(booksOrg, 'contacts').find((c) => c.contact_name === 'Asha Rao')!;
    const [person] = asha.contact_persons as Array<{ contact_person_id: string }>;
    sandbox.edit(booksOrg, 'contactpersons', person!.contact_person_id, { phone: '+91 00000 00000' });
    expect(await pushCustomers(client, customers)).toMatchObject({ updated: 1, unchanged: 2 });
    expect(sandbox.records(booksOrg, 'contactpersons').find((p) => p.email === 'asha@example.com')?.phone).toBe('+91 98400 00001');
  });

  it('never duplicates a customer whose create succeeded but whose reply was lost', async () => {
    sandbox.faults.next({ match: { method: 'POST', path: '/contacts' }, fault: 'lost-ack' });
    const first = await pushCustomers(client, customers);
    expect(first.failed.map((f) => f.id)).toEqual(['c1']);
    // Zoho did create c1: the re-run finds it by name instead of creating it again.
    const second = await pushCustomers(client, customers);
    expect(second).toMatchObject({ created: 0, failed: [] });
    expect(sandbox.records(booksOrg, 'contacts')).toHaveLength(3);
  });

  it('rides out Zoho’s rate limits (codes 44 and 1070) and a 503 without failing a record', async () => {
    sandbox.faults.next({ match: { method: 'GET' }, fault: { kind: 'rate-limit', code: 44 }, times: 2 });
    sandbox.faults.next({ match: { method: 'GET' }, fault: { kind: 'rate-limit', code: 1070 } });
    sandbox.faults.next({ match: { method: 'GET' }, fault: 'unavailable' });
    expect(await pushCustomers(client, customers)).toMatchObject({ created: 3, failed: [] });
    expect(sandbox.calls.count({ status: 429 })).toBe(3);
  });
});
