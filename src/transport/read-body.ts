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
  const stop = (): void => void reader.cancel(signal?.reason).catch(() => undefined);
  // A fetch that ignores the signal once headers arrived (some wrappers do) is stopped here anyway.
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => {
      reject(signal?.reason);
      stop();
    };
  });
  aborted.catch(() => undefined);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      // A fetch may end the body quietly when the signal aborts: a cut body is not a reply.
      if (signal?.aborted) throw signal.reason;
      if (done) break;
      received += value.byteLength;
      if (received > maxBytes) {
        stop();
        throw new ResponseTooLargeError(maxBytes);
      }
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  return text + decoder.decode();
}
