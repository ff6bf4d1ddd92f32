import type { Storage, StorageEntry } from '../../storage/storage.js';

const PAGE = 1000;

/** The entries under a prefix, `size` at a time (the last page may be empty). */
export async function* listPages<T>(storage: Storage, prefix: string, size = PAGE): AsyncGenerator<Array<StorageEntry<T>>> {
  let after: string | undefined;
  for (;;) {
    const page = await storage.list<T>(prefix, after === undefined ? { limit: size } : { after, limit: size });
    yield page;
    if (page.length < size) return;
    after = page[page.length - 1]?.key;
  }
}

/** Every entry under a prefix, read a page at a time so an adapter never returns one huge result. */
export async function listAll<T>(storage: Storage, prefix: string): Promise<Array<StorageEntry<T>>> {
  const all: Array<StorageEntry<T>> = [];
  for await (const page of listPages<T>(storage, prefix)) all.push(...page);
  return all;
}
