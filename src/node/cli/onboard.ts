import type { Command } from 'commander';
import type { FinanceOrg } from '../../eligibility/finance-org.js';
import type { OnboardingReport } from '../../eligibility/onboarding.js';
import type { OrgChoices, SelectChoice } from '../../eligibility/org-selector.js';
import { saveConfig } from './config-file.js';
import { CliUsageError, EXIT, type ExitCode } from './exit-codes.js';
import { Asker } from './prompts.js';
import { withConfigOptions, type CliRuntime, type ConfigOptions } from './runtime.js';
import type { CliSession } from './session.js';

/** Options of `fsm-billing-sync onboard`. */
export interface OnboardOptions extends ConfigOptions {
  org?: string;
  newInvoice?: boolean;
  default?: boolean;
}

const orgLine = (org: FinanceOrg) => `${org.app.padEnd(7)} ${org.organizationId}  ${org.name}  ${[org.edition, org.currencyCode, org.plan].filter(Boolean).join(' ')}`;

/** The eligible choices and the refusals, as lines. */
export function printChoices(cli: CliRuntime, choices: OrgChoices): void {
  cli.out(`Finance organisations of ${choices.email} (default choice: ${choices.defaultChoice}):`);
  for (const org of [...choices.choices.existing_books, ...choices.choices.existing_invoice]) cli.out(`  eligible  ${orgLine(org)}`);
  cli.out('  eligible  a new Zoho Invoice organisation (--new-invoice)');
  for (const { org, reasons } of choices.ineligible) {
    cli.out(`  refused   ${orgLine(org)}`);
    for (const reason of reasons) cli.out(`            ${reason.code}: ${reason.message}`);
  }
}

/**
 * Binds the organisation (`choice`) and runs the onboarding steps (default field mappings, taxes),
 * then records the organisation in the config file. Safe to run again: done steps are skipped.
 */
export async function bindAndOnboard(session: CliSession, choice: SelectChoice): Promise<OnboardingReport> {
  const selector = session.selector(session.client());
  await selector.select(choice, { email: session.config.email });
  const report = await selector.onboard();
  const { binding } = report;
  if (session.config.finance.organizationId !== binding.organizationId || session.config.finance.app !== binding.app) {
    saveConfig(session.loaded.path, { ...session.config, finance: { app: binding.app, organizationId: binding.organizationId } });
  }
  return report;
}

/** Prints what onboarding did. */
export function printOnboarded(cli: CliRuntime, report: OnboardingReport): void {
  const { binding } = report;
  cli.out(`Bound to ${binding.app} ${binding.organizationId} "${binding.name}" (${binding.choice})`);
  for (const step of report.steps) cli.out(`  ${step.step.padEnd(15)} ${step.status}${step.direction ? ` (${step.direction})` : ''}`);
}

function choiceFor(choices: OrgChoices, organizationId: string): SelectChoice {
  if (choices.choices.existing_books.some((o) => o.organizationId === organizationId)) return { choice: 'existing_books', organizationId };
  if (choices.choices.existing_invoice.some((o) => o.organizationId === organizationId)) return { choice: 'existing_invoice', organizationId };
  const refused = choices.ineligible.find((r) => r.org.organizationId === organizationId);
  if (refused) {
    throw new CliUsageError(`${refused.org.name} (${organizationId}) cannot be bound: ${refused.reasons.map((r) => `${r.code}: ${r.message}`).join(' ')}`, { flag: '--org', reasons: refused.reasons.map((r) => r.code) });
  }
  throw new CliUsageError(`No finance organisation ${organizationId} among ${choices.email}'s. Pick one of the eligible ones listed above, or --new-invoice.`, { flag: '--org' });
}

async function runOnboard(cli: CliRuntime, options: OnboardOptions): Promise<ExitCode> {
  const picked = [options.org !== undefined, options.newInvoice === true, options.default === true].filter(Boolean).length;
  if (picked > 1) throw new CliUsageError('Give one of --org <id>, --new-invoice and --default.', { flag: '--org' });
  const session = await cli.session(options);
  const selector = session.selector(session.client());
  const choices = await selector.options(session.config.email);
  if (options.json) {
    cli.json({
      type: 'choices',
      email: choices.email,
      defaultChoice: choices.defaultChoice,
      eligible: [...choices.choices.existing_books, ...choices.choices.existing_invoice],
      refused: choices.ineligible.map(({ org, reasons }) => ({ org, reasons })),
    });
  } else {
    printChoices(cli, choices);
  }
  const first = (c: OrgChoices): SelectChoice => {
    if (c.defaultChoice === 'new_invoice') return { choice: 'new_invoice' };
    const org = c.choices[c.defaultChoice][0];
    return org ? { choice: c.defaultChoice, organizationId: org.organizationId } : { choice: 'new_invoice' };
  };
  let choice: SelectChoice;
  if (options.newInvoice) choice = { choice: 'new_invoice' };
  else if (options.org !== undefined) choice = choiceFor(choices, options.org);
  else if (options.default) choice = first(choices);
  else if (session.config.finance.organizationId !== undefined) choice = choiceFor(choices, session.config.finance.organizationId);
  else {
    const eligible = [...choices.choices.existing_books, ...choices.choices.existing_invoice];
    const answer = await new Asker(cli).select(
      '--org <id>, --new-invoice or --default',
      'Which finance organisation?',
      [...eligible.map((o) => ({ value: o.organizationId, label: `${o.app} ${o.organizationId} ${o.name}` })), { value: 'new', label: 'A new Zoho Invoice organisation' }],
      first(choices).choice === 'new_invoice' ? 'new' : (first(choices) as { organizationId: string }).organizationId,
    );
    choice = answer === 'new' ? { choice: 'new_invoice' } : choiceFor(choices, answer);
  }
  const report = await bindAndOnboard(session, choice);
  if (options.json) cli.json({ type: 'onboarded', binding: report.binding, steps: report.steps.map(({ step, status, direction }) => ({ step, status, ...(direction ? { direction } : {}) })), complete: report.complete });
  else printOnboarded(cli, report);
  return EXIT.OK;
}

/** Registers `fsm-billing-sync onboard`. */
export function registerOnboardCommand(program: Command, cli: CliRuntime): void {
  const command = program
    .command('onboard')
    .summary('choose and bind the finance organisation; set up mappings and taxes')
    .description('Lists the eligible finance organisations and the refused ones with their reasons, binds the one chosen (asks on a terminal) and runs the onboarding steps.')
    .option('--org <id>', 'bind this existing Books or Invoice organisation')
    .option('--new-invoice', 'create a new Zoho Invoice organisation and bind it')
    .option('--default', 'take the default choice');
  withConfigOptions(command);
  command.action(async (options: OnboardOptions) => cli.run('onboard', options, () => runOnboard(cli, options)));
}
