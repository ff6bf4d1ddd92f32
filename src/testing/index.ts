/**
 * `fsm-billing-sync/testing`: the conformance suite for your own `Storage` adapter.
 *
 * @packageDocumentation
 * @module fsm-billing-sync/testing
 */
export { runStorageContract, type StorageFixture } from './storage-contract.js';
