import type { DirectionCounts, SyncReport } from '../../sync/index.js';
import { EXIT, type ExitCode } from './exit-codes.js';

const counts = (c: DirectionCounts): string => {
  const parts = (['created', 'updated', 'deleted', 'deactivated', 'unlinked', 'conflicts', 'failed'] as const).filter((k) => c[k] > 0).map((k) => `${c[k]} ${k}`);
  return parts.length === 0 ? 'nothing to write' : parts.join(', ');
};

/** How a run ended, in a few words. */
export function runOutcome(report: SyncReport): string {
  if (report.stopped === 'daily-limit') return `stopped: the daily API budget is spent, run again after ${report.resumeAt}`;
  if (report.status === 'stopped') return `stopped: ${report.stoppedReason ?? 'the API kept failing'}`;
  return report.status;
}

/** One line per run, for `log`. */
export function runLine(report: SyncReport): string {
  const writes = (d: DirectionCounts) => d.created + d.updated + d.deleted + d.deactivated;
  const failed = report.failures.reduce((n, g) => n + g.count, 0);
  return `${report.startedAt}  ${report.runId}  ${report.dryRun ? 'dry-run ' : ''}${runOutcome(report)}  ${(report.durationMs / 1000).toFixed(1)} s  to finance ${writes(report.toFinance)}, to FSM ${writes(report.toFsm)} writes, ${report.conflicts.total} conflicts, ${failed} failed, ${report.apiCalls.total} calls`;
}

/** The report as the `sync` command prints it. */
export function formatReport(report: SyncReport): string[] {
  const lines: string[] = [];
  lines.push(`${report.dryRun ? 'Dry run' : 'Sync'} ${runOutcome(report)} in ${(report.durationMs / 1000).toFixed(1)} s (run ${report.runId}); ${report.apiCalls.total} API calls (FSM ${report.apiCalls.fsm}, finance ${report.apiCalls.finance})`);
  for (const e of report.entities) {
    lines.push(`  ${e.module.padEnd(16)} to finance: ${counts(e.toFinance)}; to FSM: ${counts(e.toFsm)}${e.matched ? `; ${e.matched} matched` : ''}${e.skipped ? `; ${e.skipped} skipped` : ''}`);
  }
  lines.push(`  total            to finance: ${counts(report.toFinance)}; to FSM: ${counts(report.toFsm)}`);
  if (report.conflicts.total > 0) {
    lines.push(`Conflicts: ${report.conflicts.total} (${report.conflicts.settled} settled by the policy, ${report.conflicts.manual} left to you: fsm-billing-sync conflicts list)`);
  }
  if (report.failures.length > 0) {
    lines.push('Failures:');
    for (const group of report.failures) {
      lines.push(`  ${group.reason} ×${group.count} (${group.direction === 'toFinance' ? 'to finance' : 'to FSM'}): ${group.title}`);
      for (const r of group.records.slice(0, 3)) lines.push(`    ${r.module} ${r.fsmId ?? '-'} / ${r.financeId ?? '-'} ${r.name ? `"${r.name}" ` : ''}${r.message}`);
      if (group.count > 3) lines.push(`    … ${group.count - 3} more: fsm-billing-sync log --csv`);
    }
  }
  if (report.dryRun && report.plan) lines.push(`Planned writes: ${report.plan.length} (nothing was written)`);
  return lines;
}

/** The exit code a finished run ends `sync` with. */
export function reportExitCode(report: SyncReport): ExitCode {
  if (report.stopped === 'daily-limit') return EXIT.DAILY_LIMIT;
  if (report.status === 'stopped') return EXIT.API;
  if (report.failures.length > 0 || report.conflicts.manual > 0) return EXIT.PROBLEMS;
  return EXIT.OK;
}
