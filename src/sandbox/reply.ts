/**
 * What a sandbox handler answers, before it becomes a `Response`. Kept as data so faults can
 * rewrite it (schema drift) or drop it (lost acknowledgement) after the handler ran.
 */
export interface Reply {
  status: number;
  /** A JSON body; `undefined` for none (HTTP 204) or when `text` is set. */
  body?: unknown;
  /** A non-JSON body (an HTML error page from a proxy). */
  text?: string;
  headers?: Record<string, string>;
}

/** A JSON reply. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, body, headers };
}

/** Turns a reply into a WHATWG `Response`. */
export function toResponse(reply: Reply): Response {
  const headers = new Headers(reply.headers);
  if (reply.status === 204 || reply.status === 304) return new Response(null, { status: reply.status, headers });
  if (reply.text !== undefined) {
    if (!headers.has('content-type')) headers.set('content-type', 'text/plain;charset=UTF-8');
    return new Response(reply.text, { status: reply.status, headers });
  }
  headers.set('content-type', 'application/json;charset=UTF-8');
  return new Response(JSON.stringify(reply.body ?? null), { status: reply.status, headers });
}

/** Tells a reply from a stored record or other result object. */
export function isReply(value: object): value is Reply {
  return 'status' in value && typeof (value as { status: unknown }).status === 'number';
}
