import { ApiError, type ApiErrorInit } from './api-error.js';

/**
 * Thrown when the record, organisation or URL does not exist (HTTP 404, Zoho code 1002, FSM
 * `INVALID_URL_PATTERN`/`RECORD_NOT_FOUND`). The record may have been deleted in Zoho: unlink it
 * or create it again.
 */
export class NotFoundError extends ApiError {
  override name = 'NotFoundError';

  constructor(message: string, init: ApiErrorInit) {
    super(message, init, 'NOT_FOUND');
  }
}
