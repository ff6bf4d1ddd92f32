import { IntegrationClient } from '../../src/client/integration-client.js';
import { ManualClock } from '../../src/manual-clock.js';
import type { Region } from '../../src/regions.js';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { createKyTransport } from '../../src/transport/ky-transport.js';
import { recordingFetch, type Exchange } from './record-exchanges.js';

/** A sandbox whose Books/Invoice exchanges land in one shared log, and clients on it. */
export interface RecordedWorld {
  sandbox: Sandbox;
  clock: ManualClock;
  /** A client for the sandbox's first user (or `email`), optionally bound to a finance org. */
  client(finance?: { app: 'books' | 'invoice'; organizationId: string }, email?: string): IntegrationClient;
}

/** Builds a sandbox on a ManualClock; every client made from it records into `log`. */
export function recordedWorld(log: Exchange[], options: Omit<SandboxOptions, 'clock'>): RecordedWorld {
  const clock = new ManualClock({ autoAdvance: true });
  const sandbox = createSandbox({ ...options, clock });
  const fetch = recordingFetch(sandbox.fetch, log);
  return {
    sandbox,
    clock,
    client(finance, email) {
      const { clientId, clientSecret, refreshToken, region } = sandbox.credentials(email);
      return new IntegrationClient({
        region: region as Region,
        ...(finance ? { finance } : {}),
        auth: { clientId, clientSecret, refreshToken },
        transport: createKyTransport({ fetch }),
        clock,
        retry: { random: () => 0.5 },
      });
    },
  };
}

/** The id of the first org of an app (throws naming what is missing). */
export function firstOrg(sandbox: Sandbox, app: 'books' | 'invoice' | 'fsm'): string {
  const org = sandbox.orgs({ app })[0];
  if (!org) throw new Error(`the sandbox has no ${app} org`);
  return org.organizationId;
}
