export { FsmBillingError, type FsmBillingErrorOptions } from './fsm-billing-error.js';
export { ApiError, type ApiErrorInit } from './api-error.js';
export { NotFoundError } from './not-found-error.js';
export { RateLimitError, type RateLimitKind } from './rate-limit-error.js';
export { AuthError, type AuthErrorCode } from './auth-error.js';
export { ValidationError, type ValidationIssue, type ValidationErrorCode } from './validation-error.js';
export { ConfigError } from './config-error.js';
export { NetworkError } from './network-error.js';
export { ResponseTooLargeError } from './response-too-large-error.js';
