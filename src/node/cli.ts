#!/usr/bin/env node
// The `fsm-billing-sync` bin: the commands live in ./cli/, one module each (docs/cli.md).
import { runCli } from './cli/program.js';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  },
);
