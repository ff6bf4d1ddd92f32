import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { serveSandbox, type SandboxServer } from '../../src/node/serve-sandbox.js';
import { sandboxConnection } from '../../src/node/cli/sandbox.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'src/node/cli.ts');
// tsx by absolute URL: the CLI runs in a temporary directory that has no node_modules.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** What one CLI process printed, and its exit code. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a CLI process: the test's, without any ZOHO_* or FSM_BILLING_SYNC_* variable, plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('ZOHO_') && !k.startsWith('FSM_BILLING_SYNC_')) env[k] = v;
  return { ...env, NO_COLOR: '1', ...extra };
}

const children: ChildProcess[] = [];

/** Kills the processes the helpers started and still run. */
export function killChildren(): void {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
}

/** Spawns the real CLI (`node --import tsx src/node/cli.ts …`) with stdin not a terminal. */
export function spawnCli(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): ChildProcess {
  const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], { cwd: options.cwd, env: options.env ?? cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

/** Runs the CLI to its end. */
export function runCli(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliResult> {
  const child = spawnCli(args, options);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

/** The first line a process prints. */
export function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((done, fail) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', done);
    child.once('exit', (code) => fail(new Error(`exited with ${code} before printing`)));
  });
}

/** A fresh working directory. */
export function workDir(): string {
  return mkdtempSync(join(tmpdir(), 'fsm-billing-sync-cli-'));
}

/** Removes a working directory. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Every line of `text` parsed as JSON (throws on a line that is not). */
export function jsonLines(text: string): Array<Record<string, unknown>> {
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** A sandbox served in-process on a free port, as `sandbox --no-limits` serves it. */
export async function servedSandbox(options: SandboxOptions = {}): Promise<{ sandbox: Sandbox; server: SandboxServer; close: () => Promise<void> }> {
  const sandbox = createSandbox({ seed: 3, records: 40, limits: { perMinute: false, perDay: false, concurrency: false }, ...options });
  let connection: ReturnType<typeof sandboxConnection> | undefined;
  const server = await serveSandbox(sandbox, { port: 0, connection: () => connection });
  connection = sandboxConnection(sandbox, server, { seed: 3, records: 40, limits: false });
  return { sandbox, server, close: () => server.close() };
}

/** The text of every file under `dir` except SQLite files (which hold the cached access token by design). */
export function readConfigFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!/state\.db/.test(name)) out[path] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return out;
}
