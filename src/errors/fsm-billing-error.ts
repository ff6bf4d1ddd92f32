/** Options shared by every error of the SDK. */
export interface FsmBillingErrorOptions {
  /** Structured facts about the failure (ids, paths, HTTP status). Never holds a token or secret. */
  details?: Record<string, unknown>;
  /** The underlying error, kept for debugging. */
  cause?: unknown;
}

/**
 * The base class of every error the SDK throws.
 *
 * `code` is stable across releases (the catalogue is docs/errors.md): branch on it, not on the
 * message. `message` says what happened and what to do. `details` holds structured facts.
 *
 * @example
 * ```ts
 * try { await client.finance.contacts.get(id); }
 * catch (error) {
 *   if (error instanceof FsmBillingError && error.code === 'NOT_FOUND') { ... }
 * }
 * ```
 */
export class FsmBillingError extends Error {
  override name = 'FsmBillingError';
  /** A stable, machine-readable code from the catalogue in docs/errors.md. */
  readonly code: string;
  /** Structured facts about the failure. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, options: FsmBillingErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = Object.freeze({ ...(options.details ?? {}) });
  }

  /** A plain, serialisable view (what `JSON.stringify(error)` writes). */
  toJSON(): { name: string; code: string; message: string; details: Readonly<Record<string, unknown>> } {
    return { name: this.name, code: this.code, message: this.message, details: this.details };
  }
}
