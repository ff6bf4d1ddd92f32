import type { Command } from 'commander';
import { EXIT, type ExitCode } from './exit-codes.js';
import { runLine } from './report-format.js';
import { withConfigOptions, type CliRuntime, type ConfigOptions } from './runtime.js';

async function runStatus(cli: CliRuntime, options: ConfigOptions): Promise<ExitCode> {
  const session = await cli.session(options);
  const { config } = session;
  const selector = session.selector(session.client());
  const binding = await selector.binding();
  const where = {
    config: session.loaded.path,
    region: config.region,
    app: config.finance.app,
    state: session.loaded.resolvePath(config.state),
    credentials: session.secrets.source,
    ...(config.sandbox ? { sandbox: config.sandbox.url } : {}),
  };
  if (!binding) {
    if (options.json) cli.json({ type: 'status', ...where, binding: null });
    else {
      cli.out(`Config      ${where.config} (${where.region}, ${where.app}${config.sandbox ? `, sandbox ${config.sandbox.url}` : ''})`);
      cli.out(`Credentials ${where.credentials}`);
      cli.out('Binding     none yet: run "fsm-billing-sync onboard" (or "sync", when init named the organisation)');
    }
    return EXIT.CONFIG;
  }
  const health = await selector.health();
  const { client, syncer } = await session.syncer();
  const limits = await client.limitsFor(binding.organizationId);
  const runs = await syncer.log.list({ limit: 5 });
  const conflicts = await syncer.conflicts.list();
  if (options.json) {
    cli.json({
      type: 'status',
      ...where,
      binding,
      health: { ok: health.ok, problems: health.problems },
      limits: { plan: limits.plan ?? null, source: limits.source, perMinute: limits.perMinute, concurrency: limits.concurrency, perDay: limits.perDay ?? null, usedToday: limits.usedToday, resumeAt: limits.resumeAt ?? null },
      openConflicts: conflicts.length,
      lastRuns: runs.map((r) => ({ runId: r.runId, startedAt: r.startedAt, status: r.status, dryRun: r.dryRun, durationMs: r.durationMs, toFinance: r.toFinance, toFsm: r.toFsm, failures: r.failures.reduce((n, g) => n + g.count, 0), apiCalls: r.apiCalls })),
    });
  } else {
    cli.out(`Config      ${where.config} (${where.region}${config.sandbox ? `, sandbox ${config.sandbox.url}` : ''})`);
    cli.out(`Credentials ${where.credentials}`);
    cli.out(`State       ${where.state}`);
    cli.out(`Binding     ${binding.app} ${binding.organizationId} "${binding.name}" since ${new Date(binding.boundAt).toISOString()} (${binding.choice})`);
    cli.out(`Health      ${health.ok ? 'ok' : health.problems.map((p) => `${p.code}${p.blocking ? ' (blocking)' : ''}: ${p.message}`).join('\n            ')}`);
    const perDay = limits.perDay === undefined ? 'no daily cap' : `${limits.usedToday} of ${limits.perDay} calls used today (UTC)`;
    cli.out(`Limits      ${perDay}; ${limits.perMinute} a minute, ${limits.concurrency} at once (${limits.source}${limits.plan ? `, plan ${limits.plan}` : ''})${limits.resumeAt ? `; spent until ${new Date(limits.resumeAt).toISOString()}` : ''}`);
    cli.out(`Conflicts   ${conflicts.length} open${conflicts.length ? ': fsm-billing-sync conflicts list' : ''}`);
    cli.out(runs.length === 0 ? 'Last runs   none yet' : 'Last runs');
    for (const r of runs) cli.out(`  ${runLine(r)}`);
  }
  return health.ok ? EXIT.OK : EXIT.PROBLEMS;
}

/** Registers `fsm-billing-sync status`. */
export function registerStatusCommand(program: Command, cli: CliRuntime): void {
  const command = program
    .command('status')
    .summary('binding, health, last runs, API limits used today')
    .description('Shows the binding, the integration health (exit 1 when it has problems), the last runs, open conflicts and the finance organisation\'s API limits used today.');
  withConfigOptions(command);
  command.action(async (options: ConfigOptions) => cli.run('status', options, () => runStatus(cli, options)));
}
