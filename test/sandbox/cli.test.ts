import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGTERM');
});

function cli(args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/node/cli.ts', ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the CLI exited with ${code} before printing`)));
  });
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('fsm-billing-sync sandbox (CLI)', () => {
  it('starts a server that serves the seeded organisations, and stops on SIGTERM', async () => {
    const child = cli(['sandbox', '--port', '0', '--seed', '1', '--records', '30', '--json']);
    const info = JSON.parse(await firstLine(child));
    expect(info).toMatchObject({ seed: 1, records: 30, email: 'owner@example.com', region: 'us' });
    const res = await fetch(`${info.url}/books/v3/contacts?organization_id=${info.books_organization_id}&per_page=10`, {
      headers: { authorization: `Zoho-oauthtoken ${info.access_token}` },
    });
    const body = await res.json();
    expect(body.contacts).toHaveLength(10);
    expect(body.page_context.has_more_page).toBe(true);
    const token = await fetch(`${info.url}/oauth/v2/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: info.refresh_token, client_id: info.client_id, client_secret: info.client_secret }),
    });
    expect((await token.json()).access_token).toMatch(/^1000\./);
    child.kill('SIGTERM');
    expect(await exitCode(child)).toBe(0);
  });

  it('prints help, and refuses unknown options and commands with exit code 2', async () => {
    const help = cli(['sandbox', '--help']);
    expect(await firstLine(help)).toBe('Usage: fsm-billing-sync sandbox [options]');
    expect(await exitCode(cli(['sandbox', '--records', 'many']))).toBe(2);
    expect(await exitCode(cli(['deploy']))).toBe(2);
  });
});
