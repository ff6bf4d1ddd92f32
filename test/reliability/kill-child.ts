import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type SandboxServer, serveSandbox } from '../../src/node/serve-sandbox.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import type { ChildSyncJob } from './child-sync.js';

/*
 * Sync runs in real child processes, SIGKILLed at a chosen moment. The parent holds the sandbox
 * behind `serveSandbox` (an ephemeral port); every request a child sends passes through the
 * parent first, so the parent can kill the child exactly when the N-th write arrives — before
 * the sandbox applies it, or after it is applied but before the reply — and only then answer
 * (with a reset socket: the child is already dead). That makes a kill a function of the seed (a
 * call count), not of the machine's speed; only the `timer` kill depends on the wall clock, and
 * whatever moment it hits, the clean run after it must converge all the same.
 *
 * The child script is bundled with esbuild (a plain `node` start costs a fraction of
 * `node --import tsx`, which keeps `npm test` fast) into node_modules/.cache, where the bundle still
 * finds better-sqlite3. It is named by its content, so test workers share one file and a changed
 * source gets a new one.
 */

/** Where a child is killed. */
export type KillPoint =
  | { at: 'none' }
  /**
   * At the N-th write (POST/PUT/DELETE to Books or FSM) the child sends, before the sandbox
   * applies it; with `call`, the N-th write of that call (`'POST books /contacts'`, ids as `{id}`:
   * `'PUT fsm /Contacts/{id}'`): a kill aimed at one step, wherever concurrency puts it.
   */
  | { at: 'before-apply'; nthWrite: number; call?: string }
  /** At the N-th write (of `call`, when given), after the sandbox applied it and before the child hears back. */
  | { at: 'after-apply'; nthWrite: number; call?: string }
  /** At the N-th create (a POST that makes a record), once the record exists, before the reply. */
  | { at: 'after-create'; nthCreate: number }
  /** After this many milliseconds of wall-clock time, wherever the child is. */
  | { at: 'timer'; ms: number };

/** How a child run ended. */
export interface ChildOutcome {
  /** `completed`: the run returned; `threw`: the run rejected (faults); `killed`: SIGKILLed by us. */
  ended: 'completed' | 'threw' | 'killed';
  /** The request the child was killed at (`'POST books /contacts'`), or `timer`. */
  killedAt?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const CACHE_DIR = join(here, '..', '..', 'node_modules', '.cache', 'fsm-billing-sync-kill');
/** A child that does not end in this long has hung: a bug the suite must report, not wait on. */
const HUNG_AFTER_MS = 120_000;

let bundled: Promise<string> | undefined;
const live = new Set<ChildProcess>();

// A test that fails or times out must not leave children running.
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** The child script as one ESM file (built once per process). */
function childScript(): Promise<string> {
  bundled ??= (async () => {
    const result = await build({ entryPoints: [join(here, 'child-sync.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', external: ['better-sqlite3'], write: false, logLevel: 'silent' });
    const code = result.outputFiles[0]?.contents;
    if (!code) throw new Error('esbuild produced no bundle of child-sync.ts');
    const outfile = join(CACHE_DIR, `child-sync-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
    if (!existsSync(outfile)) {
      mkdirSync(CACHE_DIR, { recursive: true });
      // Written aside and renamed: another worker never runs a half-written file.
      const partial = `${outfile}.${process.pid}.tmp`;
      writeFileSync(partial, code);
      renameSync(partial, outfile);
    }
    return outfile;
  })();
  return bundled;
}

interface Current {
  point: KillPoint;
  child: ChildProcess;
  exited: Promise<number | null>;
  writes: number;
  creates: number;
  killed?: string;
}

const ACTION = /\/(active|inactive|primary|actions\/[^/]+)$/;

/** Serves a sandbox to child processes and kills them at chosen calls. */
export class KillServer {
  #current: Current | undefined;

  private constructor(
    readonly sandbox: Sandbox,
    readonly server: SandboxServer,
  ) {}

  /** Serves `sandbox` on an ephemeral port of 127.0.0.1. */
  static async start(sandbox: Sandbox): Promise<KillServer> {
    let self: KillServer | undefined;
    // Every request of a child comes through here first; the sandbox itself is untouched.
    const intercepting: typeof fetch = (input, init) => {
      if (!self) return sandbox.fetch(input, init);
      return self.#answer(input, init);
    };
    const server = await serveSandbox({ ...sandbox, fetch: intercepting }, { port: 0 });
    self = new KillServer(sandbox, server);
    return self;
  }

  get url(): string {
    return this.server.url;
  }

  async #kill(current: Current, at: string): Promise<void> {
    if (current.killed === undefined) {
      current.killed = at;
      current.child.kill('SIGKILL');
    }
    // Answer nothing until the child is gone, so it cannot act on the answer.
    await current.exited;
  }

  async #answer(input: RequestInfo | URL, init: RequestInit | undefined): Promise<Response> {
    const current = this.#current;
    if (!current) return this.sandbox.fetch(input, init);
    const method = (init?.method ?? 'GET').toUpperCase();
    const url = new URL(input instanceof Request ? input.url : String(input));
    const app = url.pathname.startsWith('/fsm/') ? 'fsm' : url.pathname.startsWith('/oauth/') ? 'accounts' : 'books';
    const call = `${method} ${app} ${url.pathname.replace(/^\/(books\/v3|fsm\/v1)/, '')}`;
    if (current.killed !== undefined) throw new Error('the child was killed');
    const write = method !== 'GET' && app !== 'accounts';
    if (!write) return this.sandbox.fetch(input, init);
    const { point } = current;
    const counted = !('call' in point) || point.call === undefined || point.call === call.replace(/\/\d+/g, '/{id}');
    if (counted) current.writes += 1;
    const create = method === 'POST' && !ACTION.test(url.pathname);
    if (create) current.creates += 1;
    if (point.at === 'before-apply' && counted && current.writes === point.nthWrite) {
      await this.#kill(current, call);
      throw new Error('killed before the call was applied');
    }
    const after = (point.at === 'after-apply' && counted && current.writes === point.nthWrite) || (point.at === 'after-create' && create && current.creates === point.nthCreate);
    if (!after) return this.sandbox.fetch(input, init);
    const reply = await this.sandbox.fetch(input, init);
    await reply.arrayBuffer();
    await this.#kill(current, call);
    throw new Error('killed after the call was applied');
  }

  /** Runs one sync in a child process and kills it at `point`; resolves once the child is gone. */
  async run(job: Omit<ChildSyncJob, 'serverUrl'>, point: KillPoint): Promise<ChildOutcome> {
    if (this.#current) throw new Error('one child at a time');
    const script = await childScript();
    const child = spawn(process.execPath, [script, JSON.stringify({ ...job, serverUrl: this.url })], { stdio: ['ignore', 'ignore', 'pipe'] });
    live.add(child);
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
      live.delete(child);
      resolve(code);
    }));
    const current: Current = { point, child, exited, writes: 0, creates: 0 };
    this.#current = current;
    const timer = point.at === 'timer' ? setTimeout(() => void this.#kill(current, 'timer'), point.ms) : undefined;
    const hung = setTimeout(() => void this.#kill(current, 'hung'), HUNG_AFTER_MS);
    try {
      const code = await exited;
      if (current.killed === 'hung') throw new Error(`the child sync did not end in ${HUNG_AFTER_MS / 1000} s; its stderr:\n${stderr}`);
      if (current.killed !== undefined) return { ended: 'killed', killedAt: current.killed };
      if (code === 0) return { ended: 'completed' };
      if (code === 3) return { ended: 'threw' };
      throw new Error(`the child sync exited with ${String(code)}; its stderr:\n${stderr}`);
    } finally {
      clearTimeout(timer);
      clearTimeout(hung);
      this.#current = undefined;
    }
  }

  /** Kills a child still running and closes the server. */
  async close(): Promise<void> {
    const current = this.#current;
    if (current) await this.#kill(current, 'closed');
    await this.server.close();
  }
}
