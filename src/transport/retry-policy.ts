import { ApiError } from '../errors/api-error.js';
import { NetworkError } from '../errors/network-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import type { HttpMethod } from './transport.js';

/** How the client retries failed calls (with p-retry). */
export interface RetryOptions {
  /** Retries after the first attempt. Default 6. */
  retries?: number;
  /** First back-off, in ms; doubles each retry. Default 500. */
  minDelayMs?: number;
  /** Largest back-off between two attempts, in ms. Default 30 000. */
  maxDelayMs?: number;
  /**
   * Shortest wait after Zoho's per-minute block (code 44) when it sends no `Retry-After`, in ms.
   * Default 15 000: Zoho blocks the organisation, so an early retry only extends the block.
   */
  minuteBlockDelayMs?: number;
  /** A `Retry-After` longer than this fails the call with the RateLimitError instead of waiting. Default 300 000. */
  maxRetryAfterMs?: number;
  /** Source of jitter in [0, 1); inject for reproducible runs. Default Math.random. */
  random?: () => number;
}

/** The retry settings with every default filled in. */
export type ResolvedRetryOptions = Required<RetryOptions>;

/** Fills in defaults. */
export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  return {
    retries: options.retries ?? 6,
    minDelayMs: options.minDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    minuteBlockDelayMs: options.minuteBlockDelayMs ?? 15_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 300_000,
    random: options.random ?? Math.random,
  };
}

/** What to do after a failed attempt. */
export type RetryDecision = { retry: false } | { retry: true; delayMs: number; reason: string };

/**
 * Decides whether a failed attempt is retried, and after how long.
 *
 * - 429 with codes 44 / 1070 (or none): Zoho refused before doing anything, so any method is
 *   retried, after `Retry-After` when given.
 * - code 45 (daily cap): never retried; nothing succeeds before the next day.
 * - 5xx, a dropped connection, a malformed body: retried only when repeating the call cannot
 *   apply a write twice — GET, PUT, DELETE, or a POST the caller marked `retrySafe`.
 */
export function decideRetry(
  error: unknown,
  context: { method: HttpMethod; retrySafe: boolean; retriesConsumed: number },
  options: ResolvedRetryOptions,
): RetryDecision {
  const backoff = backoffDelay(context.retriesConsumed, options);
  if (error instanceof RateLimitError) {
    if (error.kind === 'day') return { retry: false };
    if (error.retryAfterMs !== undefined) {
      if (error.retryAfterMs > options.maxRetryAfterMs) return { retry: false };
      return { retry: true, delayMs: error.retryAfterMs + jitter(options, 250), reason: `rate-limited:${error.kind}` };
    }
    const floor = error.kind === 'minute' ? options.minuteBlockDelayMs : 0;
    return { retry: true, delayMs: Math.max(floor, backoff), reason: `rate-limited:${error.kind}` };
  }
  const repeatable = context.method !== 'POST' || context.retrySafe;
  if (!repeatable) return { retry: false };
  if (error instanceof NetworkError) return { retry: true, delayMs: backoff, reason: error.code === 'TIMEOUT' ? 'timeout' : 'network' };
  if (error instanceof ApiError && (error.status >= 500 || error.code === 'MALFORMED_RESPONSE')) {
    return { retry: true, delayMs: backoff, reason: error.status >= 500 ? `http-${error.status}` : 'malformed-response' };
  }
  return { retry: false };
}

/** Exponential back-off with "equal jitter": half fixed, half random, capped. */
function backoffDelay(retriesConsumed: number, options: ResolvedRetryOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.minDelayMs * 2 ** retriesConsumed);
  return Math.round(ceiling / 2 + options.random() * (ceiling / 2));
}

function jitter(options: ResolvedRetryOptions, spreadMs: number): number {
  return Math.round(options.random() * spreadMs);
}

/**
 * Parses `Retry-After` (seconds, or an HTTP date) into milliseconds from `now`; undefined when
 * absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
