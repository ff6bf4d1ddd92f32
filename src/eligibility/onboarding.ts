import type { Clock } from '../clock.js';
import type { Storage } from '../storage/storage.js';
import type { FinanceBinding } from './finance-binding.js';

/** The field-mapping step, typed by shape so any FieldMapper (`src/mapping/`) fits. */
export interface FieldMappingSetup {
  /** Creates the default module and field mappings (setup page: "configured ... automatically"). */
  createDefaults(options?: { signal?: AbortSignal }): Promise<unknown>;
}

/** The tax step, typed by shape so any TaxSync (`src/tax/`) fits. */
export interface TaxSetup {
  /** New finance account: FSM's tax configuration is created in Books/Invoice. */
  push(config?: unknown): Promise<unknown>;
  /** Existing finance account: its taxes and settings are pulled into FSM. */
  pull(): Promise<unknown>;
}

/** A step, or a function that builds it for the bound org (the org id is known only after select()). */
export type StepSource<T> = T | ((binding: FinanceBinding) => T | Promise<T>);

/** Options of `OrgSelector.onboard()`. */
export interface OnboardOptions {
  /** The FSM tax configuration pushed into a new Invoice account. */
  taxConfig?: unknown;
  signal?: AbortSignal;
}

/** What happened to one step. */
export interface OnboardingStepReport {
  readonly step: 'field_mappings' | 'taxes';
  /** `done` now, `already_done` by an earlier run, `not_configured` when no step was given. */
  readonly status: 'done' | 'already_done' | 'not_configured';
  /** Taxes only: pushed (new account) or pulled (existing account). */
  readonly direction?: 'push' | 'pull';
  /** What the step returned (this run only). */
  readonly result?: unknown;
}

/** What `onboard()` did. */
export interface OnboardingReport {
  readonly binding: FinanceBinding;
  readonly steps: readonly OnboardingStepReport[];
  /** Every step is done (now or before). */
  readonly complete: boolean;
}

interface Progress {
  organizationId: string;
  done: Partial<Record<OnboardingStepReport['step'], number>>;
}

/**
 * Runs the setup steps after binding, each once per bound org: progress is kept in Storage, so a
 * run that fails half-way resumes at the failed step, and a switch to another org starts over.
 */
export async function runOnboarding(input: {
  binding: FinanceBinding;
  storage: Storage;
  progressKey: string;
  clock: Clock;
  mapper: StepSource<FieldMappingSetup> | undefined;
  taxes: StepSource<TaxSetup> | undefined;
  options: OnboardOptions;
}): Promise<OnboardingReport> {
  const { binding, storage, progressKey, options } = input;
  const stored = await storage.get<Progress>(progressKey);
  const progress: Progress = stored?.organizationId === binding.organizationId ? stored : { organizationId: binding.organizationId, done: {} };
  const direction = binding.choice === 'new_invoice' ? 'push' : 'pull';
  const steps: OnboardingStepReport[] = [];

  const run = async <T>(step: OnboardingStepReport['step'], source: StepSource<T> | undefined, act: (impl: T) => Promise<unknown>, extra: { direction?: 'push' | 'pull' }) => {
    if (progress.done[step] !== undefined) return steps.push({ step, status: 'already_done', ...extra });
    if (source === undefined) return steps.push({ step, status: 'not_configured', ...extra });
    options.signal?.throwIfAborted();
    const impl = typeof source === 'function' ? await (source as (b: FinanceBinding) => T | Promise<T>)(binding) : source;
    const result = await act(impl);
    progress.done[step] = input.clock.now();
    await storage.batch([{ type: 'put', key: progressKey, value: progress }]);
    return steps.push({ step, status: 'done', ...extra, result });
  };

  await run('field_mappings', input.mapper, (mapper) => mapper.createDefaults(options.signal ? { signal: options.signal } : {}), {});
  await run('taxes', input.taxes, (taxes) => (direction === 'push' ? taxes.push(options.taxConfig) : taxes.pull()), { direction });
  return { binding, steps, complete: steps.every((s) => s.status !== 'not_configured') };
}
