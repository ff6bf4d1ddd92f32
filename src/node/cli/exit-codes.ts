import { FsmBillingError } from '../../errors/fsm-billing-error.js';

/**
 * The exit codes of the `fsm-billing-sync` CLI. Stable across releases: scripts and schedulers
 * branch on them (docs/cli.md has the same table).
 */
export const EXIT = {
  /** Done, nothing left to look at. */
  OK: 0,
  /** Done, but with something to look at: records that failed, conflicts left to settle, an unhealthy binding. */
  PROBLEMS: 1,
  /** Bad command line: unknown command or option, a bad value, a missing answer with no terminal to ask on. */
  USAGE: 2,
  /** Configuration or credentials: no or bad config file, a missing secret, Zoho refusing the credentials, no binding yet. */
  CONFIG: 3,
  /** Zoho or the network failed the command (API errors, refused calls, a run stopped because calls kept failing). */
  API: 4,
  /** The finance organisation's daily API budget is spent: run again after the time printed. */
  DAILY_LIMIT: 5,
  /** Another sync of the same binding is running (or an import from Books). */
  BUSY: 6,
  /** An unexpected error: a bug; the message and stack are printed. */
  INTERNAL: 70,
  /** Interrupted (Ctrl+C / SIGINT): a sync stops between records, what it did is committed. */
  INTERRUPTED: 130,
} as const;

/** One of the {@link EXIT} codes. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit-code table as the CLI's help prints it. */
export const EXIT_CODES_HELP = `Exit codes:
  0    done
  1    done, with failed records, open conflicts or health problems to look at
  2    usage error (unknown option, bad value, a question with no terminal to ask it on, an id that is not there)
  3    configuration or credentials (no config file, missing secret, Zoho refused the credentials, not onboarded)
  4    Zoho or the network failed the command
  5    the finance organisation's daily API budget is spent (run again after the time printed)
  6    another sync of the same binding is running
  70   internal error (a bug)
  130  interrupted (Ctrl+C)`;

/** Thrown for a bad command line: exits with {@link EXIT.USAGE}. `code` is `INVALID_USAGE`. */
export class CliUsageError extends FsmBillingError {
  override name = 'CliUsageError';

  constructor(message: string, details: Record<string, unknown> = {}) {
    super('INVALID_USAGE', message, { details });
  }
}

const BUSY_CODES = new Set(['SYNC_ALREADY_RUNNING', 'IMPORT_IN_PROGRESS', 'TAX_OPERATION_RUNNING']);

/** The exit code an error ends a command with. */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof CliUsageError) return EXIT.USAGE;
  if (isAbort(error)) return EXIT.INTERRUPTED;
  if (error instanceof FsmBillingError) {
    if (error.name === 'ValidationError' && error.code === 'INVALID_INPUT') return EXIT.USAGE;
    if (error.code === 'DAILY_LIMIT_REACHED') return EXIT.DAILY_LIMIT;
    if (BUSY_CODES.has(error.code)) return EXIT.BUSY;
    if (error.name === 'ConfigError' || error.name === 'AuthError') return EXIT.CONFIG;
    // An org the rules refuse or not the user's, a conflict id not open: what the command line named was wrong.
    if (error.name === 'EligibilityError' || error.code === 'SYNC_CONFLICT_NOT_FOUND') return EXIT.USAGE;
    return EXIT.API;
  }
  return EXIT.INTERNAL;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || (error as { code?: unknown }).code === 'ABORT_ERR');
}
