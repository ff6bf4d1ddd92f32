import { closeSync, openSync, readFileSync, writeSync, fchmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../../errors/config-error.js';
import type { CliConfig } from './config-file.js';

/** The environment variables the CLI reads secrets from. They win over the secrets file. */
export const SECRET_ENV = {
  clientId: 'ZOHO_CLIENT_ID',
  clientSecret: 'ZOHO_CLIENT_SECRET',
  refreshToken: 'ZOHO_REFRESH_TOKEN',
  accessToken: 'ZOHO_ACCESS_TOKEN',
} as const;

/** What a secrets file holds (JSON, mode 0600). */
export interface SecretsFile {
  clientId?: string;
  clientSecret?: string;
  refreshToken?: string;
  accessToken?: string;
}

/** The credentials a command gives the IntegrationClient, and every secret value (to mask in output). */
export interface ResolvedSecrets {
  auth: { clientId: string; clientSecret: string; refreshToken: string } | { accessToken: string };
  /** Where they came from, for `status` (never the values). */
  source: string;
  /** The secret values, for {@link redact}. */
  values: string[];
}

/**
 * Writes a secrets file readable by its owner only (mode 0600, also when it existed with another
 * mode), creating its directory.
 */
export function writeSecretsFile(path: string, secrets: SecretsFile): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w', 0o600);
  try {
    fchmodSync(fd, 0o600);
    writeSync(fd, `${JSON.stringify(secrets, null, 2)}\n`);
  } finally {
    closeSync(fd);
  }
}

function readSecretsFile(path: string): SecretsFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read the secrets file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}). Create it (JSON with clientId, clientSecret, refreshToken; mode 0600) or set ${SECRET_ENV.clientSecret} and ${SECRET_ENV.refreshToken}.`, { details: { file: path } });
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as SecretsFile;
  } catch {
    // Reported below, without the file's content (it is a secret).
  }
  throw new ConfigError(`The secrets file ${path} is not a JSON object with clientId, clientSecret and refreshToken (or accessToken).`, { details: { file: path } });
}

const given = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/**
 * The OAuth credentials of a config: each from its environment variable when set, else the secrets
 * file (when the config names one), else the config's `clientId`. A refresh token (with client id
 * and secret) is preferred over an access token.
 *
 * @throws ConfigError naming the variables to set when something is missing (never a value).
 */
export function resolveSecrets(config: CliConfig, env: NodeJS.ProcessEnv, resolvePath: (p: string) => string): ResolvedSecrets {
  const file: SecretsFile = config.secrets.from === 'file' ? readSecretsFile(resolvePath(config.secrets.path)) : {};
  const pick = (key: keyof typeof SECRET_ENV): { value: string | undefined; from: string } => {
    const fromEnv = given(env[SECRET_ENV[key]]);
    if (fromEnv !== undefined) return { value: fromEnv, from: `$${SECRET_ENV[key]}` };
    const fromFile = given(file[key]);
    if (fromFile !== undefined) return { value: fromFile, from: 'file' };
    if (key === 'clientId') return { value: given(config.clientId), from: 'config' };
    return { value: undefined, from: '' };
  };
  const clientId = pick('clientId');
  const clientSecret = pick('clientSecret');
  const refreshToken = pick('refreshToken');
  const accessToken = pick('accessToken');
  const values = [clientSecret.value, refreshToken.value, accessToken.value].filter((v): v is string => v !== undefined);
  const where = config.secrets.from === 'file' ? `the secrets file ${resolvePath(config.secrets.path)}` : 'the environment';
  if (refreshToken.value !== undefined) {
    const missing = [clientId.value === undefined ? SECRET_ENV.clientId : undefined, clientSecret.value === undefined ? SECRET_ENV.clientSecret : undefined].filter(Boolean);
    if (missing.length > 0) {
      throw new ConfigError(`A refresh token needs the OAuth client id and secret too: set ${missing.join(' and ')} (or put them in the secrets file).`, { details: { missing } });
    }
    return {
      auth: { clientId: clientId.value as string, clientSecret: clientSecret.value as string, refreshToken: refreshToken.value },
      source: `refresh token from ${refreshToken.from === 'file' ? where : refreshToken.from}`,
      values,
    };
  }
  if (accessToken.value !== undefined) return { auth: { accessToken: accessToken.value }, source: `access token from ${accessToken.from === 'file' ? where : accessToken.from}`, values };
  throw new ConfigError(
    `No Zoho credentials: set ${[clientId.value === undefined ? SECRET_ENV.clientId : undefined, SECRET_ENV.clientSecret].filter(Boolean).join(', ')} and ${SECRET_ENV.refreshToken} (or ${SECRET_ENV.accessToken})${config.secrets.from === 'file' ? `, or put them in ${where}` : ''}.`,
    { details: { secrets: config.secrets.from } },
  );
}

/** `text` with every secret value replaced by `***` (defence in depth: the SDK already keeps them out of its errors). */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('***');
  return out;
}
