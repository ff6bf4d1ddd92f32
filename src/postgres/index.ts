/**
 * `fsm-billing-sync/postgres`: {@link PostgresStorage}, the state in PostgreSQL (needs the optional
 * peer dependency `pg`).
 *
 * @packageDocumentation
 * @module fsm-billing-sync/postgres
 */
export {
  PostgresStorage,
  POSTGRES_STORAGE_SCHEMA_VERSION,
  maskConnectionString,
  type PostgresConnection,
  type PostgresStorageOptions,
} from './postgres-storage.js';
