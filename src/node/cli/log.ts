import { InvalidArgumentError, Option, type Command } from 'commander';
import { failuresToCsv, type SyncReport } from '../../sync/index.js';
import { CliUsageError, EXIT, type ExitCode } from './exit-codes.js';
import { runLine } from './report-format.js';
import { withConfigOptions, type CliRuntime, type ConfigOptions } from './runtime.js';

/** Options of `fsm-billing-sync log`. */
export interface LogOptions extends ConfigOptions {
  limit: number;
  run?: string;
  reason?: string;
  csv?: boolean;
}

function positive(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a whole number ≥ 1, got ${JSON.stringify(text)}.`);
  return n;
}

async function runLog(cli: CliRuntime, options: LogOptions): Promise<ExitCode> {
  if (options.csv && options.json) throw new CliUsageError('Give --csv or --json, not both.', { flag: '--csv' });
  const session = await cli.session(options);
  const { syncer } = await session.syncer();
  let runs: SyncReport[];
  if (options.run !== undefined) {
    const one = await syncer.log.get(options.run);
    if (!one) throw new CliUsageError(`No run ${JSON.stringify(options.run)} in the sync log. "fsm-billing-sync log" lists the runs.`, { flag: '--run' });
    runs = [one];
  } else {
    runs = await syncer.log.list({ limit: options.limit });
  }
  if (options.csv) {
    // The SDK's export, one run after another; the header once.
    let header = true;
    for (const report of runs) {
      const csv = failuresToCsv(report, options.reason === undefined ? {} : { reason: options.reason });
      const lines = csv.split(/\r?\n/).filter((l) => l !== '');
      cli.io.stdout.write(`${(header ? lines : lines.slice(1)).join('\n')}${lines.length > (header ? 0 : 1) ? '\n' : ''}`);
      header = false;
    }
    if (runs.length === 0) cli.io.stdout.write(failuresToCsv({ failures: [] }));
    return EXIT.OK;
  }
  if (options.json) {
    for (const r of runs) {
      cli.json({
        type: 'run', runId: r.runId, startedAt: r.startedAt, finishedAt: r.finishedAt, status: r.status, dryRun: r.dryRun, durationMs: r.durationMs,
        toFinance: r.toFinance, toFsm: r.toFsm, conflicts: { total: r.conflicts.total, settled: r.conflicts.settled, manual: r.conflicts.manual }, apiCalls: r.apiCalls,
        failures: r.failures.filter((g) => options.reason === undefined || g.reason === options.reason).map(({ reason, title, direction, count }) => ({ reason, title, direction, count })),
      });
    }
    return EXIT.OK;
  }
  if (runs.length === 0) {
    cli.out('No runs in the sync log yet.');
    return EXIT.OK;
  }
  for (const r of runs) {
    cli.out(runLine(r));
    for (const g of r.failures) if (options.reason === undefined || g.reason === options.reason) cli.out(`    ${g.reason} ×${g.count} (${g.direction === 'toFinance' ? 'to finance' : 'to FSM'}): ${g.title}`);
  }
  return EXIT.OK;
}

/** Registers `fsm-billing-sync log`. */
export function registerLogCommand(program: Command, cli: CliRuntime): void {
  const command = program
    .command('log')
    .summary('runs and failures by reason, from the sync log')
    .description('Lists the last runs of the sync log (kept six months) with their failures grouped by reason; --csv exports the failed records.')
    .addOption(new Option('-n, --limit <n>', 'how many runs, newest first').argParser(positive).default(10))
    .option('--run <id>', 'one run only')
    .option('--reason <code>', 'one failure reason only (e.g. MANDATORY_FIELDS_EMPTY)')
    .option('--csv', 'the failed records as CSV (one row per record)');
  withConfigOptions(command);
  command.action(async (options: LogOptions) => cli.run('log', options, () => runLog(cli, options)));
}
