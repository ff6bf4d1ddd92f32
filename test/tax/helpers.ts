import { IntegrationClient } from '../../src/client/integration-client.js';
import { ManualClock } from '../../src/manual-clock.js';
import { createSandbox, type FinanceOrgInit, type Sandbox, type SandboxEdition } from '../../src/sandbox/index.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import type { Storage } from '../../src/storage/storage.js';
import { TaxSync, type TaxSyncOptions } from '../../src/tax/index.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';

/** A sandbox with one Books org of an edition, and a client and TaxSync factory for it. */
export interface TaxWorld {
  sandbox: Sandbox;
  orgId: string;
  client: IntegrationClient;
  storage: Storage;
  /** A new TaxSync on the org (a new process, sharing `storage` unless another is given). */
  taxSync(options?: Partial<TaxSyncOptions>): TaxSync;
  /** POSTs the sandbox received for an endpoint (`/settings/taxes`...). */
  posts(endpoint: string): number;
}

/**
 * A sandbox user with one Books org of `edition` on a clock that never waits for real.
 * `empty: true` gives an org with taxes enabled and no tax objects (a new org to push into).
 */
export function taxWorld(edition: SandboxEdition, org: FinanceOrgInit & { empty?: boolean } = {}): TaxWorld {
  const clock = new ManualClock({ autoAdvance: true });
  const { empty, ...init } = org;
  const sandbox = createSandbox({ clock, users: [{ email: 'tax@example.com', region: 'us', books: [{ edition, ...init, ...(empty ? { taxEnabled: false } : {}) }], fsm: false }] });
  const orgId = sandbox.orgs({ app: 'books' })[0]?.organizationId;
  if (orgId === undefined) throw new Error('no Books org');
  // The generator seeds taxes only where taxes are enabled: switch them on after an empty start.
  if (empty) sandbox.updateOrg(orgId, { taxEnabled: org.taxEnabled ?? true });
  const storage = new MemoryStorage();
  const client = new IntegrationClient({
    region: 'us',
    finance: { app: 'books', organizationId: orgId },
    auth: { accessToken: sandbox.accessToken() },
    transport: createFetchTransport({ fetch: sandbox.fetch }),
    storage,
    clock,
    retry: { random: () => 0.5 },
  });
  return {
    sandbox,
    orgId,
    client,
    storage,
    taxSync: (options = {}) => new TaxSync({ client, storage, edition, ...options }),
    posts: (endpoint) => sandbox.calls.count({ method: 'POST', endpoint }),
  };
}

/** `name rate%` of each sandbox tax row, sorted: a readable fingerprint of an org's taxes. */
export function taxFingerprint(rows: readonly object[], nameField = 'tax_name', rateField = 'tax_percentage'): string[] {
  const field = (row: object, name: string): string => String((row as Record<string, unknown>)[name]);
  return rows.map((r) => `${field(r, nameField)} ${field(r, rateField)}%`).sort();
}
