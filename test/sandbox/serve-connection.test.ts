import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.js';
import { SANDBOX_CONNECTION_PATH, serveSandbox, type SandboxServer } from '../../src/node/serve-sandbox.js';

const servers: SandboxServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

describe('serveSandbox: the connection details path', () => {
  it('answers GET /__sandbox/connection only when given `connection`, read at each request', async () => {
    const sandbox = createSandbox({ seed: 1, records: 2 });
    const plain = await serveSandbox(sandbox, { port: 0 });
    servers.push(plain);
    const refused = await fetch(`${plain.url}${SANDBOX_CONNECTION_PATH}`);
    expect(refused.status).toBe(404);
    await refused.arrayBuffer();

    let calls = 0;
    const served = await serveSandbox(sandbox, { port: 0, connection: () => ({ calls: ++calls }) });
    servers.push(served);
    const first = await fetch(`${served.url}${SANDBOX_CONNECTION_PATH}`);
    expect(first.headers.get('content-type')).toBe('application/json');
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(await first.json()).toEqual({ calls: 1 });
    expect(await (await fetch(`${served.url}${SANDBOX_CONNECTION_PATH}?x=1`)).json()).toEqual({ calls: 2 });
    // Other paths still reach the sandbox.
    const books = await fetch(`${served.url}/books/v3/organizations`);
    expect(books.status).toBe(401);
    await books.arrayBuffer();
  });
});
