import { ApiError, type ApiErrorInit } from './api-error.js';

/**
 * Thrown when Zoho says the record does not exist: Books/Invoice code 1002 ("Contact does not
 * exist."), FSM `RECORD_NOT_FOUND` or another HTTP 404 about a record. The record may have been
 * deleted in Zoho, or the id belongs to another organisation: unlink it or create it again.
 * A URL Zoho does not serve at all is an {@link UnknownEndpointError} instead.
 */
export class NotFoundError extends ApiError {
  override name = 'NotFoundError';

  constructor(message: string, init: ApiErrorInit) {
    super(message, init, 'NOT_FOUND');
  }
}
