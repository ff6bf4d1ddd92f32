import { Argument, type Command } from 'commander';
import type { SyncConflict } from '../../sync/index.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { withConfigOptions, type CliRuntime, type ConfigOptions } from './runtime.js';

const shown = (v: unknown): string => (v === undefined || v === null || v === '' ? '(blank)' : typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v));

/** One conflict as lines. */
export function conflictLines(c: SyncConflict): string[] {
  return [
    `${c.id}`,
    `  ${c.entity} (${c.module}) FSM ${c.fsmId} ↔ finance ${c.financeId}, field ${c.field.fsm} ↔ ${c.field.finance}, seen ${c.detectedAt}`,
    `  FSM ${shown(c.fsmValue)}${c.fsmModifiedTime ? ` (${c.fsmModifiedTime})` : ''}  vs  finance ${shown(c.financeValue)}${c.financeModifiedTime ? ` (${c.financeModifiedTime})` : ''}  was ${shown(c.baseFsmValue)}`,
  ];
}

async function runList(cli: CliRuntime, options: ConfigOptions): Promise<ExitCode> {
  const session = await cli.session(options);
  const { syncer } = await session.syncer();
  const open = await syncer.conflicts.list();
  if (options.json) for (const c of open) cli.json({ type: 'conflict', ...c });
  else if (open.length === 0) cli.out('No open conflicts.');
  else {
    for (const c of open) for (const line of conflictLines(c)) cli.out(line);
    cli.out(`${open.length} open. Settle one with: fsm-billing-sync conflicts resolve <id> fsm|finance`);
  }
  return EXIT.OK;
}

async function runResolve(cli: CliRuntime, id: string, side: 'fsm' | 'finance', options: ConfigOptions): Promise<ExitCode> {
  const session = await cli.session(options);
  const { syncer } = await session.syncer();
  await syncer.conflicts.resolve(id, side);
  if (options.json) cli.json({ type: 'resolved', id, side });
  else cli.out(`Resolved ${id}: the next sync writes the ${side === 'fsm' ? 'FSM' : 'finance'} value to the other side.`);
  return EXIT.OK;
}

/** Registers `fsm-billing-sync conflicts list|resolve`. */
export function registerConflictsCommand(program: Command, cli: CliRuntime): void {
  const conflicts = program.command('conflicts').summary('list open conflicts, resolve one').description('Conflicts the "manual" policy left to you.');
  const list = conflicts.command('list').description('Lists the open conflicts, oldest first.');
  withConfigOptions(list);
  list.action(async (options: ConfigOptions) => cli.run('conflicts list', options, () => runList(cli, options)));
  const resolve = conflicts
    .command('resolve')
    .description('Settles one conflict: the next sync writes the chosen side\'s value to the other side.')
    .argument('<id>', 'the conflict id, as "conflicts list" prints it')
    .addArgument(new Argument('<side>', 'the side whose value wins').choices(['fsm', 'finance']));
  withConfigOptions(resolve);
  resolve.action(async (id: string, side: 'fsm' | 'finance', options: ConfigOptions) => cli.run('conflicts resolve', options, () => runResolve(cli, id, side, options)));
}
