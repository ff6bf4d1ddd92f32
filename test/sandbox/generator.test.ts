import { describe, expect, it } from 'vitest';
import { createSandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { ManualClock } from '../../src/manual-clock.js';
import { orgId } from './helpers.js';

const options = (seed: number): SandboxOptions => ({
  seed,
  clock: new ManualClock(),
  users: [{ email: 'g@example.com', region: 'in', books: [{ records: { customers: 30, items: 10, invoices: 5 } }], fsm: { records: { customers: 30, items: 10, workOrders: 5 } } }],
});

/** Checks a GSTIN's mod-36 check character. */
function gstinValid(gstin: string): boolean {
  const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    const p = chars.indexOf(gstin.charAt(i)) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(p / 36) + (p % 36);
  }
  return chars.charAt((36 - (sum % 36)) % 36) === gstin.charAt(14);
}

describe('sandbox generator', () => {
  it('generates the same records, ids, timestamps and tokens for the same seed', () => {
    const a = createSandbox(options(9));
    const b = createSandbox(options(9));
    for (const resource of ['contacts', 'items', 'invoices', 'taxes'] as const) {
      expect(b.records(orgId(b, 'books'), resource)).toEqual(a.records(orgId(a, 'books'), resource));
    }
    expect(b.records(orgId(b, 'fsm'), 'Companies')).toEqual(a.records(orgId(a, 'fsm'), 'Companies'));
    expect(b.credentials()).toEqual(a.credentials());
    const c = createSandbox(options(10));
    expect(c.records(orgId(c, 'books'), 'contacts').map((r) => r.contact_name)).not.toEqual(a.records(orgId(a, 'books'), 'contacts').map((r) => r.contact_name));
  });

  it('draws FSM and finance customers from one sequence, so a first sync finds duplicates by name', () => {
    const s = createSandbox(options(3));
    const finance = new Set(s.records(orgId(s, 'books'), 'contacts').filter((c) => c.customer_sub_type === 'business').map((c) => c.contact_name));
    const fsm = s.records(orgId(s, 'fsm'), 'Companies').map((c) => c.Company_Name);
    expect(fsm.length).toBeGreaterThan(0);
    for (const name of fsm) expect(finance.has(name)).toBe(true);
  });

  it('writes Indian contacts with valid GSTINs, GST treatment and place of contact', () => {
    const s = createSandbox(options(5));
    const business = s.records(orgId(s, 'books'), 'contacts').filter((c) => c.customer_sub_type === 'business');
    expect(business.length).toBeGreaterThan(5);
    for (const c of business) {
      expect(c.gst_treatment).toBe('business_gst');
      expect(gstinValid(String(c.gst_no)), String(c.gst_no)).toBe(true);
      expect(c.place_of_contact).toMatch(/^[A-Z]{2}$/);
      expect(c.currency_code).toBe('INR');
    }
  });

  it('generates unique contact names and emails for any number of records', () => {
    const s = createSandbox({ seed: 1, clock: new ManualClock(), records: 3000, users: [{ email: 'u@example.com', books: [{}], fsm: false }] });
    const contacts = s.records(orgId(s, 'books'), 'contacts');
    expect(contacts).toHaveLength(3000);
    expect(new Set(contacts.map((c) => String(c.contact_name).toLowerCase())).size).toBe(3000);
    const emails = s.records(orgId(s, 'books'), 'contactpersons').map((p) => p.email);
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('spreads creation times over the past and never after now', () => {
    const s = createSandbox(options(1));
    const now = s.clock.now();
    for (const c of s.records(orgId(s, 'fsm'), 'Contacts')) {
      const created = Date.parse(String(c.Created_Time));
      expect(created).toBeLessThanOrEqual(now);
      expect(Date.parse(String(c.Modified_Time))).toBeGreaterThanOrEqual(created);
    }
  });
});
