import { IntegrationClient } from '../../src/client/integration-client.js';
import { ManualClock } from '../../src/manual-clock.js';
import { FieldMapper, type SyncType } from '../../src/mapping/index.js';
import { sandboxServerFetch } from '../../src/node/serve-sandbox.js';
import { SqliteStorage } from '../../src/node/sqlite-storage.js';
import type { Region } from '../../src/regions.js';
import type { TaxEdition } from '../../src/schemas/edition-codes.js';
import { BidirectionalSyncer, type ConflictPolicy, type DeletePolicy, type DuplicatePolicy, zohoFinanceSource, zohoFsmSource } from '../../src/sync/index.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';

/*
 * One sync run in its own process, as a user's job would run it: a client over the sandbox's real
 * HTTP port, SqliteStorage on the parent's file, one `run()`. The parent (test/reliability/
 * kill-child.ts) SIGKILLs it at a chosen call, so nothing here may catch or clean up on the way
 * out — a killed process does neither. Exit 0: the run returned its report; 3: the run threw (the
 * parent's faults can make a read fail for good).
 */

/** What the parent tells the child, as one JSON argument. */
export interface ChildSyncJob {
  serverUrl: string;
  dbPath: string;
  region: Region;
  edition: TaxEdition;
  booksOrganizationId: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  syncType: SyncType;
  conflicts: Extract<ConflictPolicy, string>;
  deletes: DeletePolicy;
  duplicates: DuplicatePolicy;
  fullScan: boolean;
  /** The syncer's `recordsInMemory` (0: every unlinked record of a read waits in storage). */
  recordsInMemory?: number;
  /** The parent's clock: the child's lease and log times follow the sandbox's time, not the wall clock. */
  now: number;
}

async function main(): Promise<number> {
  const job = JSON.parse(process.argv[2] ?? '') as ChildSyncJob;
  const clock = new ManualClock({ start: job.now, autoAdvance: true });
  const storage = await SqliteStorage.open(job.dbPath);
  const client = new IntegrationClient({
    region: job.region,
    finance: { app: 'books', organizationId: job.booksOrganizationId },
    auth: { clientId: job.clientId, clientSecret: job.clientSecret, refreshToken: job.refreshToken },
    transport: createFetchTransport({ fetch: sandboxServerFetch(job.serverUrl) }),
    storage,
    clock,
    retry: { random: () => 0.5 },
  });
  const mapper = new FieldMapper({ storage, syncType: job.syncType, edition: job.edition });
  const syncer = new BidirectionalSyncer({
    storage, mapper, clock,
    fsm: zohoFsmSource(client),
    finance: zohoFinanceSource(client),
    conflicts: job.conflicts, deletes: job.deletes, duplicates: job.duplicates,
    ...(job.recordsInMemory === undefined ? {} : { recordsInMemory: job.recordsInMemory }),
  });
  try {
    await syncer.run({ fullScan: job.fullScan });
    return 0;
  } catch (error) {
    process.stderr.write(`run threw: ${error instanceof Error ? error.message : String(error)}\n`);
    return 3;
  } finally {
    storage.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`child failed before its run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
