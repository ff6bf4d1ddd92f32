/** The Storage keys of one (accounts server, client, refresh token) triple. */
export interface AuthStorageKeys {
  /** The cached access token: `auth/token/<hash>`. */
  token: string;
  /** The cross-process refresh lease: `auth/lease/<hash>`. */
  lease: string;
  /** The timestamps of recent mints: `auth/mints/<hash>`. */
  mints: string;
}

/**
 * Derives the Storage keys from a SHA-256 of the credentials, so the raw refresh token is never a
 * key (keys show up in listings, logs and database indexes) while every process holding the same
 * credentials lands on the same keys. Uses `crypto.subtle`, available in every supported runtime.
 */
export async function deriveAuthStorageKeys(accountsServer: string, clientId: string, refreshToken: string): Promise<AuthStorageKeys> {
  // JSON keeps the three fields unambiguous whatever characters they hold.
  const material = new TextEncoder().encode(JSON.stringify([accountsServer, clientId, refreshToken]));
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', material));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return { token: `auth/token/${hex}`, lease: `auth/lease/${hex}`, mints: `auth/mints/${hex}` };
}
