import { parseArgs } from 'node:util';
import { isRegion, REGIONS, type Region } from '../regions.js';
import { createSandbox, type Sandbox } from '../sandbox/index.js';
import { serveSandbox, type SandboxServer } from './serve-sandbox.js';

const HELP = `Usage: fsm-billing-sync sandbox [options]

Starts an in-memory Zoho (Books, Invoice, FSM, accounts) on a local HTTP port.

Options:
  --port <n>       port to listen on (default 4010; 0 picks a free one)
  --host <addr>    interface to bind (default 127.0.0.1)
  --seed <n>       seed of the generated data, tokens and faults (default 1)
  --records <n>    customers and items generated per organisation (default 100)
  --region <dc>    data centre of the user and of plain paths: ${REGIONS.join(' ')} (default us)
  --latency <ms>   delay every API reply by this many milliseconds (default 0)
  --json           print the connection details as one JSON line instead of text
  -h, --help       show this help

Send requests to <url>/books/v3/..., <url>/invoice/v3/..., <url>/fsm/v1/..., <url>/oauth/v2/token,
or use sandboxServerFetch(url) from fsm-billing-sync/node to rewrite real Zoho URLs.
`;

function integer(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number ≥ 0, got ${JSON.stringify(text)}`);
  return n;
}

/** Connection details a user needs, for the banner and `--json`. */
function details(sandbox: Sandbox, server: SandboxServer, seed: number, records: number) {
  const c = sandbox.credentials();
  const orgs = sandbox.orgs({ email: c.email });
  const id = (app: 'books' | 'invoice' | 'fsm') => orgs.find((o) => o.app === app)?.organizationId;
  return {
    url: server.url,
    seed,
    records,
    email: c.email,
    region: c.region,
    client_id: c.clientId,
    client_secret: c.clientSecret,
    refresh_token: c.refreshToken,
    access_token: sandbox.accessToken(c.email),
    books_organization_id: id('books'),
    invoice_organization_id: id('invoice'),
    fsm_organization_id: id('fsm'),
  };
}

function banner(d: ReturnType<typeof details>): string {
  return [
    `Zoho sandbox listening on ${d.url} (seed ${d.seed}, ${d.records} records per organisation)`,
    `  user             ${d.email} (region ${d.region})`,
    `  client_id        ${d.client_id}`,
    `  client_secret    ${d.client_secret}`,
    `  refresh_token    ${d.refresh_token}`,
    `  access_token     ${d.access_token} (valid 1 hour)`,
    `  Books org        ${d.books_organization_id}`,
    `  Invoice org      ${d.invoice_organization_id}`,
    `  FSM org          ${d.fsm_organization_id}`,
    '',
    `  curl -H 'Authorization: Zoho-oauthtoken ${d.access_token}' '${d.url}/books/v3/contacts?organization_id=${d.books_organization_id}'`,
    '',
    'Press Ctrl+C to stop.',
    '',
  ].join('\n');
}

/** `fsm-billing-sync sandbox`: runs until SIGINT/SIGTERM; resolves with the exit code. */
export async function sandboxCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      records: { type: 'string' },
      region: { type: 'string' },
      latency: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const region: Region = values.region === undefined ? 'us' : isRegion(values.region) ? values.region : (() => {
    throw new Error(`--region must be one of ${REGIONS.join(', ')}, got ${JSON.stringify(values.region)}`);
  })();
  const seed = integer('seed', values.seed, 1);
  const records = integer('records', values.records, 100);
  const sandbox = createSandbox({
    seed,
    records: { customers: records, items: records, invoices: Math.floor(records / 10), workOrders: Math.floor(records / 10) },
    latencyMs: integer('latency', values.latency, 0),
    users: [{ email: 'owner@example.com', region, books: [{}], invoice: [{}] }],
  });
  const server = await serveSandbox(sandbox, { port: integer('port', values.port, 4010), host: values.host ?? '127.0.0.1', defaultRegion: region });
  const info = details(sandbox, server, seed, records);
  process.stdout.write(values.json ? `${JSON.stringify(info)}\n` : banner(info));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}
