import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import type { Storage, StorageEntry, StorageListOptions, StorageOp } from '../../src/storage/storage.js';
import { syncWorld } from './helpers.js';

// Zoho's modified times have whole seconds. A contact person created under a customer within the
// second the sync last saw that customer leaves the customer's time where it was: if the process
// dies before the reply is read, the next run must still look under that customer — trusting
// "nothing moved since" there would create the person a second time.

/** Storage of a process that can die: after `die()`, nothing more is written. */
class MortalStorage implements Storage {
  readonly inner = new MemoryStorage();
  dead = false;
  get<T>(key: string): Promise<T | undefined> {
    return this.inner.get<T>(key);
  }
  getMany<T>(keys: readonly string[]): Promise<Array<T | undefined>> {
    return this.inner.getMany<T>(keys);
  }
  list<T>(prefix: string, options?: StorageListOptions): Promise<Array<StorageEntry<T>>> {
    return this.inner.list<T>(prefix, options);
  }
  batch(ops: readonly StorageOp[]): Promise<void> {
    return this.dead ? Promise.reject(new Error('process killed')) : this.inner.batch(ops);
  }
  compareAndSet<T>(key: string, expected: T | undefined, next: T | undefined): Promise<boolean> {
    return this.dead ? Promise.reject(new Error('process killed')) : this.inner.compareAndSet(key, expected, next);
  }
}

describe('a contact person create whose process died in the second of its customer', () => {
  for (const when of ['once the dead run\'s lease expired', 'a day later (the daily full read)'] as const) {
    it(`is found under its customer by the next run ${when}, not created again`, async () => {
      const storage = new MortalStorage();
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
