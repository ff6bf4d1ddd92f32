import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanEnv, jsonLines, killChildren, removeDir, runCli, spawnCli, workDir } from './helpers.js';

const dirs: string[] = [];
afterEach(killChildren);
afterAll(() => dirs.forEach(removeDir));

function dir(): string {
  const d = workDir();
  dirs.push(d);
  return d;
}

const FLAGS = ['--region', 'in', '--app', 'books', '--email', 'asha@example.com', '--fsm-name', 'Asha Field Services', '--fsm-edition', 'in', '--secrets', 'env'];

describe('fsm-billing-sync: usage, init without a terminal, exit codes', () => {
  it('ends quietly when its reader closes the pipe early (| head): exit 0, no EPIPE stack', async () => {
    const child = spawnCli(['--help'], { cwd: dir() });
    // The reader is gone before the help is written.
    child.stdout!.destroy();
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const code = await new Promise((done) => child.once('close', done));
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
  });

  it('prints the help with the exit codes (0), and refuses no command, an unknown command or option (2)', async () => {
    const cwd = dir();
    const help = await runCli(['--help'], { cwd });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: fsm-billing-sync <command> \[options\]/);
    for (const name of ['init', 'onboard', 'sync', 'status', 'conflicts', 'log', 'sandbox']) expect(help.stdout).toMatch(new RegExp(`^ {2}${name}\\b`, 'm'));
    expect(help.stdout).toMatch(/^Exit codes:\n {2}0 {4}done\n {2}1 /m);
    expect(help.stdout).toContain('ZOHO_CLIENT_SECRET');
    const version = await runCli(['--version'], { cwd });
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
    const none = await runCli([], { cwd });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^Usage: fsm-billing-sync/);
    expect((await runCli(['deploy'], { cwd })).code).toBe(2);
    const bad = await runCli(['sync', '--entities', 'invoices'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('companies, contacts, items');
  }, 60_000);

  it('writes the config from flags alone, without a terminal; a missing answer or an existing config is exit 2', async () => {
    const cwd = dir();
    const missing = await runCli(['init', ...FLAGS.slice(0, 4), ...FLAGS.slice(6)], { cwd }); // no --email
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Missing FSM sign-up email');
    expect(missing.stderr).toContain('pass --email <email> (no terminal to ask on)');

    const init = await runCli(['init', ...FLAGS, '--currency', 'inr', '--sync-type', 'IV', '--client-id', '1000.MYCLIENT'], { cwd });
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('set ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET and ZOHO_REFRESH_TOKEN');
    // Which SQLite driver the state will open with, said up front (a missing one is a warning on stderr).
    expect(init.stdout).toMatch(/^ {2}state {3}\S+state\.db \(SQLite through (node:sqlite|better-sqlite3)\)$/m);
    const config = JSON.parse(readFileSync(join(cwd, '.fsm-billing-sync/config.json'), 'utf8'));
    expect(config).toEqual({
      version: 1,
      region: 'in',
      email: 'asha@example.com',
      finance: { app: 'books' },
      fsm: { name: 'Asha Field Services', edition: 'in', currencyCode: 'INR' },
      syncType: 'IV',
      state: 'state.db',
      secrets: { from: 'env' },
      clientId: '1000.MYCLIENT',
    });
    const again = await runCli(['init', ...FLAGS], { cwd });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect((await runCli(['init', ...FLAGS, '--force', '--json'], { cwd })).code).toBe(0);

    // Credentials missing from the environment: exit 3, saying which variables to set.
    const sync = await runCli(['sync', '--json'], { cwd });
    expect(sync.code).toBe(3);
    expect(jsonLines(sync.stdout)).toEqual([{ type: 'error', code: 'INVALID_CONFIG', message: expect.stringContaining('ZOHO_CLIENT_SECRET'), exitCode: 3 }]);
    // With a client id in the config but the secret only: still exit 3, naming the refresh token.
    const half = await runCli(['status'], { cwd, env: cleanEnv({ ZOHO_CLIENT_SECRET: 'not-a-real-secret-1234' }) });
    expect(half.code).toBe(3);
    expect(half.stderr).not.toContain('not-a-real-secret-1234');
  }, 60_000);

  it('names the config file to create when there is none (exit 3), and reads --config and $FSM_BILLING_SYNC_CONFIG', async () => {
    const cwd = dir();
    const none = await runCli(['status'], { cwd });
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/No config file at .*config\.json\. Run "fsm-billing-sync init" in this directory first, or pass --config <file>\./);
    const elsewhere = join(cwd, 'other.json');
    expect((await runCli(['init', ...FLAGS, '--config', elsewhere], { cwd })).code).toBe(0);
    const viaEnv = await runCli(['log'], { cwd, env: cleanEnv({ FSM_BILLING_SYNC_CONFIG: elsewhere, ZOHO_CLIENT_ID: 'id', ZOHO_CLIENT_SECRET: 'secret-value', ZOHO_REFRESH_TOKEN: 'refresh-value' }) });
    // Read and credentials resolved; nothing is bound yet.
    expect(viaEnv.code).toBe(3);
    expect(viaEnv.stderr).toContain('Run "fsm-billing-sync onboard" first');
  }, 60_000);
});
