import { describe, expect, it } from 'vitest';
import type { SyncType } from '../../src/mapping/index.js';
import { type SyncWorld, syncWorld } from './helpers.js';

/*
 * Books contact persons carry no modified time: the walk sees only their customer's. Under
 * latest-wins a person's Books edit wins a conflict only when the customer's time can be put on
 * that person; otherwise the FSM edit, whose time is known, wins.
 */

interface Acme {
  world: SyncWorld;
  fsm: { company: string; ann: string; ben: string };
  books: { ann: string; ben: string };
}

async function acme(syncType: SyncType): Promise<Acme> {
  const world = syncWorld({ syncType, seed: 9, fsmRecords: { customers: 0, items: 0 }, booksRecords: { customers: 0, items: 0 } });
  const company = String(world.sandbox.insert(world.fsm, 'Companies', { Company_Name: 'Acme Times', Website: 'https://acme.example' }).id);
  const ann = String(world.sandbox.insert(world.fsm, 'Contacts', { First_Name: 'Ann', Last_Name: 'One', Email: 'ann@acme.example', Company: { id: company } }).id);
  const ben = String(world.sandbox.insert(world.fsm, 'Contacts', { First_Name: 'Ben', Last_Name: 'Two', Email: 'ben@acme.example', Company: { id: company } }).id);
  await world.syncer().run();
  const person = (email: string) => String(world.sandbox.records(world.books, 'contactpersons').find((p) => p.email === email)?.contact_person_id);
  await world.clock.advance(60_000);
  return { world, fsm: { company, ann, ben }, books: { ann: person('ann@acme.example'), ben: person('ben@acme.example') } };
}

const phones = (a: Acme) => ({ fsm: a.world.sandbox.record(a.world.fsm, 'Contacts', a.fsm.ann)?.Phone, books: a.world.sandbox.record(a.world.books, 'contactpersons', a.books.ann)?.phone });

/** Books edits person A's phone at t1, FSM edits it at t2 (a minute later); the clock then moves another minute. */
async function booksThenFsmEditA(a: Acme): Promise<void> {
  a.world.sandbox.edit(a.world.books, 'contactpersons', a.books.ann, { phone: '+1 555 0001' });
  await a.world.clock.advance(60_000);
  a.world.sandbox.edit(a.world.fsm, 'Contacts', a.fsm.ann, { Phone: '+1 555 0002' });
  await a.world.clock.advance(60_000);
}

describe('latest-wins for contact persons', () => {
  for (const syncType of ['III', 'IV'] as const) {
    it(`type ${syncType}: Books edits person A at t1, FSM edits A at t2, Books edits person B of the same customer at t3: FSM's later edit of A is kept`, async () => {
      const a = await acme(syncType);
      await booksThenFsmEditA(a);
      a.world.sandbox.edit(a.world.books, 'contactpersons', a.books.ben, { last_name: 'Later' });
      const report = await a.world.syncer({ conflicts: 'latest-wins' }).run();
      expect(phones(a), 'the customer was changed later by another person: A\'s Books time is unknown, FSM\'s known time wins').toEqual({ fsm: '+1 555 0002', books: '+1 555 0002' });
      expect(report.conflicts.items.map((c) => [c.field.fsm, c.financeModifiedTime])).toEqual([['Phone', undefined]]);
      expect(a.world.sandbox.record(a.world.fsm, 'Contacts', a.fsm.ben)?.Last_Name, 'B\'s Books edit still flows').toBe('Later');
    });

    it(`type ${syncType}: Books edits A at t1, FSM edits A at t2 and the company at t3: the sync's own write to the customer does not make Books later`, async () => {
      const a = await acme(syncType);
      await booksThenFsmEditA(a);
      // The companies unit writes the customer (its website) before the persons are merged.
      a.world.sandbox.edit(a.world.fsm, 'Companies', a.fsm.company, { Website: 'https://acme-new.example' });
      await a.world.syncer({ conflicts: 'latest-wins' }).run();
      expect(phones(a), 'the customer\'s time is the sync\'s own write: A\'s Books time is unknown, FSM\'s known time wins').toEqual({ fsm: '+1 555 0002', books: '+1 555 0002' });
    });

    it(`type ${syncType}: Books edits A at t1, FSM edits A at t2, Books deletes person B at t3: FSM's later edit of A is kept`, async () => {
      const a = await acme(syncType);
      await booksThenFsmEditA(a);
      a.world.sandbox.remove(a.world.books, 'contactpersons', a.books.ben);
      await a.world.syncer({ conflicts: 'latest-wins' }).run({ fullScan: true });
      expect(phones(a), 'the customer\'s time is the delete\'s: A\'s Books time is unknown, FSM\'s known time wins').toEqual({ fsm: '+1 555 0002', books: '+1 555 0002' });
    });

    it(`type ${syncType}: when A is all that changed in the customer, its time is the customer's and a later Books edit wins`, async () => {
      const a = await acme(syncType);
      a.world.sandbox.edit(a.world.fsm, 'Contacts', a.fsm.ann, { Phone: '+1 555 0002' });
      await a.world.clock.advance(60_000);
      a.world.sandbox.edit(a.world.books, 'contactpersons', a.books.ann, { phone: '+1 555 0001' });
      await a.world.syncer({ conflicts: 'latest-wins' }).run();
      expect(phones(a)).toEqual({ fsm: '+1 555 0001', books: '+1 555 0001' });
    });
  }
});
