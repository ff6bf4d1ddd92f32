import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REGION_HOSTS, type Region } from '../regions.js';
import { sandboxHosts, type Sandbox } from '../sandbox/index.js';

/** The header that carries the Zoho host a request was meant for (set by {@link sandboxServerFetch}). */
export const SANDBOX_HOST_HEADER = 'x-zoho-host';

/** Options of {@link serveSandbox}. */
export interface ServeSandboxOptions {
  /** Port to listen on; 0 picks a free one. Default: 4010. */
  port?: number;
  /** Interface to bind. Default: `127.0.0.1` (never exposed beyond the machine unless you say so). */
  host?: string;
  /**
   * Region whose hosts a request means when nothing else says: a plain
   * `GET http://127.0.0.1:4010/books/v3/organizations` goes to `www.zohoapis.com`. Default: `'us'`.
   */
  defaultRegion?: Region;
  /**
   * What `GET <url>/__sandbox/connection` answers (JSON), read at each request: the connection
   * details a tool needs to talk to this sandbox (the CLI's `init --sandbox <url>` reads them).
   * Absent: that path is not served (HTTP 404). The sandbox's credentials are its own, not Zoho's,
   * but the server only listens on 127.0.0.1 unless `host` says otherwise.
   */
  connection?: () => unknown;
}

/** The path at which {@link ServeSandboxOptions.connection} is served. */
export const SANDBOX_CONNECTION_PATH = '/__sandbox/connection';

/** A running sandbox server. */
export interface SandboxServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections and closes the open ones. */
  close(): Promise<void>;
}

const zohoHosts = new Set(sandboxHosts());

/**
 * The Zoho URL a request to the local server stands for. In order: the `x-zoho-host` header, a
 * `/__zoho/<host>/…` path prefix, a `Host` header naming a Zoho host (a proxy or /etc/hosts entry),
 * else the default region's host for the path (`/books/v3`, `/invoice/v3`, `/fsm/v1`, `/oauth/v2`).
 */
function zohoUrl(req: IncomingMessage, defaultRegion: Region): string {
  const raw = req.url ?? '/';
  const header = req.headers[SANDBOX_HOST_HEADER];
  if (typeof header === 'string' && header !== '') return `https://${header}${raw}`;
  const prefixed = /^\/__zoho\/([^/]+)(\/.*)?$/.exec(raw);
  if (prefixed?.[1]) return `https://${prefixed[1]}${prefixed[2] ?? '/'}`;
  const host = req.headers.host?.toLowerCase();
  if (host && zohoHosts.has(host)) return `https://${host}${raw}`;
  const hosts = REGION_HOSTS[defaultRegion];
  const base = raw.startsWith('/oauth/') ? hosts.accounts : raw.startsWith('/fsm/') ? new URL(hosts.fsm).origin : new URL(hosts.books).origin;
  return `${base}${raw}`;
}

async function readBody(req: IncomingMessage): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length === 0 ? undefined : new Uint8Array(Buffer.concat(chunks));
}

async function answer(sandbox: Sandbox, defaultRegion: Region, req: IncomingMessage, res: ServerResponse, connection: (() => unknown) | undefined): Promise<void> {
  if (connection && req.method === 'GET' && (req.url ?? '').split('?')[0] === SANDBOX_CONNECTION_PATH) {
    res.statusCode = 200;
    res.setHeader('content-type', 'application/json');
    res.setHeader('cache-control', 'no-store');
    res.end(JSON.stringify(connection()));
    return;
  }
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableEnded) controller.abort(new Error('client closed the connection'));
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === 'host' || name === SANDBOX_HOST_HEADER || value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
  let response: Response;
  try {
    response = await sandbox.fetch(zohoUrl(req, defaultRegion), { method, headers, ...(body ? { body } : {}), signal: controller.signal });
  } catch {
    // A dropped connection or a lost acknowledgement: the client sees the socket reset, as in production.
    req.socket.destroy();
    return;
  }
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * Puts a sandbox on a real HTTP port (127.0.0.1 by default), for tools and languages that cannot
 * take an injected fetch. Point a client at it with {@link sandboxServerFetch}, or send requests
 * to `<url>/books/v3/…`, `<url>/fsm/v1/…`, `<url>/oauth/v2/token` (the default region's hosts).
 *
 * @example
 * ```ts
 * const sandbox = createSandbox({ seed: 1, records: 100 });
 * const server = await serveSandbox(sandbox, { port: 4010 });
 * const client = new IntegrationClient({ ..., transport: createFetchTransport({ fetch: sandboxServerFetch(server.url) }) });
 * await server.close();
 * ```
 */
export function serveSandbox(sandbox: Sandbox, options: ServeSandboxOptions = {}): Promise<SandboxServer> {
  const defaultRegion = options.defaultRegion ?? 'us';
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    answer(sandbox, defaultRegion, req, res, options.connection).catch(() => {
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  // An idle keep-alive socket outlives the client's hold on it (Node's fetch lets one go after
  // 4 s), so the client never sends a request down a socket the server is closing: a POST lost
  // that way fails as a network error and is not retried (it may have been applied).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
      resolve({
        url,
        port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}

/**
 * A fetch that sends every Zoho URL (any region's Books, Invoice, FSM or accounts host) to a
 * sandbox server instead, keeping the original host in the `x-zoho-host` header. Other URLs go to
 * `baseFetch` untouched.
 *
 * @example
 * ```ts
 * const transport = createFetchTransport({ fetch: sandboxServerFetch('http://127.0.0.1:4010') });
 * ```
 */
export function sandboxServerFetch(serverUrl: string, baseFetch: typeof fetch = (input, init) => globalThis.fetch(input, init)): typeof fetch {
  const server = new URL(serverUrl);
  const rewritten = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (!zohoHosts.has(url.host)) return baseFetch(request);
    const headers = new Headers(request.headers);
    headers.set(SANDBOX_HOST_HEADER, url.host);
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    return baseFetch(new URL(`${url.pathname}${url.search}`, server), {
      method: request.method,
      headers,
      signal: request.signal,
      // The caller's redirect mode goes along: the SDK's transport sends 'manual' and refuses any 3xx.
      redirect: request.redirect,
      ...(body && body.byteLength > 0 ? { body } : {}),
    });
  };
  return rewritten as typeof fetch;
}
