import { describe, expect, it } from 'vitest';
import { DRIFT_FIELD, type FaultKind } from '../../src/sandbox/index.js';
import { testSandbox, orgId, SandboxApi } from './helpers.js';

async function runCalls(seed: number): Promise<string[]> {
  const sandbox = testSandbox({ seed, records: 5, faults: { rates: { 'rate-limit': 0.1, 'server-error': 0.1, drop: 0.1, 'extra-field': 0.1 } } });
  const api = new SandboxApi(sandbox);
  const books = orgId(sandbox, 'books');
  for (let i = 0; i < 60; i++) await api.books('GET', books, '/contacts').catch(() => undefined);
  return sandbox.faults.history.map((f) => `${f.call}:${f.fault.kind}`);
}

describe('sandbox faults', () => {
  it('injects the same faults for the same seed, and other faults for another seed', async () => {
    const a = await runCalls(42);
    expect(a.length).toBeGreaterThan(5);
    expect(await runCalls(42)).toEqual(a);
    expect(await runCalls(43)).not.toEqual(a);
  });

  it('applies a write whose acknowledgement is lost: fetch rejects, the contact exists', async () => {
    const sandbox = testSandbox();
    const api = new SandboxApi(sandbox);
    const books = orgId(sandbox, 'books');
    sandbox.faults.next({ match: { method: 'POST', path: '/contacts' }, fault: 'lost-ack' });
    await expect(api.books('POST', books, '/contacts', { contact_name: 'Ghost Ltd' })).rejects.toThrow('fetch failed');
    expect(sandbox.records(books, 'contacts').map((c) => c.contact_name)).toEqual(['Ghost Ltd']);
    expect(sandbox.calls.count({ status: 'no-reply' })).toBe(1);
    const retry = await api.books('POST', books, '/contacts', { contact_name: 'Ghost Ltd' });
    expect(retry.body.code).toBe(3062);
  });

  it('drops the connection before a write: fetch rejects and nothing is written', async () => {
    const sandbox = testSandbox();
    const api = new SandboxApi(sandbox);
    const books = orgId(sandbox, 'books');
    sandbox.faults.next({ match: { method: 'POST' }, fault: 'drop' });
    await expect(api.books('POST', books, '/contacts', { contact_name: 'Lost Ltd' })).rejects.toMatchObject({ name: 'TypeError', cause: { code: 'ECONNRESET' } });
    expect(sandbox.records(books, 'contacts')).toEqual([]);
  });

  it.each([
    ['rate-limit', 429, { code: 44 }],
    ['server-error', 500, { code: 1000, message: 'Internal error' }],
  ] as const)('scripts a %s fault as HTTP %i with Zoho’s body', async (fault, status, body) => {
    const sandbox = testSandbox();
    const api = new SandboxApi(sandbox);
    sandbox.faults.next({ fault });
    const res = await api.books('GET', orgId(sandbox, 'books'), '/items');
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject(body);
    expect((await api.books('GET', orgId(sandbox, 'books'), '/items')).status).toBe(200);
  });

  it.each([
    ['bad-gateway', 502],
    ['unavailable', 503],
  ] as const)('answers a %s fault with an HTML page (HTTP %i)', async (fault, status) => {
    const sandbox = testSandbox();
    sandbox.faults.next({ fault });
    const res = await sandbox.fetch(`https://www.zohoapis.com/books/v3/items?organization_id=${orgId(sandbox, 'books')}`);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('text/html');
  });

  it('scripts a 1070 rate limit for several calls and matches by endpoint template', async () => {
    const sandbox = testSandbox({ records: 2 });
    const api = new SandboxApi(sandbox);
    const books = orgId(sandbox, 'books');
    const id = sandbox.records(books, 'contacts')[0]!.contact_id as string;
    sandbox.faults.next({ match: { path: '/contacts/{id}' }, fault: { kind: 'rate-limit', code: 1070 }, times: 2 });
    expect((await api.books('GET', books, '/contacts')).status).toBe(200);
    expect((await api.books('GET', books, `/contacts/${id}`)).body.code).toBe(1070);
    expect((await api.books('GET', books, `/contacts/${id}`)).body.code).toBe(1070);
    expect((await api.books('GET', books, `/contacts/${id}`)).status).toBe(200);
    expect(sandbox.faults.pending).toBe(0);
  });

  it('delays a slow reply on the clock', async () => {
    const sandbox = testSandbox();
    const api = new SandboxApi(sandbox);
    sandbox.faults.next({ fault: { kind: 'slow', ms: 30_000 } });
    const before = sandbox.clock.now();
    expect((await api.books('GET', orgId(sandbox, 'books'), '/items')).status).toBe(200);
    expect(sandbox.clock.now() - before).toBeGreaterThanOrEqual(30_000);
  });

  it.each(['extra-field', 'missing-field'] as FaultKind[])('applies %s schema drift to every returned record', async (fault) => {
    const sandbox = testSandbox({ records: 3 });
    const api = new SandboxApi(sandbox);
    const books = orgId(sandbox, 'books');
    sandbox.faults.next({ fault });
    const drifted = (await api.books('GET', books, '/contacts')).body.contacts;
    const normal = (await api.books('GET', books, '/contacts')).body.contacts;
    for (const [i, record] of drifted.entries()) {
      if (fault === 'extra-field') expect(record[DRIFT_FIELD.books]).toBe('added by schema drift');
      else expect(Object.keys(record).length).toBe(Object.keys(normal[i]).length - 1);
    }
    sandbox.faults.next({ fault: 'extra-field', match: { app: 'fsm' } });
    const fsm = await api.fsm('GET', '/Companies');
    expect(fsm.body.data[0][DRIFT_FIELD.fsm]).toBe('added by schema drift');
  });
});
