#!/usr/bin/env node
// The `fsm-billing-sync` bin: the commands live in ./cli/, one module each (docs/cli.md).
import { runCli } from './cli/program.js';

// A reader that stops early (`fsm-billing-sync log --csv | head`) closes the pipe: that ends the
// output, not the command with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  },
);
