import { http, HttpResponse, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { IntegrationClient, type IntegrationClientOptions } from '../../src/client/integration-client.js';
import { ManualClock } from '../../src/manual-clock.js';

/**
 * `GET /organizations/{id}` of Books and Invoice in every region, as a Professional-plan
 * organisation: the client reads the plan before an organisation's first call.
 */
export const organizationHandlers = [
  http.get(/^https:\/\/[^/]+\/(books|invoice)\/v3\/organizations\/(\d+)$/, ({ request }) => {
    const id = new URL(request.url).pathname.split('/').at(-1) ?? '';
    return books({ organization: { organization_id: id, name: `Org ${id}`, plan_type: 130, plan_name: 'PROFESSIONAL', plan_period: 'Monthly' } });
  }),
];

/** An msw server started for the test file, reset between tests. Unhandled requests fail the test. */
export function useMswServer(): ReturnType<typeof setupServer> {
  const server = setupServer(...organizationHandlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** The access token every test client uses; tests assert it never leaks. */
export const TEST_TOKEN = '1000.test-access-token-5f2c9e';

/** A client for region `in`, Books org 60012345, static token, a manual clock that moves when idle. */
export function testClient(overrides: Partial<IntegrationClientOptions> = {}): { client: IntegrationClient; clock: ManualClock } {
  const clock = overrides.clock instanceof ManualClock ? overrides.clock : new ManualClock({ autoAdvance: true });
  const client = new IntegrationClient({
    region: 'in',
    finance: { app: 'books', organizationId: '60012345' },
    auth: { accessToken: TEST_TOKEN },
    clock,
    retry: { random: () => 0.5 },
    ...overrides,
  });
  return { client, clock };
}

/** A Books/Invoice success envelope. */
export function books(payload: Record<string, JsonBodyType>, init?: ResponseInit): Response {
  return HttpResponse.json({ code: 0, message: 'success', ...payload }, init);
}

/** A Books/Invoice error envelope. */
export function booksError(status: number, code: number, message: string, headers?: Record<string, string>): Response {
  return HttpResponse.json({ code, message }, { status, ...(headers ? { headers } : {}) });
}

/** A minimal valid Books contact. */
export function contact(id: number | string, name = `Customer ${id}`): Record<string, JsonBodyType> {
  return { contact_id: String(id), contact_name: name, contact_type: 'customer', status: 'active' };
}
