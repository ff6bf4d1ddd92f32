import { storageValuesEqual } from './json-value.js';
import { SortedKeyIndex } from './sorted-key-index.js';
import { checkListArguments, checkStorageBatch, checkStorageKey, encodeStorageValue, prepareStorageBatch } from './storage-input.js';
import type { Storage, StorageEntry, StorageListOptions, StorageOp } from './storage.js';

/**
 * A {@link Storage} in memory: the default when you pass none, and the one to use in tests.
 * State is lost when the process ends; use `SqliteStorage` from `fsm-billing-sync/node` (or your
 * own adapter) to keep it.
 *
 * Values are kept as JSON text, so what you put and what you get are always independent copies.
 * Every method finishes its work before it yields, which makes `batch` and `compareAndSet`
 * atomic with respect to every other caller in the same process.
 *
 * @example
 * ```ts
 * import { MemoryStorage } from 'fsm-billing-sync';
 *
 * const storage = new MemoryStorage();
 * await storage.batch([{ type: 'put', key: 'cursor/companies', value: { since: '2024-01-01' } }]);
 * await storage.get('cursor/companies'); // { since: '2024-01-01' }
 * ```
 */
export class MemoryStorage implements Storage {
  readonly #values = new Map<string, string>();
  readonly #index = new SortedKeyIndex();

  /** The number of keys held. */
  get size(): number {
    return this.#values.size;
  }

  async get<T>(key: string): Promise<T | undefined> {
    checkStorageKey(key, 'get');
    return this.#read<T>(key);
  }

  async getMany<T>(keys: readonly string[]): Promise<Array<T | undefined>> {
    keys.forEach((key) => checkStorageKey(key, 'getMany'));
    return keys.map((key) => this.#read<T>(key));
  }

  async list<T>(prefix: string, options?: StorageListOptions): Promise<Array<StorageEntry<T>>> {
    checkListArguments(prefix, options);
    const keys = this.#index.select(prefix, options?.after, options?.limit ?? Number.POSITIVE_INFINITY);
    return keys.map((key) => ({ key, value: this.#read<T>(key) as T }));
  }

  async batch(ops: readonly StorageOp[]): Promise<void> {
    // Validation encodes every value first and the checks run before any write; applying the
    // prepared ops to a Map cannot fail midway, and nothing yields in between.
    const prepared = prepareStorageBatch(ops);
    checkStorageBatch(prepared, (key) => this.#read(key));
    for (const op of prepared) {
      if (op.type === 'put') this.#write(op.key, op.json);
      else if (op.type === 'delete') this.#delete(op.key);
    }
  }

  async compareAndSet<T>(key: string, expected: T | undefined, next: T | undefined): Promise<boolean> {
    checkStorageKey(key, 'compareAndSet');
    if (expected !== undefined) encodeStorageValue(expected, 'expected', 'Storage.compareAndSet');
    const nextJson = next === undefined ? undefined : encodeStorageValue(next, 'next', 'Storage.compareAndSet');
    const current = this.#read(key);
    const matches = current === undefined || expected === undefined ? current === expected : storageValuesEqual(current, expected);
    if (!matches) return false;
    if (nextJson === undefined) this.#delete(key);
    else this.#write(key, nextJson);
    return true;
  }

  #read<T>(key: string): T | undefined {
    const json = this.#values.get(key);
    return json === undefined ? undefined : (JSON.parse(json) as T);
  }

  #write(key: string, json: string): void {
    if (!this.#values.has(key)) this.#index.add(key);
    this.#values.set(key, json);
  }

  #delete(key: string): void {
    if (this.#values.delete(key)) this.#index.remove(key);
  }
}
