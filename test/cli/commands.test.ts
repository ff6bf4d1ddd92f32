import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { cleanEnv, jsonLines, killChildren, readConfigFiles, removeDir, runCli, servedSandbox, spawnCli, workDir, type CliResult } from './helpers.js';

let served: Awaited<ReturnType<typeof servedSandbox>>;
let sandbox: Sandbox;
const dirs: string[] = [];
const results: CliResult[] = [];

beforeAll(async () => {
  served = await servedSandbox();
  sandbox = served.sandbox;
});
afterEach(killChildren);
afterAll(async () => {
  await served.close();
  dirs.forEach(removeDir);
});

async function cli(args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<CliResult> {
  const result = await runCli(args, { cwd, ...(env ? { env } : {}) });
  results.push(result);
  return result;
}

function secrets(): string[] {
  const c = sandbox.credentials();
  return [c.clientSecret, c.refreshToken, sandbox.accessToken(c.email)];
}

describe('init, onboard, sync, conflicts, log and status against a served sandbox', () => {
  it('runs the flow with the manual conflict policy: a conflict and a failure show in the exit code, conflicts list, log --csv', async () => {
    const dir = workDir();
    dirs.push(dir);
    const init = await cli(['init', '--sandbox', served.server.url, '--conflicts', 'manual', '--json'], dir);
    expect(init.code).toBe(0);
    const written = jsonLines(init.stdout);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ type: 'init', sync: { conflicts: 'manual' }, limits: { perDay: false } });

    const books = sandbox.orgs({ app: 'books' })[0]!.organizationId;
    const fsm = sandbox.orgs({ app: 'fsm' })[0]!.organizationId;
    const onboard = await cli(['onboard', '--org', books, '--json'], dir);
    expect(onboard.code).toBe(0);
    const [choices, onboarded] = jsonLines(onboard.stdout);
    expect(choices).toMatchObject({ type: 'choices', defaultChoice: 'existing_books' });
    expect((choices!.eligible as Array<{ organizationId: string }>).map((o) => o.organizationId)).toContain(books);
    expect(onboarded).toMatchObject({ type: 'onboarded', binding: { app: 'books', organizationId: books }, complete: true });

    expect((await cli(['sync'], dir)).code).toBe(0);

    // Both sides edit the same field of a pair: a manual conflict. A Books person without a last name: a failure (FSM requires it).
    const company = sandbox.records(fsm, 'Companies')[0]!;
    const twin = sandbox.records(books, 'contacts').find((c) => c.contact_name === company.Company_Name)!;
    expect(twin).toBeDefined();
    sandbox.edit(fsm, 'Companies', String(company.id), { Website: 'https://fsm.example' });
    sandbox.edit(books, 'contacts', String(twin.contact_id), { website: 'https://books.example' });
    sandbox.insert(books, 'contactpersons', { contact_id: twin.contact_id, first_name: 'Ravi', email: 'ravi@example.com' });

    const second = await cli(['sync'], dir);
    expect(second.code).toBe(1);
    expect(second.stdout).toMatch(/^Conflicts: 1 \(0 settled by the policy, 1 left to you/m);
    expect(second.stdout).toMatch(/^Failures:\n {2}MANDATORY_FIELDS_EMPTY ×1 \(to FSM\)/m);

    const list = await cli(['conflicts', 'list', '--json'], dir);
    expect(list.code).toBe(0);
    const open = jsonLines(list.stdout);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ type: 'conflict', entity: 'companies', fsmValue: 'https://fsm.example', financeValue: 'https://books.example' });
    const plain = await cli(['conflicts', 'list'], dir);
    expect(plain.stdout).toContain(String(open[0]!.id));

    const csv = await cli(['log', '--csv'], dir);
    expect(csv.code).toBe(0);
    const rows = csv.stdout.trimEnd().split('\n');
    expect(rows[0]).toBe('"direction","entity","reason","title","fsm_id","finance_id","name","message"');
    expect(rows.slice(1)).toHaveLength(1);
    expect(rows[1]).toContain('"MANDATORY_FIELDS_EMPTY"');
    const lastRun = await cli(['log', '--limit', '1', '--json'], dir);
    const runId = String(jsonLines(lastRun.stdout)[0]!.runId);
    const one = await cli(['log', '--run', runId, '--reason', 'DUPLICATE_NAME', '--csv'], dir);
    expect(one.stdout.trimEnd().split('\n')).toHaveLength(1); // the header: that run has no such failure
    const log = await cli(['log', '--json'], dir);
    const runs = jsonLines(log.stdout);
    expect(runs.map((r) => r.type)).toEqual(['run', 'run']);
    expect(runs[0]!.failures).toEqual([expect.objectContaining({ reason: 'MANDATORY_FIELDS_EMPTY', count: 1 })]);

    const resolved = await cli(['conflicts', 'resolve', String(open[0]!.id), 'finance'], dir);
    expect(resolved.code).toBe(0);
    expect((await cli(['conflicts', 'list'], dir)).stdout).toBe('No open conflicts.\n');
    const twice = await cli(['conflicts', 'resolve', String(open[0]!.id), 'finance'], dir);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('[SYNC_CONFLICT_NOT_FOUND]');
    expect((await cli(['conflicts', 'resolve', 'x', 'neither'], dir)).code).toBe(2);

    await cli(['sync', '--entities', 'companies'], dir);
    expect(sandbox.record(fsm, 'Companies', String(company.id))!.Website).toBe('https://books.example');

    const status = await cli(['status', '--json'], dir);
    expect(status.code).toBe(0);
    const [state] = jsonLines(status.stdout);
    expect(state).toMatchObject({ type: 'status', binding: { organizationId: books }, health: { ok: true }, openConflicts: 0, limits: { perDay: null, source: 'configured' } });
    expect((state!.lastRuns as unknown[]).length).toBe(3);
    expect(state!.credentials).toMatch(/^refresh token from the secrets file /);
  }, 120_000);

  it('takes the secrets from the environment when init says so: nothing secret is written, and a missing variable is exit 3', async () => {
    const dir = workDir();
    dirs.push(dir);
    const init = await cli(['init', '--sandbox', served.server.url, '--secrets', 'env'], dir);
    expect(init.code).toBe(0);
    expect(existsSync(join(dir, '.fsm-billing-sync/secrets.json'))).toBe(false);
    const missing = await cli(['status'], dir);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/set ZOHO_CLIENT_SECRET and ZOHO_REFRESH_TOKEN/);
    const c = sandbox.credentials();
    const env = cleanEnv({ ZOHO_CLIENT_SECRET: c.clientSecret, ZOHO_REFRESH_TOKEN: c.refreshToken });
    const status = await cli(['status'], dir, env);
    expect(status.code).toBe(3); // not onboarded yet
    expect(status.stdout).toMatch(/^Credentials refresh token from \$ZOHO_REFRESH_TOKEN$/m);
    // Items only: a first dry run cannot link companies, so their persons would be reported unresolved (exit 1).
    const sync = await cli(['sync', '--dry-run', '--entities', 'items', '--json'], dir, env);
    expect(sync.code).toBe(0);
    const lines = jsonLines(sync.stdout);
    expect(lines[0]).toMatchObject({ type: 'onboarded', complete: true });
    expect(lines.at(-1)).toMatchObject({ type: 'report', report: { dryRun: true, entities: [{ entity: 'items' }] } });
    for (const text of Object.values(readConfigFiles(dir))) for (const secret of secrets()) expect(text).not.toContain(secret);
  }, 120_000);

  it('stops a sync on SIGINT between records: exit 130, and the partial report is in the sync log', async () => {
    const slow = await servedSandbox({ latencyMs: 40 });
    try {
      const dir = workDir();
      dirs.push(dir);
      expect((await cli(['init', '--sandbox', slow.server.url], dir)).code).toBe(0);
      const child = spawnCli(['sync', '--json'], { cwd: dir });
      let stdout = '';
      let stderr = '';
      child.stderr!.setEncoding('utf8').on('data', (t: string) => (stderr += t));
      await new Promise<void>((done) => {
        child.stdout!.setEncoding('utf8').on('data', (t: string) => {
          stdout += t;
          if (stdout.includes('"phase":"sync"')) done();
        });
      });
      child.kill('SIGINT');
      const code = await new Promise((done) => child.once('close', done));
      results.push({ code: code as number, stdout, stderr });
      expect(code).toBe(130);
      expect(stderr).toMatch(/Interrupted: the run stopped between records/);
      expect(jsonLines(stdout).at(-1)).toMatchObject({ type: 'error', exitCode: 130 });
      // The partial report is in the sync log.
      const log = await cli(['log', '--json'], dir);
      expect(jsonLines(log.stdout)).toEqual([expect.objectContaining({ type: 'run', status: 'aborted' })]);
    } finally {
      await slow.close();
    }
  }, 120_000);

  it('never prints a secret in any of the runs above', () => {
    expect(results.length).toBeGreaterThan(10);
    for (const r of results) for (const secret of secrets()) {
      expect(r.stdout).not.toContain(secret);
      expect(r.stderr).not.toContain(secret);
    }
  });
});
