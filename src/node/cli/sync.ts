import { InvalidArgumentError, type Command } from 'commander';
import { SYNC_ENTITIES, type SyncEntity } from '../../sync/index.js';
import { ConfigError } from '../../errors/config-error.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { bindAndOnboard, printOnboarded } from './onboard.js';
import { ProgressDisplay } from './progress-display.js';
import { formatReport, reportExitCode } from './report-format.js';
import { withConfigOptions, type CliRuntime, type ConfigOptions } from './runtime.js';

/** Options of `fsm-billing-sync sync`. */
export interface SyncOptions extends ConfigOptions {
  dryRun?: boolean;
  fullScan?: boolean;
  entities?: SyncEntity[];
}

/** `companies,items` → the entities, checked. */
export function parseEntities(text: string): SyncEntity[] {
  const list = text.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = list.filter((e) => !(SYNC_ENTITIES as readonly string[]).includes(e));
  if (list.length === 0 || unknown.length > 0) throw new InvalidArgumentError(`expected a comma-separated list of ${SYNC_ENTITIES.join(', ')}; got ${JSON.stringify(text)}.`);
  return [...new Set(list)] as SyncEntity[];
}

async function runSync(cli: CliRuntime, options: SyncOptions): Promise<ExitCode> {
  const session = await cli.session(options);
  const bound = await session.selector(session.client()).binding();
  if (!bound) {
    const organizationId = session.config.finance.organizationId;
    if (organizationId === undefined) throw new ConfigError('No finance organisation is bound yet. Run "fsm-billing-sync onboard" first.', { details: { option: 'finance.organizationId' } });
    if (!options.json) cli.out(`Not onboarded yet: binding ${session.config.finance.app} ${organizationId} first.`);
    const report = await bindAndOnboard(session, { choice: session.config.finance.app === 'books' ? 'existing_books' : 'existing_invoice', organizationId });
    if (options.json) cli.json({ type: 'onboarded', binding: report.binding, complete: report.complete });
    else printOnboarded(cli, report);
  }
  const { syncer } = await session.syncer(options.entities);
  const mode = options.json ? 'json' : cli.io.stdout.isTTY ? 'live' : 'plain';
  const display = new ProgressDisplay({ mode, stream: cli.io.stdout });
  syncer.on('progress', (event) => display.update(event));
  const controller = new AbortController();
  const onSignal = () => controller.abort(Object.assign(new Error('Interrupted: the run stopped between records; what it did is committed.'), { name: 'AbortError' }));
  process.once('SIGINT', onSignal);
  try {
    if (!options.json) cli.out(`${options.dryRun ? 'Dry run' : 'Syncing'} FSM ↔ ${session.config.finance.app} (${(options.entities ?? SYNC_ENTITIES).join(', ')})${options.fullScan ? ', full scan' : ''}`);
    const report = await syncer.run({ signal: controller.signal, ...(options.dryRun ? { dryRun: true } : {}), ...(options.fullScan ? { fullScan: true } : {}) });
    display.stop();
    if (options.json) cli.json({ type: 'report', report });
    else for (const line of formatReport(report)) cli.out(line);
    return reportExitCode(report);
  } finally {
    display.stop();
    process.off('SIGINT', onSignal);
  }
}

/** Registers `fsm-billing-sync sync`. */
export function registerSyncCommand(program: Command, cli: CliRuntime): void {
  const command = program
    .command('sync')
    .summary('one two-way sync run, with live progress and a report')
    .description('Runs the two-way sync once: progress per entity and side while it runs (plain lines when stdout is not a terminal), then the report. Exit 1 when records failed or conflicts wait for you.')
    .option('--dry-run', 'read and plan only: nothing is written to either side or to the state')
    .option('--full-scan', 'read every record of both sides (sees deletes)')
    .option('--entities <list>', `what to sync, comma-separated: ${SYNC_ENTITIES.join(',')}`, parseEntities);
  withConfigOptions(command);
  command.action(async (options: SyncOptions) => cli.run('sync', options, () => runSync(cli, options)));
}
