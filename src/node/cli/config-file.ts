import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { ConfigError } from '../../errors/config-error.js';
import { isRegion, REGIONS, type Region } from '../../regions.js';
import { TAX_EDITIONS, type TaxEdition } from '../../schemas/edition-codes.js';
import { SYNC_TYPES, type SyncType } from '../../mapping/types.js';
import type { RateLimits } from '../../transport/rate-limiter.js';

/** The directory `init` writes to, in the working directory, unless `--config` names another file. */
export const CONFIG_DIR = '.fsm-billing-sync';
/** The config file's name in {@link CONFIG_DIR}. */
export const CONFIG_FILE = 'config.json';
/** The environment variable naming the config file (the `--config` option wins). */
export const CONFIG_ENV = 'FSM_BILLING_SYNC_CONFIG';

/** The conflict policies a config may name (a policy function needs the SDK, not the CLI). */
export const CONFIG_CONFLICT_POLICIES = ['latest-wins', 'fsm-wins', 'finance-wins', 'manual'] as const;
/** The FSM organisation as the config describes it (no Zoho API gives it). */
export interface CliFsmProfile {
  name: string;
  edition: TaxEdition;
  currencyCode?: string | undefined;
  taxesEnabled?: boolean | undefined;
}

/**
 * `.fsm-billing-sync/config.json`: what `init` asked. It never holds a secret; relative paths are
 * relative to the file's own directory.
 */
export interface CliConfig {
  /** The format's version: 1. */
  version: 1;
  /** Zoho data centre. */
  region: Region;
  /** The FSM sign-up email (OrgSelector lists that user's finance orgs). */
  email: string;
  /** The finance app, and the organisation once `onboard` bound one. */
  finance: { app: 'books' | 'invoice'; organizationId?: string | undefined };
  /** The FSM organisation's profile. */
  fsm: CliFsmProfile;
  /** Zoho FSM's customer sync type (I–IV). */
  syncType: SyncType;
  /** The SQLite state file (tokens, binding, mappings, links, the sync log). */
  state: string;
  /**
   * Where the OAuth secrets come from. `env`: `ZOHO_CLIENT_ID`, `ZOHO_CLIENT_SECRET`,
   * `ZOHO_REFRESH_TOKEN` (or `ZOHO_ACCESS_TOKEN`). `file`: a JSON file (mode 0600) with
   * `clientId`, `clientSecret`, `refreshToken` (or `accessToken`); the variables still win when set.
   */
  secrets: { from: 'env' } | { from: 'file'; path: string };
  /** The OAuth client id (not a secret); `ZOHO_CLIENT_ID` wins when set. */
  clientId?: string | undefined;
  /** Send every Zoho call to this sandbox server instead of Zoho (`init --sandbox <url>`). */
  sandbox?: { url: string } | undefined;
  /**
   * The client's own limits (IntegrationClient `limits`). Absent: the organisation's plan, read from
   * Zoho. `init --sandbox` copies what the sandbox says it enforces (none with `--no-limits`).
   */
  limits?: RateLimits | undefined;
  /** Sync policies. */
  sync?: { conflicts?: (typeof CONFIG_CONFLICT_POLICIES)[number]; duplicates?: 'overwrite' | 'clone'; deletes?: 'unlink' | 'deactivate' | 'propagate' } | undefined;
}

/** A loaded config and where it lives. */
export interface LoadedConfig {
  config: CliConfig;
  /** Absolute path of the file. */
  path: string;
  /** `path` made absolute against the config file's directory. */
  resolvePath(path: string): string;
}

/** The config file a command uses: `--config`, else `$FSM_BILLING_SYNC_CONFIG`, else `./.fsm-billing-sync/config.json`. */
export function configPath(option: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  return resolve(cwd, option ?? env[CONFIG_ENV] ?? join(CONFIG_DIR, CONFIG_FILE));
}

/**
 * Reads and checks a config file.
 * @throws ConfigError when it is missing (run `init`), not JSON, or a field is wrong (named).
 */
export function loadConfig(path: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ConfigError(`No config file at ${path}. Run "fsm-billing-sync init" in this directory first, or pass --config <file>.`, { details: { file: path } });
    }
    throw new ConfigError(`Cannot read the config file ${path}: ${(error as Error).message}`, { details: { file: path } });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ConfigError(`The config file ${path} is not valid JSON. Fix it, or write it again with "fsm-billing-sync init --force".`, { details: { file: path } });
  }
  const config = checkConfig(raw, path);
  const dir = dirname(path);
  return { config, path, resolvePath: (p) => (isAbsolute(p) ? p : resolve(dir, p)) };
}

/** Writes a config file (creating its directory), through a temporary file so a reader never sees half of it. */
export function saveConfig(path: string, config: CliConfig): void {
  checkConfig(config, path);
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o644 });
  renameSync(temporary, path);
}

function fail(path: string, field: string, expected: string, value: unknown): never {
  const shown = value === undefined ? 'nothing' : JSON.stringify(value)?.slice(0, 60);
  throw new ConfigError(`The config file ${path}: "${field}" must be ${expected}; got ${shown}. Fix it, or run "fsm-billing-sync init --force".`, { details: { file: path, option: field } });
}

const object = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Checks a parsed config; returns it typed. */
export function checkConfig(raw: unknown, path: string): CliConfig {
  if (!object(raw)) fail(path, '(file)', 'a JSON object', raw);
  if (raw.version !== 1) fail(path, 'version', '1', raw.version);
  if (!isRegion(raw.region)) fail(path, 'region', `one of ${REGIONS.join(', ')}`, raw.region);
  if (!text(raw.email) || !raw.email.includes('@')) fail(path, 'email', 'the FSM sign-up email', raw.email);
  const finance = raw.finance;
  if (!object(finance) || (finance.app !== 'books' && finance.app !== 'invoice')) fail(path, 'finance.app', '"books" or "invoice"', object(finance) ? finance.app : finance);
  if (finance.organizationId !== undefined && !(typeof finance.organizationId === 'string' && /^\d{1,20}$/.test(finance.organizationId))) {
    fail(path, 'finance.organizationId', 'an organisation id (digits)', finance.organizationId);
  }
  const fsm = raw.fsm;
  if (!object(fsm) || !text(fsm.name)) fail(path, 'fsm.name', 'the FSM organisation name', object(fsm) ? fsm.name : fsm);
  if (!(TAX_EDITIONS as readonly unknown[]).includes(fsm.edition)) fail(path, 'fsm.edition', `one of ${TAX_EDITIONS.join(', ')}`, fsm.edition);
  if (fsm.currencyCode !== undefined && !(typeof fsm.currencyCode === 'string' && /^[A-Z]{3}$/.test(fsm.currencyCode))) fail(path, 'fsm.currencyCode', 'a currency code such as "USD"', fsm.currencyCode);
  if (fsm.taxesEnabled !== undefined && typeof fsm.taxesEnabled !== 'boolean') fail(path, 'fsm.taxesEnabled', 'true or false', fsm.taxesEnabled);
  if (!(SYNC_TYPES as readonly unknown[]).includes(raw.syncType)) fail(path, 'syncType', `one of ${SYNC_TYPES.join(', ')}`, raw.syncType);
  if (!text(raw.state)) fail(path, 'state', 'the path of the SQLite state file', raw.state);
  const secrets = raw.secrets;
  if (!object(secrets) || !(secrets.from === 'env' || (secrets.from === 'file' && text(secrets.path)))) {
    fail(path, 'secrets', '{ "from": "env" } or { "from": "file", "path": "<file>" }', secrets);
  }
  if (raw.clientId !== undefined && !text(raw.clientId)) fail(path, 'clientId', 'the OAuth client id', raw.clientId);
  if (raw.sandbox !== undefined && !(object(raw.sandbox) && text(raw.sandbox.url) && /^https?:\/\//.test(raw.sandbox.url))) fail(path, 'sandbox.url', 'the sandbox server URL (http://…)', raw.sandbox);
  if (raw.limits !== undefined && !object(raw.limits)) fail(path, 'limits', 'an object { perMinute, concurrency, perDay }', raw.limits);
  const sync = raw.sync;
  if (sync !== undefined) {
    if (!object(sync)) fail(path, 'sync', 'an object', sync);
    if (sync.conflicts !== undefined && !(CONFIG_CONFLICT_POLICIES as readonly unknown[]).includes(sync.conflicts)) fail(path, 'sync.conflicts', CONFIG_CONFLICT_POLICIES.join(', '), sync.conflicts);
    if (sync.duplicates !== undefined && sync.duplicates !== 'overwrite' && sync.duplicates !== 'clone') fail(path, 'sync.duplicates', 'overwrite or clone', sync.duplicates);
    if (sync.deletes !== undefined && !['unlink', 'deactivate', 'propagate'].includes(sync.deletes as string)) fail(path, 'sync.deletes', 'unlink, deactivate or propagate', sync.deletes);
  }
  return raw as unknown as CliConfig;
}
