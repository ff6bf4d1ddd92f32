import { REGIONS, REGION_HOSTS, type Region } from '../regions.js';
import type { SandboxApp } from './faults.js';

/** One API served on a host: its app and the path it lives under. */
export interface HostedApi {
  app: SandboxApp;
  basePath: string;
  region: Region;
}

/**
 * Host name → the APIs it serves, for every region of regions.ts (calls are routed per data-centre
 * host). `www.zohoapis.<tld>` serves Books and Invoice, `fsm.…` FSM, `accounts.…` OAuth.
 */
function buildHostTable(): ReadonlyMap<string, HostedApi[]> {
  const table = new Map<string, HostedApi[]>();
  const add = (base: string, app: SandboxApp, region: Region) => {
    const url = new URL(base);
    const list = table.get(url.host) ?? [];
    list.push({ app, basePath: url.pathname.replace(/\/$/, ''), region });
    table.set(url.host, list);
  };
  for (const region of REGIONS) {
    const hosts = REGION_HOSTS[region];
    add(hosts.books, 'books', region);
    add(hosts.invoice, 'invoice', region);
    add(hosts.fsm, 'fsm', region);
    add(`${hosts.accounts}/oauth/v2`, 'accounts', region);
  }
  return table;
}

const HOSTS = buildHostTable();

/** The APIs of a host, or `undefined` for a host Zoho does not have. */
export function apisOfHost(host: string): HostedApi[] | undefined {
  return HOSTS.get(host.toLowerCase());
}

/** The API a URL path falls under on a known host, and the path below its base. */
export function resolveApi(apis: readonly HostedApi[], pathname: string): { api: HostedApi; path: string } | undefined {
  for (const api of apis) {
    if (pathname === api.basePath || pathname.startsWith(`${api.basePath}/`)) {
      return { api, path: pathname.slice(api.basePath.length) || '/' };
    }
  }
  return undefined;
}

/** Every host the sandbox serves. */
export function sandboxHosts(): string[] {
  return [...HOSTS.keys()];
}
