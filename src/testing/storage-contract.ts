import { afterEach, describe } from 'vitest';
import { describeBatchContract } from './storage-contract/batch-contract.js';
import { describeCompareAndSetContract } from './storage-contract/compare-and-set-contract.js';
import { describeDepthContract } from './storage-contract/depth-contract.js';
import { describeDurabilityContract } from './storage-contract/durability-contract.js';
import type { ContractContext, StorageFixture } from './storage-contract/fixture.js';
import { describeListContract } from './storage-contract/list-contract.js';
import { describeReadWriteContract } from './storage-contract/read-write-contract.js';

export type { StorageFixture } from './storage-contract/fixture.js';

/**
 * Registers, in the calling vitest file, the tests every `Storage` adapter must pass:
 * get/getMany, copy semantics, prefix listing in code point order with paging, atomic batches that
 * reject non-JSON values as a whole, `check` ops that refuse a whole batch (`STORAGE_CHECK_FAILED`), values nested up to 1,000 levels deep (deeper ones refused with
 * a ValidationError, not a stack overflow), compareAndSet with deep equality and a single winner among
 * concurrent callers, and durability across `reopen`. The SDK's own adapters run the same suite.
 *
 * `factory` is called once per test and must return an EMPTY storage; `cleanup` runs after the
 * test. Give `secondConnection` to check atomicity across connections, `reopen` to check that data
 * survives.
 *
 * @example
 * ```ts
 * // test/redis-storage.test.ts
 * import { runStorageContract } from 'fsm-billing-sync/testing';
 * import { RedisStorage } from '../src/redis-storage.js';
 *
 * runStorageContract('RedisStorage', async () => {
 *   const storage = new RedisStorage({ url: process.env.REDIS_URL, namespace: `test-${crypto.randomUUID()}` });
 *   return { storage, cleanup: () => storage.destroyNamespace() };
 * });
 * ```
 */
export function runStorageContract(name: string, factory: () => Promise<StorageFixture> | StorageFixture): void {
  describe(`Storage contract: ${name}`, () => {
    const live: StorageFixture[] = [];
    const context: ContractContext = {
      async setup() {
        const fixture = await factory();
        live.push(fixture);
        return fixture;
      },
    };

    afterEach(async () => {
      for (const fixture of live.splice(0)) await fixture.cleanup?.();
    });

    describeReadWriteContract(context);
    describeListContract(context);
    describeBatchContract(context);
    describeCompareAndSetContract(context);
    describeDepthContract(context);
    describeDurabilityContract(context);
  });
}
