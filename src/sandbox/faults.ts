import { streamFor, type SeededRandom } from './random.js';

/** The apps the sandbox serves. */
export type SandboxApp = 'books' | 'invoice' | 'fsm' | 'accounts';

/**
 * What can go wrong on the wire:
 * - `rate-limit`: HTTP 429 with code 44 (or the `code` given), before the call runs; a code-45 reply
 *   quotes the addressed organisation's daily cap, as Zoho's does;
 * - `server-error` / `bad-gateway` / `unavailable`: HTTP 500 / 502 / 503, before the call runs;
 * - `drop`: the connection drops before the call runs: `fetch` rejects, nothing is written;
 * - `slow`: the reply comes after `ms` (on the clock), otherwise normal;
 * - `lost-ack`: the call runs (the write is applied) but the reply never arrives: `fetch` rejects;
 * - `extra-field`: each returned record carries a field the schemas do not know;
 * - `missing-field`: each returned record lacks one optional field.
 */
export type FaultKind =
  | 'rate-limit'
  | 'server-error'
  | 'bad-gateway'
  | 'unavailable'
  | 'drop'
  | 'slow'
  | 'lost-ack'
  | 'extra-field'
  | 'missing-field';

/** Every fault kind, in the order probabilities are laid out. */
export const FAULT_KINDS: readonly FaultKind[] = [
  'rate-limit',
  'server-error',
  'bad-gateway',
  'unavailable',
  'drop',
  'slow',
  'lost-ack',
  'extra-field',
  'missing-field',
];

/** One fault with its parameters. */
export type FaultSpec =
  | { kind: 'rate-limit'; code?: 44 | 45 | 1070 }
  | { kind: 'slow'; ms?: number }
  | { kind: Exclude<FaultKind, 'rate-limit' | 'slow'> };

/** Which calls a scripted fault applies to. Every given field must match. */
export interface FaultMatch {
  method?: string;
  app?: SandboxApp;
  /**
   * The path below the API base (`/contacts`, `/contacts/460000000000003`, `/Companies/search`):
   * a string equals the path or its endpoint template (`/contacts/{id}`); a RegExp is tested on it.
   */
  path?: string | RegExp;
}

/** A fault for the next matching call(s). */
export interface ScriptedFault {
  match?: FaultMatch;
  fault: FaultKind | FaultSpec;
  /** How many matching calls get it. Default: 1. */
  times?: number;
}

/** Faults drawn by seeded probability. */
export interface FaultOptions {
  /** Probability per API call of each fault, e.g. `{ 'rate-limit': 0.05, drop: 0.01 }`. Default: none. */
  rates?: Partial<Record<FaultKind, number>>;
  /** Seed of the draws. Default: the sandbox's seed. */
  seed?: number;
  /** Delay of a drawn `slow` fault in ms. Default: 5000. */
  slowMs?: number;
  /** Apps whose calls may get drawn faults. Default: books, invoice, fsm (not accounts). */
  apps?: SandboxApp[];
}

/** The call a fault decision is about. */
export interface FaultCall {
  method: string;
  app: SandboxApp;
  path: string;
  template: string;
}

/** A fault that was injected, for inspection. */
export interface InjectedFault {
  /** The sandbox's call number (1-based). */
  call: number;
  method: string;
  app: SandboxApp;
  path: string;
  fault: FaultSpec;
  scripted: boolean;
}

interface QueuedFault {
  match: FaultMatch;
  fault: FaultSpec;
  remaining: number;
}

/**
 * Decides, call by call, whether a fault happens. Scripted faults come first, in the order they
 * were queued; otherwise one seeded draw per eligible call picks at most one fault, so the same
 * seed and the same calls give the same faults.
 *
 * @example
 * ```ts
 * sandbox.faults.next({ match: { method: 'POST', path: '/contacts' }, fault: 'lost-ack' });
 * sandbox.faults.next({ fault: { kind: 'rate-limit', code: 1070 }, times: 3 });
 * ```
 */
export class FaultInjector {
  readonly #queue: QueuedFault[] = [];
  readonly #random: SeededRandom;
  readonly #rates: Partial<Record<FaultKind, number>>;
  readonly #slowMs: number;
  readonly #apps: ReadonlySet<SandboxApp>;
  readonly #history: InjectedFault[] = [];

  constructor(options: FaultOptions, sandboxSeed: number) {
    this.#random = streamFor(options.seed ?? sandboxSeed, 'faults');
    this.#rates = { ...options.rates };
    this.#slowMs = options.slowMs ?? 5000;
    this.#apps = new Set(options.apps ?? ['books', 'invoice', 'fsm']);
  }

  /** Queues a fault for the next matching call(s). */
  next(scripted: ScriptedFault): void {
    const fault = typeof scripted.fault === 'string' ? specOf(scripted.fault) : scripted.fault;
    this.#queue.push({ match: scripted.match ?? {}, fault, remaining: scripted.times ?? 1 });
  }

  /** Drops every queued fault and sets new probabilities (or none). */
  clear(rates: Partial<Record<FaultKind, number>> = {}): void {
    this.#queue.length = 0;
    for (const kind of FAULT_KINDS) delete this.#rates[kind];
    Object.assign(this.#rates, rates);
  }

  /** Sets the probability of one fault kind. */
  setRate(kind: FaultKind, probability: number): void {
    this.#rates[kind] = probability;
  }

  /** Number of scripted faults not yet used. */
  get pending(): number {
    return this.#queue.reduce((sum, q) => sum + q.remaining, 0);
  }

  /** Every fault injected so far, oldest first. */
  get history(): readonly InjectedFault[] {
    return this.#history;
  }

  /** The fault for this call, if any. Called once per call, in arrival order. */
  decide(call: FaultCall, callNumber: number): FaultSpec | undefined {
    const index = this.#queue.findIndex((q) => matches(q.match, call));
    if (index >= 0) {
      const queued = this.#queue[index] as QueuedFault;
      queued.remaining -= 1;
      if (queued.remaining <= 0) this.#queue.splice(index, 1);
      return this.#remember(call, callNumber, queued.fault, true);
    }
    if (!this.#apps.has(call.app)) return undefined;
    const draw = this.#random.next();
    let cumulative = 0;
    for (const kind of FAULT_KINDS) {
      cumulative += this.#rates[kind] ?? 0;
      if (draw < cumulative) {
        const fault: FaultSpec = kind === 'slow' ? { kind, ms: this.#slowMs } : specOf(kind);
        return this.#remember(call, callNumber, fault, false);
      }
    }
    return undefined;
  }

  #remember(call: FaultCall, callNumber: number, fault: FaultSpec, scripted: boolean): FaultSpec {
    this.#history.push({ call: callNumber, method: call.method, app: call.app, path: call.path, fault, scripted });
    return fault;
  }
}

function specOf(kind: FaultKind): FaultSpec {
  return { kind } as FaultSpec;
}

function matches(match: FaultMatch, call: FaultCall): boolean {
  if (match.method !== undefined && match.method.toUpperCase() !== call.method) return false;
  if (match.app !== undefined && match.app !== call.app) return false;
  if (match.path === undefined) return true;
  if (typeof match.path === 'string') return match.path === call.path || match.path === call.template;
  return match.path.test(call.path);
}
