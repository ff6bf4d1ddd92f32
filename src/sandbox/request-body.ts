/** The body could not be read as JSON. */
export class BodyParseError extends Error {
  override name = 'BodyParseError';
}

/**
 * Reads a Books/Invoice or FSM request body: raw JSON, or the legacy form field `JSONString`
 * (in a form body or the query string). An empty body is `{}`.
 */
export async function readBody(request: Request, url: URL): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  const text = request.body === null ? '' : await request.text();
  if (type.includes('application/x-www-form-urlencoded')) {
    return parseJsonString(new URLSearchParams(text).get('JSONString'));
  }
  if (type.includes('multipart/form-data')) {
    const form = await new Response(text, { headers: { 'content-type': type } }).formData();
    const value = form.get('JSONString');
    return parseJsonString(typeof value === 'string' ? value : null);
  }
  if (text.trim() !== '') return parseJson(text);
  return parseJsonString(url.searchParams.get('JSONString'));
}

function parseJsonString(value: string | null): unknown {
  return value === null || value.trim() === '' ? {} : parseJson(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BodyParseError('The body is not valid JSON', { cause: error });
  }
}

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
