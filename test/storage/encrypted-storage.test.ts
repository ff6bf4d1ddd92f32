import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/index.js';
import { SqliteStorage } from '../../src/node/sqlite-storage.js';
import { EncryptedStorage } from '../../src/storage/encrypted-storage.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import type { Storage, StorageOp } from '../../src/storage/storage.js';
import { runStorageContract } from '../../src/testing/index.js';

const KEY_2025 = { id: '2025-06', material: new Uint8Array(32).fill(7) };
const KEY_2026 = { id: '2026-01', material: new Uint8Array(32).fill(9) };
const TOKEN_KEY = 'auth/token/5f2b';
const TOKEN = { token: '1000.secret-access-token.abc', expiresAt: 1_700_000_000_000, obtainedAt: 1_699_996_400_000 };

runStorageContract('EncryptedStorage over MemoryStorage, every value encrypted', () => ({ storage: new EncryptedStorage(new MemoryStorage(), { key: KEY_2025, prefixes: [''] }) }));
runStorageContract('EncryptedStorage over MemoryStorage, default prefixes', () => ({ storage: new EncryptedStorage(new MemoryStorage(), { key: KEY_2025 }) }));

const directories: string[] = [];
afterEach(async () => {
  await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

runStorageContract('EncryptedStorage over SqliteStorage files, every value encrypted (two connections)', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'fsm-billing-sync-encrypted-'));
  directories.push(directory);
  const opened: SqliteStorage[] = [];
  const open = async () => {
    const sqlite = await SqliteStorage.open(join(directory, 'state.db'));
    opened.push(sqlite);
    return new EncryptedStorage(sqlite, { key: KEY_2025, prefixes: [''] });
  };
  return { storage: await open(), reopen: open, secondConnection: open, cleanup: async () => opened.forEach((s) => s.close()) };
});

/** Everything the inner storage holds, as one JSON text: what a copy of the database shows. */
async function rawText(inner: Storage): Promise<string> {
  return JSON.stringify(await inner.list(''));
}

async function failure(work: () => Promise<unknown>): Promise<{ code?: string; message: string; details?: Record<string, unknown> }> {
  return work().then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as { code?: string; message: string },
  );
}

describe('EncryptedStorage', () => {
  it('keeps the cached access token encrypted in the inner storage, and everything else as it is', async () => {
    const inner = new MemoryStorage();
    const storage = new EncryptedStorage(inner, { key: KEY_2025 });
    await storage.batch([
      { type: 'put', key: TOKEN_KEY, value: TOKEN },
      { type: 'put', key: 'sync/link/1', value: { financeId: '46000' } },
    ]);
    expect(await storage.get(TOKEN_KEY)).toEqual(TOKEN);
    expect(await storage.list('')).toEqual([
      { key: TOKEN_KEY, value: TOKEN },
      { key: 'sync/link/1', value: { financeId: '46000' } },
    ]);
    expect(await rawText(inner), 'the inner storage must not hold the token in clear').not.toContain('secret-access-token');
    const envelope = await inner.get<Record<string, string>>(TOKEN_KEY);
    expect(envelope).toEqual({ $encrypted: 'AES-GCM', keyId: '2025-06', iv: expect.stringMatching(/^[A-Za-z0-9+/]{16}$/), data: expect.any(String) });
    expect(await inner.get('sync/link/1')).toEqual({ financeId: '46000' });
  });

  it('draws a new IV for every write, so the same value never gives the same ciphertext', async () => {
    const inner = new MemoryStorage();
    const storage = new EncryptedStorage(inner, { key: KEY_2025 });
    const ivs = new Set<string>();
    for (let i = 0; i < 20; i++) {
      await storage.compareAndSet(TOKEN_KEY, i === 0 ? undefined : TOKEN, TOKEN);
      ivs.add((await inner.get<{ iv: string }>(TOKEN_KEY))?.iv ?? '');
    }
    expect(ivs.size).toBe(20);
  });

  it('compareAndSet compares the decrypted value, and writes the new one encrypted', async () => {
    const inner = new MemoryStorage();
    const storage = new EncryptedStorage(inner, { key: KEY_2025 });
    expect(await storage.compareAndSet(TOKEN_KEY, undefined, TOKEN)).toBe(true);
    expect(await storage.compareAndSet(TOKEN_KEY, { ...TOKEN, token: 'other' }, { ...TOKEN, token: 'never' })).toBe(false);
    expect(await storage.compareAndSet(TOKEN_KEY, { obtainedAt: TOKEN.obtainedAt, expiresAt: TOKEN.expiresAt, token: TOKEN.token }, { ...TOKEN, token: '1000.next-secret' })).toBe(true);
    expect(await storage.get(TOKEN_KEY)).toEqual({ ...TOKEN, token: '1000.next-secret' });
    expect(await rawText(inner)).not.toContain('next-secret');
    expect(await storage.compareAndSet(TOKEN_KEY, { ...TOKEN, token: '1000.next-secret' }, undefined)).toBe(true);
    expect(await inner.get(TOKEN_KEY)).toBeUndefined();
  });

  it('compares again when the ciphertext changed between its read and its swap (a rotation in between)', async () => {
    const inner = new MemoryStorage();
    const storage = new EncryptedStorage(inner, { key: KEY_2025 });
    await storage.batch([{ type: 'put', key: TOKEN_KEY, value: TOKEN }, { type: 'put', key: 'sync/lease', value: 1 }]);
    const other = new EncryptedStorage(inner, { key: KEY_2025 });
    // An inner storage that lets another writer re-encrypt the same token just before each swap.
    let interfere = 2;
    const racing: Storage = {
      get: (key) => inner.get(key),
      getMany: (keys) => inner.getMany(keys),
      list: (prefix, options) => inner.list(prefix, options),
      async batch(ops) {
        if (interfere-- > 0) await other.batch([{ type: 'put', key: TOKEN_KEY, value: TOKEN }]);
        return inner.batch(ops);
      },
      async compareAndSet(key, expected, next) {
        if (interfere-- > 0) await other.batch([{ type: 'put', key: TOKEN_KEY, value: TOKEN }]);
        return inner.compareAndSet(key, expected, next);
      },
    };
    const storageOverRace = new EncryptedStorage(racing, { key: KEY_2025 });
    expect(await storageOverRace.compareAndSet(TOKEN_KEY, TOKEN, { ...TOKEN, token: 'after-race' })).toBe(true);
    expect(await storage.get(TOKEN_KEY)).toEqual({ ...TOKEN, token: 'after-race' });
    interfere = 1;
    const fenced: StorageOp[] = [{ type: 'check', key: TOKEN_KEY, value: TOKEN }, { type: 'put', key: 'sync/link', value: 'fenced' }];
    await storageOverRace.batch([{ type: 'put', key: TOKEN_KEY, value: TOKEN }]);
    interfere = 1;
    await storageOverRace.batch(fenced);
    expect(await storage.get('sync/link')).toBe('fenced');
    // A check whose plaintext no longer matches fails as any adapter's would.
    const error = await failure(() => storageOverRace.batch([{ type: 'check', key: TOKEN_KEY, value: { ...TOKEN, token: 'stale' } }, { type: 'put', key: 'sync/link', value: 'late' }]));
    expect(error).toMatchObject({ code: 'STORAGE_CHECK_FAILED', details: { key: TOKEN_KEY, op: 0 } });
    expect(await storage.get('sync/link')).toBe('fenced');
  });

  it('rotates keys: reads with previous keys, writes with the current one, rotate() re-encrypts the rest', async () => {
    const inner = new MemoryStorage();
    const old = new EncryptedStorage(inner, { key: KEY_2025, prefixes: ['auth/', 'secret/'] });
    await old.batch([
      { type: 'put', key: TOKEN_KEY, value: TOKEN },
      { type: 'put', key: 'auth/token/second', value: { ...TOKEN, token: 'second' } },
      { type: 'put', key: 'secret/api', value: 'abc' },
      { type: 'put', key: 'sync/plain', value: 'not encrypted' },
    ]);
    // A value stored in clear before encryption was turned on.
    await inner.batch([{ type: 'put', key: 'secret/legacy', value: 'clear-legacy-secret' }]);

    const rotated = new EncryptedStorage(inner, { key: KEY_2026, previousKeys: [KEY_2025], prefixes: ['auth/', 'secret/', 'auth/token/'] });
    expect(await rotated.get(TOKEN_KEY)).toEqual(TOKEN);
    expect(await rotated.get('secret/legacy')).toBe('clear-legacy-secret');
    await rotated.batch([{ type: 'put', key: 'secret/api', value: 'abc2' }]);
    expect(await inner.get<{ keyId: string }>('secret/api')).toMatchObject({ keyId: '2026-01' });

    expect(await rotated.rotate()).toEqual({ scanned: 4, reencrypted: 3 });
    expect(await rotated.rotate(), 'a second rotation has nothing left to do').toEqual({ scanned: 4, reencrypted: 0 });
    expect(await rawText(inner)).not.toMatch(/clear-legacy-secret|secret-access-token|2025-06/);

    const onlyNew = new EncryptedStorage(inner, { key: KEY_2026, prefixes: ['auth/', 'secret/'] });
    expect(await onlyNew.list('')).toEqual([
      { key: TOKEN_KEY, value: TOKEN },
      { key: 'auth/token/second', value: { ...TOKEN, token: 'second' } },
      { key: 'secret/api', value: 'abc2' },
      { key: 'secret/legacy', value: 'clear-legacy-secret' },
      { key: 'sync/plain', value: 'not encrypted' },
    ]);
    const aborted = new AbortController();
    aborted.abort(new Error('stop'));
    await expect(rotated.rotate({ signal: aborted.signal })).rejects.toThrow('stop');
  });

  it('refuses to read a value under an unknown key id, with the wrong key, altered, or moved to another key (STORAGE_DECRYPT_FAILED, no secret in the message)', async () => {
    const inner = new MemoryStorage();
    await new EncryptedStorage(inner, { key: KEY_2025 }).batch([{ type: 'put', key: TOKEN_KEY, value: TOKEN }]);
    const envelope = (await inner.get<Record<string, string>>(TOKEN_KEY)) as Record<string, string>;

    const unknownId = await failure(() => new EncryptedStorage(inner, { key: KEY_2026 }).get(TOKEN_KEY));
    expect(unknownId).toMatchObject({ code: 'STORAGE_DECRYPT_FAILED', details: { key: TOKEN_KEY, keyId: '2025-06' } });
    expect(unknownId.message).toContain('previousKeys');

    const wrongKey = await failure(() => new EncryptedStorage(inner, { key: { id: '2025-06', material: KEY_2026.material } }).get(TOKEN_KEY));
    expect(wrongKey).toMatchObject({ code: 'STORAGE_DECRYPT_FAILED' });

    const flipped = `${envelope['data']?.startsWith('A') ? 'B' : 'A'}${envelope['data']?.slice(1)}`;
    await inner.batch([
      { type: 'put', key: 'auth/token/altered', value: { ...envelope, data: flipped } },
      { type: 'put', key: 'auth/token/moved', value: envelope },
    ]);
    const storage = new EncryptedStorage(inner, { key: KEY_2025 });
    for (const key of ['auth/token/altered', 'auth/token/moved']) {
      const error = await failure(() => storage.get(key));
      expect(error, key).toMatchObject({ code: 'STORAGE_DECRYPT_FAILED', details: { key } });
      expect(JSON.stringify([error.message, error.details])).not.toContain('secret-access-token');
    }
  });

  it('accepts an AES-GCM CryptoKey as key material', async () => {
    const material = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const inner = new MemoryStorage();
    const storage = new EncryptedStorage(inner, { key: { id: 'kms', material } });
    await storage.batch([{ type: 'put', key: TOKEN_KEY, value: TOKEN }]);
    expect(await storage.get(TOKEN_KEY)).toEqual(TOKEN);
    expect(await rawText(inner)).not.toContain('secret-access-token');
  });

  it.each([
    { why: 'a key of 31 bytes', options: { key: { id: 'k', material: new Uint8Array(31) } } },
    { why: 'a key without an id', options: { key: { id: '', material: new Uint8Array(32) } } },
    { why: 'two keys with one id', options: { key: KEY_2025, previousKeys: [{ ...KEY_2026, id: KEY_2025.id }] } },
    { why: 'no key', options: {} },
    { why: 'no prefix', options: { key: KEY_2025, prefixes: [] } },
  ])('refuses $why with a ConfigError', ({ options }) => {
    expect(() => new EncryptedStorage(new MemoryStorage(), options as never)).toThrow(ConfigError);
  });
});
