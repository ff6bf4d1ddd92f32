import { IntegrationClient } from '../../src/client/integration-client.js';
import { ManualClock } from '../../src/manual-clock.js';
import { REGION_HOSTS, type Region } from '../../src/regions.js';
import { createSandbox, type Sandbox, type SandboxOptions, type UndocumentedBehaviour } from '../../src/sandbox/index.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import { recordingFetch, type Exchange } from './record-exchanges.js';

/** How a flow runs: which finance app it binds to, and the sandbox's undocumented behaviour. */
export interface FlowSetting {
  app: 'books' | 'invoice';
  /** Default: everything Zoho is seen to do. `DOCUMENTED_ONLY`: only what it publishes. */
  undocumented?: UndocumentedBehaviour | undefined;
}

/** A flow: runs its calls against a fresh sandbox, recording into `log`. */
export type Flow = (log: Exchange[], setting: FlowSetting) => Promise<void>;

/** A finance org a client is bound to. */
export interface FinanceBindingOf {
  app: 'books' | 'invoice';
  organizationId: string;
}

/** A sandbox whose Books/Invoice exchanges land in one shared log, and clients on it. */
export interface RecordedWorld {
  sandbox: Sandbox;
  clock: ManualClock;
  /** A client for the sandbox's first user (or `email`), optionally bound to a finance org. */
  client(finance?: FinanceBindingOf, email?: string, options?: { perDay?: number }): IntegrationClient;
  /**
   * A call the client has no method for, sent as the client sends calls: the org id as the
   * `organization_id` parameter (Books) or the Invoice header. Resolves to the HTTP status; a
   * 429 is sent again a minute later.
   */
  raw(method: string, finance: FinanceBindingOf, pathAndQuery: string, body?: unknown): Promise<number>;
}

/** Builds a sandbox on a ManualClock; every client made from it records into `log`. */
export function recordedWorld(log: Exchange[], options: Omit<SandboxOptions, 'clock' | 'undocumented'> & { undocumented?: UndocumentedBehaviour | undefined }): RecordedWorld {
  const clock = new ManualClock({ autoAdvance: true });
  const { undocumented, ...rest } = options;
  const sandbox = createSandbox({ ...rest, clock, ...(undocumented ? { undocumented } : {}) });
  const fetch = recordingFetch(sandbox.fetch, log);
  return {
    sandbox,
    clock,
    client(finance, email, extra = {}) {
      const { clientId, clientSecret, refreshToken, region } = sandbox.credentials(email);
      return new IntegrationClient({
        region: region as Region,
        ...(finance ? { finance } : {}),
        auth: { clientId, clientSecret, refreshToken },
        transport: createFetchTransport({ fetch }),
        clock,
        retry: { random: () => 0.5 },
        ...(extra.perDay === undefined ? {} : { limits: { perDay: extra.perDay } }),
      });
    },
    async raw(method, finance, pathAndQuery, body) {
      const region = sandbox.credentials().region as Region;
      const headers: Record<string, string> = { authorization: `Zoho-oauthtoken ${sandbox.accessToken()}` };
      let path = pathAndQuery;
      if (finance.app === 'invoice') headers['x-com-zoho-invoice-organizationid'] = finance.organizationId;
      else path += `${path.includes('?') ? '&' : '?'}organization_id=${finance.organizationId}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const send = () => fetch(`${REGION_HOSTS[region][finance.app]}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      let response = await send();
      // No limiter paces these calls: past the per-minute limit, wait for the next minute once.
      if (response.status === 429) {
        await response.text();
        await clock.advance(60_000);
        response = await send();
      }
      await response.text();
      return response.status;
    },
  };
}

/** The id of the first org of an app (throws naming what is missing). */
export function firstOrg(sandbox: Sandbox, app: 'books' | 'invoice' | 'fsm'): string {
  const org = sandbox.orgs({ app })[0];
  if (!org) throw new Error(`the sandbox has no ${app} org`);
  return org.organizationId;
}
