import { describe, expect, it } from 'vitest';
import type { SandboxPlan } from '../../src/sandbox/index.js';
import { orgId, SandboxApi, testSandbox } from './helpers.js';

const quote = (cap: number) => `The API call for this organization has exceeded the maximum call rate limit of ${cap}.`;

describe('a rate-limit fault quotes the addressed organisation’s own daily cap', () => {
  it.each([
    ['free', 1000],
    ['standard', 2000],
    ['professional', 5000],
    ['premium', 10000],
    ['ultimate', 10000],
  ] as Array<[SandboxPlan, number]>)('an injected code 45 to a %s Books org says "…maximum call rate limit of %i."', async (plan, cap) => {
    const sandbox = testSandbox({ users: [{ email: 'q@example.com', region: 'us', books: [{ plan }], fsm: false }] });
    const api = new SandboxApi(sandbox);
    sandbox.faults.next({ fault: { kind: 'rate-limit', code: 45 } });
    const reply = await api.books('GET', orgId(sandbox, 'books'), '/items');
    expect(reply.status).toBe(429);
    expect(reply.body).toEqual({ code: 45, message: quote(cap) });
  });

  it('quotes a cap set through limits.perDay, for an Invoice org too', async () => {
    const sandbox = testSandbox({ limits: { perDay: { professional: 250 } }, users: [{ email: 'q@example.com', region: 'us', books: [], invoice: [{ plan: 'professional' }], fsm: false }] });
    const api = new SandboxApi(sandbox);
    sandbox.faults.next({ fault: { kind: 'rate-limit', code: 45 } });
    const reply = await api.finance('GET', 'invoice', orgId(sandbox, 'invoice'), '/items');
    expect(reply.body).toEqual({ code: 45, message: quote(250) });
  });

  it('the daily cap the sandbox enforces itself quotes the same figure', async () => {
    const sandbox = testSandbox({ limits: { perDay: { premium: 2 } }, users: [{ email: 'q@example.com', region: 'us', books: [{ plan: 'premium' }], fsm: false }] });
    const api = new SandboxApi(sandbox);
    const books = orgId(sandbox, 'books');
    await api.books('GET', books, '/items');
    await api.books('GET', books, '/items');
    expect((await api.books('GET', books, '/items')).body).toEqual({ code: 45, message: quote(2) });
  });
});
