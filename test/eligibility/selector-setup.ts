import { IntegrationClient } from '../../src/client/integration-client.js';
import { OrgSelector, type OrgSelectorOptions } from '../../src/eligibility/org-selector.js';
import { ManualClock } from '../../src/manual-clock.js';
import { REGION_HOSTS } from '../../src/regions.js';
import { createSandbox, type Sandbox, type SandboxUserInit } from '../../src/sandbox/index.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
export { rejection } from '../helpers/rejection.js';

/** A sandbox with the given users, a client authorised as the first, and an OrgSelector on it. */
export function setup(users: SandboxUserInit[], options: Partial<OrgSelectorOptions> = {}) {
  const clock = new ManualClock({ autoAdvance: true });
  const sandbox = createSandbox({ clock, users });
  const email = users[0]?.email ?? 'owner@example.com';
  const { clientId, clientSecret, refreshToken, region } = sandbox.credentials(email);
  const client = new IntegrationClient({
    region,
    auth: { clientId, clientSecret, refreshToken },
    transport: createFetchTransport({ fetch: sandbox.fetch }),
    clock,
    retry: { random: () => 0.5 },
  });
  const selector = new OrgSelector({ client, fsm: { name: 'Zylker Field Services', edition: region === 'in' ? 'in' : 'us', currencyCode: region === 'in' ? 'INR' : 'USD', taxesEnabled: true }, ...options });
  return { sandbox, clock, client, selector, storage: client.storage, email };
}

/** The id of a user's org of an app, by position (deleted ones included). */
export function orgIdOf(sandbox: Sandbox, app: 'books' | 'invoice', index = 0): string {
  const org = sandbox.orgs({ app })[index];
  if (!org) throw new Error(`the sandbox has no ${app} org #${index}`);
  return org.organizationId;
}

/** Revokes a user's refresh token at the accounts server and expires every access token. */
export async function revokeRefreshToken(sandbox: Sandbox, email: string): Promise<void> {
  const { refreshToken, region } = sandbox.credentials(email);
  await sandbox.fetch(`${REGION_HOSTS[region].accounts}/oauth/v2/token/revoke?token=${refreshToken}`, { method: 'POST' });
  sandbox.expireAccessTokens();
}

/** The error a promise rejects with (fails the test when it resolves). */
