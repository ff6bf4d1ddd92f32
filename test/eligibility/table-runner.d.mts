import type { EligibilityCase, CaseSummary } from './eligibility-cases.js';

/** The library surface the runner uses: `fsm-billing-sync/eligibility` from source or from the bundle. */
export type EligibilityLib = typeof import('../../src/eligibility/index.js');

export function runCase(lib: EligibilityLib, testCase: EligibilityCase): CaseSummary;
export function runCases(lib: EligibilityLib, cases: readonly EligibilityCase[]): Array<CaseSummary | { error: string }>;
export function runSwitchCases(lib: EligibilityLib, inputs: readonly import('../../src/eligibility/index.js').SwitchInput[]): string[][];
