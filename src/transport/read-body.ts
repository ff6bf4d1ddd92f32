import { ResponseTooLargeError } from '../errors/response-too-large-error.js';

/**
 * Reads a reply's body as text, giving up as soon as it passes `maxBytes` so a runaway reply (a
 * proxy streaming garbage, a hostile server) never sits in memory whole.
 *
 * Cancelling is not awaited: when the body is one branch of a tee (fetch wrappers keep a clone),
 * its cancel settles only once the other branch is consumed, which may be never.
 */
export async function readBodyWithin(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    void response.body?.cancel().catch(() => undefined);
    throw new ResponseTooLargeError(maxBytes);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      void reader.cancel().catch(() => undefined);
      throw new ResponseTooLargeError(maxBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
