// Runs one eligibility case against a copy of `fsm-billing-sync/eligibility` — the source in Node,
// the built bundle in Chromium — and summarises the answer as plain data both sides can compare.
// Plain JavaScript so the browser test can serve it as is.

/** The rule sets a case can name (functions cannot cross into the browser, names can). */
function rulesFor(lib, name) {
  const freePlan = lib.defineRule({
    code: 'FREE_PLAN',
    description: 'Free-plan organisations are refused',
    refuses: (org) => org.plan === 'FREE',
    message: (org, context) => `${org.name} is on the free plan (FSM edition ${context.fsmEdition ?? 'unknown'}); upgrade it first.`,
  });
  switch (name) {
    case 'none': return [];
    case 'default+free-plan': return [...lib.defaultEligibilityRules, freePlan];
    case 'free-plan-only': return [freePlan];
    default: return undefined;
  }
}

/** Evaluates a case: `{ orgs, context: { rules?: name, now, fsmEdition?, avalara? } }`. */
export function runCase(lib, testCase) {
  const { rules, ...context } = testCase.context;
  const ruleSet = rulesFor(lib, rules);
  const result = lib.evaluateEligibility(testCase.orgs, ruleSet === undefined ? context : { ...context, rules: ruleSet });
  return {
    defaultChoice: result.defaultChoice,
    newInvoice: result.choices.new_invoice,
    books: result.choices.existing_books.map((o) => o.organizationId),
    invoice: result.choices.existing_invoice.map((o) => o.organizationId),
    ineligible: result.ineligible.map((i) => ({ id: i.org.organizationId, codes: i.reasons.map((r) => r.code), messages: i.reasons.map((r) => r.message) })),
  };
}

/** Runs every case; an exception becomes `{ error: code }` so both sides report it alike. */
export function runCases(lib, cases) {
  return cases.map((testCase) => {
    try {
      return runCase(lib, testCase);
    } catch (error) {
      return { error: error && typeof error === 'object' && 'code' in error ? error.code : String(error) };
    }
  });
}

/** Runs `evaluateSwitch` on each input; returns the refusal codes (the messages are checked in Node). */
export function runSwitchCases(lib, inputs) {
  return inputs.map((input) => lib.evaluateSwitch(input).map((refusal) => refusal.code));
}
