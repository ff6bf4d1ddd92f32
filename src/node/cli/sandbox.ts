import { InvalidArgumentError, Option, type Command } from 'commander';
import { isRegion, REGIONS, type Region } from '../../regions.js';
import { createSandbox, type Sandbox } from '../../sandbox/index.js';
import type { RateLimits } from '../../transport/rate-limiter.js';
import { SANDBOX_CONNECTION_PATH, serveSandbox, type SandboxServer } from '../serve-sandbox.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CliRuntime } from './runtime.js';

/** Options of `fsm-billing-sync sandbox`. */
export interface SandboxCommandOptions {
  port: number;
  host: string;
  seed: number;
  records: number;
  region: Region;
  latency: number;
  /** `--no-limits` makes this false: the sandbox enforces none of Zoho's limits. */
  limits: boolean;
  /** `--speed <factor>`: the per-minute limit is factor × 100 calls. */
  speed?: number | undefined;
  json?: boolean | undefined;
}

/**
 * The limits the CLI's client should keep to against a sandbox started with these options (what
 * `init --sandbox` copies into the config): none with `--no-limits` (no waiting at all), the
 * faster minute with `--speed`, and otherwise the plan's, as against Zoho.
 */
export function sandboxClientLimits(options: Pick<SandboxCommandOptions, 'limits' | 'speed'>): RateLimits | undefined {
  if (!options.limits) return { perMinute: 1_000_000, concurrency: 64, perDay: false };
  if (options.speed !== undefined && options.speed !== 1) return { perMinute: Math.round(100 * options.speed) };
  return undefined;
}

/** `--port` and the like: a whole number ≥ 0. */
export function wholeNumber(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`expected a whole number ≥ 0, got ${JSON.stringify(text)}.`);
  return n;
}

function speedFactor(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 1 || n > 10_000) throw new InvalidArgumentError(`expected a factor from 1 to 10000, got ${JSON.stringify(text)}.`);
  return n;
}

function region(text: string): Region {
  if (!isRegion(text)) throw new InvalidArgumentError(`expected one of ${REGIONS.join(', ')}, got ${JSON.stringify(text)}.`);
  return text;
}

/**
 * Connection details a user needs, for the banner, `--json` and `GET /__sandbox/connection` (what
 * `init --sandbox` reads): the first user's credentials and organisations, and the limits the
 * client should keep to (`client_limits`, see {@link sandboxClientLimits}).
 */
export function sandboxConnection(sandbox: Sandbox, server: Pick<SandboxServer, 'url'>, options: Pick<SandboxCommandOptions, 'seed' | 'records' | 'limits' | 'speed'>) {
  const c = sandbox.credentials();
  const orgs = sandbox.orgs({ email: c.email });
  const id = (app: 'books' | 'invoice' | 'fsm') => orgs.find((o) => o.app === app)?.organizationId;
  const fsm = orgs.find((o) => o.app === 'fsm');
  return {
    url: server.url,
    seed: options.seed,
    records: options.records,
    email: c.email,
    region: c.region,
    client_id: c.clientId,
    client_secret: c.clientSecret,
    refresh_token: c.refreshToken,
    access_token: sandbox.accessToken(c.email),
    books_organization_id: id('books'),
    invoice_organization_id: id('invoice'),
    fsm_organization_id: id('fsm'),
    fsm_organization: fsm ? { name: fsm.name, edition: fsm.edition, currency_code: fsm.currencyCode } : undefined,
    limits: options.limits ? (options.speed !== undefined && options.speed !== 1 ? `${Math.round(100 * options.speed)} calls a minute per organisation (--speed ${options.speed})` : "Zoho's") : 'none',
    client_limits: sandboxClientLimits(options) ?? null,
  };
}

/** The connection details as `GET /__sandbox/connection` answers them (what `init --sandbox` reads). */
export type SandboxConnection = ReturnType<typeof sandboxConnection>;

function banner(d: SandboxConnection): string {
  return [
    `Zoho sandbox listening on ${d.url} (seed ${d.seed}, ${d.records} records per organisation; limits: ${d.limits})`,
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
    `  In another terminal: npx fsm-billing-sync init --sandbox ${d.url} && npx fsm-billing-sync sync`,
    '',
    'Press Ctrl+C to stop.',
    '',
  ].join('\n');
}

/** The sandbox's options → a running server, until SIGINT/SIGTERM. */
async function runSandbox(cli: CliRuntime, options: SandboxCommandOptions): Promise<ExitCode> {
  const limits = !options.limits
    ? { perMinute: false as const, perDay: false as const, concurrency: false as const }
    : options.speed !== undefined && options.speed !== 1
      ? { perMinute: Math.round(100 * options.speed) }
      : undefined;
  const records = options.records;
  const sandbox = createSandbox({
    seed: options.seed,
    records: { customers: records, items: records, invoices: Math.floor(records / 10), workOrders: Math.floor(records / 10) },
    latencyMs: options.latency,
    users: [{ email: 'owner@example.com', region: options.region, books: [{}], invoice: [{}] }],
    ...(limits ? { limits } : {}),
  });
  let info: SandboxConnection | undefined;
  const server = await serveSandbox(sandbox, {
    port: options.port,
    host: options.host,
    defaultRegion: options.region,
    connection: () => info && { ...info, access_token: sandbox.accessToken(info.email) },
  });
  info = sandboxConnection(sandbox, server, options);
  cli.io.stdout.write(options.json ? `${JSON.stringify(info)}\n` : banner(info));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return EXIT.OK;
}

/** Registers `fsm-billing-sync sandbox`. */
export function registerSandboxCommand(program: Command, cli: CliRuntime): void {
  program
    .command('sandbox')
    .summary('start an in-memory Zoho on a local HTTP port')
    .description('Starts an in-memory Zoho (Books, Invoice, FSM, accounts) on a local HTTP port.')
    .addOption(new Option('--port <n>', 'port to listen on (0 picks a free one)').argParser(wholeNumber).default(4010))
    .option('--host <addr>', 'interface to bind', '127.0.0.1')
    .addOption(new Option('--seed <n>', 'seed of the generated data, tokens and faults').argParser(wholeNumber).default(1))
    .addOption(new Option('--records <n>', 'customers and items generated per organisation').argParser(wholeNumber).default(100))
    .addOption(new Option('--region <dc>', `data centre of the user and of plain paths: ${REGIONS.join(' ')}`).argParser(region).default('us'))
    .addOption(new Option('--latency <ms>', 'delay every API reply by this many milliseconds').argParser(wholeNumber).default(0))
    .option('--no-limits', "enforce none of Zoho's API limits (per minute, per day, at once); init --sandbox then tells the client to keep none either")
    .addOption(new Option('--speed <factor>', 'allow factor × 100 calls a minute per organisation (as if a minute lasted 60/factor s); init --sandbox tells the client').argParser(speedFactor))
    .option('--json', 'print the connection details as one JSON line instead of text')
    .addHelpText(
      'after',
      `
Send requests to <url>/books/v3/..., <url>/invoice/v3/..., <url>/fsm/v1/..., <url>/oauth/v2/token,
or use sandboxServerFetch(url) from fsm-billing-sync/node to rewrite real Zoho URLs.
GET <url>${SANDBOX_CONNECTION_PATH} answers the connection details (what "init --sandbox <url>" reads).`,
    )
    .action(async (options: SandboxCommandOptions) => cli.run('sandbox', {}, () => runSandbox(cli, options)));
}
