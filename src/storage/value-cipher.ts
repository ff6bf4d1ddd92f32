import { ConfigError } from '../errors/config-error.js';
import { FsmBillingError } from '../errors/fsm-billing-error.js';
import { base64ToBytes, bytesToBase64 } from './base64.js';

/** A key of {@link EncryptedStorage}: its id is stored with every value it encrypts. */
export interface EncryptionKey {
  /** A name for the key, e.g. `'2025-06'`; stored in clear next to each ciphertext, so never a secret. */
  id: string;
  /**
   * 32 random bytes (AES-256; 16 or 24 bytes give AES-128 or AES-192), or an AES-GCM `CryptoKey`
   * whose usages include `encrypt` and `decrypt`.
   */
  material: Uint8Array | CryptoKey;
}

/**
 * What is stored in place of an encrypted value: JSON data like any other value. `data` is the
 * AES-GCM ciphertext and tag of the value's JSON text, authenticated together with the storage key,
 * so a ciphertext copied under another key does not decrypt.
 */
export interface SealedValue {
  $encrypted: 'AES-GCM';
  keyId: string;
  /** The 96-bit IV, random for each value, base64. */
  iv: string;
  /** Ciphertext and 128-bit tag, base64. */
  data: string;
}

const AES_KEY_BYTES = new Set([16, 24, 32]);

/** True when a stored value is an envelope this cipher wrote (anything else was stored in clear). */
export function isSealedValue(value: unknown): value is SealedValue {
  if (typeof value !== 'object' || value === null) return false;
  const { $encrypted, keyId, iv, data } = value as Record<string, unknown>;
  return $encrypted === 'AES-GCM' && typeof keyId === 'string' && typeof iv === 'string' && typeof data === 'string';
}

/**
 * AES-GCM over WebCrypto (`globalThis.crypto.subtle`): encrypts with the current key, decrypts
 * with whichever key an envelope names. Keys are imported once, on first use, not extractable.
 */
export class ValueCipher {
  readonly currentId: string;
  readonly #material: ReadonlyMap<string, Uint8Array<ArrayBuffer> | CryptoKey>;
  #keys: Promise<Map<string, CryptoKey>> | undefined;

  /** @throws {ConfigError} when a key is malformed or two keys share an id. */
  constructor(current: EncryptionKey, previous: readonly EncryptionKey[]) {
    const material = new Map<string, Uint8Array<ArrayBuffer> | CryptoKey>();
    if (!Array.isArray(previous)) throw new ConfigError('EncryptedStorage: previousKeys must be an array of { id, material } keys.');
    const all = [current, ...previous];
    all.forEach((key, index) => {
      const name = index === 0 ? 'key' : `previousKeys[${index - 1}]`;
      const id = (key as Partial<EncryptionKey> | undefined)?.id;
      if (typeof id !== 'string' || id === '') throw new ConfigError(`EncryptedStorage: ${name}.id must be a non-empty string naming the key, e.g. '2025-06'.`);
      if (material.has(id)) throw new ConfigError(`EncryptedStorage: the key id '${id}' is used twice: give every key its own id.`);
      material.set(id, checkedMaterial(key.material, name, index === 0));
    });
    this.currentId = current.id;
    this.#material = material;
  }

  /** Encrypts `json` (a value's JSON text) for `storageKey` with the current key, under a fresh IV. */
  async seal(storageKey: string, json: string): Promise<SealedValue> {
    const key = (await this.#importedKeys()).get(this.currentId) as CryptoKey;
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
    const data = await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encode(storageKey) }, key, encode(json));
    return { $encrypted: 'AES-GCM', keyId: this.currentId, iv: bytesToBase64(iv), data: bytesToBase64(new Uint8Array(data)) };
  }

  /**
   * The value a stored envelope holds; a value that is not an envelope (stored in clear, e.g.
   * before encryption was turned on) is returned as it is.
   *
   * @throws {FsmBillingError} `STORAGE_DECRYPT_FAILED` when the envelope names an unknown key, or
   * does not decrypt (another key, or an altered value).
   */
  async open(storageKey: string, stored: unknown): Promise<unknown> {
    if (!isSealedValue(stored)) return stored;
    const key = (await this.#importedKeys()).get(stored.keyId);
    if (key === undefined) {
      throw decryptFailed(storageKey, stored.keyId, `it was encrypted with the key id '${stored.keyId}', which is neither options.key nor in options.previousKeys: add that key to previousKeys`);
    }
    let json: string;
    try {
      const plain = await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv: base64ToBytes(stored.iv), additionalData: encode(storageKey) }, key, base64ToBytes(stored.data));
      json = new TextDecoder().decode(plain);
    } catch (error) {
      throw decryptFailed(storageKey, stored.keyId, `it does not decrypt with the key id '${stored.keyId}': the key under that id is not the one that encrypted it, or the stored value was altered`, error);
    }
    return JSON.parse(json) as unknown;
  }

  #importedKeys(): Promise<Map<string, CryptoKey>> {
    this.#keys ??= (async () => {
      const keys = new Map<string, CryptoKey>();
      for (const [id, material] of this.#material) {
        keys.set(id, material instanceof Uint8Array ? await globalThis.crypto.subtle.importKey('raw', material, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']) : material);
      }
      return keys;
    })();
    return this.#keys;
  }
}

function encode(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}

function checkedMaterial(material: unknown, name: string, current: boolean): Uint8Array<ArrayBuffer> | CryptoKey {
  if (material instanceof Uint8Array) {
    if (!AES_KEY_BYTES.has(material.length)) {
      throw new ConfigError(`EncryptedStorage: ${name}.material has ${material.length} bytes; an AES key has 32 (or 16 or 24). Make one with crypto.getRandomValues(new Uint8Array(32)) and keep it in your secret store.`);
    }
    return new Uint8Array(material); // a copy: the caller may reuse or wipe its buffer
  }
  const candidate = material as Partial<CryptoKey> | null | undefined;
  const usages = candidate?.usages ?? [];
  if (candidate?.algorithm?.name !== 'AES-GCM' || !usages.includes('decrypt') || (current && !usages.includes('encrypt'))) {
    throw new ConfigError(`EncryptedStorage: ${name}.material must be the key's raw bytes (a Uint8Array of 32 bytes) or an AES-GCM CryptoKey allowed to ${current ? 'encrypt and decrypt' : 'decrypt'}.`);
  }
  return material as CryptoKey;
}

function decryptFailed(storageKey: string, keyId: string, why: string, cause?: unknown): FsmBillingError {
  return new FsmBillingError('STORAGE_DECRYPT_FAILED', `EncryptedStorage: the value under '${storageKey}' cannot be read: ${why}.`, {
    details: { key: storageKey, keyId },
    ...(cause === undefined ? {} : { cause }),
  });
}
