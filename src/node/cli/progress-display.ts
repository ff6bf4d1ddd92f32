import { createLogUpdate } from 'log-update';
import type { SyncEvents } from '../../sync/index.js';

/** A `progress` event of the syncer (`total` undefined: not known yet, as while a side is read). */
export type ProgressEvent = SyncEvents['progress'];

/** One entity's side as the display shows it. */
export interface ProgressLine {
  module: string;
  side: string;
  phase: 'read' | 'sync';
  done: number;
  /** Undefined while unknown (a side still being read). */
  total: number | undefined;
  /** Records a second in the current phase (0 in its first instant). */
  rate: number;
}

interface Track extends ProgressLine {
  phaseStartedAt: number;
  printedAt: number;
  printedDone: number;
}

/** Where the display writes. */
export type ProgressMode = 'live' | 'plain' | 'json';

/** Options of {@link ProgressDisplay}. */
export interface ProgressDisplayOptions {
  mode: ProgressMode;
  stream: NodeJS.WritableStream;
  /** Milliseconds since some origin. Default `Date.now`. */
  now?: () => number;
  /** Plain mode: at most one line per entity side this often (ms), plus one at each phase change. Default 2000. */
  plainEveryMs?: number;
}

const SIDE_LABEL: Record<string, string> = { fsm: 'FSM', finance: 'finance', '': '' };

/** `done/total` or `done/?`, the rate, for one line. */
export function formatProgressLine(line: ProgressLine): string {
  const count = line.total === undefined ? `${line.done}/?` : `${line.done}/${line.total}`;
  const percent = line.total ? ` ${Math.min(100, Math.floor((line.done / line.total) * 100))}%` : '';
  const rate = line.rate > 0 ? `  ${line.rate >= 10 ? Math.round(line.rate) : line.rate.toFixed(1)}/s` : '';
  return `${line.module.padEnd(16)} ${(SIDE_LABEL[line.side] ?? line.side).padEnd(8)} ${line.phase.padEnd(5)} ${count}${percent}${rate}`;
}

/**
 * The sync's progress: a live region redrawn in place on a terminal (log-update), plain lines when
 * the output is a file or a pipe (one per entity side at each phase change and every few seconds),
 * or JSON lines (one object per event) with `--json`.
 */
export class ProgressDisplay {
  readonly #options: Required<Omit<ProgressDisplayOptions, 'stream'>> & { stream: NodeJS.WritableStream };
  readonly #tracks = new Map<string, Track>();
  readonly #live: ReturnType<typeof createLogUpdate> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #dirty = false;
  #stopped = false;

  constructor(options: ProgressDisplayOptions) {
    this.#options = { now: Date.now, plainEveryMs: 2000, ...options };
    if (options.mode === 'live') {
      this.#live = createLogUpdate(options.stream);
      this.#timer = setInterval(() => this.#render(), 100);
      this.#timer.unref();
    }
  }

  /** Takes one event of the syncer. */
  update(event: ProgressEvent): void {
    if (this.#stopped) return;
    const now = this.#options.now();
    const side = event.phase === 'read' ? event.side : '';
    const key = `${event.module}\u0000${side}`;
    let track = this.#tracks.get(key);
    const changedPhase = !track || track.phase !== event.phase;
    if (!track || changedPhase) {
      track = { module: event.module, side, phase: event.phase, done: 0, total: undefined, rate: 0, phaseStartedAt: now, printedAt: -Infinity, printedDone: -1 };
      this.#tracks.set(key, track);
    }
    // A side's read learns its total with its last page: worth a line of its own.
    const learnedTotal = track.total === undefined && event.total !== undefined;
    track.done = event.done;
    track.total = event.total;
    const seconds = (now - track.phaseStartedAt) / 1000;
    track.rate = seconds > 0.05 ? event.done / seconds : 0;
    const { mode, stream, plainEveryMs } = this.#options;
    if (mode === 'json') {
      stream.write(`${JSON.stringify({ type: 'progress', entity: event.entity, module: event.module, ...(event.phase === 'read' ? { side: event.side } : {}), phase: event.phase, done: event.done, total: track.total ?? null, rate: Math.round(track.rate * 10) / 10 })}\n`);
    } else if (mode === 'plain') {
      if (changedPhase || learnedTotal || (now - track.printedAt >= plainEveryMs && track.printedDone !== track.done)) this.#printPlain(track, now);
    } else {
      this.#dirty = true;
    }
  }

  /** The lines as shown now. */
  lines(): ProgressLine[] {
    return [...this.#tracks.values()].map(({ module, side, phase, done, total, rate }) => ({ module, side, phase, done, total, rate }));
  }

  /** Stops the display: the live region stays on screen as drawn last; plain mode prints the lines not printed at their last count. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#live) {
      this.#render(true);
      this.#live.done();
    } else if (this.#options.mode === 'plain') {
      const now = this.#options.now();
      for (const track of this.#tracks.values()) if (track.printedDone !== track.done) this.#printPlain(track, now);
    }
  }

  #printPlain(track: Track, now: number): void {
    track.printedAt = now;
    track.printedDone = track.done;
    this.#options.stream.write(`${formatProgressLine(track)}\n`);
  }

  #render(force = false): void {
    if (!this.#live || (!this.#dirty && !force)) return;
    this.#dirty = false;
    const lines = this.lines().map(formatProgressLine);
    this.#live(lines.length === 0 ? 'Starting…' : lines.join('\n'));
  }
}
