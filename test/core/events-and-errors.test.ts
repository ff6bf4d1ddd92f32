import { describe, expect, it } from 'vitest';
import { ApiError, FsmBillingError, NotFoundError, RateLimitError, ValidationError } from '../../src/errors/index.js';
import { TypedEmitter } from '../../src/events.js';
import { parseRetryAfter } from '../../src/transport/retry-policy.js';

describe('TypedEmitter', () => {
  it('a throwing listener neither breaks emit nor stops the other listeners', () => {
    const emitter = new TypedEmitter<{ tick: { n: number } }>();
    const seen: number[] = [];
    emitter.on('tick', () => {
      throw new Error('observer bug');
    });
    emitter.on('tick', ({ n }) => seen.push(n));
    expect(() => emitter.emit('tick', { n: 1 })).not.toThrow();
    expect(seen).toEqual([1]);
  });

  it('once runs a listener a single time; the returned function removes a listener', () => {
    const emitter = new TypedEmitter<{ tick: number }>();
    const seen: number[] = [];
    emitter.once('tick', (n) => seen.push(n));
    const off = emitter.on('tick', (n) => seen.push(n * 10));
    emitter.emit('tick', 1);
    off();
    emitter.emit('tick', 2);
    expect(seen).toEqual([1, 10]);
    expect(emitter.listenerCount('tick')).toBe(0);
  });
});

describe('errors', () => {
  it('serialise to name, code, message and details, and keep the cause', () => {
    const cause = new Error('socket hang up');
    const error = new ApiError('Zoho refused it.', { status: 400, zohoCode: 3062, zohoMessage: 'dup', cause });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'ApiError',
      code: 'ZOHO_API_ERROR',
      message: 'Zoho refused it.',
      details: { status: 400, zohoCode: 3062, zohoMessage: 'dup' },
    });
    expect(error.cause).toBe(cause);
  });

  it('subclasses keep the chain for instanceof and have their own stable codes', () => {
    const notFound = new NotFoundError('gone', { status: 404, zohoCode: 1002 });
    const limited = new RateLimitError('slow down', { status: 429, kind: 'day', retryAfterMs: 5 });
    const invalid = new ValidationError('bad', [{ path: ['a', 0], message: 'required' }]);
    expect(notFound).toBeInstanceOf(ApiError);
    expect(notFound).toBeInstanceOf(FsmBillingError);
    expect([notFound.code, limited.code, invalid.code]).toEqual(['NOT_FOUND', 'DAILY_LIMIT_REACHED', 'INVALID_INPUT']);
    expect(limited).toMatchObject({ kind: 'day', retryAfterMs: 5 });
    expect(invalid.issues[0]?.path).toEqual(['a', 0]);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['30', 30_000],
    ['1.5', 1_500],
    ['Thu, 01 Jan 2026 00:01:00 GMT', 60_000],
    ['soon', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j ms', (value, expected) => {
    expect(parseRetryAfter(value, Date.UTC(2026, 0, 1))).toBe(expected);
  });
});
