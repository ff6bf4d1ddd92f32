import { describe, expect, it } from 'vitest';
import type { SyncType } from '../../src/mapping/index.js';
import { fieldPath, readPath } from '../../src/sync/merge/field-paths.js';
import { type SyncWorld, syncWorld, writesSince } from './helpers.js';

/*
 * One clean run leaves both sides equal under the mapping, and the next run writes nothing, for
 * every sync type. The case that broke type IV: a company whose people are FSM contacts, so its
 * Books customer's persons (and so its primary person) are written by the contacts unit after the
 * companies unit ran.
 */

const blank = (value: unknown): string | null => (value === undefined || value === null || value === '' ? null : typeof value === 'object' ? JSON.stringify((value as { id?: unknown }).id ?? value) : String(value).trim());

/** Every linked company differing from its customer under the companies mapping, as sentences. */
async function companyDifferences(world: SyncWorld): Promise<string[]> {
  if (world.mapper.syncType === 'II') return []; // no companies under type II
  const converter = await world.mapper.converter('companies');
  const problems: string[] = [];
  for (const { key, value } of await world.storage.list<{ financeId?: string }>('sync/')) {
    const match = /\/link\/companies\/fsm\/([^/]+)$/.exec(key);
    if (!match || value.financeId === undefined) continue;
    const fsm = world.sandbox.record(world.fsm, 'Companies', decodeURIComponent(match[1] ?? ''));
    const finance = world.sandbox.record(world.books, 'contacts', value.financeId);
    if (!fsm || !finance) continue;
    const asFinance = converter.toFinance(fsm, { unresolved: 'omit' });
    const asFsm = converter.toFsm(finance, { unresolved: 'omit' });
    for (const entry of converter.entries) {
      const fsmValue = readPath(fsm, fieldPath(entry.fsm));
      const financeValue = readPath(finance, fieldPath(entry.finance));
      // Tax ids are references, omitted by a conversion without a resolver: they pass unchanged.
      const fsmAsFinance = readPath(asFinance, fieldPath(entry.finance)) ?? fsmValue;
      const financeAsFsm = readPath(asFsm, fieldPath(entry.fsm)) ?? financeValue;
      if (entry.direction !== 'to_fsm' && blank(fsmAsFinance) !== blank(financeValue)) {
        problems.push(`${String(fsm.Company_Name)}: FSM ${entry.fsm} as ${entry.finance} is ${JSON.stringify(fsmAsFinance)}, Books has ${JSON.stringify(financeValue)}`);
      }
      if (entry.direction !== 'to_finance' && blank(financeAsFsm) !== blank(fsmValue)) {
        problems.push(`${String(fsm.Company_Name)}: Books ${entry.finance} as ${entry.fsm} is ${JSON.stringify(financeAsFsm)}, FSM has ${JSON.stringify(fsmValue)}`);
      }
    }
  }
  return problems;
}

/** An FSM company without an email, with two contacts (its people), and nothing in Books yet. */
function companyWithPeople(syncType: SyncType): SyncWorld {
  const world = syncWorld({ syncType, seed: 9, fsmRecords: { customers: 0, items: 0 }, booksRecords: { customers: 0, items: 0 } });
  const company = world.sandbox.insert(world.fsm, 'Companies', { Company_Name: 'Acme Settling', Phone: '+1 555 0199' });
  world.sandbox.insert(world.fsm, 'Contacts', { First_Name: 'Ann', Last_Name: 'One', Email: 'ann@acme.example', Phone: '+1 555 0101', Company: { id: company.id } });
  world.sandbox.insert(world.fsm, 'Contacts', { First_Name: 'Ben', Last_Name: 'Two', Email: 'ben@acme.example', Company: { id: company.id } });
  // No email or phone at all: the company's primary person in Books is one of its contacts.
  const quiet = world.sandbox.insert(world.fsm, 'Companies', { Company_Name: 'Quiet Settling' });
  world.sandbox.insert(world.fsm, 'Contacts', { First_Name: 'Cy', Last_Name: 'Three', Email: 'cy@quiet.example', Mobile: '+1 555 0133', Company: { id: quiet.id } });
  return world;
}

describe('one clean run settles every sync type', () => {
  for (const syncType of ['I', 'II', 'III', 'IV'] as const) {
    it(`type ${syncType}: a company with people, and the seeded records, are equal under the mapping after one run; the next run writes nothing`, async () => {
      for (const world of [companyWithPeople(syncType), syncWorld({ syncType, seed: 9 })]) {
        const first = await world.syncer().run();
        expect(first.failures, 'the first run fails no record').toEqual([]);
        expect(await companyDifferences(world), 'companies differ from their customers after one clean run').toEqual([]);
        const before = world.sandbox.calls.total;
        await world.syncer().run({ fullScan: true });
        expect(writesSince(world, before), 'the second run writes nothing').toEqual([]);
      }
    });
  }

  it('type IV: an FSM edit of the contact who is the primary person, and a Books edit of that person, settle in the run that sees them', async () => {
    const world = companyWithPeople('IV');
    await world.syncer().run();
    const ann = world.sandbox.records(world.fsm, 'Contacts').find((c) => c.Email === 'ann@acme.example');
    const person = world.sandbox.records(world.books, 'contactpersons').find((p) => p.email === 'ann@acme.example');
    if (!ann || !person) throw new Error('Ann was not synced');
    await world.clock.advance(60_000);
    world.sandbox.edit(world.fsm, 'Contacts', String(ann.id), { Email: 'ann.one@acme.example' });
    await world.syncer().run();
    expect(world.sandbox.record(world.books, 'contactpersons', String(person.contact_person_id))?.email).toBe('ann.one@acme.example');
    expect(await companyDifferences(world)).toEqual([]);
    await world.clock.advance(60_000);
    world.sandbox.edit(world.books, 'contactpersons', String(person.contact_person_id), { phone: '+1 555 0177' });
    await world.syncer().run();
    expect(world.sandbox.record(world.fsm, 'Contacts', String(ann.id))?.Phone).toBe('+1 555 0177');
    expect(await companyDifferences(world)).toEqual([]);
    const before = world.sandbox.calls.total;
    await world.syncer().run({ fullScan: true });
    expect(writesSince(world, before)).toEqual([]);
  });
});
