import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/manual-clock.js';
import { REGION_HOSTS } from '../../src/regions.js';
import { books, contact, testClient, useMswServer } from '../helpers/msw-zoho.js';

const server = useMswServer();
const BOOKS = REGION_HOSTS.in.books;

describe('per-organisation limiter', () => {
  it('250 requests under 100/min: never more than 100 in any 60 s window nor 10 in flight, and all succeed', async () => {
    const clock = new ManualClock({ autoAdvance: true });
    const arrivals: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    server.use(
      http.get(`${BOOKS}/contacts/:id`, async ({ params }) => {
        arrivals.push(clock.now());
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight--;
        return books({ contact: contact(String(params.id)) });
      }),
    );
    const { client } = testClient({ clock, limits: { perMinute: 100, concurrency: 10 } });
    const results = await Promise.all(Array.from({ length: 250 }, (_, i) => client.finance.contacts.get(String(i))));
    expect(results.map((r) => r.contact_id)).toEqual(Array.from({ length: 250 }, (_, i) => String(i)));
    expect(maxInFlight).toBeLessThanOrEqual(10);
    // Every window [t, t + 60 s] starting at an arrival holds at most 100 arrivals.
    const sorted = [...arrivals].sort((a, b) => a - b);
    for (let i = 0; i < sorted.length; i++) {
      const start = sorted[i] ?? 0;
      const inWindow = sorted.filter((t) => t >= start && t <= start + 60_000).length;
      expect(inWindow, `window starting at ${start}`).toBeLessThanOrEqual(100);
    }
    expect(sorted.length).toBe(250);
    // The third hundred could not start before two minutes had passed.
    expect((sorted[200] ?? 0) - (sorted[0] ?? 0)).toBeGreaterThan(120_000);
  });

  it('an exhausted daily cap (limits.perDay) fails at once with DAILY_LIMIT_REACHED, resumeAt the next UTC midnight, and sends nothing', async () => {
    let calls = 0;
    server.use(http.get(`${BOOKS}/contacts/:id`, ({ params }) => (calls++, books({ contact: contact(String(params.id)) }))));
    const { client, clock } = testClient({ limits: { plan: 'professional', perDay: 3 } });
    for (let i = 0; i < 3; i++) await client.finance.contacts.get(String(i));
    const error = await client.finance.contacts.get('4').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RateLimitError', code: 'DAILY_LIMIT_REACHED', kind: 'day', resumeAt: Date.UTC(2026, 0, 2) });
    expect((error as { details: Record<string, unknown> }).details.resumeAt).toBe('2026-01-02T00:00:00.000Z');
    expect(calls).toBe(3);
    await clock.advance(Date.UTC(2026, 0, 2) - clock.now());
    await expect(client.finance.contacts.get('5')).resolves.toMatchObject({ contact_id: '5' });
  });

  it('an aborted request leaves the queue without being sent', async () => {
    let calls = 0;
    server.use(
      http.get(`${BOOKS}/contacts/:id`, async ({ params }) => {
        calls++;
        await new Promise((resolve) => setTimeout(resolve, 5));
        return books({ contact: contact(String(params.id)) });
      }),
    );
    const { client } = testClient({ limits: { concurrency: 1 } });
    const controller = new AbortController();
    const first = client.finance.contacts.get('1');
    const second = client.finance.contacts.get('2', { signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(second).rejects.toThrow('stop');
    await first;
    expect(calls).toBe(1);
  });

  it('refuses limits that are not positive whole numbers', () => {
    expect(() => testClient({ limits: { perMinute: 0 } })).toThrow(/limits\.perMinute/);
    expect(() => testClient({ limits: { concurrency: 1.5 } })).toThrow(/limits\.concurrency/);
  });
});

