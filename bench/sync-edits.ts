/**
 * The edits of bench/sync.ts's incremental run: a share of each entity's records on each side
 * changed through `sandbox.edit`, as a person in the Zoho UI would. FSM and Books edits fall on
 * different pairs (told apart by the pairing keys: company name, email, item name), so the run
 * carries each edit across with one write and meets no conflict.
 */
import type { Sandbox, SandboxResource } from '../src/sandbox/index.js';

type Row = Record<string, unknown>;

/** One planned edit. */
interface Edit {
  side: 'fsm' | 'books';
  resource: SandboxResource;
  id: string;
  patch: Row;
}

/** What planEdits chose, with what the lower bound of the run needs to know. */
export interface EditPlan {
  edits: Edit[];
  total: number;
  fsmTotal: number;
  /** Books customers edited. */
  booksCustomers: string[];
  /** Books customers whose persons were edited (an edited person bumps its customer's modified time). */
  booksPersonParents: string[];
  /** Edits per entity and side, for the lower bound (bench/lower-bound.ts). */
  counts: { fsm: { companies: number; contacts: number; items: number }; books: { customers: number; persons: number; items: number } };
  /** e.g. `Companies 70, Contacts 170, …`. */
  summary: string;
}

const keyOf = (value: unknown) => String(value ?? '').trim().toLowerCase();

/** `share` of `rows`, at least one, spread evenly; `phase` (0–1) shifts where in each stride. */
function spread<T>(rows: readonly T[], share: number, phase: number): T[] {
  if (rows.length === 0) return [];
  const n = Math.max(1, Math.round(rows.length * share));
  const stride = rows.length / n;
  return Array.from({ length: n }, (_, i) => rows[Math.floor(i * stride + phase * stride)]).filter((r): r is T => r !== undefined);
}

/** Chooses `share` of each entity's records on each side to edit, on pairs not edited on the other side. */
export function planEdits(sandbox: Sandbox, orgs: { fsm: string; books: string }, share: number): EditPlan {
  const fsmCompanies = spread(sandbox.records(orgs.fsm, 'Companies'), share, 0);
  // Contacts without a company are not synced under type III: editing them would carry nothing.
  const fsmContacts = spread(sandbox.records(orgs.fsm, 'Contacts').filter((c) => c.Company !== undefined && c.Company !== null && c.Company !== ''), share, 0);
  const fsmItems = spread(sandbox.records(orgs.fsm, 'Service_And_Parts'), share, 0);
  const taken = {
    companies: new Set(fsmCompanies.map((c) => keyOf(c.Company_Name))),
    contacts: new Set(fsmContacts.map((c) => keyOf(c.Email))),
    items: new Set(fsmItems.map((c) => keyOf(c.Name))),
  };

  const customers = sandbox.records(orgs.books, 'contacts');
  const business = customers.filter((c) => c.customer_sub_type !== 'individual');
  const businessIds = new Set(business.map((c) => String(c.contact_id)));
  const booksCustomers = spread(business.filter((c) => !taken.companies.has(keyOf(c.contact_name))), share, 0.5);
  const booksPersons = spread(sandbox.records(orgs.books, 'contactpersons').filter((p) => businessIds.has(String(p.contact_id)) && !taken.contacts.has(keyOf(p.email))), share, 0.5);
  const booksItems = spread(sandbox.records(orgs.books, 'items').filter((i) => !taken.items.has(keyOf(i.name))), share, 0.5);

  const edits: Edit[] = [
    ...fsmCompanies.map((r, i): Edit => ({ side: 'fsm', resource: 'Companies', id: String(r.id), patch: { Website: `https://bench-${i}.example` } })),
    ...fsmContacts.map((r, i): Edit => ({ side: 'fsm', resource: 'Contacts', id: String(r.id), patch: { Phone: `+1 555 01${String(i).padStart(4, '0')}` } })),
    ...fsmItems.map((r, i): Edit => ({ side: 'fsm', resource: 'Service_And_Parts', id: String(r.id), patch: { Description: `bench edit ${i}` } })),
    ...booksCustomers.map((r, i): Edit => ({ side: 'books', resource: 'contacts', id: String(r.contact_id), patch: { website: `https://books-bench-${i}.example` } })),
    ...booksPersons.map((r, i): Edit => ({ side: 'books', resource: 'contactpersons', id: String(r.contact_person_id), patch: { phone: `+1 555 02${String(i).padStart(4, '0')}` } })),
    ...booksItems.map((r, i): Edit => ({ side: 'books', resource: 'items', id: String(r.item_id), patch: { description: `books bench edit ${i}` } })),
  ];
  const counts = [
    ['FSM Companies', fsmCompanies], ['Contacts', fsmContacts], ['Service_And_Parts', fsmItems],
    ['Books customers', booksCustomers], ['persons', booksPersons], ['items', booksItems],
  ] as const;
  return {
    edits,
    total: edits.length,
    fsmTotal: edits.filter((e) => e.side === 'fsm').length,
    booksCustomers: booksCustomers.map((c) => String(c.contact_id)),
    booksPersonParents: [...new Set(booksPersons.map((p) => String(p.contact_id)))],
    counts: {
      fsm: { companies: fsmCompanies.length, contacts: fsmContacts.length, items: fsmItems.length },
      books: { customers: booksCustomers.length, persons: booksPersons.length, items: booksItems.length },
    },
    summary: counts.map(([name, rows]) => `${name} ${rows.length}`).join(', '),
  };
}

/** Makes the planned edits. */
export function applyEdits(sandbox: Sandbox, orgs: { fsm: string; books: string }, plan: EditPlan): void {
  for (const edit of plan.edits) sandbox.edit(edit.side === 'fsm' ? orgs.fsm : orgs.books, edit.resource, edit.id, edit.patch);
}
