import type { Storage, StorageEntry } from '../storage/storage.js';

const PAGE = 1000;

/** Every entry under a prefix, read a page at a time so an adapter never returns one huge result. */
export async function listAll<T>(storage: Storage, prefix: string): Promise<Array<StorageEntry<T>>> {
  const all: Array<StorageEntry<T>> = [];
  let after: string | undefined;
  for (;;) {
    const page = await storage.list<T>(prefix, after === undefined ? { limit: PAGE } : { after, limit: PAGE });
    all.push(...page);
    if (page.length < PAGE) return all;
    after = page[page.length - 1]?.key;
  }
}
