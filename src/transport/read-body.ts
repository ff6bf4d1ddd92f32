import { ResponseTooLargeError } from '../errors/response-too-large-error.js';

/**
 * Reads a reply's body as text, giving up as soon as it passes `maxBytes` so a runaway reply (a
 * proxy streaming garbage, a hostile server) never sits in memory whole, and as soon as `signal`
 * aborts (the exchange's deadline, or the caller), so a server that drips one byte at a time
 * cannot hold the call past its deadline. On abort it rejects with the signal's reason.
 *
 * Cancelling is not awaited: when the body is one branch of a tee (fetch wrappers keep a clone),
 * its cancel settles only once the other branch is consumed, which may be never.
 */
export async function readBodyWithin(response: Response, maxBytes: number, signal?: AbortSignal): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    void response.body?.cancel().catch(() => undefined);
    throw new ResponseTooLargeError(maxBytes);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  // Cancelling the reader settles a pending read at once (done), even when the source ignores the
  // cancel: the loop then sees the aborted signal. No race per chunk is needed.
  const onAbort = (): void => void reader.cancel(signal?.reason).catch(() => undefined);
  if (signal?.aborted) {
    onAbort();
    throw signal.reason;
  }
  signal?.addEventListener('abort', onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      // A fetch may end the body quietly when the signal aborts: a cut body is not a reply.
      if (signal?.aborted) throw signal.reason;
      if (done) break;
      received += value.byteLength;
      if (received > maxBytes) {
        void reader.cancel().catch(() => undefined);
        throw new ResponseTooLargeError(maxBytes);
      }
      chunks.push(value);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  return utf8.decode(chunks.length === 1 ? chunks[0] : joined(chunks, received));
}

/** One decoder for every reply: a whole-buffer decode keeps no state between calls. */
const utf8 = /* @__PURE__ */ new TextDecoder();

function joined(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const all = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}
