import { ManualClock } from '../../src/manual-clock.js';
import { REGION_HOSTS, type Region } from '../../src/regions.js';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';

/** A sandbox on a clock that jumps ahead whenever everything waits, so nothing sleeps for real. */
export function testSandbox(options: SandboxOptions = {}): Sandbox & { manualClock: ManualClock } {
  const clock = new ManualClock({ autoAdvance: true });
  const sandbox = createSandbox({ clock, ...options });
  return Object.assign(sandbox, { manualClock: clock });
}

/** A JSON reply: status, parsed body (undefined when empty), headers. */
export interface JsonReply {
  status: number;
  // Tests read replies field by field and assert each value; the shapes are checked against the
  // SDK's zod schemas in schemas.test.ts, so a loose type here hides nothing.
  body: any;
  headers: Headers;
}

/** Calls the sandbox with a user's access token and reads the JSON reply. */
export class SandboxApi {
  readonly token: string;

  constructor(
    readonly sandbox: Sandbox,
    readonly options: { email?: string; region?: Region } = {},
  ) {
    this.token = sandbox.accessToken(options.email);
  }

  url(app: 'books' | 'invoice' | 'fsm', path: string): string {
    const hosts = REGION_HOSTS[this.options.region ?? 'us'];
    return `${hosts[app]}${path}`;
  }

  async call(method: string, url: string, init: { body?: unknown; headers?: Record<string, string> } = {}): Promise<JsonReply> {
    const headers: Record<string, string> = { authorization: `Zoho-oauthtoken ${this.token}`, ...init.headers };
    const requestInit: RequestInit = { method, headers };
    if (init.body !== undefined) {
      headers['content-type'] = 'application/json';
      requestInit.body = JSON.stringify(init.body);
    }
    const response = await this.sandbox.fetch(url, requestInit);
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text), headers: response.headers };
  }

  /** A Books/Invoice call on one org (`organization_id` in the query). */
  finance(method: string, app: 'books' | 'invoice', orgId: string, path: string, body?: unknown): Promise<JsonReply> {
    const sep = path.includes('?') ? '&' : '?';
    return this.call(method, this.url(app, `${path}${sep}organization_id=${orgId}`), body === undefined ? {} : { body });
  }

  books(method: string, orgId: string, path: string, body?: unknown): Promise<JsonReply> {
    return this.finance(method, 'books', orgId, path, body);
  }

  fsm(method: string, path: string, body?: unknown): Promise<JsonReply> {
    return this.call(method, this.url('fsm', path), body === undefined ? {} : { body });
  }
}

/** The id of a user's first org of an app. */
export function orgId(sandbox: Sandbox, app: 'books' | 'invoice' | 'fsm', email?: string): string {
  const org = sandbox.orgs(email === undefined ? { app } : { app, email })[0];
  if (!org) throw new Error(`no ${app} org`);
  return org.organizationId;
}
