import type { Clock } from '../../clock.js';
import type { Storage } from '../../storage/storage.js';
import { csvCell } from './csv-cell.js';
import type { FailureGroup, SyncReport } from './report.js';
import { listAll } from '../state/storage-scan.js';
import type { SyncKeys } from '../state/sync-keys.js';

// Sync log data is kept for the last six months.
const RETENTION_MS = 183 * 86_400_000;

/**
 * The sync log: every run's report, kept in Storage for six months and
 * pruned at the end of each run.
 *
 * @example
 * ```ts
 * const [last] = await syncer.log.list({ limit: 1 });
 * await writeFile('failed.csv', failuresToCsv(last!));
 * ```
 */
export class SyncLog {
  readonly #storage: Storage;
  readonly #keys: SyncKeys;
  readonly #clock: Clock;

  constructor(storage: Storage, keys: SyncKeys, clock: Clock) {
    this.#storage = storage;
    this.#keys = keys;
    this.#clock = clock;
  }

  #key(report: Pick<SyncReport, 'startedAt' | 'runId'>): string {
    return this.#keys.log(`${report.startedAt}_${report.runId}`);
  }

  /** Stores a run's report and drops reports older than six months. */
  async append(report: SyncReport): Promise<void> {
    const cutoff = this.#keys.log(new Date(this.#clock.now() - RETENTION_MS).toISOString());
    const stale = (await listAll<unknown>(this.#storage, this.#keys.log())).filter((e) => e.key < cutoff);
    await this.#storage.batch([...stale.map((e) => ({ type: 'delete' as const, key: e.key })), { type: 'put', key: this.#key(report), value: report }]);
  }

  /** Reports, newest first; `since` (ISO) keeps those started at or after it. */
  async list(options: { limit?: number; since?: string } = {}): Promise<SyncReport[]> {
    const all = (await listAll<SyncReport>(this.#storage, this.#keys.log())).map((e) => e.value).reverse();
    const kept = options.since === undefined ? all : all.filter((r) => r.startedAt >= (options.since as string));
    return options.limit === undefined ? kept : kept.slice(0, options.limit);
  }

  /** One run's report by id. */
  async get(runId: string): Promise<SyncReport | undefined> {
    return (await this.list()).find((r) => r.runId === runId);
  }
}

/**
 * The failed records of a report as CSV ("a CSV per reason"): one row per
 * record with direction, entity, reason, ids, name and message. Pass `reason` for one group.
 * Every cell is quoted, and a cell a spreadsheet would run as a formula (starting with `=`, `+`,
 * `-`, `@`, TAB or CR) gets a leading `'`; plain numbers such as `-12.5` stay numbers.
 *
 * @example
 * ```ts
 * failuresToCsv(report, { reason: 'MANDATORY_FIELDS_EMPTY' });
 * ```
 */
export function failuresToCsv(report: Pick<SyncReport, 'failures'>, options: { reason?: string } = {}): string {
  const groups: FailureGroup[] = report.failures.filter((g) => options.reason === undefined || g.reason === options.reason);
  const rows = [['direction', 'entity', 'reason', 'title', 'fsm_id', 'finance_id', 'name', 'message']];
  for (const g of groups) for (const r of g.records) rows.push([r.direction, r.entity, g.reason, g.title, r.fsmId ?? '', r.financeId ?? '', r.name ?? '', r.message]);
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
