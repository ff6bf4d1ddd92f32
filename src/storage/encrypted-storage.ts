import { ConfigError } from '../errors/config-error.js';
import { FsmBillingError } from '../errors/fsm-billing-error.js';
import { storageValuesEqual } from './json-value.js';
import { checkStorageBatch, checkStorageKey, encodeStorageValue, prepareStorageBatch, type PreparedStorageOp } from './storage-input.js';
import type { Storage, StorageEntry, StorageListOptions, StorageOp } from './storage.js';
import { isSealedValue, ValueCipher, type EncryptionKey } from './value-cipher.js';

/** Options of {@link EncryptedStorage}. */
export interface EncryptedStorageOptions {
  /** The key new values are encrypted with. */
  key: EncryptionKey;
  /** Older keys, to read what they encrypted until {@link EncryptedStorage.rotate} re-encrypted it. */
  previousKeys?: readonly EncryptionKey[];
  /**
   * Which keys to encrypt: those starting with one of these prefixes. Default `['auth/token/']`,
   * where the SDK caches OAuth access tokens. `['']` encrypts every value.
   */
  prefixes?: readonly string[];
}

/** What {@link EncryptedStorage.rotate} did. */
export interface RotateResult {
  /** Values found under the prefixes. */
  scanned: number;
  /** Values re-encrypted with the current key (older keys, or stored in clear). */
  reencrypted: number;
}

type CheckOp = Extract<PreparedStorageOp, { type: 'check' }>;

/** Where the SDK caches access tokens (`auth/token/<hash>`, see docs/auth.md). */
const DEFAULT_PREFIXES: readonly string[] = ['auth/token/'];
const ROTATE_PAGE = 100;

/**
 * A {@link Storage} that keeps chosen values encrypted inside another storage, so a copy of the
 * database file (a backup, a stolen disk) does not give away an OAuth access token. Values under
 * `prefixes` (default: the cached access tokens, `auth/token/`) are stored as AES-GCM envelopes
 * (WebCrypto, a random 96-bit IV per value, the key id alongside, the storage key authenticated
 * with the ciphertext); keys, and values under other prefixes, are stored as they are.
 *
 * It keeps every guarantee of the inner storage, and passes the storage contract suite:
 * `batch` encrypts first and then writes through the inner, atomic `batch` (a `check` of an
 * encrypted key compares the decrypted value, and has the inner batch check the very ciphertext
 * that was compared); `compareAndSet`
 * compares `expected` with the decrypted current value, then swaps with the inner storage's
 * `compareAndSet` on the exact ciphertext it read, and compares again when another writer got in
 * between, so it stays atomic across processes whenever the inner storage is.
 *
 * Rotation: pass the new key as `key` and the old one in `previousKeys`. Reads decrypt with either;
 * every write uses the new key; {@link EncryptedStorage.rotate} re-encrypts the rest, after which
 * the old key can go. A value stored in clear under a prefix (written before encryption was turned
 * on) is read as it is and encrypted by the next write or `rotate()`.
 *
 * @throws {ConfigError} at construction when a key or prefix is malformed.
 * @example
 * ```ts
 * import { EncryptedStorage } from 'fsm-billing-sync';
 * import { SqliteStorage } from 'fsm-billing-sync/node';
 *
 * // 32 random bytes, kept in your secret store: openssl rand -base64 32
 * const material = Uint8Array.from(atob(process.env.STATE_KEY!), (c) => c.charCodeAt(0));
 * const storage = new EncryptedStorage(await SqliteStorage.open('./state.db'), { key: { id: '2025-06', material } });
 * const client = new IntegrationClient({ storage, auth: { clientId, clientSecret, refreshToken }, ... });
 * ```
 */
export class EncryptedStorage implements Storage {
  readonly #inner: Storage;
  readonly #cipher: ValueCipher;
  readonly #prefixes: readonly string[];

  constructor(inner: Storage, options: EncryptedStorageOptions) {
    if (typeof inner?.compareAndSet !== 'function' || typeof inner.batch !== 'function') {
      throw new ConfigError('EncryptedStorage: the first argument must be the Storage to keep the encrypted values in (MemoryStorage, SqliteStorage, your own).');
    }
    this.#inner = inner;
    this.#cipher = new ValueCipher(options?.key, options?.previousKeys ?? []);
    this.#prefixes = checkedPrefixes(options.prefixes ?? DEFAULT_PREFIXES);
  }

  async get<T>(key: string): Promise<T | undefined> {
    return this.#reveal(key, await this.#inner.get<unknown>(key)) as Promise<T | undefined>;
  }

  async getMany<T>(keys: readonly string[]): Promise<Array<T | undefined>> {
    const stored = await this.#inner.getMany<unknown>(keys);
    return Promise.all(stored.map((value, i) => this.#reveal(keys[i] as string, value) as Promise<T | undefined>));
  }

  async list<T>(prefix: string, options?: StorageListOptions): Promise<Array<StorageEntry<T>>> {
    const entries = await this.#inner.list<unknown>(prefix, options);
    return Promise.all(entries.map(async ({ key, value }) => ({ key, value: (await this.#reveal(key, value)) as T })));
  }

  async batch(ops: readonly StorageOp[]): Promise<void> {
    // Validated as plain values first, so errors name the op and path as any adapter's would.
    const prepared = prepareStorageBatch(ops);
    const values = await Promise.all(prepared.map((op) => (op.type === 'put' ? this.#storedForm(op.key, op.json) : undefined)));
    const checks = prepared.filter((op): op is CheckOp => op.type === 'check' && this.#covers(op.key));
    for (;;) {
      // A check of an encrypted key compares the decrypted value, then asks the inner storage to
      // check the exact ciphertext it read, in the same atomic batch as the writes.
      const stored = checks.length === 0 ? [] : await this.#inner.getMany<unknown>(checks.map((op) => op.key));
      const plain = new Map(await Promise.all(checks.map(async (op, i) => [op.key, await this.#reveal(op.key, stored[i])] as const)));
      checkStorageBatch(checks, (key) => plain.get(key));
      const ciphertexts = new Map(checks.map((op, i) => [op.index, stored[i]]));
      const sealed = prepared.map((op, i): StorageOp => {
        if (op.type === 'put') return { type: 'put', key: op.key, value: values[i] };
        if (op.type === 'check') return { type: 'check', key: op.key, value: ciphertexts.has(op.index) ? ciphertexts.get(op.index) : op.expected };
        return op;
      });
      try {
        await this.#inner.batch(sealed);
        return;
      } catch (error) {
        // The ciphertext changed since it was read (another writer, or rotate()): compare again.
        if (!(error instanceof FsmBillingError && error.code === 'STORAGE_CHECK_FAILED' && ciphertexts.has(error.details['op'] as number))) throw error;
      }
    }
  }

  async compareAndSet<T>(key: string, expected: T | undefined, next: T | undefined): Promise<boolean> {
    if (!this.#covers(key)) return this.#inner.compareAndSet(key, expected, next);
    checkStorageKey(key, 'compareAndSet');
    if (expected !== undefined) encodeStorageValue(expected, 'expected', 'Storage.compareAndSet');
    const nextJson = next === undefined ? undefined : encodeStorageValue(next, 'next', 'Storage.compareAndSet');
    const sealed = nextJson === undefined ? undefined : await this.#cipher.seal(key, nextJson);
    for (;;) {
      const stored = await this.#inner.get<unknown>(key);
      const current = await this.#reveal(key, stored);
      const matches = current === undefined || expected === undefined ? current === expected : storageValuesEqual(current, expected);
      if (!matches) return false;
      // Swaps only if the ciphertext is still the one just compared (IVs are random, so a rewrite
      // of the same plaintext is another ciphertext). False means another writer got in: compare again.
      if (await this.#inner.compareAndSet<unknown>(key, stored, sealed)) return true;
    }
  }

  /**
   * Re-encrypts with the current key every value under the prefixes that an older key encrypted
   * or that is stored in clear, one `compareAndSet` each (a concurrent write is never overwritten:
   * it was already made with the current key). Run it after adding a key; then drop the old one.
   *
   * @throws {FsmBillingError} `STORAGE_DECRYPT_FAILED` for a value no given key decrypts;
   * `signal.reason` when `signal` aborts (values done so far stay re-encrypted).
   * @example
   * ```ts
   * const storage = new EncryptedStorage(inner, { key: { id: '2025-12', material: newKey }, previousKeys: [{ id: '2025-06', material: oldKey }] });
   * const { reencrypted } = await storage.rotate();
   * ```
   */
  async rotate(options: { signal?: AbortSignal } = {}): Promise<RotateResult> {
    const result: RotateResult = { scanned: 0, reencrypted: 0 };
    for (const prefix of this.#prefixes) {
      for (let after: string | undefined; ; ) {
        options.signal?.throwIfAborted();
        const page = await this.#inner.list<unknown>(prefix, after === undefined ? { limit: ROTATE_PAGE } : { after, limit: ROTATE_PAGE });
        for (const { key, value } of page) {
          options.signal?.throwIfAborted();
          result.scanned += 1;
          if (await this.#reencrypt(key, value)) result.reencrypted += 1;
        }
        if (page.length < ROTATE_PAGE) break;
        after = page.at(-1)?.key;
      }
    }
    return result;
  }

  async #reencrypt(key: string, value: unknown): Promise<boolean> {
    for (let stored = value; stored !== undefined && !(isSealedValue(stored) && stored.keyId === this.#cipher.currentId); stored = await this.#inner.get<unknown>(key)) {
      const sealed = await this.#cipher.seal(key, JSON.stringify(await this.#cipher.open(key, stored)));
      if (await this.#inner.compareAndSet<unknown>(key, stored, sealed)) return true;
    }
    return false;
  }

  /** What the inner storage holds for a put of `json` under `key`: an envelope, or the value itself. */
  async #storedForm(key: string, json: string): Promise<unknown> {
    return this.#covers(key) ? this.#cipher.seal(key, json) : (JSON.parse(json) as unknown);
  }

  #covers(key: string): boolean {
    return typeof key === 'string' && this.#prefixes.some((prefix) => key.startsWith(prefix));
  }

  async #reveal(key: string, stored: unknown): Promise<unknown> {
    return stored === undefined || !this.#covers(key) ? stored : this.#cipher.open(key, stored);
  }
}

/** The prefixes, without those inside another (so `rotate()` visits each key once). */
function checkedPrefixes(prefixes: readonly string[]): readonly string[] {
  if (!Array.isArray(prefixes) || prefixes.length === 0 || prefixes.some((p) => typeof p !== 'string')) {
    throw new ConfigError("EncryptedStorage: prefixes must be a non-empty array of key prefixes, e.g. ['auth/token/'] (the default) or [''] for every value.");
  }
  return prefixes.filter((prefix, i) => !prefixes.some((other, j) => other !== prefix ? prefix.startsWith(other) : j < i));
}
