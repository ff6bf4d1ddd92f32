import { describe, expect, it } from 'vitest';
import { IntegrationClient } from '../../src/client/integration-client.js';
import { ManualClock } from '../../src/manual-clock.js';
import { createSandbox } from '../../src/sandbox/index.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';

// Ids that would move a request elsewhere if they were pasted into a path: another segment
// (`/`, `..`), the query (`?`), the fragment (`#`), or an encoding WHATWG URL parsing undoes
// (`%2e%2e` becomes `..`). The client refuses them (src/client/path.ts explains why it refuses
// rather than encodes), and nothing reaches Zoho.
const HOSTILE_IDS: readonly unknown[] = [
  '../1',
  '..',
  '1/2',
  '/1',
  '1?organization_id=999',
  '1#frag',
  '%2e%2e',
  '1%2F2',
  'a b',
  '',
  '1\n2',
  'x'.repeat(65),
  { toString: () => '../1' },
  null,
];

const sandbox = createSandbox({ seed: 3, clock: new ManualClock({ autoAdvance: true }), records: 2 });
const booksOrg = sandbox.orgs({ app: 'books' })[0]?.organizationId ?? '';
const client = new IntegrationClient({
  region: 'us',
  finance: { app: 'books', organizationId: booksOrg },
  auth: { accessToken: sandbox.accessToken() },
  transport: createFetchTransport({ fetch: sandbox.fetch }),
  clock: sandbox.clock,
  retry: { retries: 0 },
});

type IdCall = (id: string) => Promise<unknown>;

// A well-formed id: the same calls with it reach the sandbox (the positive control below).
const OK_ID = '460000000000001';

const financeRecords = ['contacts', 'items', 'taxes', 'taxGroups', 'taxAuthorities', 'taxExemptions', 'invoices'] as const;
const fsmModules = ['companies', 'contacts', 'serviceAndParts', 'workOrders'] as const;
const fsmSyncable = ['companies', 'contacts', 'serviceAndParts'] as const;

/** Every public method that takes an id, with the id in each position it can take. */
const CALLS: Array<[string, IdCall]> = [
  ...financeRecords.flatMap((name): Array<[string, IdCall]> => [
    [`finance.${name}.get`, (id) => client.finance[name].get(id)],
    [`finance.${name}.update`, (id) => client.finance[name].update(id, {})],
    [`finance.${name}.delete`, (id) => client.finance[name].delete(id)],
  ]),
  ...(['contacts', 'items'] as const).flatMap((name): Array<[string, IdCall]> => [
    [`finance.${name}.markActive`, (id) => client.finance[name].markActive(id)],
    [`finance.${name}.markInactive`, (id) => client.finance[name].markInactive(id)],
  ]),
  ['finance.contactPersons.list (contact id)', (id) => client.finance.contactPersons.list(id).toArray()],
  ['finance.contactPersons.get (contact id)', (id) => client.finance.contactPersons.get(id, OK_ID)],
  ['finance.contactPersons.get (contact person id)', (id) => client.finance.contactPersons.get(OK_ID, id)],
  ['finance.contactPersons.update', (id) => client.finance.contactPersons.update(id, {})],
  ['finance.contactPersons.delete', (id) => client.finance.contactPersons.delete(id)],
  ['finance.contactPersons.markPrimary', (id) => client.finance.contactPersons.markPrimary(id)],
  ['finance.organizations.get', (id) => client.finance.organizations.get(id)],
  ['financeFor(invoice).contacts.get', (id) => client.financeFor('invoice', booksOrg).contacts.get(id)],
  ...fsmModules.flatMap((name): Array<[string, IdCall]> => [
    [`fsm.${name}.get`, (id) => client.fsm[name].get(id)],
    [`fsm.${name}.update`, (id) => client.fsm[name].update(id, {})],
  ]),
  ...fsmSyncable.flatMap((name): Array<[string, IdCall]> =>
    (['link', 'unlink', 'push'] as const).flatMap((action): Array<[string, IdCall]> => [
      [`fsm.${name}.${action} (record id)`, (id) => client.fsm[name][action](id, OK_ID)],
      [`fsm.${name}.${action} (integ_id)`, (id) => client.fsm[name][action](OK_ID, id)],
    ]),
  ),
];

/** Runs a call (some throw synchronously) and reports how it ended and how many calls reached the sandbox. */
async function attempt(call: IdCall, id: unknown): Promise<{ error: unknown; sent: number }> {
  const before = sandbox.calls.total;
  let error: unknown;
  try {
    await call(id as string);
  } catch (caught) {
    error = caught;
  }
  return { error, sent: sandbox.calls.total - before };
}

describe('ids that could change the request path are refused before anything is sent', () => {
  it.each(CALLS)('%s refuses every hostile id with INVALID_INPUT and sends nothing', async (name, call) => {
    for (const id of HOSTILE_IDS) {
      const { error, sent } = await attempt(call, id);
      const label = `${name}(${JSON.stringify(typeof id === 'string' ? id : String(id))})`;
      expect(sent, `${label} reached the sandbox`).toBe(0);
      expect(error, `${label} was not refused`).toMatchObject({ name: 'ValidationError', code: 'INVALID_INPUT' });
    }
  });

  it.each(CALLS)('%s with a well-formed id does reach the sandbox (the check above can see a call)', async (_name, call) => {
    const { error, sent } = await attempt(call, OK_ID);
    expect(sent).toBeGreaterThan(0);
    expect(error).not.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('a raw client.request whose path climbs out of the API base is refused before sending', async () => {
    for (const path of ['/../../oauth/v2/token', '/contacts/../../../invoice/v3/contacts', '/%2e%2e/%2e%2e/fsm/v1/Companies']) {
      const before = sandbox.calls.total;
      const error = await client.request({ service: 'books', method: 'GET', path, organizationId: booksOrg }).catch((e: unknown) => e);
      expect(error, path).toMatchObject({ name: 'ValidationError', code: 'INVALID_INPUT' });
      expect(sandbox.calls.total - before, `${path} reached the sandbox`).toBe(0);
    }
  });

  it('an organisation id that is not digits is refused at construction and per raw request', async () => {
    for (const organizationId of ['1/../2', '1?x=1', '1#x', '../60012345', ' 1']) {
      expect(() => client.financeFor('books', organizationId), organizationId).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
      const before = sandbox.calls.total;
      expect(() => client.request({ service: 'books', method: 'GET', path: '/contacts', organizationId }), organizationId).toThrow(
        expect.objectContaining({ code: 'INVALID_CONFIG' }),
      );
      expect(sandbox.calls.total).toBe(before);
    }
  });
});
