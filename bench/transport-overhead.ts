/**
 * The client's overhead over the transport: the same minimal calls — every page of the contacts
 * list at per_page=200, with the auth header and the organisation id — made by a bare fetch loop
 * and by IntegrationClient (ky transport, limiter, retries, envelope checks, zod validation of
 * every record), against the same sandbox. Twice: over a real HTTP server (`serveSandbox`, in a
 * child process so the server does not share the client's thread) and in process
 * (`sandbox.fetch`). Reports the median walk of several rounds and our/bare ratio.
 *
 *   node --import tsx bench/transport-overhead.ts          # 10,000 contacts (50 pages)
 *   BENCH_RECORDS=2000 BENCH_ROUNDS=3 node --import tsx bench/transport-overhead.ts
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
import { createKyTransport } from '../src/transport/ky-transport.js';
import { formatNumber, formatTable, median, recordFigure } from './report.js';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
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
    transport: createKyTransport({ fetch: fetchImpl }),
    // Generous limits: the limiter's bookkeeping is measured, never its waiting (and no daily cap).
    limits: { perMinute: 1e9, concurrency: 10, perDay: false },
  });
}
// The transport alone (ky, the bounded body read, JSON parsing), without the client's pipeline
// and validation: splits the overhead between the two.
const kyHttp = createKyTransport({ fetch: sandboxServerFetch(server.url) });
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

const VARIANTS = {
  'bare fetch (HTTP)': bareHttp,
  'createKyTransport alone (HTTP)': transportWalk,
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
await server.close();

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
const transportShare = (med('createKyTransport alone (HTTP)') - med('bare fetch (HTTP)')) / pages;

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
