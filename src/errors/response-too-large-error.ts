import { ApiError } from './api-error.js';

/**
 * Thrown when a reply is larger than the transport's `maxResponseBytes`. The reply is dropped
 * unread past the bound; raise the bound only if you expect replies that large from Zoho.
 */
export class ResponseTooLargeError extends ApiError {
  override name = 'ResponseTooLargeError';
  readonly maxBytes: number;

  constructor(maxBytes: number, method?: string, url?: string) {
    super(
      `The reply${method ? ` to ${method} ${url ?? ''}` : ''} is larger than ${maxBytes} bytes and was refused unread. Raise maxResponseBytes in createFetchTransport() if such replies are expected.`,
      { status: 0, method, url, details: { maxBytes } },
      'RESPONSE_TOO_LARGE',
    );
    this.maxBytes = maxBytes;
  }

  /** The same error, naming the request it belongs to. */
  withRequest(method: string, url: string): ResponseTooLargeError {
    return new ResponseTooLargeError(this.maxBytes, method, url);
  }
}
