/**
 * The client's overhead over the transport: the same minimal calls — every page of the contacts
 * list at per_page=200, with the auth header and the organisation id — made by a bare fetch loop
 * and by IntegrationClient (ky transport, limiter, retries, envelope checks, zod validation of
 * every record), against the same sandbox. Twice: over a real HTTP server (`serveSandbox`, in a
 * child process so the server does not share the client's thread) and in process
 * (`sandbox.fetch`). Reports the median walk of several rounds and our/bare ratio.
 *
 * Then creates: `POST /contacts` with a typical customer, over the same server process, made by a
 * bare fetch loop (JSON body, auth header, org id, reply parsed and its code checked) and by
 * `client.finance.contacts.create` (input and reply validated), at concurrency 1 and 10 — the client
 * with the default transport over the global fetch (routed to the server's port), with a custom
 * fetch doing the least routing, and with `sandboxServerFetch`. Reports
 * wall time and this process's CPU (`process.cpuUsage`, user + system): the server runs in the
 * child, so the CPU is the caller's own — the SDK's, or the bare loop's.
 *
 *   node --import tsx bench/transport-overhead.ts          # 10,000 contacts (50 pages), 400 creates a round
 *   BENCH_RECORDS=2000 BENCH_ROUNDS=3 node --import tsx bench/transport-overhead.ts
 *   BENCH_PART=create BENCH_CREATES=200 node --import tsx bench/transport-overhead.ts   # creates only
 *
 * No assertions: numbers vary by machine; compare runs on one machine.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { IntegrationClient } from '../src/client/integration-client.js';
import { SANDBOX_HOST_HEADER, sandboxServerFetch, serveSandbox } from '../src/node/serve-sandbox.js';
import { REGION_HOSTS } from '../src/regions.js';
import { createSandbox, type Sandbox } from '../src/sandbox/index.js';
import { createFetchTransport } from '../src/transport/fetch-transport.js';
import { formatNumber, formatTable, median, recordFigure } from './report.js';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
/** Creates per variant and round. */
const CREATES = Number(process.env.BENCH_CREATES ?? 400);
/** `list`, `create`, or both (default). */
const PART = process.env.BENCH_PART ?? 'all';
const CREATE_CONCURRENCY = [1, 10] as const;
const PER_PAGE = 200;

// The sandbox's own limits are off: only the client and the transport are measured.
function benchSandbox(): Sandbox {
  return createSandbox({
    seed: 9,
    limits: { perMinute: false, perDay: false, concurrency: false },
    users: [{ email: 'bench@example.com', region: 'us', books: [{ plan: 'ultimate', records: { customers: RECORDS, items: 0 } }], fsm: false }],
  });
}

interface ServedSandbox {
  url: string;
  organizationId: string;
  token: string;
}

// Child mode: serve the sandbox, say where on stdout, stop when the parent closes stdin.
if (process.env.BENCH_SERVE === '1') {
  const served = benchSandbox();
  const server = await serveSandbox(served, { port: 0 });
  const info: ServedSandbox = { url: server.url, organizationId: served.orgs({ app: 'books' })[0]?.organizationId ?? '', token: served.accessToken() };
  process.stdout.write(`${JSON.stringify(info)}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
  await new Promise<never>(() => undefined);
}

const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], { env: { ...process.env, BENCH_SERVE: '1' }, stdio: ['pipe', 'pipe', 'inherit'] });
const remote = await new Promise<ServedSandbox>((resolve, reject) => {
  child.once('exit', (code) => reject(new Error(`the sandbox server process exited (${String(code)})`)));
  createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line) as ServedSandbox));
});
const server = { url: remote.url, close: () => new Promise<void>((resolve) => child.once('exit', () => resolve()).stdin.end()) };
const { organizationId, token } = remote;
// The same data in this process, for the in-process variants (same seed, same org id).
const sandbox = benchSandbox();
if (sandbox.orgs({ app: 'books' })[0]?.organizationId !== organizationId) throw new Error('the two sandboxes differ');
const localToken = sandbox.accessToken();
const books = REGION_HOSTS.us.books;
const host = new URL(books).host;

/** The minimal loop: one GET per page with the auth header and org id, JSON parsed, has_more_page read. */
async function bareWalk(fetchPage: (page: number) => Promise<Response>): Promise<number> {
  let records = 0;
  for (let page = 1; ; page++) {
    const body = (await (await fetchPage(page)).json()) as { contacts: unknown[]; page_context: { has_more_page: boolean } };
    records += body.contacts.length;
    if (!body.page_context.has_more_page) return records;
  }
}

const query = (page: number) => `organization_id=${organizationId}&page=${page}&per_page=${PER_PAGE}`;
const headers = { authorization: `Zoho-oauthtoken ${token}`, accept: 'application/json' };
const bareHttp = () => bareWalk((page) => fetch(`${server.url}/books/v3/contacts?${query(page)}`, { headers: { ...headers, [SANDBOX_HOST_HEADER]: host } }));
const localHeaders = { ...headers, authorization: `Zoho-oauthtoken ${localToken}` };
const bareInProcess = () => bareWalk((page) => sandbox.fetch(`${books}/contacts?${query(page)}`, { headers: localHeaders }));

function clientOver(fetchImpl: typeof fetch, accessToken: string): IntegrationClient {
  return new IntegrationClient({
    region: 'us',
    finance: { app: 'books', organizationId },
    auth: { accessToken },
    transport: createFetchTransport({ fetch: fetchImpl }),
    // Generous limits: the limiter's bookkeeping is measured, never its waiting (and no daily cap).
    limits: { perMinute: 1e9, concurrency: 10, perDay: false },
  });
}
// The transport alone (ky, the bounded body read, JSON parsing), without the client's pipeline
// and validation: splits the overhead between the two.
const kyHttp = createFetchTransport({ fetch: sandboxServerFetch(server.url) });
async function transportWalk(): Promise<number> {
  let records = 0;
  for (let page = 1; ; page++) {
    const reply = await kyHttp.send({ method: 'GET', url: `${books}/contacts?${query(page)}`, headers });
    const body = reply.body as { contacts: unknown[]; page_context: { has_more_page: boolean } };
    records += body.contacts.length;
    if (!body.page_context.has_more_page) return records;
  }
}
const httpClient = clientOver(sandboxServerFetch(server.url), token);
const inProcessClient = clientOver(sandbox.fetch, localToken);
async function clientWalk(client: IntegrationClient): Promise<number> {
  let records = 0;
  for await (const page of client.finance.contacts.list({ perPage: PER_PAGE }).pages()) records += page.items.length;
  return records;
}


async function listBench(): Promise<void> {
  const VARIANTS = {
    'bare fetch (HTTP)': bareHttp,
    'createFetchTransport alone (HTTP)': transportWalk,
    'IntegrationClient (HTTP)': () => clientWalk(httpClient),
    'bare sandbox.fetch (in process)': bareInProcess,
    'IntegrationClient (in process)': () => clientWalk(inProcessClient),
  } as const;
  type Variant = keyof typeof VARIANTS;

  const times = new Map<Variant, number[]>(Object.keys(VARIANTS).map((name) => [name as Variant, []]));
  // One warm-up walk each, then rounds in which the variants take turns (no order advantage).
  for (const walk of Object.values(VARIANTS)) await walk();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, walk] of Object.entries(VARIANTS) as Array<[Variant, () => Promise<number>]>) {
      const start = performance.now();
      const records = await walk();
      times.get(name)?.push(performance.now() - start);
      if (records !== RECORDS) throw new Error(`${name} read ${records} records, expected ${RECORDS}`);
    }
  }

  const pages = Math.ceil(RECORDS / PER_PAGE);
  const med = (name: Variant) => median(times.get(name) ?? []);
  const rows = (Object.keys(VARIANTS) as Variant[]).map((name) => [
    name,
    `${formatNumber(med(name), 1)} ms`,
    `${formatNumber(med(name) / pages, 2)} ms`,
    formatNumber((pages / med(name)) * 1000),
    formatNumber((RECORDS / med(name)) * 1000),
  ]);
  const httpRatio = med('IntegrationClient (HTTP)') / med('bare fetch (HTTP)');
  const inProcessRatio = med('IntegrationClient (in process)') / med('bare sandbox.fetch (in process)');
  const perCallOverhead = (med('IntegrationClient (HTTP)') - med('bare fetch (HTTP)')) / pages;
  const transportShare = (med('createFetchTransport alone (HTTP)') - med('bare fetch (HTTP)')) / pages;

  process.stdout.write(`Transport overhead: ${formatNumber(RECORDS)} contacts, ${pages} pages of ${PER_PAGE}, median of ${ROUNDS} rounds\n\n`);
  process.stdout.write(`${formatTable(['variant', 'walk', 'per call', 'calls/s', 'records/s'], rows)}\n\n`);
  process.stdout.write(`client / bare over HTTP:       ${formatNumber(httpRatio, 2)}× (${formatNumber(perCallOverhead, 2)} ms a call on top of bare fetch,\n`);
  process.stdout.write(`                               of which ${formatNumber(transportShare, 2)} ms in the transport, the rest in the pipeline and validation)\n`);
  process.stdout.write(`client / bare in process:      ${formatNumber(inProcessRatio, 2)}×\n`);
  process.stdout.write('The client side includes sandboxServerFetch’s URL rewrite (HTTP) and zod validation of every record.\n');

  recordFigure({ label: `bare fetch, ${pages} pages over HTTP`, value: med('bare fetch (HTTP)'), unit: 'ms', digits: 1 });
  recordFigure({ label: `IntegrationClient, same pages over HTTP`, value: med('IntegrationClient (HTTP)'), unit: 'ms', digits: 1 });
  recordFigure({ label: 'client / bare fetch over HTTP', value: httpRatio, unit: '×', digits: 2 });
  recordFigure({ label: 'client overhead a call over HTTP', value: perCallOverhead, unit: 'ms', digits: 2 });
  recordFigure({ label: 'client / bare sandbox.fetch in process', value: inProcessRatio, unit: '×', digits: 2 });
  recordFigure({ label: 'IntegrationClient in process', value: (RECORDS / med('IntegrationClient (in process)')) * 1000, unit: 'records/s' });
}

/** A typical customer create (what the sync sends for a business customer), unique by `n`. */
function newCustomer(n: number) {
  return {
    contact_name: `Bench customer ${process.pid}-${n}`,
    company_name: `Bench customer ${n} Ltd`,
    contact_type: 'customer' as const,
    customer_sub_type: 'business' as const,
    billing_address: { attention: 'Accounts', address: `${n} Harbour Road`, city: 'Pleasanton', state: 'CA', zip: '94588', country: 'U.S.A' },
    notes: 'Created by the transport-overhead bench.',
  };
}

/** The global fetch as it was before any variant replaced it. */
const realFetch = globalThis.fetch;
let created = 0;
/** Runs `total` creates, `concurrency` at a time; resolves with how many succeeded. */
async function createLoop(concurrency: number, total: number, createOne: (n: number) => Promise<string>): Promise<number> {
  let next = 0;
  let ok = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      next++;
      const id = await createOne(++created);
      if (id) ok++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ok;
}

const createUrl = `${server.url}/books/v3/contacts?organization_id=${organizationId}`;
const createHeaders = { ...headers, 'content-type': 'application/json', [SANDBOX_HOST_HEADER]: host };
/** The minimal create: POST with the JSON body and auth header, reply parsed, its code checked. */
async function bareCreate(n: number): Promise<string> {
  const response = await realFetch(createUrl, { method: 'POST', headers: createHeaders, body: JSON.stringify(newCustomer(n)) });
  const body = (await response.json()) as { code: number; contact?: { contact_id: string } };
  if (body.code !== 0 || !body.contact) throw new Error(`bare create failed: ${JSON.stringify(body).slice(0, 200)}`);
  return body.contact.contact_id;
}
/**
 * The least routing a client needs to reach the server: the transport hands fetch a `Request`
 * (and, for a call with a body, `{ body }`); this sends the same method, headers, body, signal and
 * redirect mode to the server's port, with the Zoho host in a header (a body inside the `Request`
 * is read into a buffer first). `sandboxServerFetch` does
 * more (it rebuilds the request and reads its body into a buffer): its cost is the harness's, not
 * the SDK's, so it is measured as a variant of its own.
 */
function routedFetch(serverUrl: string): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const routedHeaders = new Headers(request.headers);
    routedHeaders.set(SANDBOX_HOST_HEADER, url.host);
    // A transport that puts the body inside the Request (the ky-based one did) costs a read here.
    const body = init?.body ?? (request.body ? await request.arrayBuffer() : undefined);
    return realFetch(`${serverUrl}${url.pathname}${url.search}`, {
      method: request.method,
      headers: routedHeaders,
      signal: request.signal,
      redirect: request.redirect,
      ...(body == null ? {} : { body }),
    });
  }) as typeof fetch;
}
const routedClient = clientOver(routedFetch(server.url), token);

/**
 * The default transport (no `fetch` option) calls the global fetch with the URL and init, as in
 * production. For its variant the global fetch is replaced by this router, which sends Zoho's
 * Books URLs to the server with the host in a header and everything else on unchanged.
 */
const booksOrigin = new URL(books).origin;
const routed = routedFetch(server.url);
const zohoToServer = ((input: RequestInfo | URL, init?: RequestInit) => {
  if (typeof input === 'string' && input.startsWith(`${booksOrigin}/`)) {
    return realFetch(`${server.url}${input.slice(booksOrigin.length)}`, { ...init, headers: { ...(init?.headers as Record<string, string>), [SANDBOX_HOST_HEADER]: host } });
  }
  // A transport that hands the global fetch a Request (the ky-based one did) is routed like a custom fetch.
  if (input instanceof Request && input.url.startsWith(`${booksOrigin}/`)) return routed(input, init);
  return realFetch(input, init);
}) as typeof fetch;
const defaultClient = new IntegrationClient({
  region: 'us',
  finance: { app: 'books', organizationId },
  auth: { accessToken: token },
  transport: createFetchTransport(),
  limits: { perMinute: 1e9, concurrency: 10, perDay: false },
});
async function defaultClientCreate(n: number): Promise<string> {
  return (await defaultClient.finance.contacts.create(newCustomer(n))).contact_id;
}
async function clientCreate(n: number): Promise<string> {
  return (await routedClient.finance.contacts.create(newCustomer(n))).contact_id;
}
async function rewrittenClientCreate(n: number): Promise<string> {
  return (await httpClient.finance.contacts.create(newCustomer(n))).contact_id;
}

async function createBench(): Promise<void> {
  const CREATE_VARIANTS = {
    'bare fetch': bareCreate,
    'IntegrationClient, default transport': defaultClientCreate,
    IntegrationClient: clientCreate,
    'IntegrationClient via sandboxServerFetch': rewrittenClientCreate,
  } as const;
  // Only the default transport's variant runs with the router as the global fetch.
  const run = (name: string, concurrency: number, total: number, createOne: (n: number) => Promise<string>) => {
    if (name !== 'IntegrationClient, default transport') return createLoop(concurrency, total, createOne);
    globalThis.fetch = zohoToServer;
    return createLoop(concurrency, total, createOne).finally(() => {
      globalThis.fetch = realFetch;
    });
  };
  type CreateVariant = keyof typeof CREATE_VARIANTS;
  const key = (name: CreateVariant, concurrency: number) => `${name} @${concurrency}`;
  const wall = new Map<string, number[]>();
  const cpu = new Map<string, number[]>();
  // Warm-up: the JIT and the connection pool, both variants, both concurrencies.
  for (const concurrency of CREATE_CONCURRENCY) for (const [name, createOne] of Object.entries(CREATE_VARIANTS)) await run(name, concurrency, Math.min(100, CREATES), createOne);
  for (let round = 0; round < ROUNDS; round++) {
    for (const concurrency of CREATE_CONCURRENCY) {
      for (const [name, createOne] of Object.entries(CREATE_VARIANTS) as Array<[CreateVariant, (n: number) => Promise<string>]>) {
        const cpuStart = process.cpuUsage();
        const start = performance.now();
        const ok = await run(name, concurrency, CREATES, createOne);
        const elapsed = performance.now() - start;
        const used = process.cpuUsage(cpuStart);
        if (ok !== CREATES) throw new Error(`${name} created ${ok} of ${CREATES}`);
        const k = key(name, concurrency);
        wall.set(k, [...(wall.get(k) ?? []), elapsed]);
        cpu.set(k, [...(cpu.get(k) ?? []), (used.user + used.system) / 1000]);
      }
    }
  }
  const rows: string[][] = [];
  process.stdout.write(`\nCreates: POST /contacts, ${formatNumber(CREATES)} a round, median of ${ROUNDS} rounds, sandbox server in a child process\n\n`);
  for (const concurrency of CREATE_CONCURRENCY) {
    const w = (name: CreateVariant) => median(wall.get(key(name, concurrency)) ?? []);
    const c = (name: CreateVariant) => median(cpu.get(key(name, concurrency)) ?? []);
    for (const name of Object.keys(CREATE_VARIANTS) as CreateVariant[]) {
      rows.push([
        `${name}, concurrency ${concurrency}`,
        `${formatNumber(w(name), 1)} ms`,
        `${formatNumber((w(name) / CREATES) * 1000, 0)} µs`,
        `${formatNumber((c(name) / CREATES) * 1000, 0)} µs`,
        formatNumber((CREATES / w(name)) * 1000),
      ]);
    }
    const wallRatio = w('IntegrationClient') / w('bare fetch');
    const cpuRatio = c('IntegrationClient') / c('bare fetch');
    const defaultWall = w('IntegrationClient, default transport') / w('bare fetch');
    const defaultCpu = c('IntegrationClient, default transport') / c('bare fetch');
    const rewrittenWall = w('IntegrationClient via sandboxServerFetch') / w('bare fetch');
    const rewrittenCpu = c('IntegrationClient via sandboxServerFetch') / c('bare fetch');
    rows.push([`  default transport / bare at ${concurrency}`, `${formatNumber(defaultWall, 2)}×`, '', `${formatNumber(defaultCpu, 2)}×`, '']);
    rows.push([`  client / bare at ${concurrency}`, `${formatNumber(wallRatio, 2)}×`, '', `${formatNumber(cpuRatio, 2)}×`, '']);
    rows.push([`  via sandboxServerFetch / bare at ${concurrency}`, `${formatNumber(rewrittenWall, 2)}×`, '', `${formatNumber(rewrittenCpu, 2)}×`, '']);
    recordFigure({ label: `creates via sandboxServerFetch, client / bare fetch, wall, concurrency ${concurrency}`, value: rewrittenWall, unit: '×', digits: 2 });
    recordFigure({ label: `creates, default transport / bare fetch, wall, concurrency ${concurrency}`, value: defaultWall, unit: '×', digits: 2 });
    recordFigure({ label: `creates, default transport / bare fetch, client-process CPU, concurrency ${concurrency}`, value: defaultCpu, unit: '×', digits: 2 });
    recordFigure({ label: `creates, client / bare fetch, wall, concurrency ${concurrency}`, value: wallRatio, unit: '×', digits: 2 });
    recordFigure({ label: `creates, client / bare fetch, client-process CPU, concurrency ${concurrency}`, value: cpuRatio, unit: '×', digits: 2 });
    recordFigure({ label: `creates through IntegrationClient, concurrency ${concurrency}`, value: (CREATES / w('IntegrationClient')) * 1000, unit: 'creates/s' });
  }
  process.stdout.write(`${formatTable(['variant', 'round', 'wall a create', 'CPU a create', 'creates/s'], rows)}\n`);
  process.stdout.write('CPU is this process only (user + system). "default transport": createFetchTransport() over the global fetch, routed to the server;\n');
  process.stdout.write('"IntegrationClient": a custom fetch (routedFetch), the least routing a Request-taking fetch needs;\n');
  process.stdout.write('"via sandboxServerFetch" through the sandbox\'s own rewrite, which rebuilds each request and buffers its body.\n');
}

if (PART !== 'create') await listBench();
if (PART !== 'list') await createBench();
await server.close();
