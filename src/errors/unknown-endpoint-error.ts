import { ApiError, type ApiErrorInit } from './api-error.js';

/**
 * Thrown when Zoho does not serve the URL called at all (HTTP 404 without a "record does not
 * exist" code; FSM `INVALID_URL_PATTERN`): a path the API does not have, which is a bug in the
 * calling code, or an endpoint the organisation's edition lacks (tax authorities outside the US
 * and Canada, for instance). Unlike {@link NotFoundError} it says nothing about any record: nothing
 * was read, written or deleted, so do not unlink or recreate anything because of it.
 */
export class UnknownEndpointError extends ApiError {
  override name = 'UnknownEndpointError';

  constructor(message: string, init: ApiErrorInit) {
    super(message, init, 'UNKNOWN_ENDPOINT');
  }
}
