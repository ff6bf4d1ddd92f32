#!/usr/bin/env node
import { sandboxCommand } from './sandbox-command.js';

/** The `fsm-billing-sync` bin: one entry per command, each in its own module. */
const COMMANDS: Record<string, { summary: string; run: (argv: string[]) => Promise<number> }> = {
  sandbox: { summary: 'start an in-memory Zoho on a local HTTP port', run: sandboxCommand },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `Usage: fsm-billing-sync <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "fsm-billing-sync <command> --help" for a command's options.\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name === undefined ? 1 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`Unknown command ${JSON.stringify(name)}.\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    process.stderr.write(`fsm-billing-sync ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
