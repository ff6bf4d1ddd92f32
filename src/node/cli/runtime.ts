import { Command, Option } from 'commander';
import { FsmBillingError } from '../../errors/fsm-billing-error.js';
import { configPath } from './config-file.js';
import { EXIT, exitCodeOf, type ExitCode } from './exit-codes.js';
import { redact } from './secrets.js';
import { CliSession } from './session.js';

/** The streams and environment the CLI runs with (the process's, in the bin). */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Options every command that reads the config takes. */
export interface ConfigOptions {
  config?: string;
  json?: boolean;
}

/**
 * What commands share: the streams, the exit code being built, the secrets to keep out of output,
 * and the way a command body runs (errors become a message and an exit code).
 */
export class CliRuntime {
  readonly io: CliIo;
  /** Set by the command that ran. */
  exitCode: ExitCode = EXIT.OK;
  readonly #secrets: string[] = [];
  readonly #sessions: CliSession[] = [];

  constructor(io: CliIo) {
    this.io = io;
  }

  /** True when questions can be asked: stdin and stdout are terminals. */
  get interactive(): boolean {
    return this.io.stdin.isTTY === true && this.io.stdout.isTTY === true;
  }

  /** Values never to print (added by sessions and `init`). */
  hide(...values: Array<string | undefined>): void {
    for (const v of values) if (typeof v === 'string' && v.length >= 4 && !this.#secrets.includes(v)) this.#secrets.push(v);
  }

  /** Writes a line to stdout, secrets masked. */
  out(line = ''): void {
    this.io.stdout.write(`${redact(line, this.#secrets)}\n`);
  }

  /** Writes one JSON line to stdout, secrets masked. */
  json(value: unknown): void {
    this.out(JSON.stringify(value));
  }

  /** Writes a line to stderr, secrets masked. */
  err(line: string): void {
    this.io.stderr.write(`${redact(line, this.#secrets)}\n`);
  }

  /** The config file path for `--config`. */
  configFile(options: ConfigOptions): string {
    return configPath(options.config, this.io.env, this.io.cwd);
  }

  /** Opens the config's session (closed when the command ends); its secrets are masked from then on. */
  async session(options: ConfigOptions): Promise<CliSession> {
    const session = await CliSession.open(this.configFile(options), this.io.env);
    this.hide(...session.secrets.values);
    this.#sessions.push(session);
    return session;
  }

  /** Runs a command body: its result is the exit code; a thrown error is printed (JSON too with `--json`) and mapped to a code. */
  async run(name: string, options: { json?: boolean }, body: () => Promise<ExitCode>): Promise<void> {
    try {
      this.exitCode = await body();
    } catch (error) {
      this.exitCode = exitCodeOf(error);
      const code = error instanceof FsmBillingError ? error.code : undefined;
      const message = error instanceof Error ? error.message : String(error);
      if (options.json) this.json({ type: 'error', ...(code ? { code } : {}), message, exitCode: this.exitCode });
      this.err(`fsm-billing-sync ${name}: ${message}${code ? ` [${code}]` : ''}`);
      if (this.exitCode === EXIT.INTERNAL && error instanceof Error && error.stack) this.err(error.stack);
    } finally {
      for (const session of this.#sessions.splice(0)) session.close();
    }
  }
}

/** The `--config` and `--json` options, added to a command. */
export function withConfigOptions(command: Command, json = true): Command {
  command.addOption(new Option('-c, --config <file>', 'config file (default ./.fsm-billing-sync/config.json, or $FSM_BILLING_SYNC_CONFIG)'));
  if (json) command.option('--json', 'print JSON lines instead of text');
  return command;
}
