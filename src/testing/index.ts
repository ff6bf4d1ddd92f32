export { runStorageContract, type StorageFixture } from './storage-contract.js';
