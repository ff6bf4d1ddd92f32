import { describe, expect, it } from 'vitest';
import { CrashingStorage } from '../reliability/convergence.js';
import { syncWorld } from './helpers.js';

// Zoho's modified times have whole seconds. A contact person created under a customer within the
// second the sync last saw that customer leaves the customer's time where it was: if the process
// dies before the reply is read, the next run must still look under that customer — trusting
// "nothing moved since" there would create the person a second time.

describe('a contact person create whose process died in the second of its customer', () => {
  for (const when of ['once the dead run\'s lease expired', 'a day later (the daily full read)'] as const) {
    it(`is found under its customer by the next run ${when}, not created again`, async () => {
      // The process's storage: once `dead`, nothing more is written.
      const storage = new CrashingStorage();
      let killAtPersonCreate = false;
      const w = syncWorld({
        syncType: 'III',
        seed: 11,
        storage,
        fsmRecords: { customers: 0, items: 0 },
        booksRecords: { customers: 0, items: 0 },
        // The person's create reaches Books, then the process dies before it hears back.
        fetch: (sandboxFetch) => async (input, init) => {
          const request = new Request(input, init);
          const reply = await sandboxFetch(request.clone());
          if (killAtPersonCreate && request.method === 'POST' && new URL(request.url).pathname.endsWith('/contacts/contactpersons')) {
            storage.dead = true;
            throw new TypeError('fetch failed');
          }
          return reply;
        },
      });
      const company = await w.client.fsm.companies.create({ Company_Name: 'Harbour Plumbing Ltd' });
      await w.syncer().run();
      const customerId = String(await w.syncer().linkedId('companies', 'fsm', company.id));
      expect(customerId).not.toBe('undefined');

      // Same second (the sandbox's clock stands still): the person's create will not move the customer's time.
      const contact = await w.client.fsm.contacts.create({ First_Name: 'Ada', Last_Name: 'Moss', Email: 'ada@harbour.example', Company: company.id });
      killAtPersonCreate = true;
      await expect(w.syncer().run()).rejects.toThrow();
      killAtPersonCreate = false;
      storage.dead = false;
      const personsOf = () => w.sandbox.records(w.books, 'contactpersons').filter((p) => p.contact_id === customerId);
      expect(personsOf().map((p) => p.email)).toEqual(['ada@harbour.example']);

      await w.clock.advance(when.startsWith('a day') ? 25 * 3_600_000 : 1_200_000);
      await w.syncer().run();
      expect(personsOf().map((p) => p.email), 'one person, not two').toEqual(['ada@harbour.example']);
      expect(await w.syncer().linkedId('contact_persons', 'fsm', contact.id)).toBe(String(personsOf()[0]?.contact_person_id));
    });
  }
});
