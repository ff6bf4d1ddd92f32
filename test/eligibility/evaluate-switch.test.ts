import { describe, expect, it } from 'vitest';
import * as eligibility from '../../src/eligibility/index.js';
import { SWITCH_CASES } from './switch-cases.js';
import { runSwitchCases } from './table-runner.mjs';

describe('evaluateSwitch: the switch rule table', () => {
  it.each(SWITCH_CASES)('$name → $codes', ({ input, codes }) => {
    expect(runSwitchCases(eligibility, [input])[0]).toEqual(codes);
  });

  it('an ineligible target carries the failed rules as targetReasons', () => {
    const input = SWITCH_CASES.find((c) => c.name === 'target inactive')?.input;
    if (!input) throw new Error('the table lost its "target inactive" case');
    const target = { app: 'books' as const, organizationId: '2', name: 'Target', edition: 'in' as const, currencyCode: 'INR', active: false, trialExpired: true };
    const [refusal] = eligibility.evaluateSwitch({ ...input, target });
    expect(refusal?.code).toBe('SWITCH_TARGET_INELIGIBLE');
    expect(refusal?.targetReasons?.map((r) => r.code)).toEqual(['ORG_INACTIVE', 'TRIAL_EXPIRED']);
  });

  it('every refusal message says what to do', () => {
    const all = SWITCH_CASES.flatMap((c) => eligibility.evaluateSwitch(c.input));
    expect(new Set(all.map((r) => r.code)).size).toBe(10);
    for (const { message } of all) expect(message, message).toMatch(/ask|try again|choose|select\(\)|delete them|contact support|subscribe|reactivate|disable|restore/i);
  });
});
