// The MapStorage adapter from docs/storage.md ("Writing your own adapter"), kept identical apart from
// the import paths: it proves the documented example passes the contract with the exported helpers.
import { storageValuesEqual } from '../../src/storage/json-value.js';
import { compareStorageKeys } from '../../src/storage/key-order.js';
import { checkStorageBatch, encodeStorageValue, prepareStorageBatch } from '../../src/storage/storage-input.js';
import type { Storage, StorageEntry, StorageListOptions, StorageOp } from '../../src/storage/storage.js';
import { runStorageContract } from '../../src/testing/index.js';

export class MapStorage implements Storage {
  readonly #data = new Map<string, string>(); // key -> JSON text, so every read is a fresh copy

  async get<T>(key: string): Promise<T | undefined> {
    return this.#read<T>(key);
  }
  async getMany<T>(keys: readonly string[]): Promise<Array<T | undefined>> {
    return keys.map((key) => this.#read<T>(key));
  }
  async list<T>(prefix: string, { after, limit = Infinity }: StorageListOptions = {}): Promise<Array<StorageEntry<T>>> {
    return [...this.#data]
      .filter(([key]) => key.startsWith(prefix) && (after === undefined || compareStorageKeys(key, after) > 0))
      .sort(([a], [b]) => compareStorageKeys(a, b))
      .slice(0, limit)
      .map(([key, json]) => ({ key, value: JSON.parse(json) as T }));
  }
  async batch(ops: readonly StorageOp[]): Promise<void> {
    const prepared = prepareStorageBatch(ops); // throws before writing anything if any op is bad
    checkStorageBatch(prepared, (key) => this.#read(key)); // so does a check op that does not match
    for (const op of prepared) {
      if (op.type === 'put') this.#data.set(op.key, op.json);
      else if (op.type === 'delete') this.#data.delete(op.key);
    }
  }
  async compareAndSet<T>(key: string, expected: T | undefined, next: T | undefined): Promise<boolean> {
    const json = next === undefined ? undefined : encodeStorageValue(next, 'next');
    // No `await` between this read and the write below: that is what makes it atomic here.
    const current = this.#read(key);
    const same = current === undefined || expected === undefined ? current === expected : storageValuesEqual(current, expected);
    if (!same) return false;
    if (json === undefined) this.#data.delete(key);
    else this.#data.set(key, json);
    return true;
  }
  #read<T>(key: string): T | undefined {
    const json = this.#data.get(key);
    return json === undefined ? undefined : (JSON.parse(json) as T);
  }
}

runStorageContract('MapStorage from docs/storage.md', () => ({ storage: new MapStorage() }));
