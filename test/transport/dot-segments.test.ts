import { describe, expect, it } from 'vitest';
import { IntegrationClient } from '../../src/client/integration-client.js';
import { ValidationError } from '../../src/errors/validation-error.js';
import { ManualClock } from '../../src/manual-clock.js';
import type { Transport, TransportRequest } from '../../src/transport/transport.js';

function countingClient(): { client: IntegrationClient; sent: TransportRequest[] } {
  const sent: TransportRequest[] = [];
  const transport: Transport = {
    send: async (request) => {
      sent.push(request);
      return { status: 200, headers: {}, body: { code: 0, message: 'success', data: [] } };
    },
  };
  const client = new IntegrationClient({
    region: 'in',
    finance: { app: 'books', organizationId: '60012345' },
    auth: { accessToken: 'dot-segment-token' },
    transport,
    limits: { plan: 'premium' },
    clock: new ManualClock({ autoAdvance: true }),
  });
  return { client, sent };
}

const HOSTILE = [
  '/contacts/%2e%2e%2fsettings',
  '/contacts/%2E%2E%2Fsettings',
  '/contacts/%2E%2E/settings',
  '/contacts/%2e%2e',
  '/contacts/..',
  '/contacts/../settings',
  '/contacts/.%2e/settings',
  '/contacts/%2e./settings',
  '/contacts/%252e%252e%252fsettings',
  '/contacts/..%5csettings',
  '/contacts/..\\settings',
  '/contacts/./1',
  '/contacts/..;/settings',
  '/contacts/%%32e%%32e',
];

describe('raw paths with dot segments in any encoding are refused, not sent', () => {
  it.each(HOSTILE)('%s: ValidationError INVALID_INPUT, nothing sent', async (path) => {
    const { client, sent } = countingClient();
    for (const service of ['books', 'fsm'] as const) {
      const error = await client.request({ service, method: 'GET', path, ...(service === 'books' ? { organizationId: '60012345' } : {}) }).catch((e: unknown) => e);
      expect(error, `${service} ${path}`).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['path'], code: 'dot_segment' }] });
    }
    expect(sent.map((r) => r.url)).toEqual([]);
  });

  it.each(['/contacts/460000000026049', '/contacts/460000000026049/contactpersons', '/settings/taxes?filter_by=Status.Active', '/Contacts/1.5/x.y'])('%s is sent', async (path) => {
    const { client, sent } = countingClient();
    await client.request({ service: 'books', method: 'GET', path, organizationId: '60012345' });
    expect(sent).toHaveLength(1);
  });
});
