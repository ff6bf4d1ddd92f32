import type { HttpHandler } from 'msw';
import { systemClock, type Clock } from '../clock.js';
import { REGION_HOSTS, type Region } from '../regions.js';
import type { CallLog } from './call-log.js';
import type { FaultInjector } from './faults.js';
import { editRecord, insertRecord, readRecord, readRecords, removeRecord, type SandboxResource } from './inspect.js';
import type { LimitUsage } from './limits.js';
import { createMswHandlers } from './msw.js';
import { addFinanceOrg, addFsmOrg } from './org-factory.js';
import { DEFAULT_SANDBOX_CLIENT, type SandboxOptions, type SandboxUserInit } from './options.js';
import type { OrgState } from './org-state.js';
import { handleRequest } from './pipeline.js';
import { payByLink, type PayByLinkOptions } from './pay-by-link.js';
import { orgInfo, updateOrg, type SandboxOrgInfo, type SandboxOrgPatch } from './org-info.js';
import { SandboxWorld, type UserState } from './world.js';
import { ConfigError } from '../errors/config-error.js';

/** What a client needs to authenticate as a sandbox user. */
export interface SandboxCredentials {
  email: string;
  region: Region;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** The accounts server of the user's data centre, e.g. `https://accounts.zoho.com`. */
  accountsUrl: string;
}

/**
 * An in-memory Zoho: Books, Invoice, FSM and the accounts server of every data centre.
 *
 * @example
 * ```ts
 * const sandbox = createSandbox({ seed: 1, records: 50, clock: new ManualClock({ autoAdvance: true }) });
 * const client = new IntegrationClient({
 *   region: 'us',
 *   finance: { app: 'books', organizationId: sandbox.orgs({ app: 'books' })[0]!.organizationId },
 *   auth: sandbox.credentials(),
 *   transport: createFetchTransport({ fetch: sandbox.fetch }),
 * });
 * ```
 */
export interface Sandbox {
  /** A WHATWG `fetch` answering Zoho URLs from the sandbox; any other host gets HTTP 404. */
  readonly fetch: typeof fetch;
  /** msw handlers for every Zoho host (msw must be installed): `setupServer(...(await sandbox.handlers()))`. */
  handlers(): Promise<HttpHandler[]>;
  readonly seed: number;
  readonly clock: Clock;
  /** Every call received, countable per endpoint. */
  readonly calls: CallLog;
  /** Scripted and seeded faults: `sandbox.faults.next({ match, fault })`. */
  readonly faults: FaultInjector;
  /** Per-organisation limit usage, and a reset. */
  readonly limits: { usage(organizationId: string): LimitUsage; reset(organizationId?: string): void };
  /** The users, with their organisation ids. */
  users(): Array<{ email: string; name: string; region: Region; organizationIds: string[]; fsmOrganizationId: string | undefined }>;
  /** Client id, secret and refresh token of a user (default: the first user). */
  credentials(email?: string): SandboxCredentials;
  /** A fresh access token for a user, bypassing the accounts server and its budget. */
  accessToken(email?: string): string;
  /** A one-time grant code for the authorization-code flow. */
  grantCode(email?: string): string;
  /** Expires every access token issued so far (tests of token refresh). */
  expireAccessTokens(): void;
  /** Organisations, optionally of one user and/or app. Deleted ones are included (flagged). */
  orgs(filter?: { email?: string; app?: 'books' | 'invoice' | 'fsm' }): SandboxOrgInfo[];
  /** One organisation. */
  org(organizationId: string): SandboxOrgInfo;
  /** Changes an organisation as its admin would: plan, trial, Avalara, active, deleted, taxes, duplicates. */
  updateOrg(organizationId: string, patch: SandboxOrgPatch): SandboxOrgInfo;
  /** Every record of a resource (`'contacts'`, `'items'`, `'Companies'`…) as the API returns it. */
  records(organizationId: string, resource: SandboxResource): Array<Record<string, unknown>>;
  /** One record as the API returns it, or `undefined`. */
  record(organizationId: string, resource: SandboxResource, id: string): Record<string, unknown> | undefined;
  /** "A person edits in the Zoho UI": changes fields and bumps the modified time (by ≥ 1 s). */
  edit(organizationId: string, resource: SandboxResource, id: string, patch: Record<string, unknown>): Record<string, unknown>;
  /** "A person deletes in the Zoho UI". */
  remove(organizationId: string, resource: SandboxResource, id: string): void;
  /** "A person creates in the Zoho UI": the API's rules, stamped now. */
  insert(organizationId: string, resource: SandboxResource, data: Record<string, unknown>): Record<string, unknown>;
  /**
   * "The customer pays through the payment link" (from GET /share/paymentlink): records the
   * gateway's customer payment (mode `creditcard`) on the link's invoice and returns it as the API
   * does. Pays the whole balance unless `amount` says less. Throws a `ValidationError` when the link
   * has expired or the payment is refused (its `issues[0].code` is Zoho's code).
   *
   * @example
   * ```ts
   * const link = await client.finance.invoices.paymentLink(invoiceId, { expiresOn: '2030-01-31' });
   * sandbox.payByLink(link, { amount: 50 }); // the invoice is now partially_paid
   * ```
   */
  payByLink(link: string, options?: PayByLinkOptions): Record<string, unknown>;
}

function nameFromEmail(email: string): string {
  const local = email.split('@')[0] ?? email;
  return local
    .split(/[._-]+/)
    .filter((p) => p !== '')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join(' ');
}

const DEFAULT_USERS: SandboxUserInit[] = [{ email: 'owner@example.com', books: [{}], invoice: [{}] }];

function addUser(world: SandboxWorld, init: SandboxUserInit, options: SandboxOptions): void {
  const email = init.email.toLowerCase();
  if (world.users.has(email)) throw new ConfigError(`Sandbox user ${JSON.stringify(init.email)} is listed twice.`);
  const region = init.region ?? 'us';
  const client = world.clients[0] ?? DEFAULT_SANDBOX_CLIENT;
  const user: UserState = {
    email,
    name: init.name ?? nameFromEmail(email),
    userId: world.ids.fsm(),
    region,
    refreshToken: init.refreshToken ?? world.tokens.newToken(),
    clientId: client.clientId,
    financeOrgIds: [],
    fsmOrgId: undefined,
  };
  world.users.set(email, user);
  world.tokens.addRefreshToken(user.refreshToken, { email, region }, client.clientId);
  for (const org of init.books ?? []) addFinanceOrg(world, user, 'books', org, options.records);
  for (const org of init.invoice ?? []) addFinanceOrg(world, user, 'invoice', org, options.records);
  if (init.fsm !== false) addFsmOrg(world, user, init.fsm ?? {}, options.records);
}

/**
 * Creates an in-memory Zoho with users, organisations and seeded records. Same options and
 * seed → same data, same tokens, same faults.
 *
 * @example
 * ```ts
 * const sandbox = createSandbox({
 *   seed: 7,
 *   clock: new ManualClock({ autoAdvance: true }),
 *   users: [{ email: 'asha@example.com', region: 'in', books: [{ plan: 'free', records: 1000 }], fsm: { records: 200 } }],
 * });
 * const transport = createFetchTransport({ fetch: sandbox.fetch });
 * ```
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const clock = options.clock ?? systemClock;
  const world = new SandboxWorld({
    seed: options.seed ?? 1,
    clock,
    clients: options.clients && options.clients.length > 0 ? options.clients : [DEFAULT_SANDBOX_CLIENT],
    limits: options.limits ?? {},
    faults: options.faults ?? {},
    latencyMs: options.latencyMs ?? 0,
    undocumented: options.undocumented,
  });
  for (const user of options.users ?? DEFAULT_USERS) addUser(world, user, options);
  const userOf = (email?: string): UserState => {
    const user = email === undefined ? world.users.values().next().value : world.user(email);
    if (!user) throw new ConfigError(`The sandbox has no user ${JSON.stringify(email)}.`);
    return user;
  };
  const orgOf = (organizationId: string): OrgState => {
    const org = world.orgs.get(organizationId);
    if (!org) throw new ConfigError(`The sandbox has no organisation ${JSON.stringify(organizationId)}.`);
    return org;
  };
  const sandboxFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> =>
    handleRequest(world, input instanceof Request && init === undefined ? input : new Request(input, init));
  return {
    fetch: sandboxFetch as typeof fetch,
    handlers: () => createMswHandlers(world),
    seed: world.seed,
    clock,
    calls: world.calls,
    faults: world.faults,
    limits: { usage: (id) => world.limiter.usage(id), reset: (id) => world.limiter.reset(id) },
    users: () =>
      [...world.users.values()].map((u) => ({
        email: u.email,
        name: u.name,
        region: u.region,
        organizationIds: [...u.financeOrgIds],
        fsmOrganizationId: u.fsmOrgId,
      })),
    credentials(email) {
      const user = userOf(email);
      const client = world.clients.find((c) => c.clientId === user.clientId) ?? DEFAULT_SANDBOX_CLIENT;
      return {
        email: user.email,
        region: user.region,
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        refreshToken: user.refreshToken,
        accountsUrl: REGION_HOSTS[user.region].accounts,
      };
    },
    accessToken: (email) => world.tokens.issueAccessToken(userOf(email)),
    grantCode: (email) => {
      const user = userOf(email);
      return world.tokens.issueGrant(user, user.clientId);
    },
    expireAccessTokens: () => world.tokens.expireAccessTokens(),
    orgs(filter = {}) {
      return [...world.orgs.values()]
        .filter((o) => filter.email === undefined || o.ownerEmail === filter.email.toLowerCase())
        .filter((o) => filter.app === undefined || (o.kind === 'fsm' ? filter.app === 'fsm' : o.app === filter.app))
        .map((o) => orgInfo(o, world.now()));
    },
    org: (id) => orgInfo(orgOf(id), world.now()),
    updateOrg: (id, patch) => updateOrg(world, orgOf(id), patch),
    records: (id, resource) => readRecords(world, id, resource),
    record: (id, resource, recordId) => readRecord(world, id, resource, recordId),
    edit: (id, resource, recordId, patch) => editRecord(world, id, resource, recordId, patch),
    remove: (id, resource, recordId) => removeRecord(world, id, resource, recordId),
    insert: (id, resource, data) => insertRecord(world, id, resource, data),
    payByLink: (link, payOptions) => payByLink(world, link, payOptions),
  };
}

