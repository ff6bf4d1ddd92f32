import { describe, expect, it } from 'vitest';
import * as eligibility from '../../src/eligibility/index.js';
import { SWITCH_CASES } from './switch-cases.js';
import { runSwitchCases } from './table-runner.mjs';

describe('evaluateSwitch: the switch rule table', () => {
  it.each(SWITCH_CASES)('$name → $codes', ({ input, codes }) => {
    expect(runSwitchCases(eligibility, [input])[0]).toEqual(codes);
  });

  it('every refusal message says what to do', () => {
    const all = SWITCH_CASES.flatMap((c) => eligibility.evaluateSwitch(c.input));
    expect(new Set(all.map((r) => r.code)).size).toBe(10);
    for (const { message } of all) expect(message, message).toMatch(/ask|try again|choose|select\(\)|delete them|contact support|subscribe|reactivate|disable|restore/i);
  });
});
