/** One Books or Invoice call as it crossed the wire: what was sent and what came back. */
export interface Exchange {
  seq: number;
  app: 'books' | 'invoice';
  method: string;
  /** Below `/books/v3` or `/invoice/v3`, e.g. `/contacts/460000000000003`. */
  path: string;
  /** Query parameters in the order sent. */
  query: Array<[string, string]>;
  /** True when an Invoice call named its organisation in the `X-com-zoho-invoice-organizationid` header. */
  invoiceOrgHeader: boolean;
  /** The parsed JSON body (or the `JSONString` form field), `undefined` when none was sent. */
  requestBody: unknown;
  status: number;
  replyBody: unknown;
}

const FINANCE_PATH = /^\/(books|invoice)\/v3(\/.*)$/;

async function readRequestBody(request: Request): Promise<unknown> {
  const text = await request.clone().text();
  if (text.trim() === '') return undefined;
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded')) {
    const json = new URLSearchParams(text).get('JSONString');
    return json === null ? text : JSON.parse(json);
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function readReplyBody(response: Response): Promise<unknown> {
  const text = await response.clone().text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Wraps a `fetch` (the sandbox's) so every Books/Invoice exchange is appended to `log`; calls to
 * other hosts and APIs (accounts, FSM) pass through unrecorded. A dropped connection records
 * nothing: nothing came back to check.
 */
export function recordingFetch(inner: typeof fetch, log: Exchange[]): typeof fetch {
  const wrapped = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const url = new URL(request.url);
    const finance = FINANCE_PATH.exec(url.pathname);
    if (!finance) return inner(request);
    const requestBody = await readRequestBody(request);
    const response = await inner(request);
    log.push({
      seq: log.length + 1,
      app: finance[1] as 'books' | 'invoice',
      method: request.method.toUpperCase(),
      path: finance[2] ?? '/',
      query: [...url.searchParams.entries()],
      invoiceOrgHeader: request.headers.has('x-com-zoho-invoice-organizationid'),
      requestBody,
      status: response.status,
      replyBody: await readReplyBody(response),
    });
    return response;
  };
  return wrapped as typeof fetch;
}
