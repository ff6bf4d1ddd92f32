import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AuthError, ConfigError, FsmBillingError, RateLimitError, SyncLeaseError, ValidationError } from '../../src/errors/index.js';
import { checkConfig, type CliConfig } from '../../src/node/cli/config-file.js';
import { CliUsageError, EXIT, exitCodeOf } from '../../src/node/cli/exit-codes.js';
import { redact, resolveSecrets } from '../../src/node/cli/secrets.js';

const dir = mkdtempSync(join(tmpdir(), 'fsm-billing-sync-cli-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base: CliConfig = {
  version: 1,
  region: 'us',
  email: 'me@example.com',
  finance: { app: 'books' },
  fsm: { name: 'Acme', edition: 'us' },
  syncType: 'III',
  state: 'state.db',
  secrets: { from: 'env' },
};

describe('the CLI: secrets, config checks, exit codes', () => {
  it('takes each secret from its variable first, then the file, the client id last from the config; an access token alone will do', () => {
    const file = join(dir, 'secrets.json');
    writeFileSync(file, JSON.stringify({ clientId: 'file-id', clientSecret: 'file-secret', refreshToken: 'file-refresh' }));
    const config: CliConfig = { ...base, secrets: { from: 'file', path: 'secrets.json' }, clientId: 'config-id' };
    const at = (p: string) => join(dir, p);
    expect(resolveSecrets(config, {}, at).auth).toEqual({ clientId: 'file-id', clientSecret: 'file-secret', refreshToken: 'file-refresh' });
    const fromEnv = resolveSecrets(config, { ZOHO_CLIENT_SECRET: 'env-secret', ZOHO_REFRESH_TOKEN: 'env-refresh' }, at);
    expect(fromEnv.auth).toEqual({ clientId: 'file-id', clientSecret: 'env-secret', refreshToken: 'env-refresh' });
    expect(fromEnv.source).toBe('refresh token from $ZOHO_REFRESH_TOKEN');
    expect(fromEnv.values).toEqual(['env-secret', 'env-refresh']);
    expect(resolveSecrets({ ...base, clientId: 'config-id' }, { ZOHO_CLIENT_SECRET: 's', ZOHO_REFRESH_TOKEN: 'r' }, at).auth).toMatchObject({ clientId: 'config-id' });
    expect(resolveSecrets(base, { ZOHO_ACCESS_TOKEN: '1000.abc' }, at).auth).toEqual({ accessToken: '1000.abc' });
    expect(() => resolveSecrets(base, { ZOHO_REFRESH_TOKEN: 'r' }, at)).toThrow(/set ZOHO_CLIENT_ID and ZOHO_CLIENT_SECRET/);
    expect(() => resolveSecrets(base, {}, at)).toThrow(ConfigError);
    writeFileSync(file, 'not json {"clientSecret": "leaked-secret"');
    expect(() => resolveSecrets(config, {}, at)).toThrow(/is not a JSON object/);
    try {
      resolveSecrets(config, {}, at);
    } catch (error) {
      expect((error as Error).message).not.toContain('leaked-secret');
    }
  });

  it('masks every known secret in a text', () => {
    expect(redact('token 1000.abcdef and secret s3cr3t-value; s3cr3t-value again', ['1000.abcdef', 's3cr3t-value'])).toBe('token *** and secret ***; *** again');
    expect(redact('abc', ['ab'])).toBe('abc'); // too short to be a secret worth masking everywhere
  });

  it('refuses a config field by name, saying what it must be', () => {
    expect(checkConfig(base, 'c.json')).toEqual(base);
    expect(() => checkConfig({ ...base, region: 'mars' }, 'c.json')).toThrow(/"region" must be one of us, eu, in/);
    expect(() => checkConfig({ ...base, finance: { app: 'crm' } }, 'c.json')).toThrow(/"finance.app" must be "books" or "invoice"; got "crm"/);
    expect(() => checkConfig({ ...base, secrets: { from: 'file' } }, 'c.json')).toThrow(/"secrets" must be/);
    expect(() => checkConfig({ ...base, sync: { conflicts: 'coin-toss' } }, 'c.json')).toThrow(/"sync.conflicts" must be latest-wins, fsm-wins, finance-wins, manual/);
    expect(() => checkConfig({ ...base, version: 2 }, 'c.json')).toThrow(ConfigError);
  });

  it('maps errors to the documented exit codes', () => {
    expect(exitCodeOf(new CliUsageError('bad'))).toBe(EXIT.USAGE);
    expect(exitCodeOf(new ValidationError('bad input', []))).toBe(EXIT.USAGE);
    expect(exitCodeOf(new ConfigError('no config'))).toBe(EXIT.CONFIG);
    expect(exitCodeOf(new AuthError('refused', { code: 'TOKEN_REFRESH_FAILED' }))).toBe(EXIT.CONFIG);
    expect(exitCodeOf(new SyncLeaseError('SYNC_ALREADY_RUNNING', 'busy'))).toBe(EXIT.BUSY);
    expect(exitCodeOf(new RateLimitError('spent', { status: 429, kind: 'day' }))).toBe(EXIT.DAILY_LIMIT);
    expect(exitCodeOf(new RateLimitError('slow down', { status: 429, kind: 'minute' }))).toBe(EXIT.API);
    expect(exitCodeOf(new FsmBillingError('SYNC_CONFLICT_NOT_FOUND', 'gone'))).toBe(EXIT.USAGE);
    expect(exitCodeOf(new FsmBillingError('NETWORK_ERROR', 'down'))).toBe(EXIT.API);
    expect(exitCodeOf(Object.assign(new Error('stop'), { name: 'AbortError' }))).toBe(EXIT.INTERRUPTED);
    expect(exitCodeOf(new TypeError('bug'))).toBe(EXIT.INTERNAL);
  });
});
