/**
 * `fsm-billing-sync/node`: the Node-only parts: SQLite storage and the sandbox HTTP server.
 *
 * @packageDocumentation
 * @module fsm-billing-sync/node
 */
export { SqliteStorage, type SqliteStorageOptions, type SqliteStorageOpenOptions } from './sqlite-storage.js';
export type { SqliteDatabaseLike, SqliteStatementLike, SqliteParameter } from './sqlite-database.js';
export { SQLITE_DRIVERS, type SqliteDriverName } from './sqlite-driver.js';
export {
  serveSandbox,
  sandboxServerFetch,
  SANDBOX_HOST_HEADER,
  SANDBOX_CONNECTION_PATH,
  type ServeSandboxOptions,
  type SandboxServer,
} from './serve-sandbox.js';
