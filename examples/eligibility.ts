/**
 * Onboarding as the setup page does it, against the sandbox: which finance orgs a user may bind and
 * why the others are refused, the binding with its set-up steps, a deleted org blocking work
 * orders, and the switch that fixes it. Then the same rules as a pure function, as a web page
 * would run them from `fsm-billing-sync/eligibility`.
 */
import { createFetchTransport, IntegrationClient, IntegrationHealthError, ManualClock, OrgSelector } from '../src/index.js';
import { defaultEligibilityRules, defineRule, evaluateEligibility } from '../src/eligibility/index.js';
import { createSandbox } from '../src/sandbox/index.js';

const quiet = process.env.EXAMPLE_QUIET === '1';
const say = (line: string) => {
  if (!quiet) process.stdout.write(`${line}\n`);
};
const check = (ok: boolean, what: string) => {
  if (!ok) throw new Error(`example broke: ${what}`);
};

const clock = new ManualClock({ autoAdvance: true });
const sandbox = createSandbox({
  seed: 5,
  clock,
  users: [
    {
      email: 'asha@example.com',
      region: 'in',
      books: [{ name: 'Asha Old Books', trialEndsAt: '2025-09-30' }, { name: 'Asha Avalara Books', avalara: true }, { name: 'Asha Books' }, { name: 'Asha Books 2' }],
      invoice: [{ name: 'Asha Invoice', active: false }],
    },
    { email: 'new@example.com', region: 'us', books: [], invoice: [] },
  ],
});

function clientFor(email: string): IntegrationClient {
  const { region, clientId, clientSecret, refreshToken } = sandbox.credentials(email);
  return new IntegrationClient({ region, auth: { clientId, clientSecret, refreshToken }, transport: createFetchTransport({ fetch: sandbox.fetch }), clock });
}

say('1. What asha@example.com may bind (India edition)');
const selector = new OrgSelector({
  client: clientFor('asha@example.com'),
  fsm: { name: 'Asha Field Services', edition: 'in', currencyCode: 'INR', taxesEnabled: true },
  // The real FieldMapper and TaxSync go here; these stand-ins only say what they would do.
  mapper: { createDefaults: async () => say('   (default module and field mappings created)') },
  taxes: { push: async () => say('   (FSM taxes pushed)'), pull: async () => say('   (taxes pulled from the finance org)') },
});
const options = await selector.options('asha@example.com');
say(`   default choice: ${options.defaultChoice}`);
for (const org of options.choices.existing_books) say(`   Books   ${org.organizationId}  ${org.name}`);
for (const { org, reasons } of options.ineligible) say(`   refused ${org.organizationId}  ${org.name}: ${reasons.map((r) => r.code).join(', ')}`);
check(options.defaultChoice === 'existing_books' && options.ineligible.length === 3, 'three refused orgs, Books by default');

say('2. Bind the first eligible Books org and run the set-up steps');
const [chosen, spare] = options.choices.existing_books;
if (!chosen || !spare) throw new Error('expected two eligible Books orgs');
const binding = await selector.select({ choice: 'existing_books', organizationId: chosen.organizationId });
say(`   bound to ${binding.app} ${binding.organizationId} (${binding.edition}, ${binding.currencyCode})`);
const onboarding = await selector.onboard();
check(onboarding.complete, 'onboarding complete');

say('3. Someone deletes that org in Zoho Books');
sandbox.updateOrg(chosen.organizationId, { deleted: true });
say(`   health: ${(await selector.health()).problems.map((p) => p.code).join(', ')}`);
try {
  await selector.assertCanCreate('work_order');
  check(false, 'work orders must be blocked');
} catch (error) {
  if (!(error instanceof IntegrationHealthError)) throw error;
  say(`   ${error.code}: ${error.message}`);
}

say('4. An admin switches to the other Books org; work orders can be created again');
await selector.switch({ app: 'books', organizationId: spare.organizationId }, { actor: { isAdmin: true } });
await selector.onboard(); // a new org: its taxes are pulled again
await selector.assertCanCreate('work_order');
say(`   bound to ${(await selector.binding())?.organizationId}; health ok: ${(await selector.health()).ok}`);

say('5. A user with no finance orgs gets a new Zoho Invoice account named after the FSM org');
const newcomer = new OrgSelector({ client: clientFor('new@example.com'), fsm: { name: 'Newco Services', edition: 'us', currencyCode: 'USD' } });
const fresh = await newcomer.options('new@example.com');
const created = await newcomer.select({ choice: 'new_invoice' });
say(`   default ${fresh.defaultChoice}; created Invoice org ${created.organizationId} "${created.name}"`);
check(fresh.defaultChoice === 'new_invoice' && created.name === 'Newco Services', 'new Invoice org named after the FSM org');

say('6. The pure rules, as a sign-up page runs them (no I/O), with a rule of our own');
const noFreePlan = defineRule({ code: 'FREE_PLAN', refuses: (org) => org.plan === 'FREE', message: (org) => `${org.name} is on the free plan; upgrade it first.` });
const result = evaluateEligibility(
  [
    { app: 'books', organizationId: '1', name: 'US Avalara', avalara: true, edition: 'us' },
    { app: 'invoice', organizationId: '2', name: 'Free Invoice', plan: 'FREE' },
  ],
  { fsmEdition: 'us', now: clock.now(), rules: [...defaultEligibilityRules, noFreePlan] },
);
say(`   default ${result.defaultChoice}; refused: ${result.ineligible.map((i) => `${i.org.name} (${i.reasons[0]?.message})`).join('; ')}`);
check(result.defaultChoice === 'existing_books' && result.ineligible.length === 1, 'Avalara allowed under US, free plan refused');
