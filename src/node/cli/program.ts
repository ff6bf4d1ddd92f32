import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { registerConflictsCommand } from './conflicts.js';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.js';
import { registerInitCommand } from './init.js';
import { registerLogCommand } from './log.js';
import { registerOnboardCommand } from './onboard.js';
import { CliRuntime, type CliIo } from './runtime.js';
import { registerSandboxCommand } from './sandbox.js';
import { SECRET_ENV } from './secrets.js';
import { registerStatusCommand } from './status.js';
import { registerSyncCommand } from './sync.js';

const ENV_HELP = `Environment:
  ${SECRET_ENV.clientId}, ${SECRET_ENV.clientSecret}, ${SECRET_ENV.refreshToken}   OAuth credentials (win over the secrets file)
  ${SECRET_ENV.accessToken}   an access token instead of a refresh token
  FSM_BILLING_SYNC_CONFIG   the config file (default ./.fsm-billing-sync/config.json)`;

/** The package's version, from the nearest package.json named fsm-billing-sync above this module. */
export function packageVersion(): string {
  try {
    let dir = dirname(fileURLToPath(import.meta.url));
    for (let i = 0; i < 6; i++, dir = dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'fsm-billing-sync' && typeof pkg.version === 'string') return pkg.version;
      } catch {
        // No package.json here: look one level up.
      }
    }
  } catch {
    // No module URL (a CommonJS bundle): the version is not known.
  }
  return 'unknown';
}

/** The `fsm-billing-sync` program (commander), writing to `cli`'s streams. */
export function buildProgram(cli: CliRuntime): Command {
  const program = new Command('fsm-billing-sync')
    .description('Bind Zoho FSM (or your own field-service backend) to Zoho Books or Invoice, and keep them in sync.')
    .usage('<command> [options]')
    .version(packageVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (s) => cli.io.stdout.write(s),
      writeErr: (s) => cli.io.stderr.write(s),
    })
    .addHelpText('after', `\n${ENV_HELP}\n\n${EXIT_CODES_HELP}\n\nDocs: docs/cli.md`);
  registerInitCommand(program, cli);
  registerOnboardCommand(program, cli);
  registerSyncCommand(program, cli);
  registerStatusCommand(program, cli);
  registerConflictsCommand(program, cli);
  registerLogCommand(program, cli);
  registerSandboxCommand(program, cli);
  return program;
}

/**
 * Runs the CLI on `argv` (without node and the script) and resolves with the exit code
 * (docs/cli.md has the table). Nothing is thrown: errors are printed.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2));
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() }): Promise<number> {
  const cli = new CliRuntime(io);
  const program = buildProgram(cli);
  if (argv.length === 0) {
    io.stderr.write(program.helpInformation());
    return EXIT.USAGE;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) return EXIT.OK;
      return EXIT.USAGE;
    }
    throw error;
  }
  return cli.exitCode;
}
