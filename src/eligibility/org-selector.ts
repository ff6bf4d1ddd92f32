import type { FinanceApp } from '../client/finance/finance-context.js';
import type { IntegrationClient } from '../client/integration-client.js';
import { EligibilityError, type RefusalReason } from '../errors/eligibility-error.js';
import { IntegrationHealthError, isCreatableRecord, type CreatableRecord } from '../errors/integration-health-error.js';
import { SwitchRefusedError } from '../errors/switch-refused-error.js';
import { ValidationError } from '../errors/validation-error.js';
import type { TaxEdition } from '../schemas/edition-codes.js';
import type { Storage } from '../storage/storage.js';
import { BindingStore, INTEGRATION_KEY_PREFIX } from './binding-store.js';
import type { AvalaraPolicy, EligibilityRule } from './eligibility-rule.js';
import { evaluateEligibility, type EligibilityContext, type EligibilityResult, type OnboardingChoice } from './evaluate-eligibility.js';
import type { FinanceBinding } from './finance-binding.js';
import { financeOrgFromZoho } from './finance-org-from-zoho.js';
import type { FinanceOrg } from './finance-org.js';
import { readFsmProfile, type FsmOrgProfile, type FsmOrgSource } from './fsm-org-profile.js';
import { checkHealth, type HealthReport } from './health.js';
import { createOrAdoptInvoiceOrg, type NewInvoiceOptions } from './new-invoice-org.js';
import { runOnboarding, type FieldMappingSetup, type OnboardingReport, type OnboardOptions, type StepSource, type TaxSetup } from './onboarding.js';
import { listFinanceOrgs, type DescribeOrg } from './org-listing.js';
import { orgLabel } from './org-label.js';
import { SwitchAttempts } from './switch-attempts.js';
import { resolveSwitchFacts, type GivenSwitchFacts, type SwitchFactsProvider } from './switch-facts.js';
import { evaluateSwitch } from './switch-rules.js';

/** Options of {@link OrgSelector}. */
export interface OrgSelectorOptions {
  /** A client authorised as the FSM sign-up user: Zoho lists the orgs of the user the token belongs to. Its clock is used. */
  client: IntegrationClient;
  /** Where the binding, onboarding progress and switch attempts live. Default: `client.storage`. */
  storage?: Storage | undefined;
  /** The FSM organisation: name, edition, base currency, taxes on/off. A function is read at each call. */
  fsm?: FsmOrgSource | undefined;
  /** Eligibility rules, replacing the defaults (`[...defaultEligibilityRules, mine]` to add). */
  rules?: readonly EligibilityRule[] | undefined;
  /** Which Avalara-integrated orgs are allowed. Default `'us-edition-only'`: Zoho FSM supports Avalara only under the US tax edition. */
  avalara?: AvalaraPolicy | undefined;
  /** Corrects a converted org with what you know better (edition, Avalara, trial). */
  describeOrg?: DescribeOrg | undefined;
  /** Storage namespace of this FSM org's state. Default `'integration/'`: give each FSM org its own when they share a Storage. */
  keyPrefix?: string | undefined;
  /** Hooks for the switch facts the API cannot tell (two-way sync, linked records). Default: Storage keys. */
  switchFacts?: SwitchFactsProvider | undefined;
  /** The field-mapping step of onboarding (a FieldMapper, or a function of the binding that builds one). */
  mapper?: StepSource<FieldMappingSetup> | undefined;
  /** The tax step of onboarding (a TaxSync, or a function of the binding that builds one). */
  taxes?: StepSource<TaxSetup> | undefined;
}

/** What `options()` returns: the eligibility result, for whom and under which edition. */
export interface OrgChoices extends EligibilityResult {
  readonly email: string;
  readonly fsmEdition: TaxEdition | undefined;
}

/** The user's choice on the onboarding page. */
export type SelectChoice =
  | ({ choice: 'new_invoice' } & NewInvoiceOptions)
  | { choice: 'existing_invoice' | 'existing_books'; organizationId: string };

/** The org to switch to. */
export interface SwitchTarget {
  app: FinanceApp;
  organizationId: string;
}

/** Who switches and what the API cannot tell; facts not given come from `switchFacts` hooks, then Storage. */
export interface SwitchOptions extends GivenSwitchFacts {
  /** The acting user: only users with the FSM Administrator profile may switch. */
  actor: { isAdmin: boolean };
}

/** Records whose creation a broken integration blocks (setup page). */
export type { CreatableRecord };

type Call = { signal?: AbortSignal | undefined };
const callOf = (signal: AbortSignal | undefined): { signal?: AbortSignal } => (signal ? { signal } : {});

/**
 * The onboarding page and Setup > Billing as a class: which finance orgs the user may bind, the
 * binding itself, the set-up steps, switching, and the health checks that block work orders.
 * Rules are the pure ones of `fsm-billing-sync/eligibility`; this adds the I/O around them.
 *
 * @example
 * ```ts
 * const selector = new OrgSelector({ client, fsm: { name: 'Zylker Field Services', edition: 'in', currencyCode: 'INR', taxesEnabled: true } });
 * const { defaultChoice, choices, ineligible } = await selector.options('asha@zylker.com');
 * await selector.select(defaultChoice === 'new_invoice' ? { choice: 'new_invoice' } : { choice: defaultChoice, organizationId: choices[defaultChoice][0]!.organizationId });
 * await selector.onboard();
 * await selector.assertCanCreate('work_order');
 * ```
 */
export class OrgSelector {
  readonly #client: IntegrationClient;
  readonly #storage: Storage;
  readonly #options: OrgSelectorOptions;
  readonly #prefix: string;
  readonly #store: BindingStore;
  readonly #attempts: SwitchAttempts;
  #email: string | undefined;

  constructor(options: OrgSelectorOptions) {
    if (typeof options !== 'object' || options === null || typeof options.client !== 'object' || options.client === null) {
      throw new ValidationError('OrgSelector needs { client } (an IntegrationClient authorised as the FSM sign-up user).', [{ path: ['client'], message: 'required' }]);
    }
    this.#client = options.client;
    this.#options = options;
    this.#storage = options.storage ?? options.client.storage;
    this.#prefix = options.keyPrefix ?? INTEGRATION_KEY_PREFIX;
    this.#store = new BindingStore(this.#storage, this.#prefix);
    this.#attempts = new SwitchAttempts(this.#storage, this.#prefix, this.#client.clock);
  }

  /**
   * Lists the user's Books and Invoice orgs and evaluates them: the default choice, the eligible
   * orgs of each dropdown, and every refused org with its reasons. `email` is the FSM sign-up email;
   * the orgs listed are those of the client's user, so authorise the client as that user.
   */
  async options(email: string, call: Call = {}): Promise<OrgChoices> {
    if (typeof email !== 'string' || email.trim() === '') throw new ValidationError('options(email) needs the FSM sign-up email.', [{ path: ['email'], message: 'expected a non-empty string' }]);
    this.#email = email.trim();
    const context = await this.#eligibilityContext(call.signal);
    const orgs = [...(await this.#list('books', call.signal)), ...(await this.#list('invoice', call.signal))];
    return { ...evaluateEligibility(orgs, context), email: this.#email, fsmEdition: context.fsmEdition };
  }

  /**
   * Binds the FSM org to the chosen finance org and stores the binding. `new_invoice` creates a
   * Zoho Invoice org with the FSM org's name (once, even across a crash); an existing org must pass
   * the eligibility rules. Selecting the org already bound returns its binding.
   *
   * @throws {EligibilityError} the org is refused (`reasons`), missing, or another org is bound.
   */
  async select(choice: SelectChoice, call: Call & { email?: string } = {}): Promise<FinanceBinding> {
    checkChoice(choice);
    const existing = await this.#store.get();
    if (existing !== undefined) {
      if (sameChoice(existing, choice)) return existing;
      throw alreadyIntegrated(existing);
    }
    const fsm = await readFsmProfile(this.#options.fsm, call.signal);
    let org: FinanceOrg;
    if (choice.choice === 'new_invoice') {
      const record = await createOrAdoptInvoiceOrg({ client: this.#client, store: this.#store, fsm, options: choice, signal: call.signal });
      org = this.#describe(financeOrgFromZoho('invoice', record), record);
    } else {
      const app = choice.choice === 'existing_books' ? 'books' : 'invoice';
      const found = (await this.#list(app, call.signal)).find((o) => o.organizationId === choice.organizationId);
      if (found === undefined) {
        throw refused(`${orgLabel({ app, name: choice.organizationId, organizationId: choice.organizationId })} cannot be bound.`, [{
          code: 'ORG_NOT_FOUND',
          message: `It is not among the ${app === 'books' ? 'Zoho Books' : 'Zoho Invoice'} organisations of this user; call options() again and choose a listed one.`,
        }]);
      }
      const [ineligible] = evaluateEligibility([found], await this.#eligibilityContext(call.signal, fsm)).ineligible;
      if (ineligible) throw refused(`${orgLabel(found)} cannot be bound: ${ineligible.reasons.map((r) => r.message).join(' ')}`, ineligible.reasons);
      org = found;
    }
    const binding = bindingOf(org, choice.choice, this.#client.clock.now(), call.email ?? this.#email, fsm);
    const bound = await this.#claim(binding);
    if (choice.choice === 'new_invoice') await this.#store.clearIntent();
    return bound;
  }

  /** The stored binding, or `undefined` before `select()`. */
  binding(): Promise<FinanceBinding | undefined> {
    return this.#store.get();
  }

  /**
   * Runs the setup steps for the bound org: default field mappings, then taxes pushed into a new
   * Invoice account or pulled from an existing org (that org's taxes are the truth). Steps not
   * given to the constructor are reported `not_configured`; finished steps are not run again.
   *
   * @throws {IntegrationHealthError} `NOT_INTEGRATED` before `select()`.
   */
  async onboard(options: OnboardOptions = {}): Promise<OnboardingReport> {
    const binding = await this.#store.get();
    if (binding === undefined) throw new IntegrationHealthError('NOT_INTEGRATED', 'Nothing to set up yet: bind a finance organisation with OrgSelector.select() first.');
    return runOnboarding({
      binding,
      storage: this.#storage,
      progressKey: `${this.#prefix}onboarding`,
      clock: this.#client.clock,
      mapper: this.#options.mapper,
      taxes: this.#options.taxes,
      options,
    });
  }

  /**
   * Switches to another finance org under the switch rules: an administrator only, three attempts
   * an hour (an admin's attempts count whether they succeed or not), a listed and eligible target
   * of the same tax edition and base currency, two-way sync never enabled, and no record still
   * linked to the current org. Facts the API cannot tell (linked records, two-way sync) come from
   * the call, then `switchFacts` hooks, then what the syncer and `enableTwoWaySync()` wrote in Storage.
   *
   * @throws {SwitchRefusedError} with the first refusal's code and every reason.
   * @example
   * ```ts
   * await selector.switch({ app: 'books', organizationId: '60099999' }, { actor: { isAdmin: true } });
   * ```
   */
  async switch(target: SwitchTarget, options: SwitchOptions): Promise<FinanceBinding> {
    checkSwitch(target, options);
    const current = await this.#store.get();
    const fsm = await readFsmProfile(this.#options.fsm, options.signal);
    const facts = await resolveSwitchFacts(options, this.#options.switchFacts ?? {}, { storage: this.#storage, keyPrefix: this.#prefix, clock: this.#client.clock });
    const orgs = await this.#list(target.app, options.signal);
    const found = orgs.find((o) => o.organizationId === target.organizationId);
    const refusals = evaluateSwitch({
      current,
      requested: target,
      target: found,
      fsm,
      isAdmin: options.actor.isAdmin === true,
      recentAttempts: await this.#attempts.recent(),
      eligibility: await this.#eligibilityContext(options.signal, fsm),
      ...facts,
    });
    const [first, ...rest] = refusals;
    // Attempts that never reach the Switch button (not an admin, limit reached) do not count.
    if (first !== undefined && (first.code === 'SWITCH_NOT_ADMIN' || first.code === 'SWITCH_RATE_LIMITED')) throw new SwitchRefusedError([first, ...rest]);
    if (!(await this.#attempts.record())) {
      throw new SwitchRefusedError([{ code: 'SWITCH_RATE_LIMITED', message: 'at most 3 switch attempts are allowed within an hour; try again later.' }]);
    }
    // evaluateSwitch refuses a missing binding or target; the second test only narrows the types.
    if (first !== undefined || current === undefined || found === undefined) {
      throw new SwitchRefusedError(first ? [first, ...rest] : [{ code: 'SWITCH_NOT_INTEGRATED', message: 'no finance organisation is bound yet; choose one with select() instead.' }]);
    }
    const now = this.#client.clock.now();
    const next: FinanceBinding = {
      ...bindingOf(found, 'switch', now, current.email, fsm),
      previous: { app: current.app, organizationId: current.organizationId, name: current.name, unboundAt: now },
    };
    if (!(await this.#store.replace(current, next))) {
      throw new SwitchRefusedError([{ code: 'SWITCH_CONFLICT', message: 'the binding changed while switching (another process switched); read binding() and try again.' }]);
    }
    return next;
  }

  /**
   * Checks the integration: `NOT_INTEGRATED`, `FINANCE_ORG_DELETED`, `TAX_DISABLED_IN_FINANCE`,
   * `CURRENCY_MISMATCH`, `EDITION_MISMATCH`, `TOKEN_REVOKED`. One API call.
   * Errors that say nothing about the integration (network, rate limits) are thrown.
   */
  async health(call: Call = {}): Promise<HealthReport> {
    const [binding, fsm] = await Promise.all([this.#store.get(), readFsmProfile(this.#options.fsm, call.signal)]);
    return checkHealth({ client: this.#client, binding, fsm, describe: this.#options.describeOrg, signal: call.signal });
  }

  /**
   * Throws when a blocking problem forbids creating work orders, service appointments or assets:
   * the finance org was deleted, or none is bound (setup page). Pass a fresh `report` to spare the call.
   *
   * @throws {IntegrationHealthError} with the problem's code and what to do.
   * @example
   * ```ts
   * await selector.assertCanCreate('work_order'); // before client.fsm.workOrders.create(...)
   * ```
   */
  async assertCanCreate(record: CreatableRecord, call: Call & { report?: HealthReport } = {}): Promise<void> {
    if (!isCreatableRecord(record)) {
      throw new ValidationError(`assertCanCreate takes 'work_order', 'service_appointment' or 'asset'; got ${JSON.stringify(record)}.`, [{ path: ['record'], message: 'unknown record kind' }]);
    }
    const report = call.report ?? (await this.health(call));
    const problem = report.problems.find((p) => p.blocking);
    if (problem === undefined) return;
    throw IntegrationHealthError.createBlocked(record, problem, { problems: report.problems });
  }

  async #eligibilityContext(signal: AbortSignal | undefined, known?: FsmOrgProfile): Promise<EligibilityContext> {
    const fsm = known ?? (await readFsmProfile(this.#options.fsm, signal));
    return { now: this.#client.clock.now(), fsmEdition: fsm?.edition, rules: this.#options.rules, avalara: this.#options.avalara };
  }

  #list(app: FinanceApp, signal: AbortSignal | undefined): Promise<FinanceOrg[]> {
    return listFinanceOrgs(this.#client, app, this.#options.describeOrg, signal);
  }

  #describe(org: FinanceOrg, record: Parameters<DescribeOrg>[1]): FinanceOrg {
    return this.#options.describeOrg ? this.#options.describeOrg(org, record) : org;
  }

  async #claim(binding: FinanceBinding): Promise<FinanceBinding> {
    if (await this.#store.replace(undefined, binding)) return binding;
    const existing = await this.#store.get();
    if (existing !== undefined && existing.app === binding.app && existing.organizationId === binding.organizationId) return existing;
    throw alreadyIntegrated(existing);
  }
}

function bindingOf(org: FinanceOrg, choice: OnboardingChoice | 'switch', now: number, email: string | undefined, fsm: FsmOrgProfile | undefined): FinanceBinding {
  const edition = org.edition ?? fsm?.edition;
  const currencyCode = org.currencyCode ?? fsm?.currencyCode;
  return {
    app: org.app,
    organizationId: org.organizationId,
    name: org.name,
    choice,
    boundAt: now,
    ...(edition === undefined ? {} : { edition }),
    ...(currencyCode === undefined ? {} : { currencyCode }),
    ...(email === undefined ? {} : { email }),
  };
}

function sameChoice(binding: FinanceBinding, choice: SelectChoice): boolean {
  if (choice.choice === 'new_invoice') return binding.choice === 'new_invoice';
  return binding.app === (choice.choice === 'existing_books' ? 'books' : 'invoice') && binding.organizationId === choice.organizationId;
}

function refused(message: string, reasons: readonly RefusalReason[]): EligibilityError {
  return new EligibilityError(message, reasons);
}

function alreadyIntegrated(binding: FinanceBinding | undefined): EligibilityError {
  const what = binding ? orgLabel(binding) : 'another organisation';
  return refused(`This FSM organisation is already integrated with ${what}.`, [{
    code: 'ALREADY_INTEGRATED',
    message: `It is already integrated with ${what}; use OrgSelector.switch() to change it.`,
  }]);
}

function checkChoice(choice: SelectChoice): void {
  const kind = (choice as { choice?: unknown } | null)?.choice;
  if (kind === 'new_invoice') return;
  if ((kind === 'existing_invoice' || kind === 'existing_books') && typeof (choice as { organizationId?: unknown }).organizationId === 'string') return;
  throw new ValidationError("select() takes { choice: 'new_invoice' } or { choice: 'existing_invoice' | 'existing_books', organizationId }.", [
    { path: ['choice'], message: 'unknown choice or missing organizationId' },
  ]);
}

function checkSwitch(target: SwitchTarget, options: SwitchOptions): void {
  const issues = [];
  if (target?.app !== 'books' && target?.app !== 'invoice') issues.push({ path: ['target', 'app'], message: "expected 'books' or 'invoice'" });
  if (typeof target?.organizationId !== 'string' || target.organizationId === '') issues.push({ path: ['target', 'organizationId'], message: 'expected a non-empty string' });
  if (typeof options?.actor?.isAdmin !== 'boolean') issues.push({ path: ['options', 'actor', 'isAdmin'], message: 'say whether the acting user is an FSM administrator' });
  if (issues.length > 0) throw new ValidationError('switch(target, { actor: { isAdmin } }) got malformed input.', issues);
}
