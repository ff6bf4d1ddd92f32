import { ApiError } from './api-error.js';

/**
 * Thrown when a server answers with a redirect (any 3xx, or a browser's opaque redirect). The SDK
 * never follows one, for the token endpoint and API calls alike: following it would send the
 * credentials, the access token or the record to whatever host the `Location` names. The location
 * was not followed and is not quoted; `status` says which redirect it was. Not retried.
 *
 * A redirect from Zoho's own hosts means a wrong region or base URL; anywhere else it is a proxy or
 * an attacker in the path. Check the client's `region` and any proxy in front of it.
 */
export class RedirectRefusedError extends ApiError {
  override name = 'RedirectRefusedError';

  constructor(status: number, method: string, url: string) {
    const where = withoutQuery(url);
    super(
      `${method} ${where} was answered with a redirect (HTTP ${status === 0 ? 'opaque redirect' : status}); the SDK refuses redirects, so the location was not followed and nothing was sent there. Check the client's region and any proxy between the SDK and Zoho.`,
      { status, method, url: where },
      'REDIRECT_REFUSED',
    );
  }
}

/** Origin and path only: no user info, query or fragment is quoted. */
function withoutQuery(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    const at = url.search(/[?#]/);
    return at === -1 ? url : url.slice(0, at);
  }
}
