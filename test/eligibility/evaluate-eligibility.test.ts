import { describe, expect, it } from 'vitest';
import * as eligibility from '../../src/eligibility/index.js';
import { ValidationError } from '../../src/errors/validation-error.js';
import { ELIGIBILITY_CASES, NOW } from './eligibility-cases.js';
import { runCase } from './table-runner.mjs';

const { evaluateEligibility, defineRule, defaultEligibilityRules, avalaraRule, orgDeletedRule, orgInactiveRule, trialExpiredRule } = eligibility;

describe('evaluateEligibility: the rule table', () => {
  it.each(ELIGIBILITY_CASES)('$name', (testCase) => {
    const summary = runCase(eligibility, testCase);
    expect({ defaultChoice: summary.defaultChoice, books: summary.books, invoice: summary.invoice, ineligible: summary.ineligible.map(({ id, codes }) => ({ id, codes })) }).toEqual(
      testCase.expected,
    );
    expect(summary.newInvoice).toBe(true);
  });

  it.each(ELIGIBILITY_CASES.filter((c) => c.expected.ineligible.length > 0))('every refusal of "$name" names the org and says what to do', (testCase) => {
    for (const { id, messages } of runCase(eligibility, testCase).ineligible) {
      for (const message of messages) {
        expect(message, message).toContain(id);
        expect(message, message).toMatch(/reactivate|subscribe|disable|restore|upgrade|choose/i);
      }
    }
  });
});

describe('the default rules', () => {
  it('are the four named rules, in reason order', () => {
    expect(defaultEligibilityRules.map((r) => r.code)).toEqual(['ORG_DELETED', 'ORG_INACTIVE', 'TRIAL_EXPIRED', 'AVALARA_INTEGRATED']);
    expect(defaultEligibilityRules).toEqual([orgDeletedRule, orgInactiveRule, trialExpiredRule, avalaraRule]);
    expect(Object.isFrozen(defaultEligibilityRules)).toBe(true);
  });

  it('the trial message gives the end date; the Avalara message names the edition in force', () => {
    const result = evaluateEligibility(
      [
        { app: 'books', organizationId: '1', name: 'Old', trialEndsAt: Date.UTC(2025, 11, 31) },
        { app: 'books', organizationId: '2', name: 'Tax', avalara: true, edition: 'us' },
      ],
      { now: NOW, fsmEdition: 'in' },
    );
    expect(result.ineligible[0]?.reasons[0]?.message).toContain('(2025-12-31)');
    expect(result.ineligible[1]?.reasons[0]?.message).toMatch(/only under the United States tax edition \(this one is in\)/);
  });

  it('takes now as a Date, and defaults to the current time', () => {
    const org = { app: 'books' as const, organizationId: '1', name: 'Soon', trialEndsAt: Date.now() + 60_000 };
    expect(evaluateEligibility([org], { now: new Date(org.trialEndsAt) }).defaultChoice).toBe('new_invoice');
    expect(evaluateEligibility([org]).defaultChoice).toBe('existing_books');
  });

  it('returns the org objects it was given', () => {
    const org = { app: 'invoice' as const, organizationId: '7', name: 'Same' };
    expect(evaluateEligibility([org], { now: NOW }).choices.existing_invoice[0]).toBe(org);
  });
});

describe('defineRule', () => {
  it('takes a fixed message or a function of the org and context', () => {
    const fixed = defineRule({ code: 'NO_GBP', refuses: (o) => o.currencyCode === 'GBP', message: 'Pounds are not supported; choose another organisation.' });
    const built = defineRule({ code: 'WRONG_EDITION', description: 'edition differs', refuses: (o, c) => o.edition !== c.fsmEdition, message: (o, c) => `${o.name} is ${o.edition}, FSM is ${c.fsmEdition}.` });
    const result = evaluateEligibility([{ app: 'books', organizationId: '1', name: 'Ldn', currencyCode: 'GBP', edition: 'uk' }], { now: NOW, fsmEdition: 'in', rules: [fixed, built] });
    expect(result.ineligible[0]?.reasons).toEqual([
      { code: 'NO_GBP', message: 'Pounds are not supported; choose another organisation.' },
      { code: 'WRONG_EDITION', message: 'Ldn is uk, FSM is in.' },
    ]);
    expect(fixed.description).toBe('NO_GBP');
    expect(built.description).toBe('edition differs');
    expect(Object.isFrozen(built)).toBe(true);
  });

  const always = (): boolean => true;
  it.each<[string, Record<string, unknown>]>([
    ['no code', { code: '', refuses: always, message: 'x' }],
    ['no refuses function', { code: 'X', refuses: true, message: 'x' }],
    ['no message', { code: 'X', refuses: always }],
  ])('refuses a rule with %s (INVALID_INPUT)', (_label, init) => {
    expect(() => defineRule(init as never)).toThrow(ValidationError);
  });
});

describe('malformed input', () => {
  it('refuses a non-array', () => {
    expect(() => evaluateEligibility({} as never)).toThrow(/needs an array/);
  });

  it('lists every malformed org field with its path', () => {
    const error = (() => {
      try {
        evaluateEligibility([{ app: 'crm', organizationId: '' }, null] as never);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual([[0, 'app'], [0, 'organizationId'], [1, 'app'], [1, 'organizationId']]);
  });
});
