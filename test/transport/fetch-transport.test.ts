import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { NetworkError } from '../../src/errors/network-error.js';
import { ResponseTooLargeError } from '../../src/errors/response-too-large-error.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import { useMswServer } from '../helpers/msw-zoho.js';

const server = useMswServer();
const URL_ = 'https://www.zohoapis.com/books/v3/echo';

describe('createFetchTransport', () => {
  it('sends JSON bodies as application/json and parses a JSON reply', async () => {
    let seen: { type: string | null; body: unknown } = { type: null, body: null };
    server.use(
      http.post(URL_, async ({ request }) => {
        seen = { type: request.headers.get('content-type'), body: await request.json() };
        return HttpResponse.json({ code: 0, message: 'ok' }, { status: 201, headers: { 'X-Custom': 'Yes' } });
      }),
    );
    const reply = await createFetchTransport().send({ method: 'POST', url: URL_, headers: {}, body: { a: 1 } });
    expect(seen).toEqual({ type: expect.stringContaining('application/json'), body: { a: 1 } });
    expect(reply).toEqual({ status: 201, headers: expect.objectContaining({ 'x-custom': 'Yes' }), body: { code: 0, message: 'ok' } });
  });

  it('sends URLSearchParams as a form', async () => {
    let seen = '';
    server.use(
      http.post(URL_, async ({ request }) => {
        seen = `${request.headers.get('content-type')}|${await request.text()}`;
        return HttpResponse.json({});
      }),
    );
    await createFetchTransport().send({ method: 'POST', url: URL_, headers: {}, body: new URLSearchParams({ grant_type: 'refresh_token' }) });
    expect(seen).toBe('application/x-www-form-urlencoded;charset=UTF-8|grant_type=refresh_token');
  });

  it('resolves for error statuses, returns non-JSON text as is, and an empty body as undefined', async () => {
    server.use(
      http.get(URL_, () => new HttpResponse('<html>oops</html>', { status: 503, headers: { 'content-type': 'text/html' } })),
      http.delete(URL_, () => new HttpResponse(null, { status: 204 })),
    );
    const transport = createFetchTransport();
    await expect(transport.send({ method: 'GET', url: URL_, headers: {} })).resolves.toMatchObject({ status: 503, body: '<html>oops</html>' });
    await expect(transport.send({ method: 'DELETE', url: URL_, headers: {} })).resolves.toMatchObject({ status: 204, body: undefined });
  });

  it('refuses a reply larger than maxResponseBytes, declared or streamed, without reading it whole', async () => {
    const big = 'x'.repeat(10_000);
    server.use(
      http.get(`${URL_}/declared`, () => new HttpResponse(big, { headers: { 'content-length': String(big.length) } })),
      http.get(`${URL_}/streamed`, () => {
        let sent = 0;
        const stream = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent > 1_000_000) return controller.close();
            sent += 1000;
            controller.enqueue(new TextEncoder().encode('y'.repeat(1000)));
          },
        });
        return new HttpResponse(stream);
      }),
    );
    const transport = createFetchTransport({ maxResponseBytes: 4096 });
    await expect(transport.send({ method: 'GET', url: `${URL_}/declared`, headers: {} })).rejects.toBeInstanceOf(ResponseTooLargeError);
    const error = await transport.send({ method: 'GET', url: `${URL_}/streamed`, headers: {} }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RESPONSE_TOO_LARGE', maxBytes: 4096 });
  });

  it('turns a dropped connection into a NetworkError whose cause carries no request headers', async () => {
    server.use(http.get(URL_, () => HttpResponse.error()));
    const error = await createFetchTransport()
      .send({ method: 'GET', url: URL_, headers: { authorization: 'Zoho-oauthtoken SECRET-TOKEN' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'NETWORK_ERROR' });
    expect(JSON.stringify(error) + String((error as Error).cause)).not.toContain('SECRET-TOKEN');
  });

  it('times out with code TIMEOUT', async () => {
    server.use(
      http.get(URL_, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    await expect(createFetchTransport({ timeoutMs: 30 }).send({ method: 'GET', url: URL_, headers: {} })).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('rejects with the caller\'s abort reason, not a NetworkError', async () => {
    server.use(
      http.get(URL_, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const controller = new AbortController();
    const pending = createFetchTransport().send({ method: 'GET', url: URL_, headers: {}, signal: controller.signal });
    controller.abort(new Error('cancelled by caller'));
    await expect(pending).rejects.toThrow('cancelled by caller');
  });

  it('aborts the exchange\'s signal once the reply is read, so fetch lets go of it at once; the reply is whole', async () => {
    const seen: Request[] = [];
    const transport = createFetchTransport({
      fetch: (input, init) => {
        const request = input as Request;
        seen.push(request);
        expect(request.signal.aborted).toBe(false);
        return globalThis.fetch(request, init);
      },
    });
    server.use(http.get(URL_, () => HttpResponse.json({ code: 0, rows: ['a', 'b'] })));
    const reply = await transport.send({ method: 'GET', url: URL_, headers: {} });
    expect(reply).toMatchObject({ status: 200, body: { code: 0, rows: ['a', 'b'] } });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.signal.aborted).toBe(true);
    expect((seen[0]?.signal.reason as DOMException).name).toBe('AbortError');
  });
});

describe('the 0.1 name', () => {
  it('createKyTransport is createFetchTransport, from the main entry too', async () => {
    const main = await import('../../src/index.js');
    expect(main.createKyTransport).toBe(main.createFetchTransport);
  });
});
