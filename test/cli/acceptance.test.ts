import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { DirectionCounts } from '../../src/sync/index.js';
import { firstLine, jsonLines, killChildren, readConfigFiles, removeDir, runCli, spawnCli, workDir } from './helpers.js';

const dirs: string[] = [];
afterEach(killChildren);
afterAll(() => dirs.forEach(removeDir));

describe('the two-terminal quick start: sandbox --no-limits, then init --sandbox and sync', () => {
  it('syncs with progress and a report in seconds, a second run has little to do, and no secret is printed or written to the config', async () => {
    const sandbox = spawnCli(['sandbox', '--port', '0', '--no-limits', '--records', '150', '--json'], { cwd: process.cwd() });
    const info = JSON.parse(await firstLine(sandbox)) as Record<string, string> & { client_limits: unknown };
    expect(info.limits).toBe('none');
    expect(info.client_limits).toEqual({ perMinute: 1_000_000, concurrency: 64, perDay: false });
    const dir = workDir();
    dirs.push(dir);

    const init = await runCli(['init', '--sandbox', info.url!], { cwd: dir });
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    const config = JSON.parse(readFileSync(join(dir, '.fsm-billing-sync/config.json'), 'utf8'));
    expect(config).toMatchObject({ region: 'us', finance: { app: 'books', organizationId: info.books_organization_id }, sandbox: { url: info.url }, limits: { perDay: false }, secrets: { from: 'file', path: 'secrets.json' } });
    expect(statSync(join(dir, '.fsm-billing-sync/secrets.json')).mode & 0o777).toBe(0o600);

    // stdout is a pipe here: plain progress lines, then the report.
    const first = await runCli(['sync'], { cwd: dir });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Not onboarded yet: binding books \d+ first\./m);
    expect(first.stdout).toMatch(/^companies\s+FSM\s+read\s+\d+\/\?/m);
    expect(first.stdout).toMatch(/^items\s+sync\s+(\d+)\/\1 100%/m);
    expect(first.stdout).toMatch(/^Sync completed in [\d.]+ s \(run .+\); \d+ API calls/m);
    expect(first.stdout).toMatch(/^ {2}total {12}to finance: .*; to FSM: \d+ updated/m);

    const second = await runCli(['sync', '--json'], { cwd: dir });
    expect(second.code).toBe(0);
    const lines = jsonLines(second.stdout);
    expect(lines.at(-1)!.type).toBe('report');
    const report = lines.at(-1)!.report as { toFinance: DirectionCounts; toFsm: DirectionCounts; apiCalls: { total: number }; status: string };
    expect(report.status).toBe('completed');
    expect(report.toFinance.created + report.toFinance.updated + report.toFsm.created + report.toFsm.updated).toBe(0);
    expect(report.apiCalls.total).toBeLessThan(20);
    expect(lines.slice(0, -1).every((l) => l.type === 'progress' && typeof l.done === 'number' && (l.total === null || typeof l.total === 'number'))).toBe(true);

    // Not minutes: over 100 calls went to one organisation, which under Zoho's limits waits a minute.
    // Had the client kept to 100 a minute, the run would have waited out the rest of that minute.
    expect(Number(/finance (\d+)\)/.exec(first.stdout)?.[1])).toBeGreaterThan(100);
    expect(Number(/^Sync completed in ([\d.]+) s/m.exec(first.stdout)?.[1])).toBeLessThan(50);

    const connection = (await (await fetch(`${info.url}/__sandbox/connection`)).json()) as Record<string, string>;
    const secrets = [info.client_secret!, info.refresh_token!, info.access_token!, connection.access_token!];
    const printed = [init, first, second].flatMap((r) => [r.stdout, r.stderr]);
    const files = readConfigFiles(dir);
    for (const secret of secrets) {
      for (const text of printed) expect(text).not.toContain(secret);
      expect(files[join(dir, '.fsm-billing-sync/config.json')]).not.toContain(secret);
    }
    // The secrets file is where they went (private).
    expect(files[join(dir, '.fsm-billing-sync/secrets.json')]).toContain(info.refresh_token);
    sandbox.kill('SIGTERM');
  }, 90_000);
});
