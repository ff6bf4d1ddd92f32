import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { ConfigError } from '../../errors/config-error.js';
import { isRegion, REGIONS, type Region } from '../../regions.js';
import { TAX_EDITIONS, type TaxEdition } from '../../schemas/edition-codes.js';
import { SYNC_TYPES, type SyncType } from '../../mapping/types.js';
import type { RateLimits } from '../../transport/rate-limiter.js';
import { SANDBOX_CONNECTION_PATH } from '../serve-sandbox.js';
import { resolveSqliteDriver } from '../sqlite-driver.js';
import { CONFIG_CONFLICT_POLICIES, saveConfig, type CliConfig } from './config-file.js';
import { CliUsageError, EXIT, type ExitCode } from './exit-codes.js';
import { Asker } from './prompts.js';
import { withConfigOptions, type CliRuntime, type ConfigOptions } from './runtime.js';
import { SECRET_ENV, writeSecretsFile } from './secrets.js';

/** Options of `fsm-billing-sync init`. */
export interface InitOptions extends ConfigOptions {
  sandbox?: string;
  region?: Region;
  app?: 'books' | 'invoice';
  org?: string;
  email?: string;
  fsmName?: string;
  fsmEdition?: TaxEdition;
  currency?: string;
  taxes?: boolean;
  syncType?: SyncType;
  conflicts?: (typeof CONFIG_CONFLICT_POLICIES)[number];
  state?: string;
  secrets?: 'env' | 'file';
  secretsFile?: string;
  clientId?: string;
  force?: boolean;
}

/** What `GET <sandbox>/__sandbox/connection` answers (the fields init reads). */
interface SandboxConnection {
  url: string;
  email: string;
  region: string;
  client_id: string;
  client_secret: string;
  refresh_token: string;
  books_organization_id?: string;
  invoice_organization_id?: string;
  fsm_organization?: { name: string; edition: string; currency_code: string };
  client_limits: RateLimits | null;
}

const oneOf =
  <T extends string>(values: readonly T[], what: string) =>
  (text: string): T => {
    if (!(values as readonly string[]).includes(text)) throw new InvalidArgumentError(`${what} must be one of ${values.join(', ')}; got ${JSON.stringify(text)}.`);
    return text as T;
  };

async function readSandbox(url: string): Promise<SandboxConnection> {
  let base: URL;
  try {
    base = new URL(url);
  } catch {
    throw new CliUsageError(`--sandbox needs the sandbox's URL, such as http://127.0.0.1:4010; got ${JSON.stringify(url)}.`, { flag: '--sandbox' });
  }
  let response: Response;
  try {
    response = await fetch(new URL(SANDBOX_CONNECTION_PATH, base), { signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new ConfigError(`Cannot reach a sandbox at ${base.origin} (${(error as Error).message}). Start one with "fsm-billing-sync sandbox --no-limits" in another terminal.`, { details: { option: 'sandbox', url: base.origin } });
  }
  if (!response.ok) {
    throw new ConfigError(`${base.origin} did not answer ${SANDBOX_CONNECTION_PATH} (HTTP ${response.status}): is it a sandbox started by "fsm-billing-sync sandbox" of this version?`, { details: { option: 'sandbox', status: response.status } });
  }
  const body = (await response.json()) as SandboxConnection;
  if (typeof body?.refresh_token !== 'string' || typeof body.client_secret !== 'string') throw new ConfigError(`${base.origin}${SANDBOX_CONNECTION_PATH} answered no credentials.`, { details: { option: 'sandbox' } });
  return { ...body, url: base.origin };
}

async function runInit(cli: CliRuntime, options: InitOptions): Promise<ExitCode> {
  const path = cli.configFile(options);
  if (existsSync(path) && !options.force) {
    throw new CliUsageError(`A config file already exists at ${path}. Pass --force to write it again (the state file is kept), or --config <file> for another one.`, { flag: '--force' });
  }
  const ask = new Asker(cli);
  const sandbox = options.sandbox === undefined ? undefined : await readSandbox(options.sandbox);
  if (sandbox) cli.hide(sandbox.client_secret, sandbox.refresh_token);

  const regionAnswer = options.region ?? sandbox?.region ?? (await ask.select('--region <dc>', 'Zoho data centre of the account', REGIONS.map((r) => ({ value: r, label: r }))));
  if (!isRegion(regionAnswer)) throw new ConfigError(`The sandbox reports region ${JSON.stringify(regionAnswer)}, which this version does not know.`);
  const app =
    options.app ??
    (sandbox ? 'books' : await ask.select('--app <books|invoice>', 'Which finance app', [{ value: 'books', label: 'Zoho Books' }, { value: 'invoice', label: 'Zoho Invoice' }] as const));
  const email = options.email ?? sandbox?.email ?? (await ask.text('--email <email>', 'FSM sign-up email (the Zoho user whose organisations are listed)', { validate: (v) => (v.includes('@') ? undefined : 'An email address.') }));
  if (!email.includes('@')) throw new CliUsageError(`--email must be an email address; got ${JSON.stringify(email)}.`, { flag: '--email' });
  const fsmName = options.fsmName ?? sandbox?.fsm_organization?.name ?? (await ask.text('--fsm-name <name>', 'FSM organisation name'));
  const editionAnswer =
    options.fsmEdition ??
    sandbox?.fsm_organization?.edition ??
    (await ask.text('--fsm-edition <edition>', `FSM tax edition (${TAX_EDITIONS.join(' ')})`, { validate: (v) => ((TAX_EDITIONS as readonly string[]).includes(v) ? undefined : `One of ${TAX_EDITIONS.join(', ')}.`) }));
  if (!(TAX_EDITIONS as readonly string[]).includes(editionAnswer)) throw new CliUsageError(`--fsm-edition must be one of ${TAX_EDITIONS.join(', ')}; got ${JSON.stringify(editionAnswer)}.`, { flag: '--fsm-edition' });
  const currency = (options.currency ?? sandbox?.fsm_organization?.currency_code)?.toUpperCase();
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) throw new CliUsageError(`--currency must be a currency code such as USD; got ${JSON.stringify(currency)}.`, { flag: '--currency' });

  const dir = dirname(path);
  const secretsFrom =
    options.secretsFile !== undefined ? 'file' : (options.secrets ?? (sandbox ? 'file' : await ask.select('--secrets <env|file>', 'Where do the OAuth secrets come from?', [
      { value: 'env', label: 'Environment variables', hint: `${SECRET_ENV.clientId}, ${SECRET_ENV.clientSecret}, ${SECRET_ENV.refreshToken}` },
      { value: 'file', label: 'A private file (mode 0600) next to the config', hint: 'asked now, typed without echo' },
    ] as const)));
  const secretsPath = resolve(cli.io.cwd, options.secretsFile ?? resolve(dir, 'secrets.json'));
  let clientId = options.clientId ?? sandbox?.client_id;

  if (secretsFrom === 'file') {
    if (sandbox) {
      writeSecretsFile(secretsPath, { clientId: sandbox.client_id, clientSecret: sandbox.client_secret, refreshToken: sandbox.refresh_token });
    } else if (!existsSync(secretsPath)) {
      clientId ??= cli.io.env[SECRET_ENV.clientId] ?? (await ask.text('--client-id <id>', 'OAuth client id'));
      const clientSecret = cli.io.env[SECRET_ENV.clientSecret] ?? (await ask.secret(`$${SECRET_ENV.clientSecret}`, 'OAuth client secret'));
      const refreshToken = cli.io.env[SECRET_ENV.refreshToken] ?? (await ask.secret(`$${SECRET_ENV.refreshToken}`, 'OAuth refresh token'));
      cli.hide(clientSecret, refreshToken);
      writeSecretsFile(secretsPath, { clientId, clientSecret, refreshToken });
    }
  }

  const organizationId = options.org ?? (sandbox ? (app === 'books' ? sandbox.books_organization_id : sandbox.invoice_organization_id) : undefined);
  if (organizationId !== undefined && !/^\d{1,20}$/.test(organizationId)) throw new CliUsageError(`--org must be an organisation id (digits); got ${JSON.stringify(organizationId)}.`, { flag: '--org' });
  const config: CliConfig = {
    version: 1,
    region: regionAnswer,
    email,
    finance: { app, ...(organizationId ? { organizationId } : {}) },
    fsm: { name: fsmName, edition: editionAnswer as TaxEdition, ...(currency ? { currencyCode: currency } : {}), ...(options.taxes === undefined ? {} : { taxesEnabled: options.taxes }) },
    syncType: options.syncType ?? 'III',
    state: options.state ?? 'state.db',
    secrets: secretsFrom === 'file' ? { from: 'file', path: relative(dir, secretsPath) || secretsPath } : { from: 'env' },
    ...(clientId ? { clientId } : {}),
    ...(sandbox ? { sandbox: { url: sandbox.url } } : {}),
    ...(sandbox?.client_limits ? { limits: sandbox.client_limits } : {}),
    ...(options.conflicts ? { sync: { conflicts: options.conflicts } } : {}),
  };
  saveConfig(path, config);

  if (options.json) {
    cli.json({ type: 'init', config: path, ...config });
    return EXIT.OK;
  }
  cli.out(`Wrote ${path}`);
  cli.out(`  region ${config.region}, ${config.finance.app}${config.finance.organizationId ? ` org ${config.finance.organizationId}` : ''}, FSM "${config.fsm.name}" (${config.fsm.edition}), sync type ${config.syncType}`);
  // The state needs a SQLite driver; saying so now spares a first `sync` that fails on it.
  const driver = await resolveSqliteDriver(undefined).then((d) => d.name, (error: unknown) => (error instanceof Error ? error : new Error(String(error))));
  cli.out(`  state   ${resolve(dir, config.state)}${typeof driver === 'string' ? ` (SQLite through ${driver})` : ''}`);
  if (typeof driver !== 'string') cli.err(`Warning: the state cannot be opened yet. ${driver.message}`);
  if (config.secrets.from === 'file') cli.out(`  secrets ${secretsPath} (mode 0600; ${SECRET_ENV.clientSecret} and the other variables win when set)`);
  else cli.out(`  secrets from the environment: set ${SECRET_ENV.clientId}, ${SECRET_ENV.clientSecret} and ${SECRET_ENV.refreshToken} (or ${SECRET_ENV.accessToken})`);
  if (config.sandbox) cli.out(`  sandbox ${config.sandbox.url}; client limits: ${config.limits ? JSON.stringify(config.limits) : "the plan's"}`);
  cli.out(config.finance.organizationId ? 'Next: fsm-billing-sync sync (it onboards the organisation first), or fsm-billing-sync onboard' : 'Next: fsm-billing-sync onboard');
  return EXIT.OK;
}

/** Registers `fsm-billing-sync init`. */
export function registerInitCommand(program: Command, cli: CliRuntime): void {
  const command = program
    .command('init')
    .summary('write the config file (asks on a terminal; flags for every question)')
    .description(
      'Writes .fsm-billing-sync/config.json: region, finance app, FSM organisation, where the secrets come from. ' +
        'On a terminal it asks what the flags do not say; without one, a missing answer is an error (exit 2).',
    )
    .option('--sandbox <url>', 'take everything from a running "fsm-billing-sync sandbox" (credentials go to a 0600 secrets file)')
    .addOption(new Option('--region <dc>', 'Zoho data centre').choices(REGIONS))
    .addOption(new Option('--app <app>', 'finance app').choices(['books', 'invoice']))
    .option('--org <id>', 'finance organisation to bind (else chosen by "onboard")')
    .option('--email <email>', 'FSM sign-up email')
    .option('--fsm-name <name>', 'FSM organisation name')
    .addOption(new Option('--fsm-edition <edition>', 'FSM tax edition').choices(TAX_EDITIONS))
    .option('--currency <code>', "FSM organisation's base currency (e.g. USD)")
    .option('--taxes', 'taxes are on in FSM')
    .option('--no-taxes', 'taxes are off in FSM')
    .addOption(new Option('--sync-type <type>', 'customer sync type').choices(SYNC_TYPES).default('III'))
    .addOption(new Option('--conflicts <policy>', 'conflict policy').argParser(oneOf(CONFIG_CONFLICT_POLICIES, '--conflicts')))
    .option('--state <file>', 'SQLite state file, relative to the config directory', 'state.db')
    .addOption(new Option('--secrets <from>', `where secrets come from: env (${SECRET_ENV.clientSecret}, …) or file`).choices(['env', 'file']))
    .option('--secrets-file <file>', 'the secrets file (implies --secrets file; default secrets.json next to the config)')
    .option('--client-id <id>', 'OAuth client id (not a secret; $ZOHO_CLIENT_ID wins)')
    .option('--force', 'overwrite an existing config file');
  withConfigOptions(command);
  command.action(async (options: InitOptions) => cli.run('init', options, () => runInit(cli, options)));
}
