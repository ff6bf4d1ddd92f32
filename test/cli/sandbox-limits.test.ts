import { afterEach, describe, expect, it } from 'vitest';
import { afterAll } from 'vitest';
import { firstLine, jsonLines, killChildren, removeDir, runCli, spawnCli, workDir } from './helpers.js';

const dirs: string[] = [];
afterEach(killChildren);
afterAll(() => dirs.forEach(removeDir));

async function burst(info: { url: string; access_token: string; books_organization_id: string }, calls: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < calls; i += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, calls - i) }, () =>
        fetch(`${info.url}/books/v3/items?organization_id=${info.books_organization_id}&per_page=1`, { headers: { authorization: `Zoho-oauthtoken ${info.access_token}` } }).then(async (r) => {
          await r.arrayBuffer();
          return r.status;
        }),
      ),
    );
    statuses.push(...batch);
  }
  return statuses;
}

describe('fsm-billing-sync sandbox: --no-limits and --speed', () => {
  it("enforces Zoho's 100 calls a minute by default, none with --no-limits, factor × 100 with --speed; the connection says what the client should keep to", async () => {
    const plain = spawnCli(['sandbox', '--port', '0', '--records', '5', '--json'], { cwd: process.cwd() });
    const none = spawnCli(['sandbox', '--port', '0', '--records', '5', '--json', '--no-limits'], { cwd: process.cwd() });
    const fast = spawnCli(['sandbox', '--port', '0', '--records', '5', '--json', '--speed', '2'], { cwd: process.cwd() });
    const [a, b, c] = (await Promise.all([firstLine(plain), firstLine(none), firstLine(fast)])).map((l) => JSON.parse(l));

    const limited = await burst(a, 120);
    expect(limited.filter((s) => s === 200)).toHaveLength(100);
    expect(limited.filter((s) => s === 429)).toHaveLength(20);
    expect(a.client_limits).toBeNull();

    expect(new Set(await burst(b, 150))).toEqual(new Set([200]));
    expect(b.client_limits).toEqual({ perMinute: 1_000_000, concurrency: 64, perDay: false });

    const faster = await burst(c, 220);
    expect(faster.filter((s) => s === 200)).toHaveLength(200);
    expect(c.client_limits).toEqual({ perMinute: 200 });
    const connection = await (await fetch(`${c.url}/__sandbox/connection`)).json();
    expect(connection).toMatchObject({ url: c.url, client_limits: { perMinute: 200 }, limits: '200 calls a minute per organisation (--speed 2)' });

    // init --sandbox copies the faster minute into the config; the client reads the plan for the rest.
    // (A sandbox of its own: the burst above spent this minute of the other one.)
    const speedy = spawnCli(['sandbox', '--port', '0', '--records', '5', '--json', '--speed', '2'], { cwd: process.cwd() });
    const d = JSON.parse(await firstLine(speedy));
    const dir = workDir();
    dirs.push(dir);
    expect((await runCli(['init', '--sandbox', d.url], { cwd: dir })).code).toBe(0);
    const sync = await runCli(['sync', '--entities', 'items', '--json'], { cwd: dir });
    expect(sync.code).toBe(0);
    expect(jsonLines(sync.stdout).at(-1)).toMatchObject({ type: 'report', report: { status: 'completed' } });
    const status = jsonLines((await runCli(['status', '--json'], { cwd: dir })).stdout)[0]!;
    expect(status.limits).toMatchObject({ perMinute: 200, concurrency: 10, source: 'plan', plan: 'standard' });

    const bad = spawnCli(['sandbox', '--speed', 'fast'], { cwd: process.cwd() });
    expect(await new Promise((done) => bad.once('exit', done))).toBe(2);
  }, 120_000);
});
