/**
 * Keeps the demo's sandbox from one `npm run demo` to the next.
 *
 * The sandbox is an in-memory Zoho, and a deterministic one: the same options, then the same calls in
 * the same order at the same clock readings, give the same organisations, records, ids and tokens.
 * So the demo does not need a copy of the sandbox's insides: it records every call that reaches
 * the sandbox (one at a time, so the order is the order they were handled in) together with the
 * clock readings the sandbox took while handling it, saves that journal beside the SQLite state,
 * and on the next run replays it into a new sandbox. A digest of every record, saved with the
 * journal, proves the replayed world is the one the SQLite state describes; if it is not, the demo
 * says so and starts afresh rather than run against a world its state does not match.
 */
import { createHash } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import type { Clock } from '../../src/clock.js';
import type { ManualClock } from '../../src/index.js';
import { createSandbox, FINANCE_RESOURCES, FSM_MODULES, type Sandbox, type SandboxOptions, type SandboxResource } from '../../src/sandbox/index.js';

/** One call the sandbox handled, and the clock readings it took meanwhile. */
interface JournalEntry {
  call:
    | { kind: 'create' }
    | { kind: 'fetch'; method: string; url: string; headers: Array<[string, string]>; body?: string; status: number }
    | { kind: 'edit'; organizationId: string; resource: SandboxResource; id: string; patch: Record<string, unknown> }
    | { kind: 'insert'; organizationId: string; resource: SandboxResource; data: Record<string, unknown> };
  times: number[];
}

/** What `.fsm-billing-sync/demo/sandbox.json` holds. */
export interface SandboxJournalFile {
  version: 1;
  /** A hash of the sandbox's options: a journal made with other options cannot be replayed. */
  options: string;
  /** How many runs wrote it. */
  runs: number;
  /** The demo clock when the last run ended: the next run goes on from there. */
  clockEnd: number;
  /** sha256 of every record of every organisation when the last run ended. */
  digest: string;
  entries: JournalEntry[];
}

/** The sandbox's clock: the demo's clock, with the readings recorded, or fed back from the journal. */
class JournalClock implements Clock {
  recording: JournalEntry | undefined;
  replaying: number[] | undefined;
  diverged = false;
  readonly live: ManualClock;

  constructor(live: ManualClock) {
    this.live = live;
  }

  now(): number {
    if (this.replaying) {
      const time = this.replaying.shift();
      if (time !== undefined) return time;
      this.diverged = true; // read more often than when it was recorded
      return this.live.now();
    }
    const time = this.live.now();
    this.recording?.times.push(time);
    return time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return this.replaying ? Promise.resolve() : this.live.sleep(ms, signal);
  }
}

/** A sandbox whose calls are journaled; `fetch`, `edit` and `insert` change it, `sandbox` reads it. */
export class JournaledSandbox {
  readonly sandbox: Sandbox;
  readonly #clock: JournalClock;
  readonly #entries: JournalEntry[];
  readonly #options: string;
  readonly #runs: number;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(sandbox: Sandbox, clock: JournalClock, entries: JournalEntry[], options: string, runs: number) {
    this.sandbox = sandbox;
    this.#clock = clock;
    this.#entries = entries;
    this.#options = options;
    this.#runs = runs;
  }

  /** A new sandbox, journaled from its creation. */
  static create(options: Omit<SandboxOptions, 'clock'>, clock: ManualClock): JournaledSandbox {
    const journalClock = new JournalClock(clock);
    const entry: JournalEntry = { call: { kind: 'create' }, times: [] };
    journalClock.recording = entry;
    const sandbox = createSandbox({ ...options, clock: journalClock });
    journalClock.recording = undefined;
    return new JournaledSandbox(sandbox, journalClock, [entry], hashOf(options), 0);
  }

  /**
   * The sandbox a journal describes, rebuilt by replaying it, and from then on journaled further.
   *
   * @throws {Error} when the journal was made with other options or the replay does not give the
   * world it recorded: the message says why.
   */
  static async restore(options: Omit<SandboxOptions, 'clock'>, file: SandboxJournalFile, clock: ManualClock): Promise<JournaledSandbox> {
    if (file.version !== 1 || file.options !== hashOf(options)) throw new Error('it was written by another version of the demo');
    const [create, ...calls] = file.entries;
    if (create?.call.kind !== 'create') throw new Error('it does not start with the creation of the sandbox');
    const journalClock = new JournalClock(clock);
    journalClock.replaying = [...create.times];
    const sandbox = createSandbox({ ...options, clock: journalClock });
    const restored = new JournaledSandbox(sandbox, journalClock, [create], file.options, file.runs);
    for (const entry of calls) {
      journalClock.replaying = [...entry.times];
      const status = await restored.#apply(entry.call);
      if (journalClock.replaying.length > 0) journalClock.diverged = true; // read less often than when recorded
      if (entry.call.kind === 'fetch' && status !== entry.call.status) {
        throw new Error(`call ${restored.#entries.length} (${entry.call.method} ${new URL(entry.call.url).pathname}) answered ${status}, not ${entry.call.status} as it did`);
      }
      restored.#entries.push(entry);
    }
    journalClock.replaying = undefined;
    if (journalClock.diverged) throw new Error('the sandbox read its clock differently while the journal was replayed');
    if (restored.digest() !== file.digest) throw new Error('the replayed records differ from the ones the last run left');
    return restored;
  }

  /** How many calls the journal holds (the sandbox's creation not counted). */
  get calls(): number {
    return this.#entries.length - 1;
  }

  /** How many runs wrote the journal before this one. */
  get runs(): number {
    return this.#runs;
  }

  /** The sandbox's `fetch`, one call at a time, each one journaled. */
  readonly fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const handled = this.#queue.then(async () => {
      const body = request.body === null ? undefined : Buffer.from(await request.clone().arrayBuffer()).toString('base64');
      const call = { kind: 'fetch' as const, method: request.method, url: request.url, headers: [...request.headers], ...(body === undefined ? {} : { body }), status: 0 };
      const entry: JournalEntry = { call, times: [] };
      this.#clock.recording = entry;
      try {
        const response = await this.sandbox.fetch(request);
        call.status = response.status;
        return response;
      } finally {
        this.#clock.recording = undefined;
        this.#entries.push(entry); // a call that threw (a dropped connection) changed the world too
      }
    });
    this.#queue = handled.catch(() => undefined);
    return handled;
  };

  /** "A person edits in the Zoho UI" (see `Sandbox.edit`), journaled. */
  edit(organizationId: string, resource: SandboxResource, id: string, patch: Record<string, unknown>): Promise<void> {
    return this.#record({ kind: 'edit', organizationId, resource, id, patch });
  }

  /** "A person creates in the Zoho UI" (see `Sandbox.insert`), journaled. */
  insert(organizationId: string, resource: SandboxResource, data: Record<string, unknown>): Promise<void> {
    return this.#record({ kind: 'insert', organizationId, resource, data });
  }

  /** sha256 over every record of every organisation, as the API returns them. */
  digest(): string {
    const hash = createHash('sha256');
    for (const org of this.sandbox.orgs().sort((a, b) => a.organizationId.localeCompare(b.organizationId))) {
      const resources: readonly SandboxResource[] = org.app === 'fsm' ? FSM_MODULES : FINANCE_RESOURCES;
      for (const resource of resources) hash.update(JSON.stringify([org.organizationId, resource, this.sandbox.records(org.organizationId, resource)]));
    }
    return hash.digest('hex');
  }

  /** Writes the journal to `path` (owner-only, replacing the old file in one rename). */
  save(path: string, clockEnd: number): void {
    const file: SandboxJournalFile = { version: 1, options: this.#options, runs: this.#runs + 1, clockEnd, digest: this.digest(), entries: this.#entries };
    writeFileSync(`${path}.tmp`, JSON.stringify(file), { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
  }

  async #record(call: Extract<JournalEntry['call'], { kind: 'edit' | 'insert' }>): Promise<void> {
    const done = this.#queue.then(async () => {
      const entry: JournalEntry = { call, times: [] };
      this.#clock.recording = entry;
      try {
        await this.#apply(call);
      } finally {
        this.#clock.recording = undefined;
        this.#entries.push(entry);
      }
    });
    this.#queue = done.catch(() => undefined);
    await done;
  }

  /** Runs one journaled call against the sandbox; the HTTP status for a fetch. */
  async #apply(call: JournalEntry['call']): Promise<number | undefined> {
    switch (call.kind) {
      case 'create':
        return undefined;
      case 'edit':
        this.sandbox.edit(call.organizationId, call.resource, call.id, call.patch);
        return undefined;
      case 'insert':
        this.sandbox.insert(call.organizationId, call.resource, call.data);
        return undefined;
      case 'fetch': {
        const body = call.body === undefined ? undefined : Buffer.from(call.body, 'base64');
        try {
          const response = await this.sandbox.fetch(new Request(call.url, { method: call.method, headers: call.headers, ...(body === undefined ? {} : { body }) }));
          await response.arrayBuffer();
          return response.status;
        } catch {
          return 0;
        }
      }
    }
  }
}

function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}
